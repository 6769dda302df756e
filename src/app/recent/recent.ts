// The page's recent-dumps store: kept in OPFS, fed by the dump store (every dump that opens), and
// told when the open dump changes (bytes of a dump forgotten while open are deleted then).
import { useDumpStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { browserStorage } from '../storage.ts';
import { opfsBackend } from './opfs.ts';
import { createRecentStore, type StorageLike } from './recent-store.ts';

export const useRecentStore = createRecentStore({
  backend: opfsBackend(),
  settings: browserStorage,
  open: (source) => useDumpStore.getState().open(source),
  openId: () => useDumpStore.getState().dump?.fingerprint ?? null,
});

onDumpChange('recent dumps', ({ source, dump }) => {
  void useRecentStore.getState().openChanged();
  void useRecentStore.getState().remember(source, dump);
});

declare global {
  interface Window {
    __devcoredumpRecent?: typeof useRecentStore;
  }
}
// Automation hook (end-to-end tests wait for a dump to be kept).
if (typeof window !== 'undefined') window.__devcoredumpRecent = useRecentStore;
