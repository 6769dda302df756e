// Keeps the hex cursor in step with navigation: a new dump clears it; a navigation (select, goTo,
// Back/Forward) moves an active cursor to the address navigated to (dropping the selection); a
// change of target with no active cursor leaves it cleared. Scrolling (setAddress) leaves it alone.
import { useViewStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { useHexStore } from './hex-store.ts';

let installed = false;

export function installHexSync(): void {
  if (installed) return;
  installed = true;
  onDumpChange('hex cursor', () => useHexStore.setState({ cursor: null, anchor: null }));
  useViewStore.subscribe((s, prev) => {
    const targetChanged = s.target?.kind !== prev.target?.kind || s.target?.index !== prev.target?.index;
    if (s.navSeq === prev.navSeq && !targetChanged) return;
    const h = useHexStore.getState();
    if (h.cursor !== null && s.target !== null && s.address !== null) useHexStore.setState({ cursor: s.address, anchor: null });
    else if (targetChanged) useHexStore.setState({ cursor: null, anchor: null });
  });
}
