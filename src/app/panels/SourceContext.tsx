// The dump text around one line (from a diagnostic, an entry or a register), in a small dialog.
import { useEffect, useRef } from 'react';
import { useViewStore } from '../store.ts';
import { useSourceStore } from './source-store.ts';

export function SourceContext() {
  const line = useViewStore((s) => s.sourceLine);
  if (line === null) return null;
  return <SourceDialog key={line} line={line} />;
}

const LOADING = { status: 'loading' } as const;

function close(): void {
  useViewStore.getState().showLine(null);
}

function SourceDialog({ line }: { line: number }) {
  const loaded = useSourceStore((s) => (s.line === line ? s.loaded : LOADING));
  const closeRef = useRef<HTMLButtonElement>(null);
  const currentRef = useRef<HTMLLIElement>(null);

  // (A new dump reloads it: source-store.ts.)
  useEffect(() => useSourceStore.getState().load(line), [line]);

  // Focus moves into the dialog, and back to where it was when the dialog closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (before && before.isConnected) before.focus();
    };
  }, []);

  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'nearest' });
  }, [loaded]);

  return (
    <div
      className="source-context"
      role="dialog"
      aria-label={`Source line ${line}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="sc-head">
        <h2>Source line {line}</h2>
        <button type="button" ref={closeRef} onClick={close} aria-label="Close source view" title="Close (Escape)">✕</button>
      </div>
      {loaded.status === 'loading' && <p className="muted sc-note" role="status">Loading…</p>}
      {loaded.status === 'error' && <p className="sc-note sc-error" role="alert">{loaded.message}</p>}
      {loaded.status === 'ok' && (
        loaded.lines.length === 0 ? (
          <p className="muted sc-note">Line {line} is not in the dump.</p>
        ) : (
          <ol className="sc-lines mono" aria-label={`Lines ${loaded.lines[0].line} to ${loaded.lines[loaded.lines.length - 1].line}`}>
            {loaded.lines.map((l) => (
              <li
                key={l.line}
                ref={l.line === line ? currentRef : undefined}
                className={l.line === line ? 'current' : undefined}
                aria-current={l.line === line ? 'true' : undefined}
                data-line={l.line}
              >
                <span className="sc-num" aria-hidden="true">{l.line}</span>
                <span className="sc-text">{l.text === '' ? ' ' : l.text}</span>
              </li>
            ))}
          </ol>
        )
      )}
    </div>
  );
}
