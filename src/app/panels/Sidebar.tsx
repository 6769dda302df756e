// The side column: tabs for ranges, sections, engines, diagnostics and blobs, plus the source view.
import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { PANELS, PANEL_LABELS, diagnosticCounts, nextTab, type PanelId } from './rows.ts';
import { RangesPanel } from './RangesPanel.tsx';
import { SectionsPanel } from './SectionsPanel.tsx';
import { EnginesPanel } from './EnginesPanel.tsx';
import { DiagnosticsPanel } from './DiagnosticsPanel.tsx';
import { BlobsPanel } from './BlobsPanel.tsx';
import { SourceContext } from './SourceContext.tsx';
import './panels.css';

export function Sidebar({ summary }: { summary: DumpSummary }) {
  const panel = useViewStore((s) => s.panel);
  const tabs = useRef<Partial<Record<PanelId, HTMLButtonElement | null>>>({});
  const diag = useMemo(() => diagnosticCounts(summary.diagnostics), [summary.diagnostics]);
  const counts: Record<PanelId, number> = {
    ranges: summary.ranges.length,
    sections: summary.sections.count,
    engines: summary.engines.length,
    diagnostics: diag.total,
    blobs: summary.blobs.length,
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = nextTab(panel, e.key);
    if (!next) return;
    e.preventDefault();
    useViewStore.getState().setPanel(next);
    tabs.current[next]?.focus();
  };

  const diagLabel = diag.total === 0
    ? 'Diagnostics, no problems'
    : `Diagnostics, ${diag.total} ${diag.total === 1 ? 'problem' : 'problems'}${diag.errors ? `, ${diag.errors} ${diag.errors === 1 ? 'error' : 'errors'}` : ''}`;

  return (
    <aside className="sidebar" id="pane-sidebar" aria-label="Dump contents">
      <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onTabKey}>
        {PANELS.map((p, i) => {
          const isDiag = p === 'diagnostics';
          const badgeClass = isDiag ? (diag.errors ? ' badge-error' : diag.warnings ? ' badge-warning' : '') : '';
          return (
            <button
              key={p}
              ref={(el) => { tabs.current[p] = el; }}
              type="button"
              role="tab"
              id={`tab-${p}`}
              aria-selected={panel === p}
              aria-controls={`tabpanel-${p}`}
              aria-label={isDiag ? diagLabel : `${PANEL_LABELS[p]} (${counts[p]})`}
              aria-keyshortcuts={`Alt+${i + 1}`}
              title={`${PANEL_LABELS[p]} (Alt+${i + 1})`}
              tabIndex={panel === p ? 0 : -1}
              className={`tab${panel === p ? ' active' : ''}`}
              onClick={() => useViewStore.getState().setPanel(p)}
            >
              {PANEL_LABELS[p]}
              <span className={`count-badge${badgeClass}`} aria-hidden="true">{counts[p]}</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`tabpanel-${panel}`} aria-labelledby={`tab-${panel}`} className="tabpanel">
        {panel === 'ranges' && <RangesPanel summary={summary} />}
        {panel === 'sections' && <SectionsPanel summary={summary} />}
        {panel === 'engines' && <EnginesPanel summary={summary} />}
        {panel === 'diagnostics' && <DiagnosticsPanel summary={summary} />}
        {panel === 'blobs' && <BlobsPanel summary={summary} />}
      </div>
      <SourceContext />
    </aside>
  );
}
