// Start what makes this an installed, offline app: the service worker (with the update prompt's
// store) and "Open with" launches. Called once from src/main.tsx.
import { registerSW } from 'virtual:pwa-register';
import { openFiles } from '../open/actions.ts';
import { useNoticeStore } from '../open/notice.ts';
import { consumeLaunches } from './launch.ts';
import { useUpdateStore } from './update-store.ts';

export function startPwa(): void {
  // Under the dev server this registerSW does nothing (no service worker is built there).
  useUpdateStore.getState().start(registerSW);
  consumeLaunches(window.launchQueue, openFiles, (message) => useNoticeStore.getState().show(message, 'warning'));
}

declare global {
  interface Window {
    __devcoredumpUpdate?: typeof useUpdateStore;
  }
}
// Automation hook (end-to-end tests read the update state).
if (typeof window !== 'undefined') window.__devcoredumpUpdate = useUpdateStore;
