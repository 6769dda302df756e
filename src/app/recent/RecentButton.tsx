// "Recent" in the top bar (and the r key): the recent dumps in a dialog, reachable while a dump is
// open. Escape or ✕ closes it; reopening a dump closes it too; focus goes back where it was.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTextField } from '../open/format.ts';
import { RecentDumps } from './RecentDumps.tsx';

/** The r key (no modifiers), outside text fields. */
export function isRecentKey(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  return e.key === 'r' && !e.ctrlKey && !e.altKey && !e.metaKey;
}

export function RecentButton() {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setOpen(true);
  }, []);
  const hide = useCallback(() => setOpen(false), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isRecentKey(e) || isTextField(e.target) || dialogRef.current?.open) return;
      if (document.querySelector('dialog[open]')) return; // another dialog is up
      e.preventDefault();
      show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  useEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      closeRef.current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
    if (!open) {
      const el = returnFocus.current;
      returnFocus.current = null;
      if (el && el.isConnected) el.focus();
    }
  }, [open]);

  return (
    <>
      <button type="button" onClick={show} aria-keyshortcuts="R" title="Dumps kept in this browser (r)">
        Recent
      </button>
      <dialog
        ref={dialogRef}
        className="recent-dialog"
        aria-modal="true"
        aria-label="Recent dumps"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            hide();
          }
        }}
        onCancel={(e) => {
          e.preventDefault();
          hide();
        }}
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === e.currentTarget) hide(); // the backdrop
        }}
      >
        {open && (
          <>
            <div className="recent-dialog-head">
              <button ref={closeRef} type="button" onClick={hide} aria-label="Close recent dumps" title="Close (Escape)">
                ✕
              </button>
            </div>
            <RecentDumps headingLevel={2} onOpened={hide} />
          </>
        )}
      </dialog>
    </>
  );
}
