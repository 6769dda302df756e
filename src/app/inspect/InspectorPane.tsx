// The inspector side panel: the data inspector at the hex cursor, and copy / export of the
// selection. It folds to a narrow strip (the default on screens too narrow to share with the hex
// rows); the choice is kept in localStorage. Folded, its parts stay mounted (shortcuts work).
import { CopyExport } from './CopyExport.tsx';
import { DataInspector } from './DataInspector.tsx';
import { useInspectStore } from './inspect-store.ts';
import './inspect.css';

export function InspectorPane() {
  // `i` folds it too (shortcuts/registry.ts); the choice is kept (inspect-store.ts).
  const open = useInspectStore((s) => s.open);
  const toggle = useInspectStore((s) => s.toggle);
  return (
    <section className={`inspector${open ? '' : ' inspector-folded'}`} id="pane-inspector" aria-label="Inspector">
      <div className="insp-head">
        <h2>Inspector</h2>
        <button type="button" className="insp-toggle" aria-expanded={open} aria-controls="inspector-body" onClick={toggle} title={open ? 'Fold the inspector' : 'Show the inspector'}>
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      <div id="inspector-body" hidden={!open}>
        <DataInspector />
        <CopyExport />
      </div>
    </section>
  );
}
