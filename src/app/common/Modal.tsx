// A modal dialog on the native <dialog>: opened with showModal (focus trapped, the page inert),
// closed by Escape, the backdrop or its ✕ button; focus goes back to where it was. The caller's
// store says whether it is open.
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import './modal.css';

export interface ModalProps {
  open: boolean;
  onClose: () => void;
  /** Heading shown at the top; without one, the content brings its own and `label` names the dialog. */
  title?: string;
  /** Id of the title element (aria-labelledby), with a title. */
  titleId?: string;
  /** The dialog's accessible name when there is no title. */
  label?: string;
  className?: string;
  /** Name of the close button ("Close keyboard shortcuts"). */
  closeLabel: string;
  children: ReactNode;
  /** Selector of the element to focus when it opens (the close button when none matches). */
  initialFocus?: string;
}

export function Modal({ open, onClose, title, titleId, label, className, closeLabel, children, initialFocus }: ModalProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  // A layout effect: the native dialog opens and closes in the same commit as the state, so a key
  // pressed right after Escape reaches the page, not a dialog that is about to close.
  useLayoutEffect(() => {
    const d = dialogRef.current;
    if (!d) return;
    if (open && !d.open) {
      const active = document.activeElement;
      returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
      d.showModal();
      const first = initialFocus ? d.querySelector<HTMLElement>(initialFocus) : null;
      (first ?? closeRef.current)?.focus();
    } else if (!open && d.open) {
      d.close();
    }
    if (!open) {
      const el = returnFocus.current;
      returnFocus.current = null;
      if (el && el.isConnected) el.focus();
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={dialogRef}
      className={`modal ${className ?? ''}`}
      aria-modal="true"
      aria-labelledby={title ? titleId : undefined}
      aria-label={title ? undefined : label}
      onKeyDown={(e) => {
        // Keys pressed in a dialog stay in it: the page's shortcuts (hex options, F3, Ctrl+D, …)
        // must not act behind it.
        e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault(); // close here, and cancel nothing else (an open in progress)
          onClose();
        }
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={(e) => {
        // The native close event comes a task later: by then the dialog may be open again (closed
        // with Escape and reopened at once), and that must not close it.
        if (open && !e.currentTarget.open) onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose(); // the backdrop
      }}
    >
      {open && (
        <div className="modal-body">
          <div className="modal-head">
            {title && <h2 id={titleId}>{title}</h2>}
            <button ref={closeRef} type="button" onClick={onClose} aria-label={closeLabel} title="Close (Escape)">
              ✕
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
