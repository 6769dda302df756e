// Bookmarks of the open dump (zustand): GPU addresses with a name and a note, kept per dump (by
// its content fingerprint) in localStorage under `devcoredump.bookmarks.<fingerprint>`. The list
// follows the dump store: a dump with another fingerprint shows its own bookmarks only.
import { create } from 'zustand';
import { foldAddress } from '../../format/addr.ts';
import { useDumpStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { browserStorage } from '../storage.ts';
import { useHexStore } from '../hex/hex-store.ts';
import {
  defaultId,
  MAX_NAME,
  MAX_NOTE,
  addressText,
  parseImport,
  parseStored,
  serializeStored,
  storageKey,
  toExport,
  type Bookmark,
  type BookmarksExport,
} from './serialize.ts';

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ImportOutcome {
  ok: boolean;
  /** Bookmarks added (entries already present are not added twice). */
  added: number;
  /** Entries ignored: junk, or already there. */
  skipped: number;
  /** The file names another dump. */
  otherDump: boolean;
  /** Why nothing was imported (ok false). */
  error?: string;
}

export interface BookmarksState {
  /** Fingerprint of the dump the list belongs to; null when no fingerprinted dump is open. */
  fingerprint: string | null;
  fileName: string;
  bookmarks: Bookmark[];
  /** Switch to a dump's list (read from storage); null fingerprint: an empty list, adding disabled. */
  load(fingerprint: string | null, fileName?: string): void;
  /** Add a bookmark; its id, or null with no dump open. An empty name becomes the address. */
  add(address: bigint, name?: string, note?: string): string | null;
  update(id: string, patch: Partial<Pick<Bookmark, 'name' | 'note' | 'address'>>): boolean;
  remove(id: string): boolean;
  exportJson(): BookmarksExport | null;
  importJson(text: string): ImportOutcome;
}

export interface BookmarksStoreOptions {
  /** Where lists persist (localStorage in the page); null: nowhere (they last for the visit). */
  storage: () => StorageLike | null;
  makeId?: () => string;
  now?: () => number;
}

function cleanName(name: string, address: bigint): string {
  const n = name.trim().slice(0, MAX_NAME);
  return n === '' ? addressText(address) : n;
}

export function createBookmarksStore(opts: BookmarksStoreOptions) {
  const makeId = opts.makeId ?? defaultId;
  const now = opts.now ?? Date.now;

  return create<BookmarksState>()((set, get) => {
    const persist = (bookmarks: Bookmark[]) => {
      const fp = get().fingerprint;
      if (!fp) return;
      try {
        const s = opts.storage();
        if (!s) return;
        if (bookmarks.length === 0) s.removeItem(storageKey(fp));
        else s.setItem(storageKey(fp), serializeStored(bookmarks));
      } catch {
        // storage full or refused: the list lasts for this visit
      }
    };
    const commit = (bookmarks: Bookmark[]) => {
      set({ bookmarks });
      persist(bookmarks);
    };

    return {
      fingerprint: null,
      fileName: '',
      bookmarks: [],

      load(fingerprint, fileName = '') {
        if (!fingerprint) {
          set({ fingerprint: null, fileName, bookmarks: [] });
          return;
        }
        let text: string | null = null;
        try {
          text = opts.storage()?.getItem(storageKey(fingerprint)) ?? null;
        } catch {
          text = null;
        }
        set({ fingerprint, fileName, bookmarks: parseStored(text, makeId) });
      },

      add(address, name = '', note = '') {
        if (!get().fingerprint) return null;
        const a = foldAddress(address);
        const b: Bookmark = { id: makeId(), address: a, name: cleanName(name, a), note: note.slice(0, MAX_NOTE), created: now() };
        commit([...get().bookmarks, b]);
        return b.id;
      },

      update(id, patch) {
        const list = get().bookmarks;
        const i = list.findIndex((b) => b.id === id);
        if (i < 0) return false;
        const old = list[i];
        const address = patch.address !== undefined ? foldAddress(patch.address) : old.address;
        const next: Bookmark = {
          ...old,
          address,
          name: patch.name !== undefined ? cleanName(patch.name, address) : old.name,
          note: patch.note !== undefined ? patch.note.slice(0, MAX_NOTE) : old.note,
        };
        commit(list.map((b, j) => (j === i ? next : b)));
        return true;
      },

      remove(id) {
        const list = get().bookmarks;
        if (!list.some((b) => b.id === id)) return false;
        commit(list.filter((b) => b.id !== id));
        return true;
      },

      exportJson() {
        const { fingerprint, fileName, bookmarks } = get();
        return fingerprint ? toExport(fingerprint, fileName, bookmarks) : null;
      },

      importJson(text) {
        const fp = get().fingerprint;
        if (!fp) return { ok: false, added: 0, skipped: 0, otherDump: false, error: 'no dump is open' };
        let parsed;
        try {
          parsed = parseImport(text);
        } catch (e) {
          return { ok: false, added: 0, skipped: 0, otherDump: false, error: (e as Error).message };
        }
        const list = get().bookmarks;
        const have = new Set(list.map((b) => `${b.address}\n${b.name}\n${b.note}`));
        const added: Bookmark[] = [];
        let skipped = parsed.skipped;
        const t = now();
        for (const b of parsed.bookmarks) {
          const k = `${b.address}\n${b.name}\n${b.note}`;
          if (have.has(k)) {
            skipped++;
            continue;
          }
          have.add(k);
          added.push({ id: makeId(), ...b, created: t });
        }
        if (added.length > 0) commit([...list, ...added]);
        return { ok: true, added: added.length, skipped, otherDump: parsed.fingerprint !== null && parsed.fingerprint !== fp.toLowerCase() };
      },
    };
  });
}

export type BookmarksStore = ReturnType<typeof createBookmarksStore>;

/** Keep a bookmarks store on the open dump's list (`feature`: its name in the dump lifecycle). Returns the unsubscribe. */
export function followDump(store: BookmarksStore, feature = 'bookmarks'): () => void {
  const sync = () => {
    const dump = useDumpStore.getState().dump;
    const fp = dump?.fingerprint ?? null;
    const st = store.getState();
    if (fp === st.fingerprint && (dump?.fileName ?? '') === st.fileName) return;
    if (fp === st.fingerprint && fp !== null) store.setState({ fileName: dump?.fileName ?? '' });
    else st.load(fp, dump?.fileName ?? '');
  };
  sync();
  return onDumpChange(feature, sync);
}

export const useBookmarksStore = createBookmarksStore({ storage: browserStorage });
followDump(useBookmarksStore);

// Automation hooks (end-to-end tests): the bookmarks store, and the hex store unless the hex view
// exposes it already.
if (typeof window !== 'undefined') {
  const w = window as unknown as Record<string, unknown>;
  w.__devcoredump_bookmarks = useBookmarksStore;
  if (!w.__devcoredump_hex) w.__devcoredump_hex = useHexStore;
}
