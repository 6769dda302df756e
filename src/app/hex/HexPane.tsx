// The hex pane of the current view target (a range or a blob): the header line, the toolbar, and
// the grid (HexGrid: virtual scroll, keys, mouse; HexGridView and HexRow draw it) or the Commands
// view, or why there are no bytes to show.
import { useMemo } from 'react';
import { selectSource, selectSummary, useDumpStore, useViewStore } from '../store.ts';
import { resolveTarget } from './target.ts';
import { useHexStore } from './hex-store.ts';
import { installHexSync } from './hex-sync.ts';
import { HexStatus, HexToolbar } from './HexTools.tsx';
import { HexHeader, noDataMessage } from './HexHeader.tsx';
import { HexGrid } from './HexGrid.tsx';
import { useCommandsStore } from '../commands/commands-store.ts';
import { PaneTabs } from '../commands/PaneTabs.tsx';
import { CommandsView } from '../commands/CommandsView.tsx';
import './hex.css';

installHexSync();

export function HexPane() {
  // While a first dump parses, the partial summary and the parsing worker serve the view.
  const dump = useDumpStore(selectSummary);
  const client = useDumpStore(selectSource);
  const generation = useDumpStore((s) => s.generation);
  const target = useViewStore((s) => s.target);
  const t = useMemo(() => resolveTarget(dump, target), [dump, target]);

  const bpr = useHexStore((s) => s.options.bytesPerRow);
  const mode = useCommandsStore((s) => s.mode);

  if (!dump || !t) {
    return (
      <section className="hexpane hex-pane" aria-label="Hex view">
        {dump && <HexToolbar dump={dump} t={null} />}
        <p className="hex-message">Select a memory range or a blob to see its bytes.</p>
      </section>
    );
  }
  const showGrid = t.hasData && t.length > 0 && client !== null;
  return (
    <section className="hexpane hex-pane" aria-label="Hex view">
      <HexHeader dump={dump} t={t} />
      <HexToolbar dump={dump} t={t} />
      <PaneTabs>
        {showGrid && mode === 'commands' ? (
          <CommandsView t={t} />
        ) : showGrid ? (
          <>
            <HexGrid key={`${generation}:${t.kind}:${t.index}:${bpr}`} t={t} source={client} />
            <HexStatus t={t} />
          </>
        ) : (
          <div className="hex-message" role="status" data-testid="hex-nodata">
            {noDataMessage(dump, t)}
          </div>
        )}
      </PaneTabs>
    </section>
  );
}
