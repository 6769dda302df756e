// The bookmarks pane's own state: folded or not (`b`, kept in browser storage), the add/edit form,
// and the status line. Ctrl+D (shortcuts/registry.ts) starts a bookmark through `startAdd`, so the
// key works whether or not the pane has rendered yet. BookmarksPane renders this.
import { create } from 'zustand';
import { onDumpChange } from '../dump-lifecycle.ts';
import { useHexStore } from '../hex/hex-store.ts';
import { readSetting, writeSetting } from '../storage.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { useBookmarksStore } from './bookmarks-store.ts';
import { pickAddress } from './serialize.ts';

const COLLAPSED_KEY = 'devcoredump.bookmarksPane.collapsed';

export type BookmarkForm = { mode: 'add'; address: bigint } | { mode: 'edit'; id: string };

export interface BookmarksPaneState {
  /** Folded or not; null until chosen here: then the stored choice holds (`selectCollapsed`). */
  collapsed: boolean | null;
  form: BookmarkForm | null;
  status: string;
  /** Where focus goes back when the add form closes (the element focused when it opened). */
  returnTo: HTMLElement | null;
  setCollapsed(collapsed: boolean): void;
  toggleCollapsed(): void;
  setForm(form: BookmarkForm | null): void;
  setStatus(status: string): void;
  /** Open the add form at the hex cursor (or where the view is); says why not when it cannot. */
  startAdd(): void;
}

/** Is the pane folded? Folded unless the user unfolded it (the stored choice, read when the pane
 *  first shows): the hex view needs the width more. */
export function selectCollapsed(s: Pick<BookmarksPaneState, 'collapsed'>): boolean {
  return s.collapsed ?? readSetting(COLLAPSED_KEY) !== '0';
}

export const useBookmarksPane = create<BookmarksPaneState>()((set, get) => ({
  collapsed: null,
  form: null,
  status: '',
  returnTo: null,

  setCollapsed(collapsed) {
    set({ collapsed });
    writeSetting(COLLAPSED_KEY, collapsed ? '1' : '0');
  },

  toggleCollapsed() {
    get().setCollapsed(!selectCollapsed(get()));
  },

  setForm(form) {
    set({ form });
  },

  setStatus(status) {
    set({ status });
  },

  startAdd() {
    const dump = useDumpStore.getState().dump;
    const view = useViewStore.getState();
    if (!dump || !useBookmarksStore.getState().fingerprint) return;
    const address = pickAddress(dump.ranges, view.target, view.address, useHexStore.getState().cursor);
    if (address === null) {
      set({ status: 'Bookmarks hold GPU addresses: show a memory range first.' });
      get().setCollapsed(false);
      return;
    }
    const active = typeof document !== 'undefined' ? document.activeElement : null;
    const returnTo = active instanceof HTMLElement && active !== document.body ? active : null;
    set({ status: '', returnTo, form: { mode: 'add', address } });
    get().setCollapsed(false);
  },
}));

// Another dump: whatever form was open belonged to the old one.
onDumpChange('bookmarks pane', () => useBookmarksPane.setState({ form: null, status: '', returnTo: null }));
