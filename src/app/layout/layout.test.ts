import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, defaultSettings, keyResize, paneBounds, paneWidth, parseSettings, shownTheme, toggledTheme } from './layout.ts';
import { findShortcut } from '../shortcuts/keymap.ts';
import { SHORTCUTS } from '../shortcuts/registry.ts';
import { useDumpStore } from '../store.ts';
import { useLayoutStore } from './layout-store.ts';

describe('pane widths', () => {
  it('default to a share of the window for the sidebar, a fixed width for the side panes', () => {
    expect(paneWidth('sidebar', null, 1366)).toBe(342);
    expect(paneWidth('sidebar', null, 1920)).toBe(480);
    expect(paneWidth('sidebar', null, 1000)).toBe(340);
    expect(paneWidth('search', null, 1366)).toBe(330);
  });
  it('keep a chosen width within the pane limits and 60 % of the window', () => {
    expect(paneWidth('sidebar', 500, 1366)).toBe(500);
    expect(paneWidth('sidebar', 10, 1366)).toBe(240);
    expect(paneWidth('sidebar', 5000, 1366)).toBe(Math.floor(1366 * 0.6));
    expect(paneWidth('inspector', 5000, 3000)).toBe(640);
    expect(paneBounds('bookmarks', 200)).toEqual({ min: 180, max: 180 });
  });
});

describe('keyResize', () => {
  const b = { min: 200, max: 600 };
  it('moves the separator with the arrows: the grow arrow widens, the other narrows', () => {
    expect(keyResize('ArrowRight', false, 300, b, 'ArrowRight')).toBe(316);
    expect(keyResize('ArrowLeft', false, 300, b, 'ArrowRight')).toBe(284);
    expect(keyResize('ArrowLeft', false, 300, b, 'ArrowLeft')).toBe(316);
    expect(keyResize('ArrowLeft', true, 300, b, 'ArrowLeft')).toBe(380);
  });
  it('Home and End give the narrowest and widest; the ends clamp; other keys are not ours', () => {
    expect(keyResize('Home', false, 300, b, 'ArrowRight')).toBe(200);
    expect(keyResize('End', false, 300, b, 'ArrowRight')).toBe(600);
    expect(keyResize('ArrowRight', true, 590, b, 'ArrowRight')).toBe(600);
    expect(keyResize('ArrowUp', false, 300, b, 'ArrowRight')).toBeNull();
  });
});

describe('parseSettings', () => {
  it('gives the defaults for nothing, garbage or wrong types', () => {
    for (const t of [null, '', 'not json', '42', '[]', '{"open":{"map":"no"},"sizes":{"sidebar":-5},"theme":"pink"}']) {
      expect(parseSettings(t)).toEqual(DEFAULT_SETTINGS);
    }
  });
  it('keeps what is valid', () => {
    const s = parseSettings(JSON.stringify({ open: { map: false, hang: false }, sizes: { sidebar: 412.4, search: 'x' }, theme: 'dark' }));
    expect(s.open).toEqual({ details: false, map: false, hang: false });
    expect(s.sizes).toEqual({ sidebar: 412, search: null, inspector: null, bookmarks: null });
    expect(s.theme).toBe('dark');
  });
  it('a window under 1200 px high starts with the map folded; what was stored wins', () => {
    expect(defaultSettings(768).open).toEqual({ details: false, map: false, hang: true });
    expect(defaultSettings(1440).open).toEqual({ details: false, map: true, hang: true });
    expect(parseSettings(null, defaultSettings(768)).open.map).toBe(false);
    expect(parseSettings('{"open":{"map":true}}', defaultSettings(768)).open.map).toBe(true);
  });
  it('never shares the defaults object', () => {
    parseSettings(null).open.map = false;
    expect(DEFAULT_SETTINGS.open.map).toBe(true);
  });
});

describe('theme', () => {
  it('shows the system scheme until a choice overrides it', () => {
    expect(shownTheme('system', true)).toBe('dark');
    expect(shownTheme('system', false)).toBe('light');
    expect(shownTheme('light', true)).toBe('light');
  });
  it('the toggle picks the opposite of what is shown; picking the system scheme follows the system again', () => {
    expect(toggledTheme('light', false)).toBe('dark');
    expect(toggledTheme('dark', false)).toBe('system');
    expect(toggledTheme('dark', true)).toBe('light');
    expect(toggledTheme('light', true)).toBe('system');
  });
});

describe('layout keys in the keymap', () => {
  const env = { isTextField: () => false, inDialog: () => false };
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) =>
    ({ key: k, code: /^[0-9]$/.test(k) ? `Digit${k}` : undefined, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });
  const press = (k: string, mods = {}) => {
    const s = findShortcut(SHORTCUTS, key(k, mods), env);
    s?.run?.({} as KeyboardEvent);
    return s;
  };
  beforeEach(() => {
    useLayoutStore.setState({ ...structuredClone(DEFAULT_SETTINGS), vw: 1366, drawerOpen: false });
    useDumpStore.setState({ dump: { ranges: [] } as never });
  });
  afterEach(() => useDumpStore.setState({ dump: null }));

  it('d, m and Shift+H fold and unfold the details, the map and the hang strip', () => {
    press('m');
    press('H', { shiftKey: true });
    press('d');
    expect(useLayoutStore.getState().open).toEqual({ details: true, map: false, hang: false });
    press('m');
    expect(useLayoutStore.getState().open.map).toBe(true);
  });
  it('leaves Ctrl+D (bookmark) and Shift+M alone', () => {
    expect(press('d', { ctrlKey: true })?.group).not.toBe('Layout');
    expect(press('M', { shiftKey: true })).toBeNull();
    expect(useLayoutStore.getState().open).toEqual(DEFAULT_SETTINGS.open);
  });
  it('t toggles the theme', () => {
    useLayoutStore.setState({ systemDark: false });
    press('t');
    expect(useLayoutStore.getState().theme).toBe('dark');
    press('t');
    expect(useLayoutStore.getState().theme).toBe('system');
  });
  it('s and Escape work the drawer only in a narrow window', () => {
    expect(press('s')).toBeNull();
    useLayoutStore.setState({ vw: 800 });
    globalThis.requestAnimationFrame ??= (() => 0) as never;
    press('s');
    expect(useLayoutStore.getState().drawerOpen).toBe(true);
    press('Escape');
    expect(useLayoutStore.getState().drawerOpen).toBe(false);
    press('3', { altKey: true });
    expect(useLayoutStore.getState().drawerOpen).toBe(true);
  });
});
