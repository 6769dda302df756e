// Copy the selection (or the cursor byte) as hex / hex dump / C array / base64, and download it
// or the whole range as a .bin file. The actions, their keys' logic and the status live in
// copy-store.ts (the keys in shortcuts/registry.ts).
import { useMemo } from 'react';
import { useHexStore } from '../hex/hex-store.ts';
import { selectSummary, useDumpStore, useViewStore } from '../store.ts';
import { currentSpan, useCopyStore } from './copy-store.ts';
import { inspectTarget } from './target.ts';

export function CopyExport() {
  const cursor = useHexStore((s) => s.cursor);
  const anchor = useHexStore((s) => s.anchor);
  const target = useViewStore((s) => s.target);
  const summary = useDumpStore(selectSummary);
  const t = useMemo(() => inspectTarget(summary, target), [summary, target]);
  const span = currentSpan(t, { cursor, anchor });
  const { status, busy, copy, download } = useCopyStore();

  const n = span ? Number(span.end - span.start) : 0;
  const what = !span ? 'Nothing selected' : span.selection ? `${n} byte${n === 1 ? '' : 's'} selected` : 'the cursor byte';
  const off = !span || busy !== null;
  return (
    <div className="insp-copy" role="group" aria-label="Copy and export">
      <p className="insp-at">
        {span ? (
          <>
            Copy {what} <span className="mono">0x{span.start.toString(16)}</span>
          </>
        ) : (
          'Place the cursor or select bytes to copy them.'
        )}
      </p>
      <div className="insp-buttons">
        <button type="button" disabled={off} onClick={() => copy('hex')} title="Ctrl+Shift+C">
          Copy hex
        </button>
        <button type="button" disabled={off} onClick={() => copy('hexdump')} title="Ctrl+C with a selection">
          Copy hex dump
        </button>
        <button type="button" disabled={off} onClick={() => copy('c')}>
          Copy as C array
        </button>
        <button type="button" disabled={off} onClick={() => copy('base64')}>
          Copy base64
        </button>
      </div>
      <div className="insp-buttons">
        <button type="button" disabled={off} onClick={() => download(false)} title="Ctrl+S">
          Download .bin
        </button>
        <button type="button" disabled={!t || !t.hasData || busy !== null} onClick={() => download(true)} title={t ? `${t.fileName} (Ctrl+Alt+S)` : undefined}>
          Download range
        </button>
        {busy && (
          <button type="button" onClick={() => busy.abort()}>
            Cancel
          </button>
        )}
      </div>
      <p className="insp-status" role="status">
        {status}
      </p>
    </div>
  );
}
