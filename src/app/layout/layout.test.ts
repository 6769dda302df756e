import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, keyResize, paneBounds, paneWidth, parseSettings, shownTheme, toggledTheme } from './layout.ts';
import { layoutAction } from './layout-keys.ts';

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

describe('layoutAction', () => {
  const k = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });
  it('maps d, m, h to the folds and t to the theme', () => {
    expect(layoutAction(k('d'), false, false)).toEqual({ kind: 'fold', fold: 'details' });
    expect(layoutAction(k('m'), false, false)).toEqual({ kind: 'fold', fold: 'map' });
    expect(layoutAction(k('h'), false, false)).toEqual({ kind: 'fold', fold: 'hang' });
    expect(layoutAction(k('t'), false, false)).toEqual({ kind: 'theme' });
  });
  it('leaves keys with modifiers alone (Ctrl+D bookmarks, Ctrl+M…)', () => {
    expect(layoutAction(k('d', { ctrlKey: true }), false, false)).toBeNull();
    expect(layoutAction(k('M', { shiftKey: true }), false, false)).toBeNull();
    expect(layoutAction(k('1', { altKey: true }), false, false)).toBeNull();
  });
  it('handles the drawer only in narrow windows', () => {
    expect(layoutAction(k('s'), false, false)).toBeNull();
    expect(layoutAction(k('s'), true, false)).toEqual({ kind: 'drawer', open: true });
    expect(layoutAction(k('s'), true, true)).toEqual({ kind: 'drawer', open: false });
    expect(layoutAction(k('Escape'), true, true)).toEqual({ kind: 'drawer', open: false });
    expect(layoutAction(k('Escape'), true, false)).toBeNull();
    expect(layoutAction(k('3', { altKey: true }), true, false)).toEqual({ kind: 'drawer', open: true });
  });
});
