// Every keyboard shortcut of the app, for the "Keyboard shortcuts" help (press ?). Each handler
// lives with its component; this list says what they do. Keep it in step when adding one.
import { OPTION_KEYS } from '../hex/option-keys.ts';

export type ShortcutGroup = 'Opening dumps' | 'Layout' | 'Panels' | 'Hex view' | 'Navigation' | 'Search' | 'Bookmarks' | 'Sharing' | 'Help';

export interface Shortcut {
  /** Alternatives; each is the keys pressed together, e.g. [['Ctrl', 'O']]. */
  keys: string[][];
  description: string;
  group: ShortcutGroup;
  /** Where it works, when not everywhere. */
  where?: string;
}

export const GROUPS: readonly ShortcutGroup[] = ['Opening dumps', 'Layout', 'Panels', 'Hex view', 'Navigation', 'Search', 'Bookmarks', 'Sharing', 'Help'];

export const SHORTCUTS: readonly Shortcut[] = [
  // src/app/open/OpenControls.tsx, ProgressBar.tsx
  { group: 'Opening dumps', keys: [['Ctrl', 'O']], description: 'Open a dump file' },
  { group: 'Opening dumps', keys: [['Ctrl', 'Shift', 'V']], description: 'Open dump text from the clipboard' },
  { group: 'Opening dumps', keys: [['Ctrl', 'V']], description: 'Paste a dump (file or text) anywhere on the page' },
  { group: 'Opening dumps', keys: [['Escape']], description: 'Cancel opening a dump', where: 'while a dump opens' },
  // src/app/recent/RecentButton.tsx
  { group: 'Opening dumps', keys: [['r']], description: 'Recent dumps (kept in this browser)' },

  // src/app/layout/layout-keys.ts, Separator.tsx
  { group: 'Layout', keys: [['d']], description: 'Show / fold the dump details (the header folds to one line)' },
  { group: 'Layout', keys: [['m']], description: 'Show / fold the address map' },
  { group: 'Layout', keys: [['h']], description: 'Show / fold the hang summary' },
  { group: 'Layout', keys: [['t']], description: 'Switch between the light and the dark theme' },
  { group: 'Layout', keys: [['s']], description: 'Show / hide the sidebar drawer', where: 'windows under 900 px wide' },
  { group: 'Layout', keys: [['←'], ['→']], description: 'Resize the pane (Shift: bigger steps)', where: 'on a pane separator' },
  { group: 'Layout', keys: [['Home'], ['End']], description: 'Narrowest / widest pane', where: 'on a pane separator' },
  { group: 'Layout', keys: [['Enter']], description: 'Default pane width (or double-click the separator)', where: 'on a pane separator' },

  // src/app/panels/Sidebar.tsx, format.ts (shortcutPanel, nextTab), RangesPanel.tsx, SourceContext.tsx
  { group: 'Panels', keys: [['Alt', '1']], description: 'Ranges panel' },
  { group: 'Panels', keys: [['Alt', '2']], description: 'Sections panel' },
  { group: 'Panels', keys: [['Alt', '3']], description: 'Engines panel' },
  { group: 'Panels', keys: [['Alt', '4']], description: 'Diagnostics panel' },
  { group: 'Panels', keys: [['Alt', '5']], description: 'Blobs panel' },
  { group: 'Panels', keys: [['←'], ['→']], description: 'Previous / next panel tab', where: 'in the tab list' },
  { group: 'Panels', keys: [['↑'], ['↓'], ['PageUp'], ['PageDown'], ['Home'], ['End']], description: 'Move in the ranges table', where: 'in the ranges table' },
  { group: 'Panels', keys: [['Enter'], ['Space']], description: 'Show the range in the hex view', where: 'in the ranges table' },
  { group: 'Panels', keys: [['Escape']], description: 'Close the source view', where: 'in the source view' },

  // src/app/hex/HexPane.tsx
  { group: 'Hex view', keys: [['←'], ['→'], ['↑'], ['↓']], description: 'Move the cursor' },
  { group: 'Hex view', keys: [['PageUp'], ['PageDown']], description: 'Move one page up / down' },
  { group: 'Hex view', keys: [['Home'], ['End']], description: 'Start / end of the row' },
  { group: 'Hex view', keys: [['Ctrl', 'Home'], ['Ctrl', 'End']], description: 'Start / end of the range' },
  { group: 'Hex view', keys: [['Shift', '←'], ['Shift', '→'], ['Shift', '↑'], ['Shift', '↓']], description: 'Extend the selection (Shift with any move key)' },
  { group: 'Hex view', keys: [['Escape']], description: 'Clear the selection', where: 'in the hex view' },
  // src/app/inspect/CopyExport.tsx
  { group: 'Hex view', keys: [['Ctrl', 'C']], description: 'Copy the selection as a hex dump' },
  { group: 'Hex view', keys: [['Ctrl', 'S']], description: 'Download the selection (or the cursor byte) as .bin' },
  { group: 'Hex view', keys: [['Ctrl', 'Alt', 'S']], description: 'Download the whole range or blob as .bin' },
  // src/app/hex/option-keys.ts, src/app/inspect/, src/app/bookmarks/BookmarksPane.tsx
  ...Object.entries(OPTION_KEYS).map(([key, description]) => ({ group: 'Hex view' as const, keys: [[key]], description })),
  { group: 'Hex view', keys: [['f']], description: 'Follow the GPU address at the cursor (inspector)' },
  { group: 'Hex view', keys: [['i']], description: 'Show / fold the inspector' },
  { group: 'Bookmarks', keys: [['b']], description: 'Show / fold the bookmarks' },
  { group: 'Hex view', keys: [['Ctrl', 'Shift', 'C']], description: 'Copy the selection (or the byte under the cursor) as hex' },

  // src/app/hex/HexTools.tsx
  { group: 'Navigation', keys: [['Ctrl', 'G']], description: 'Go to address' },
  { group: 'Navigation', keys: [['Enter']], description: 'Jump to the address typed', where: 'in the go-to box' },
  { group: 'Navigation', keys: [['Escape']], description: 'Back to the hex view', where: 'in the go-to box' },
  { group: 'Navigation', keys: [['Alt', '←']], description: 'Back' },
  { group: 'Navigation', keys: [['Alt', '→']], description: 'Forward' },

  // src/app/search/SearchPane.tsx
  { group: 'Search', keys: [['Ctrl', 'F']], description: 'Search memory (every range and blob)' },
  { group: 'Search', keys: [['F3']], description: 'Next match' },
  { group: 'Search', keys: [['Shift', 'F3']], description: 'Previous match' },
  { group: 'Search', keys: [['Enter']], description: 'Search, or the next match once searched', where: 'in the search box' },
  { group: 'Search', keys: [['Shift', 'Enter']], description: 'Previous match', where: 'in the search box' },
  { group: 'Search', keys: [['↑'], ['↓'], ['Home'], ['End']], description: 'Move through the results (the hex view follows)', where: 'in the search results' },
  { group: 'Search', keys: [['Enter']], description: 'Show the result in the hex view', where: 'in the search results' },
  { group: 'Search', keys: [['Escape']], description: 'Close the search', where: 'in the search pane' },

  // src/app/bookmarks/BookmarksPane.tsx
  { group: 'Bookmarks', keys: [['Ctrl', 'D']], description: 'Bookmark the byte under the cursor' },
  { group: 'Bookmarks', keys: [['Enter']], description: 'Save the bookmark', where: 'in the bookmark form' },
  { group: 'Bookmarks', keys: [['Escape']], description: 'Cancel the bookmark', where: 'in the bookmark form' },

  // src/app/share/ShareControls.tsx, keys.ts
  { group: 'Sharing', keys: [['Ctrl', 'Shift', 'S']], description: 'Share a link to the selection (or the rows on screen)' },
  { group: 'Sharing', keys: [['Ctrl', 'Shift', 'E']], description: 'Export a snapshot file (a smaller dump)' },
  { group: 'Sharing', keys: [['Escape']], description: 'Close the dialog', where: 'in the share and export dialogs' },

  // src/app/shortcuts/ShortcutsHelp.tsx
  { group: 'Help', keys: [['?']], description: 'Show keyboard shortcuts' },
  { group: 'Help', keys: [['Escape']], description: 'Close this help', where: 'in this dialog' },
];

/** The shortcuts by group, in GROUPS order (empty groups left out). */
export function groupedShortcuts(list: readonly Shortcut[] = SHORTCUTS): { group: ShortcutGroup; shortcuts: Shortcut[] }[] {
  return GROUPS.map((group) => ({ group, shortcuts: list.filter((s) => s.group === group) })).filter((g) => g.shortcuts.length > 0);
}

/** Words for a key combination, for screen readers and titles: "Ctrl+Shift+V". */
export function comboText(combo: readonly string[]): string {
  return combo.join('+');
}

/** "?" opens the help: typed (Shift+/ on most layouts) with no Ctrl, Alt or Meta. */
export function isHelpKey(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  return e.key === '?' && !e.ctrlKey && !e.altKey && !e.metaKey;
}

/** Ctrl+D (Cmd+D): bookmark where the hex view is. */
export function isAddBookmarkKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'd';
}

type KeyLike = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean };

/** Ctrl+F (Cmd+F): open the memory search. */
export function isSearchKey(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f';
}

/** F3 → 1 (next match), Shift+F3 → -1 (previous), anything else → 0. */
export function matchStepKey(e: KeyLike): 1 | -1 | 0 {
  if (e.key !== 'F3' || e.ctrlKey || e.metaKey || e.altKey) return 0;
  return e.shiftKey ? -1 : 1;
}
