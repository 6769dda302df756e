// "Recent" in the top bar (and the r key): the recent dumps in a dialog, reachable while a dump is
// open. Escape or ✕ closes it; reopening a dump closes it too; focus goes back where it was.
import { Modal } from '../common/Modal.tsx';
import { useDialogsStore } from '../common/dialogs-store.ts';
import { RecentDumps } from './RecentDumps.tsx';

export function RecentButton() {
  // The r key opens it too (shortcuts/registry.ts).
  const open = useDialogsStore((s) => s.open === 'recent');
  const show = () => useDialogsStore.getState().show('recent');
  const hide = () => useDialogsStore.getState().hide('recent');

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
