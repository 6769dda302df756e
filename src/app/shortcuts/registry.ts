// Every keyboard shortcut of the app, declared once: its keys, where it applies and its action.
// One keydown listener (keymap.ts, installed by main.tsx) dispatches them, and the "?" help is
// drawn from this list, so the two cannot drift. Entries without `run` are keys a focused widget
// handles itself (a table, a form, the hex grid): listed for the help. Add a shortcut here (see
// src/README.md), not with a listener of its own.
import { chooseFile } from '../open/notice.ts';
import { pasteFromClipboard } from '../open/actions.ts';
import { selectSummary, useDumpStore, useViewStore } from '../store.ts';
import { PANELS, PANEL_LABELS } from '../panels/rows.ts';
import { useHexStore } from '../hex/hex-store.ts';
import { OPTION_KEYS, optionPatch } from '../hex/option-keys.ts';
import { copyKey, downloadKey } from '../inspect/copy-store.ts';
import { followAtCursor, useInspectStore } from '../inspect/inspect-store.ts';
import { useBookmarksPane } from '../bookmarks/pane-store.ts';
import { useSearchStore } from '../search/search-store.ts';
import { useShareStore } from '../share/share-store.ts';
import { useDialogsStore } from '../common/dialogs-store.ts';
import { useCommandsStore } from '../commands/commands-store.ts';
import { requestFocus } from './focus-request.ts';
import { useLayoutStore } from '../layout/layout-store.ts';
import { DRAWER_KEY, FOLD_KEYS, THEME_KEY, drawerShown, isNarrow, setDrawer, showPanelInDrawer } from '../layout/layout-keys.ts';
import { groupShortcuts, type Shortcut } from './keymap.ts';

export { GROUPS, comboParts, comboText, type Shortcut, type ShortcutGroup } from './keymap.ts';

const dumpOpen = () => useDumpStore.getState().dump !== null;
/** The workspace is on screen: a dump is open, or one parses and shows what it read so far. */
const workspace = () => selectSummary(useDumpStore.getState()) !== null;

export const SHORTCUTS: readonly Shortcut[] = [
  // ---- Opening dumps
  { group: 'Opening dumps', keys: ['Ctrl+O'], description: 'Open a dump file', inTextField: true, run: () => chooseFile() },
  { group: 'Opening dumps', keys: ['Ctrl+Shift+V'], description: 'Open dump text from the clipboard', run: () => void pasteFromClipboard() },
  // The paste event itself (OpenControls) opens what is pasted; the key is the browser's.
  { group: 'Opening dumps', keys: ['Ctrl+V'], description: 'Paste a dump (file or text) anywhere on the page' },
  {
    group: 'Opening dumps', keys: ['Escape'], description: 'Cancel opening a dump', where: 'while a dump opens', inTextField: true,
    when: () => useDumpStore.getState().loading !== null,
    run: () => useDumpStore.getState().cancel(),
  },
  { group: 'Opening dumps', keys: ['r'], description: 'Recent dumps (kept in this browser)', run: () => useDialogsStore.getState().show('recent') },

  // ---- Layout (src/app/layout/): folds, theme, the drawer, the pane separators' own keys
  { group: 'Layout', keys: [FOLD_KEYS.details], description: 'Show / fold the dump details (the header is one line)', when: workspace, run: () => useLayoutStore.getState().toggleFold('details') },
  { group: 'Layout', keys: [FOLD_KEYS.map], description: 'Show / fold the address map', when: workspace, run: () => useLayoutStore.getState().toggleFold('map') },
  { group: 'Layout', keys: [FOLD_KEYS.hang], description: 'Show / fold the hang summary', when: workspace, run: () => useLayoutStore.getState().toggleFold('hang') },
  { group: 'Layout', keys: [THEME_KEY], description: 'Switch between the light and the dark theme', run: () => useLayoutStore.getState().toggleTheme() },
  {
    group: 'Layout', keys: [DRAWER_KEY], description: 'Show / hide the sidebar drawer', where: 'windows under 900 px wide',
    when: () => workspace() && isNarrow(), run: () => setDrawer(!useLayoutStore.getState().drawerOpen),
  },
  { group: 'Layout', keys: ['Escape'], description: 'Close the sidebar drawer', where: 'in the drawer', when: drawerShown, run: () => setDrawer(false) },
  { group: 'Layout', keys: ['←', '→'], description: 'Resize the pane (Shift: bigger steps)', where: 'on a pane separator' },
  { group: 'Layout', keys: ['Home', 'End'], description: 'Narrowest / widest pane', where: 'on a pane separator' },
  { group: 'Layout', keys: ['Enter'], description: 'Default pane width (or double-click the separator)', where: 'on a pane separator' },

  // ---- Panels (in a narrow window the drawer shows them)
  ...PANELS.map((p, i): Shortcut => ({
    group: 'Panels', keys: [`Alt+${i + 1}`], description: `${PANEL_LABELS[p]} panel`, inTextField: true, when: workspace,
    run: () => {
      useViewStore.getState().setPanel(p);
      showPanelInDrawer();
    },
  })),
  { group: 'Panels', keys: ['←', '→'], description: 'Previous / next panel tab', where: 'in the tab list' },
  { group: 'Panels', keys: ['↑', '↓', 'PageUp', 'PageDown', 'Home', 'End'], description: 'Move in the ranges table', where: 'in the ranges table' },
  { group: 'Panels', keys: ['Enter', 'Space'], description: 'Show the range in the hex view', where: 'in the ranges table' },
  { group: 'Panels', keys: ['↑', '↓', 'PageUp', 'PageDown', 'Home', 'End'], description: 'Move through the sections (the entries follow)', where: 'in the section list' },
  { group: 'Panels', keys: ['Escape'], description: 'Close the source view', where: 'in the source view' },

  // ---- Hex view (the grid's own keys: hex/useHexKeys.ts)
  { group: 'Hex view', keys: ['←', '→', '↑', '↓'], description: 'Move the cursor' },
  { group: 'Hex view', keys: ['PageUp', 'PageDown'], description: 'Move one page up / down' },
  { group: 'Hex view', keys: ['Home', 'End'], description: 'Start / end of the row' },
  { group: 'Hex view', keys: ['Ctrl+Home', 'Ctrl+End'], description: 'Start / end of the range' },
  { group: 'Hex view', keys: ['Shift+←', 'Shift+→', 'Shift+↑', 'Shift+↓'], description: 'Extend the selection (Shift with any move key)' },
  { group: 'Hex view', keys: ['Escape'], description: 'Clear the selection', where: 'in the hex view' },
  { group: 'Hex view', keys: ['Ctrl+C'], description: 'Copy the selection as a hex dump', run: () => copyKey(false) },
  { group: 'Hex view', keys: ['Ctrl+S'], description: 'Download the selection (or the cursor byte) as .bin', run: () => downloadKey(false) },
  { group: 'Hex view', keys: ['Ctrl+Alt+S'], description: 'Download the whole range or blob as .bin', run: () => downloadKey(true) },
  ...Object.entries(OPTION_KEYS).map(([key, description]): Shortcut => ({
    group: 'Hex view', keys: [key], description, when: workspace,
    run: () => useHexStore.getState().setOptions(optionPatch(key, useHexStore.getState().options)!),
  })),
  { group: 'Hex view', keys: ['f'], description: 'Follow the GPU address at the cursor (inspector)', run: () => followAtCursor() },
  { group: 'Hex view', keys: ['i'], description: 'Show / fold the inspector', when: workspace, run: () => useInspectStore.getState().toggle() },
  { group: 'Bookmarks', keys: ['b'], description: 'Show / fold the bookmarks', when: workspace, run: () => useBookmarksPane.getState().toggleCollapsed() },
  { group: 'Hex view', keys: ['Ctrl+Shift+C'], description: 'Copy the selection (or the byte under the cursor) as hex', run: () => copyKey(true) },

  // ---- Commands view (the list's own keys: commands/CommandsView.tsx)
  { group: 'Commands view', keys: ['c'], description: 'Hex / Commands view of the range or blob', when: workspace, run: () => toggleCommands() },
  { group: 'Commands view', keys: ['/'], description: 'Filter instructions by name', where: 'in the Commands view', when: commandsShown, run: () => requestFocus('commands-filter') },
  { group: 'Commands view', keys: ['p'], description: 'Platform menu (decode as another GPU)', where: 'in the Commands view', when: commandsShown, run: () => requestFocus('commands-platform') },
  {
    group: 'Commands view', keys: ['h'], description: 'Go to the instruction at ACTHD', where: 'in the Commands view', when: commandsShown,
    run: () => void useCommandsStore.getState().goToActhd().then((ok) => ok && requestFocus('commands-list')),
  },
  { group: 'Commands view', keys: ['↑', '↓', 'PageUp', 'PageDown', 'Home', 'End'], description: 'Move through the instructions and their fields', where: 'in the Commands list' },
  { group: 'Commands view', keys: ['→', '←'], description: 'Show / hide the fields of the instruction', where: 'in the Commands list' },
  { group: 'Commands view', keys: ['Enter'], description: 'Show / hide the fields, or follow the address of the field', where: 'in the Commands list' },
  { group: 'Commands view', keys: ['f'], description: 'Follow the first address the instruction names', where: 'in the Commands list' },
  { group: 'Commands view', keys: ['Enter', 'Escape'], description: 'Back to the list (Escape clears the filter)', where: 'in the filter box' },
  { group: 'Commands view', keys: ['←', '→'], description: 'Hex / Commands tab', where: 'in the view tabs' },

  // ---- Navigation
  { group: 'Navigation', keys: ['Ctrl+G'], description: 'Go to address', inTextField: true, when: workspace, run: () => requestFocus('goto') },
  { group: 'Navigation', keys: ['Enter'], description: 'Jump to the address typed', where: 'in the go-to box' },
  { group: 'Navigation', keys: ['Escape'], description: 'Back to the hex view', where: 'in the go-to box' },
  { group: 'Navigation', keys: ['Alt+←'], description: 'Back', inTextField: true, run: () => history.back() },
  { group: 'Navigation', keys: ['Alt+→'], description: 'Forward', inTextField: true, run: () => history.forward() },

  // ---- Search
  {
    group: 'Search', keys: ['Ctrl+F'], description: 'Search memory (every range and blob)', inTextField: true,
    // With no dump there is nothing to search: the browser's own find stays.
    when: dumpOpen,
    run: () => {
      useSearchStore.getState().setOpen(true);
      requestFocus('search');
    },
  },
  { group: 'Search', keys: ['F3'], description: 'Next match', inTextField: true, when: () => useSearchStore.getState().hits.length > 0, run: () => step(1) },
  { group: 'Search', keys: ['Shift+F3'], description: 'Previous match', inTextField: true, when: () => useSearchStore.getState().hits.length > 0, run: () => step(-1) },
  { group: 'Search', keys: ['Enter'], description: 'Search, or the next match once searched', where: 'in the search box' },
  { group: 'Search', keys: ['Shift+Enter'], description: 'Previous match', where: 'in the search box' },
  { group: 'Search', keys: ['↑', '↓', 'Home', 'End'], description: 'Move through the results (the hex view follows)', where: 'in the search results' },
  { group: 'Search', keys: ['Enter'], description: 'Show the result in the hex view', where: 'in the search results' },
  { group: 'Search', keys: ['Escape'], description: 'Close the search', where: 'in the search pane' },

  // ---- Bookmarks
  { group: 'Bookmarks', keys: ['Ctrl+D'], description: 'Bookmark the byte under the cursor', when: workspace, run: () => useBookmarksPane.getState().startAdd() },
  { group: 'Bookmarks', keys: ['Enter'], description: 'Save the bookmark', where: 'in the bookmark form' },
  { group: 'Bookmarks', keys: ['Escape'], description: 'Cancel the bookmark', where: 'in the bookmark form' },

  // ---- Sharing
  {
    group: 'Sharing', keys: ['Ctrl+Shift+S'], description: 'Share a link to the selection (or the rows on screen)', inTextField: true,
    when: dumpOpen, run: () => void useShareStore.getState().show(),
  },
  {
    group: 'Sharing', keys: ['Ctrl+Shift+E'], description: 'Export a snapshot file (a smaller dump)', inTextField: true,
    when: dumpOpen, run: () => useShareStore.getState().showExport(),
  },
  { group: 'Sharing', keys: ['Escape'], description: 'Close the dialog', where: 'in the share and export dialogs' },

  // ---- Help
  { group: 'Help', keys: ['?'], description: 'Show keyboard shortcuts', run: () => useDialogsStore.getState().show('help') },
  { group: 'Help', keys: ['Escape'], description: 'Close this help', where: 'in this dialog' },
];

/** The Commands view is on screen. */
function commandsShown(): boolean {
  return workspace() && useCommandsStore.getState().mode === 'commands';
}

/** c: switch Hex ↔ Commands; the view switched to takes the keyboard. */
function toggleCommands(): void {
  const s = useCommandsStore.getState();
  s.toggleMode();
  requestFocus(useCommandsStore.getState().mode === 'commands' ? 'commands-list' : 'hex-grid');
}

function step(dir: 1 | -1): void {
  const s = useSearchStore.getState();
  s.setOpen(true);
  if (dir === 1) s.next();
  else s.prev();
}

/** The shortcuts by group, in GROUPS order (empty groups left out), for the help. */
export function groupedShortcuts(list: readonly Shortcut[] = SHORTCUTS): ReturnType<typeof groupShortcuts> {
  return groupShortcuts(list);
}
