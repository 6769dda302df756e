// The "Keyboard shortcuts" help: a modal dialog listing SHORTCUTS by group, drawn from the same
// declarations the keymap dispatches (registry.ts), opened with ? (when typing in no text field)
// or the fixed "?" button by the top bar. Escape closes it; focus goes back where it was.
import { Fragment } from 'react';
import { Modal } from '../common/Modal.tsx';
import { useDialogsStore } from '../common/dialogs-store.ts';
import { comboParts, comboText, groupedShortcuts } from './registry.ts';
import './shortcuts.css';

const GROUPED = groupedShortcuts();

function Keys({ keys }: { keys: string[] }) {
  return (
    <>
      {keys.map(comboParts).map((combo, i) => (
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
  const open = useDialogsStore((s) => s.open === 'help');
  const show = () => useDialogsStore.getState().show('help');
  const hide = () => useDialogsStore.getState().hide('help');

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
      <Modal open={open} onClose={hide} title="Keyboard shortcuts" titleId="sc-dialog-title" className="sc-dialog" closeLabel="Close keyboard shortcuts">
        <div className="sc-groups" role="region" aria-label="Shortcut list" tabIndex={0}>
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
      </Modal>
    </>
  );
}
