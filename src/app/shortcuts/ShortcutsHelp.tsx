// The "Keyboard shortcuts" help: a modal dialog listing SHORTCUTS by group, opened with ? (when
// typing in no text field) or the fixed "?" button by the top bar. Escape closes it; focus goes
// back where it was.
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { isTextField } from '../open/format.ts';
import { comboText, groupedShortcuts, isHelpKey } from './registry.ts';
import './shortcuts.css';

const GROUPED = groupedShortcuts();

function Keys({ keys }: { keys: string[][] }) {
  return (
    <>
      {keys.map((combo, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="sc-or"> or </span>}
          <span className="sc-combo" title={comboText(combo)}>
            {combo.map((k, j) => (
              <Fragment key={j}>
                {j > 0 && '+'}
                <kbd>{k}</kbd>
              </Fragment>
            ))}
          </span>
        </Fragment>
      ))}
    </>
  );
}

export function ShortcutsHelp() {
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
      if (e.defaultPrevented || !isHelpKey(e) || isTextField(e.target)) return;
      if (dialogRef.current?.open) return;
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
      <button
        type="button"
        className="sc-help-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="Shift+?"
        title="Keyboard shortcuts (?)"
        onClick={show}
      >
        ?
      </button>
      <dialog
        ref={dialogRef}
        className="sc-dialog"
        aria-modal="true"
        aria-labelledby="sc-dialog-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault(); // close here, and cancel nothing else (an open in progress)
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
          <div className="sc-body">
            <div className="sc-head">
              <h2 id="sc-dialog-title">Keyboard shortcuts</h2>
              <button ref={closeRef} type="button" onClick={hide} aria-label="Close keyboard shortcuts" title="Close (Escape)">
                ✕
              </button>
            </div>
            <div className="sc-groups">
              {GROUPED.map(({ group, shortcuts }) => (
                <table key={group} className="sc-table">
                  <caption>{group}</caption>
                  <thead className="visually-hidden">
                    <tr>
                      <th scope="col">Keys</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shortcuts.map((s, i) => (
                      <tr key={i}>
                        <td className="sc-keys">
                          <Keys keys={s.keys} />
                        </td>
                        <td>
                          {s.description}
                          {s.where && <span className="sc-where"> ({s.where})</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
