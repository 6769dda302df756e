import { describe, expect, it, vi } from 'vitest';
import { ariaKeys, comboParts, dispatchKey, findShortcut, inDialog, installKeymap, matchesCombo, type DispatchEnv, type KeyLike, type Shortcut } from './keymap.ts';
import { SHORTCUTS } from './registry.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const env = (text = false, dialog = false): DispatchEnv => ({ isTextField: () => text, inDialog: () => dialog });

describe('matchesCombo', () => {
  it('Ctrl means Ctrl or Cmd; other modifiers must be up', () => {
    expect(matchesCombo('Ctrl+G', key('g', { ctrlKey: true }))).toBe(true);
    expect(matchesCombo('Ctrl+G', key('G', { metaKey: true }))).toBe(true);
    expect(matchesCombo('Ctrl+G', key('g'))).toBe(false);
    expect(matchesCombo('Ctrl+G', key('g', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(matchesCombo('Ctrl+G', key('G', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesCombo('Ctrl+Shift+S', key('S', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesCombo('Ctrl+Shift+S', key('s', { ctrlKey: true }))).toBe(false);
  });

  it('a single character is compared as typed (case and Shift symbols)', () => {
    expect(matchesCombo('g', key('g'))).toBe(true);
    expect(matchesCombo('g', key('G', { shiftKey: true }))).toBe(false);
    expect(matchesCombo('g', key('g', { ctrlKey: true }))).toBe(false);
    expect(matchesCombo('?', key('?', { shiftKey: true }))).toBe(true);
    expect(matchesCombo('?', key('/'))).toBe(false);
  });

  it('arrows, named keys and Shift with them', () => {
    expect(matchesCombo('Alt+←', key('ArrowLeft', { altKey: true }))).toBe(true);
    expect(matchesCombo('Alt+←', key('ArrowLeft', { altKey: true, shiftKey: true }))).toBe(false);
    expect(matchesCombo('F3', key('F3'))).toBe(true);
    expect(matchesCombo('F3', key('F3', { shiftKey: true }))).toBe(false);
    expect(matchesCombo('Shift+F3', key('F3', { shiftKey: true }))).toBe(true);
    expect(matchesCombo('Escape', key('Escape'))).toBe(true);
    expect(matchesCombo('Space', key(' '))).toBe(true);
  });

  it('Alt+digit by the physical key (any layout)', () => {
    const k = { altKey: true };
    expect(matchesCombo('Alt+1', key('¡', { ...k, code: 'Digit1' }))).toBe(true);
    expect(matchesCombo('Alt+5', key('5', { ...k, code: 'Numpad5' }))).toBe(true);
    expect(matchesCombo('Alt+1', key('6', { ...k, code: 'Digit6' }))).toBe(false);
    expect(matchesCombo('Alt+1', key('1', { code: 'Digit1' }))).toBe(false);
    expect(matchesCombo('Alt+1', key('1', { ...k, ctrlKey: true, code: 'Digit1' }))).toBe(false);
  });

  it('splits a combination for the help and for aria-keyshortcuts', () => {
    expect(comboParts('Ctrl+Shift+S')).toEqual(['Ctrl', 'Shift', 'S']);
    expect(comboParts('?')).toEqual(['?']);
    expect(ariaKeys('Ctrl+Shift+S')).toBe('Control+Shift+S');
  });
});

describe('the dispatcher', () => {
  const run = vi.fn();
  const list: Shortcut[] = [
    { group: 'Help', keys: ['x'], description: 'plain', run: () => run('plain') },
    { group: 'Help', keys: ['Ctrl+K'], description: 'in text too', inTextField: true, run: () => run('text') },
    { group: 'Help', keys: ['Ctrl+J'], description: 'in dialogs too', inDialog: true, run: () => run('dialog') },
    { group: 'Help', keys: ['y'], description: 'only when allowed', when: () => allowed, run: () => run('when') },
    { group: 'Help', keys: ['Enter'], description: 'a widget key', where: 'in a widget' },
    { group: 'Help', keys: ['z'], description: 'declines', run: () => false },
  ];
  let allowed = false;

  it('finds the declared action for a key, and none for keys nobody declared', () => {
    expect(findShortcut(list, key('x'), env())?.description).toBe('plain');
    expect(findShortcut(list, key('q'), env())).toBeNull();
  });

  it('leaves keys typed in a text box alone, unless the shortcut is meant for it', () => {
    expect(findShortcut(list, key('x'), env(true))).toBeNull();
    expect(findShortcut(list, key('k', { ctrlKey: true }), env(true))?.description).toBe('in text too');
  });

  it('does not act behind a dialog, unless meant to', () => {
    expect(findShortcut(list, key('x'), env(false, true))).toBeNull();
    expect(findShortcut(list, key('j', { ctrlKey: true }), env(false, true))?.description).toBe('in dialogs too');
  });

  it('checks the state condition, and skips events already handled', () => {
    expect(findShortcut(list, key('y'), env())).toBeNull();
    allowed = true;
    expect(findShortcut(list, key('y'), env())?.description).toBe('only when allowed');
    expect(findShortcut(list, key('x', { defaultPrevented: true }), env())).toBeNull();
  });

  it('never dispatches a key a widget handles itself', () => {
    expect(findShortcut(list, key('Enter'), env())).toBeNull();
  });

  it('prevents the default only when an action ran and did not decline', () => {
    const ev = (k: string) => Object.assign(new KeyboardEventLike(k), {});
    const a = ev('x');
    expect(dispatchKey(list, a as unknown as KeyboardEvent, env())).toBe(true);
    expect(a.prevented).toBe(true);
    const b = ev('z');
    expect(dispatchKey(list, b as unknown as KeyboardEvent, env())).toBe(false);
    expect(b.prevented).toBe(false);
  });

  it('one listener on the window, removed by the uninstall', () => {
    const added: string[] = [];
    const removed: string[] = [];
    const target = { addEventListener: (t: string) => added.push(t), removeEventListener: (t: string) => removed.push(t) };
    const off = installKeymap(list, target as unknown as Window);
    expect(added).toEqual(['keydown']);
    off();
    expect(removed).toEqual(['keydown']);
  });
});

class KeyboardEventLike {
  ctrlKey = false;
  metaKey = false;
  altKey = false;
  shiftKey = false;
  defaultPrevented = false;
  target = null;
  prevented = false;
  constructor(public key: string) {}
  preventDefault() {
    this.prevented = true;
    this.defaultPrevented = true;
  }
}

describe('inDialog', () => {
  it('is true inside a dialog element or when a modal dialog is open', () => {
    const inside = { closest: (sel: string) => (sel.includes('dialog') ? {} : null) } as unknown as EventTarget;
    const outside = { closest: () => null } as unknown as EventTarget;
    expect(inDialog(inside, { querySelector: () => null })).toBe(true);
    expect(inDialog(outside, { querySelector: () => null })).toBe(false);
    expect(inDialog(outside, { querySelector: () => ({}) as Element })).toBe(true);
  });
});

describe('the app keymap (registry.ts)', () => {
  const actionFor = (e: KeyLike) => SHORTCUTS.find((s) => s.run && s.keys.some((k) => matchesCombo(k, e)))?.description ?? null;

  it('maps Alt+1…Alt+5 to the panels by physical key', () => {
    const k = { altKey: true };
    expect(actionFor(key('1', { ...k, code: 'Digit1' }))).toBe('Ranges panel');
    expect(actionFor(key('4', { ...k, code: 'Digit4' }))).toBe('Diagnostics panel');
    expect(actionFor(key('5', { ...k, code: 'Numpad5' }))).toBe('Blobs panel');
    expect(actionFor(key('6', { ...k, code: 'Digit6' }))).toBeNull();
    expect(actionFor(key('1', { code: 'Digit1' }))).toBeNull();
    expect(actionFor(key('1', { ...k, ctrlKey: true, code: 'Digit1' }))).toBeNull();
  });

  it('gives no key two actions in the same place', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS.filter((x) => x.run)) {
      for (const k of s.keys) {
        const id = `${k}|${s.inTextField ? 't' : ''}`;
        expect(seen.get(id), `${k}: ${s.description}`).toBeUndefined();
        seen.set(id, s.description);
      }
    }
  });

  it('leaves one-key shortcuts to the text box being typed in', () => {
    for (const k of ['g', 'e', 'w', 'a', 'z', 'o', 'i', 'b', 'f', 'r', '?']) {
      const s = SHORTCUTS.find((x) => x.run && x.keys.includes(k));
      expect(s, k).toBeDefined();
      expect(s!.inTextField ?? false, k).toBe(false);
      expect(s!.inDialog ?? false, k).toBe(false);
    }
  });
});
