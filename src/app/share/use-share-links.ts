// Opens the share link in the address bar: at start, and when another one is pasted into it.
import { useEffect } from 'react';
import { useSnapshotStore } from './snapshot-store.ts';

export function useShareLinks(): void {
  useEffect(() => {
    const open = () => void useSnapshotStore.getState().openFragment(location.hash);
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
}
