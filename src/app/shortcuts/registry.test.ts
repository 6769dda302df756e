import { describe, expect, it } from 'vitest';
import { GROUPS, SHORTCUTS, groupedShortcuts } from './registry.ts';
import { matchesCombo, type KeyLike } from './keymap.ts';

const has = (combo: string, description: RegExp) =>
  SHORTCUTS.some((s) => s.keys.some((k) => k === combo) && description.test(s.description));

type Key = Omit<KeyLike, 'shiftKey'> & { shiftKey?: boolean };
/** Does the declared shortcut (by its description, anywhere on the page) take this key? */
const takes = (description: string, e: Key) =>
  SHORTCUTS.some((s) => s.run && !s.where && s.description === description && s.keys.some((k) => matchesCombo(k, { shiftKey: false, ...e })));
const isHelpKey = (e: Key) => takes('Show keyboard shortcuts', e);
const isAddBookmarkKey = (e: Key) => takes('Bookmark the byte under the cursor', e);
const isSearchKey = (e: Key) => takes('Search memory (every range and blob)', e);
const matchStepKey = (e: Key) => (takes('Next match', e) ? 1 : takes('Previous match', e) ? -1 : 0);

describe('shortcut registry', () => {
  it('lists the shortcuts of the app', () => {
    expect(has('Ctrl+O', /open a dump file/i)).toBe(true);
    expect(has('Ctrl+Shift+V', /clipboard/i)).toBe(true);
    expect(has('Escape', /cancel opening/i)).toBe(true);
    for (let i = 1; i <= 5; i++) expect(has(`Alt+${i}`, /panel/i)).toBe(true);
    for (const k of ['↑', '↓', '←', '→', 'PageUp', 'PageDown', 'Home', 'End', 'Ctrl+Home', 'Ctrl+End'])
      expect(SHORTCUTS.some((s) => s.group === 'Hex view' && s.keys.some((c) => c === k))).toBe(true);
    expect(has('Ctrl+G', /^go to address$/i)).toBe(true);
    expect(has('Alt+←', /back/i)).toBe(true);
    expect(has('Alt+→', /forward/i)).toBe(true);
    expect(has('Ctrl+C', /copy/i)).toBe(true);
    expect(has('Ctrl+Shift+C', /copy/i)).toBe(true);
    expect(has('Ctrl+D', /bookmark/i)).toBe(true);
    expect(has('?', /shortcuts/i)).toBe(true);
    expect(has('Ctrl+F', /search memory/i)).toBe(true);
    expect(has('F3', /next match/i)).toBe(true);
    expect(has('Shift+F3', /previous match/i)).toBe(true);
  });
  it('has no combination twice for the same place', () => {
    const seen = new Set<string>();
    for (const s of SHORTCUTS)
      for (const k of s.keys) {
        const key = `${k}@${s.where ?? ''}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
  });
  it('groups in order, every shortcut once', () => {
    const g = groupedShortcuts();
    expect(g.map((x) => x.group)).toEqual(GROUPS.filter((n) => SHORTCUTS.some((s) => s.group === n)));
    expect(g.reduce((n, x) => n + x.shortcuts.length, 0)).toBe(SHORTCUTS.length);
  });
  it('? opens the help, with no Ctrl, Alt or Meta', () => {
    const e = { key: '?', ctrlKey: false, altKey: false, metaKey: false };
    expect(isHelpKey(e)).toBe(true);
    expect(isHelpKey({ ...e, ctrlKey: true })).toBe(false);
    expect(isHelpKey({ ...e, altKey: true })).toBe(false);
    expect(isHelpKey({ ...e, metaKey: true })).toBe(false);
    expect(isHelpKey({ ...e, key: '/' })).toBe(false);
  });
});

describe('Ctrl+D', () => {
  it('is Ctrl+D or Cmd+D, no Alt or Shift', () => {
    const e = { key: 'd', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };
    expect(isAddBookmarkKey(e)).toBe(true);
    expect(isAddBookmarkKey({ ...e, key: 'D', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isAddBookmarkKey({ ...e, ctrlKey: false })).toBe(false);
    expect(isAddBookmarkKey({ ...e, shiftKey: true })).toBe(false);
    expect(isAddBookmarkKey({ ...e, altKey: true })).toBe(false);
  });
});

describe('search keys', () => {
  const e = { key: 'f', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };
  it('Ctrl+F or Cmd+F opens the search', () => {
    expect(isSearchKey(e)).toBe(true);
    expect(isSearchKey({ ...e, key: 'F', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSearchKey({ ...e, ctrlKey: false })).toBe(false);
    expect(isSearchKey({ ...e, shiftKey: true })).toBe(false);
  });
  it('F3 is the next match, Shift+F3 the previous', () => {
    const f3 = { ...e, key: 'F3', ctrlKey: false };
    expect(matchStepKey(f3)).toBe(1);
    expect(matchStepKey({ ...f3, shiftKey: true })).toBe(-1);
    expect(matchStepKey({ ...f3, ctrlKey: true })).toBe(0);
    expect(matchStepKey({ ...f3, key: 'F4' })).toBe(0);
  });
});
