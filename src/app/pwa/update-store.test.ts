import { describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { createUpdateStore, selectShowPrompt, UPDATE_CHECK_MS, type RegisterSW } from './update-store.ts';

/** A fake vite-plugin-pwa registerSW: records the callbacks and the "activate" calls. */
function fakeRegister() {
  const calls = { register: 0, activate: 0 };
  let options: RegisterSWOptions = {};
  const register: RegisterSW = (o) => {
    calls.register++;
    options = o;
    return async () => {
      calls.activate++;
    };
  };
  return { register, calls, opts: () => options };
}

/** A fake navigator.serviceWorker: `take()` makes a worker the page's controller. */
function fakeContainer(controlled: boolean) {
  const listeners: (() => void)[] = [];
  const c = {
    controller: controlled ? {} : null,
    addEventListener: (_: 'controllerchange', fn: () => void) => void listeners.push(fn),
    take() {
      c.controller = {};
      for (const fn of listeners) fn();
    },
  };
  return c;
}

function setup(controlled = false) {
  const reload = vi.fn();
  const timers: { fn: () => void; ms: number }[] = [];
  let online = true;
  const container = fakeContainer(controlled);
  const store = createUpdateStore({
    reload,
    container,
    setInterval: (fn, ms) => timers.push({ fn, ms }),
    online: () => online,
  });
  const sw = fakeRegister();
  store.getState().start(sw.register);
  return { store, reload, timers, sw, container, setOnline: (v: boolean) => (online = v) };
}

describe('update store', () => {
  it('registers once, at once', () => {
    const { store, sw } = setup();
    store.getState().start(sw.register);
    expect(sw.calls.register).toBe(1);
    expect(sw.opts().immediate).toBe(true);
  });

  it('says the app is ready offline on first install, or when a worker is active already', () => {
    const a = setup();
    expect(a.store.getState().offlineReady).toBe(false);
    a.sw.opts().onOfflineReady!();
    expect(a.store.getState().offlineReady).toBe(true);

    const b = setup();
    b.sw.opts().onRegisteredSW!('/sw.js', { active: {}, installing: null, update: async () => {} } as unknown as ServiceWorkerRegistration);
    expect(b.store.getState().offlineReady).toBe(true);
  });

  it('shows the prompt for a waiting version and never reloads until asked', async () => {
    const { store, reload, sw } = setup();
    expect(selectShowPrompt(store.getState())).toBe(false);
    sw.opts().onNeedRefresh!();
    expect(selectShowPrompt(store.getState())).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    expect(sw.calls.activate).toBe(0);

    await store.getState().update();
    expect(sw.calls.activate).toBe(1);
    expect(store.getState().updating).toBe(true);
    // The page reloads when the new version has taken control, not before.
    expect(reload).not.toHaveBeenCalled();
    sw.opts().onNeedReload!();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does nothing on update() with no new version, and activates only once', async () => {
    const { store, sw } = setup();
    await store.getState().update();
    expect(sw.calls.activate).toBe(0);
    sw.opts().onNeedRefresh!();
    await Promise.all([store.getState().update(), store.getState().update()]);
    expect(sw.calls.activate).toBe(1);
  });

  it('does not reload when another window activated the new version: it asks', async () => {
    const { store, reload, sw } = setup();
    sw.opts().onNeedRefresh!();
    sw.opts().onNeedReload!(); // the other window's click
    expect(reload).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ needRefresh: true, activatedElsewhere: true });
    expect(selectShowPrompt(store.getState())).toBe(true);
    await store.getState().update();
    expect(sw.calls.activate).toBe(0); // nothing is waiting any more: only this page reloads
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('"Later" hides the prompt until another version turns up', () => {
    const { store, sw } = setup();
    sw.opts().onNeedRefresh!();
    store.getState().dismiss();
    expect(selectShowPrompt(store.getState())).toBe(false);
    sw.opts().onNeedRefresh!();
    expect(selectShowPrompt(store.getState())).toBe(true);
  });

  it('checks for a new version every hour while online', () => {
    const { timers, sw, setOnline } = setup();
    const update = vi.fn(async () => {});
    sw.opts().onRegisteredSW!('/sw.js', { active: null, installing: null, update } as unknown as ServiceWorkerRegistration);
    expect(timers.map((t) => t.ms)).toEqual([UPDATE_CHECK_MS]);
    timers[0].fn();
    expect(update).toHaveBeenCalledTimes(1);
    setOnline(false);
    timers[0].fn();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('on a page that had no worker when it loaded, the first takeover is going offline-ready', () => {
    const { store, reload, container } = setup(false);
    container.take();
    expect(store.getState()).toMatchObject({ offlineReady: true, needRefresh: false });
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads once when the version this page asked for takes over (the plugin tells only pages that loaded controlled)', async () => {
    const { store, reload, sw, container } = setup(false);
    container.take(); // first install claimed the page
    sw.opts().onNeedRefresh!();
    await store.getState().update();
    expect(reload).not.toHaveBeenCalled();
    container.take(); // the new version
    sw.opts().onNeedReload!(); // the plugin too, on a page that loaded controlled
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('a takeover asked for by another window, seen as a controller change, only shows the prompt', () => {
    const { store, reload, container } = setup(true);
    container.take();
    expect(reload).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ needRefresh: true, activatedElsewhere: true });
  });

  it('keeps the registration error', () => {
    const { store, sw } = setup();
    sw.opts().onRegisterError!(new Error('SecurityError: insecure origin'));
    expect(store.getState().registerError).toBe('SecurityError: insecure origin');
  });
});
