// The one keymap's machinery: a shortcut is declared once (registry.ts) with its keys, where it
// applies and its action; one keydown listener on the window (installKeymap) dispatches to it, and
// the "?" help is drawn from the same declarations. Keys a focused widget handles itself (arrows in
// a table, Enter in a form) are declared without an action: the help lists them, the widget acts.
import { isTextField } from '../open/format.ts';

/** What the dispatcher reads of a keydown event (a KeyboardEvent has it all). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  defaultPrevented?: boolean;
  target?: EventTarget | null;
}

export type ShortcutGroup = 'Opening dumps' | 'Layout' | 'Panels' | 'Hex view' | 'Commands view' | 'Navigation' | 'Search' | 'Bookmarks' | 'Sharing' | 'Help';

export const GROUPS: readonly ShortcutGroup[] = ['Opening dumps', 'Layout', 'Panels', 'Hex view', 'Commands view', 'Navigation', 'Search', 'Bookmarks', 'Sharing', 'Help'];

export interface Shortcut {
  group: ShortcutGroup;
  /**
   * Alternatives, each a combination written `Ctrl+Shift+S` (Ctrl also matches Cmd; `←` `→` `↑`
   * `↓` the arrows; `Space`). The help shows them as written; the dispatcher matches them.
   */
  keys: string[];
  description: string;
  /** Where it works, for the help, when not everywhere (a widget's own keys say which widget). */
  where?: string;
  /** The action. Absent: a focused widget handles these keys itself (the help lists them). */
  run?: (e: KeyboardEvent) => void | boolean;
  /** Also inside a text box (input, textarea, contenteditable). Default: not there. */
  inTextField?: boolean;
  /** Also while a dialog has focus or a modal dialog is open. Default: not then. */
  inDialog?: boolean;
  /** A state condition, e.g. a dump is open; when false the key is left to the browser. */
  when?: () => boolean;
}

const ARROWS: Record<string, string> = { '←': 'ArrowLeft', '→': 'ArrowRight', '↑': 'ArrowUp', '↓': 'ArrowDown', Space: ' ' };
const MODIFIERS = ['Ctrl', 'Alt', 'Shift'] as const;

/** A combination ("Ctrl+Shift+S", "?", "Alt+1") split into its parts, as the help shows it. */
export function comboParts(combo: string): string[] {
  return combo === '+' ? ['+'] : combo.split(/\+(?!$)/);
}

/** Words for a key combination, for screen readers and titles: "Ctrl+Shift+V". */
export function comboText(parts: readonly string[]): string {
  return parts.join('+');
}

/** Does a keydown event press this combination? Modifiers not named must be up (Shift aside for a
 *  single character, whose case or symbol already says it: `?` is Shift+/ on most layouts). */
export function matchesCombo(combo: string, e: KeyLike): boolean {
  const parts = comboParts(combo);
  const key = parts[parts.length - 1];
  const mods = new Set(parts.slice(0, -1));
  for (const m of mods) if (!(MODIFIERS as readonly string[]).includes(m)) throw new Error(`unknown modifier ${m} in ${combo}`);
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl !== mods.has('Ctrl') || e.altKey !== mods.has('Alt')) return false;
  const single = key.length === 1 && !/^[0-9]$/.test(key);
  if (!single || mods.size > 0) {
    if (e.shiftKey !== mods.has('Shift')) return false;
  }
  if (/^[0-9]$/.test(key)) return e.code === `Digit${key}` || e.code === `Numpad${key}` || (!e.code && e.key === key);
  if (single && /[a-z]/i.test(key)) return mods.size > 0 ? e.key.toLowerCase() === key.toLowerCase() : e.key === key;
  return e.key === (ARROWS[key] ?? key);
}

/** Is the event inside a dialog, or is a modal dialog open? */
export function inDialog(target: EventTarget | null | undefined, doc: Pick<Document, 'querySelector'> | null = typeof document !== 'undefined' ? document : null): boolean {
  if (target && typeof (target as Element).closest === 'function' && (target as Element).closest('dialog, [role="dialog"]')) return true;
  return !!doc?.querySelector('dialog[open]');
}

export interface DispatchEnv {
  isTextField(target: EventTarget | null | undefined): boolean;
  inDialog(target: EventTarget | null | undefined): boolean;
}

const DOM_ENV: DispatchEnv = { isTextField, inDialog: (t) => inDialog(t) };

/**
 * The shortcut a keydown event triggers, or null: the first declaration (in order) with an action
 * whose keys match, that applies where the event happened and whose condition holds.
 */
export function findShortcut(list: readonly Shortcut[], e: KeyLike, env: DispatchEnv = DOM_ENV): Shortcut | null {
  if (e.defaultPrevented) return null;
  let text: boolean | undefined;
  let dialog: boolean | undefined;
  for (const s of list) {
    if (!s.run || !s.keys.some((k) => matchesCombo(k, e))) continue;
    if (!s.inTextField && (text ??= env.isTextField(e.target))) continue;
    if (!s.inDialog && (dialog ??= env.inDialog(e.target))) continue;
    if (s.when && !s.when()) continue;
    return s;
  }
  return null;
}

/** Run the shortcut an event triggers. True when one acted (its default is then prevented). */
export function dispatchKey(list: readonly Shortcut[], e: KeyboardEvent, env: DispatchEnv = DOM_ENV): boolean {
  const s = findShortcut(list, e, env);
  if (!s) return false;
  if (s.run!(e) === false) return false;
  e.preventDefault();
  return true;
}

/** The one keydown listener of the page. Returns the uninstall. */
export function installKeymap(list: readonly Shortcut[], target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const onKey = (e: KeyboardEvent) => {
    dispatchKey(list, e);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}

/** The shortcuts by group, in GROUPS order (empty groups left out), for the help. */
export function groupShortcuts(list: readonly Shortcut[]): { group: ShortcutGroup; shortcuts: Shortcut[] }[] {
  return GROUPS.map((group) => ({ group, shortcuts: list.filter((s) => s.group === group) })).filter((g) => g.shortcuts.length > 0);
}

/** The `aria-keyshortcuts` value of a combination ("Ctrl+Shift+S" → "Control+Shift+S"). */
export function ariaKeys(combo: string): string {
  return comboParts(combo).map((p) => (p === 'Ctrl' ? 'Control' : p)).join('+');
}
