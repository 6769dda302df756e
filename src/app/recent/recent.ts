// The page's recent-dumps store: kept in OPFS, fed by the dump store (every dump that opens), and
// told when the open dump changes (bytes of a dump forgotten while open are deleted then).
import { onDumpOpened, useDumpStore } from '../store.ts';
import { opfsBackend } from './opfs.ts';
import { createRecentStore, type StorageLike } from './recent-store.ts';

const browserStorage = (): StorageLike | null => {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage disabled: reading `localStorage` throws
  }
};

export const useRecentStore = createRecentStore({
  backend: opfsBackend(),
  settings: browserStorage,
  open: (source) => useDumpStore.getState().open(source),
  openId: () => useDumpStore.getState().dump?.fingerprint ?? null,
});

onDumpOpened((source, summary) => void useRecentStore.getState().remember(source, summary));
useDumpStore.subscribe((s, prev) => {
  if (s.dump !== prev.dump) void useRecentStore.getState().openChanged();
});

declare global {
  interface Window {
    __devcoredumpRecent?: typeof useRecentStore;
  }
}
// Automation hook (end-to-end tests wait for a dump to be kept).
if (typeof window !== 'undefined') window.__devcoredumpRecent = useRecentStore;
