// The inspector side panel: the data inspector at the hex cursor, and copy / export of the
// selection. It folds to a narrow strip (the default on screens too narrow to share with the hex
// rows); the choice is kept in localStorage. Folded, its parts stay mounted (shortcuts work).
import { useEffect, useRef, useState } from 'react';
import { isTextField } from '../open/format.ts';
import { CopyExport } from './CopyExport.tsx';
import { DataInspector } from './DataInspector.tsx';
import './inspect.css';

const OPEN_KEY = 'devcoredump.inspector.open';
/** Below this window width the panel starts folded, so the hex rows keep their room. */
const WIDE = 1600;

function initialOpen(): boolean {
  try {
    const v = localStorage.getItem(OPEN_KEY);
    if (v === '1' || v === '0') return v === '1';
  } catch {
    // no storage
  }
  return typeof window !== 'undefined' && window.innerWidth >= WIDE;
}

export function InspectorPane() {
  const [open, setOpen] = useState(initialOpen);
  const toggle = () => {
    setOpen(!open);
    try {
      localStorage.setItem(OPEN_KEY, open ? '0' : '1');
    } catch {
      // no storage: the choice lasts for this visit
    }
  };
  // `i` shows or folds the inspector (outside text fields).
  const toggleRef = useRef(toggle);
  toggleRef.current = toggle;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'i' || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented || isTextField(e.target)) return;
      e.preventDefault();
      toggleRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
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
