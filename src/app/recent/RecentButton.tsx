// "Recent" in the top bar (and the r key): the recent dumps in a dialog, reachable while a dump is
// open. Escape or ✕ closes it; reopening a dump closes it too; focus goes back where it was.
import { useCallback, useState } from 'react';
import { Modal, useOpenKey } from '../common/Modal.tsx';
import { RecentDumps } from './RecentDumps.tsx';

/** The r key (no modifiers), outside text fields. */
export function isRecentKey(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  return e.key === 'r' && !e.ctrlKey && !e.altKey && !e.metaKey;
}

export function RecentButton() {
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  const hide = useCallback(() => setOpen(false), []);

  useOpenKey(isRecentKey, show);

  return (
    <>
      <button type="button" onClick={show} aria-keyshortcuts="R" title="Dumps kept in this browser (r)">
        Recent
      </button>
      <Modal open={open} onClose={hide} label="Recent dumps" className="recent-dialog" closeLabel="Close recent dumps">
        <RecentDumps headingLevel={2} onOpened={hide} />
      </Modal>
    </>
  );
}
