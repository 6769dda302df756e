// The service worker's state for the page (zustand): "ready to work offline", and "a new version is
// ready" with "Reload to update". The page never reloads by itself: a new version waits (the
// service worker is built with registerType 'prompt', no skipWaiting) until the user asks for it.
//
// The registration itself is vite-plugin-pwa's `registerSW` (virtual:pwa-register), passed in by
// src/main.tsx, so that this logic runs in unit tests with a fake.
import { create } from 'zustand';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

/** vite-plugin-pwa's registerSW: registers, and returns "activate the waiting version". */
export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

/** How often an open page asks the server for a new version (when online). */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface UpdateState {
  /** The app is stored in the browser (a service worker is active): it works with no network. */
  offlineReady: boolean;
  /** A new version is installed and waits: show "Reload to update". */
  needRefresh: boolean;
  /** Another window activated the new version already: this page runs the old code until it reloads. */
  activatedElsewhere: boolean;
  /** The user chose "Reload to update"; the page reloads once the new version takes over. */
  updating: boolean;
  /** The prompt was put off ("Later"); it comes back when another new version turns up. */
  dismissed: boolean;
  /** Why the service worker could not register (offline use unavailable). */
  registerError: string | null;
  /** Register the service worker (once). */
  start(register: RegisterSW): void;
  /** "Reload to update". */
  update(): Promise<void>;
  /** "Later". */
  dismiss(): void;
}

/** The part of navigator.serviceWorker the store watches. */
export interface WorkerContainerLike {
  readonly controller: unknown;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export interface UpdateStoreOptions {
  reload?: () => void;
  /** navigator.serviceWorker (tests pass a fake; null: none). */
  container?: WorkerContainerLike | null;
  /** Periodic update checks (tests pass a fake). */
  setInterval?: (fn: () => void, ms: number) => unknown;
  online?: () => boolean;
}

export function createUpdateStore(opts: UpdateStoreOptions = {}) {
  const reload = opts.reload ?? (() => window.location.reload());
  const every = opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const online = opts.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  const container =
    opts.container !== undefined ? opts.container : typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  let activate: ((reloadPage?: boolean) => Promise<void>) | null = null;
  let reloaded = false;

  return create<UpdateState>()((set, get) => {
    /**
     * A new version took control of this page. When this page asked for it, reload now; when
     * another window did, say so and wait for the user (never reload in the middle of work).
     */
    const takenOver = () => {
      if (get().updating) {
        if (!reloaded) {
          reloaded = true;
          reload();
        }
      } else {
        set({ needRefresh: true, activatedElsewhere: true, dismissed: false, offlineReady: true });
      }
    };

    return {
      offlineReady: false,
      needRefresh: false,
      activatedElsewhere: false,
      updating: false,
      dismissed: false,
      registerError: null,

      start(register) {
        if (activate) return;
        activate = register({
          immediate: true,
          onOfflineReady: () => set({ offlineReady: true }),
          onNeedRefresh: () => set({ needRefresh: true, dismissed: false }),
          // Given, so that the plugin never reloads by itself. It calls this only on pages that had a
          // service worker when they loaded: the controllerchange below covers the others.
          onNeedReload: takenOver,
          onRegisteredSW: (_url, registration) => {
            if (!registration) return;
            if (registration.active) set({ offlineReady: true });
            every(() => {
              if (online() && !registration.installing) void registration.update().catch(() => {});
            }, UPDATE_CHECK_MS);
          },
          onRegisterError: (e: unknown) => set({ registerError: e instanceof Error ? e.message : String(e) }),
        });
        if (container) {
          // The first worker claiming the page is the app going offline-ready; a later change of
          // controller is a new version taking over.
          let had = container.controller != null;
          container.addEventListener('controllerchange', () => {
            const was = had;
            had = container.controller != null;
            if (was) takenOver();
            else set({ offlineReady: true });
          });
        }
      },

      async update() {
        if (!get().needRefresh || get().updating) return;
        set({ updating: true });
        // Already active (another window updated): only this page is left to reload.
        if (get().activatedElsewhere || !activate) {
          reload();
          return;
        }
        await activate(true); // tells the waiting version to take over; takenOver() then reloads
      },

      dismiss() {
        set({ dismissed: true });
      },
    };
  });
}

export type UpdateStore = ReturnType<typeof createUpdateStore>;

export const useUpdateStore = createUpdateStore();

/** Whether to show the "Reload to update" prompt. */
export const selectShowPrompt = (s: UpdateState): boolean => s.needRefresh && !s.dismissed;
