// Recent dumps (zustand): every dump file opened is kept in this browser (bytes as given, plus name,
// size, kernel and when it was opened) so it reopens with one click, offline too. One entry per
// dump (by content fingerprint); the most recent MAX_RECENT are kept, each up to a settable size
// (maxFileBytes). The setting "Keep recent dumps in this browser" (localStorage) turns keeping off,
// and then offers to forget what is kept. Pasted text is kept only when the user asks. Nothing
// leaves the browser.
//
// Storing runs after a dump has opened, in the background, one store operation at a time. The
// backend is injected (OPFS in the page, memory in unit tests).
import { create } from 'zustand';
import type { DumpSummary, OpenSource } from '../../protocol/worker-api.ts';
import type { RecentBackend, RecentDump, StorageFigures } from './backend.ts';
import { notKeptText, sortRecent } from './records.ts';
import { humanBytes } from '../../format/units.ts';

export const MAX_RECENT = 10;
export const KEEP_KEY = 'devcoredump.recent.keep';
/** The setting "Keep dumps up to N bytes" (per file). */
export const MAX_FILE_KEY = 'devcoredump.recent.maxFileBytes';
export const DEFAULT_MAX_FILE = 256 * 1024 * 1024;
/** The choices offered for the per-file cap. */
export const MAX_FILE_CHOICES = [16, 64, 256, 1024, 4096].map((m) => m * 1024 * 1024);
/** Room left free beside a dump being kept (the record, and the browser's own bookkeeping). */
const HEADROOM = 1 << 20;

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export interface RecentState {
  /** The browser can keep dumps (OPFS with writable streams). */
  available: boolean;
  /** The setting "Keep recent dumps in this browser". */
  keep: boolean;
  /** Newest first. */
  entries: RecentDump[];
  /** The list was read from storage at least once. */
  loaded: boolean;
  figures: StorageFigures | null;
  /** Name of the dump being stored now. */
  saving: string | null;
  /** The last thing worth saying (a dump not kept, a kept copy gone). */
  note: string | null;
  /** Largest file kept (bytes as given); a larger one is not kept, with a note. */
  maxFileBytes: number;
  /** Name of pasted text that opened: it is kept only if the user asks (keepPasted). */
  pasted: string | null;
  /** "Keep" was just unticked while dumps are kept: offer to forget them. */
  offerForget: boolean;
  /** Read the list and the storage figures again. */
  refresh(): Promise<void>;
  /**
   * After a dump opened: keep it (or mark it opened again). Pasted text waits for keepPasted()
   * (`asked` is that call).
   */
  remember(source: OpenSource, summary: DumpSummary, asked?: boolean): Promise<void>;
  /** Open a kept dump; false when it is gone or does not open. */
  reopen(id: string): Promise<boolean>;
  forget(id: string): Promise<void>;
  forgetAll(): Promise<void>;
  setKeep(on: boolean): void;
  setMaxFileBytes(bytes: number): void;
  /** Keep the pasted text that opened last (pasted text is kept only when asked). */
  keepPasted(): Promise<void>;
  /** Answer the offer made when "Keep" was unticked: forget what is kept, or leave it. */
  answerForget(forget: boolean): Promise<void>;
  /** The open dump changed: delete the bytes of forgotten dumps that are no longer open. */
  openChanged(): Promise<void>;
}

export interface RecentStoreOptions {
  backend: RecentBackend | null;
  settings: () => StorageLike | null;
  /** Open a dump (the dump store's open). */
  open: (source: OpenSource) => Promise<boolean>;
  /** Fingerprint of the open dump (its kept bytes are deleted only once it is closed). */
  openId: () => string | null;
  now?: () => number;
  max?: number;
}

/**
 * The bytes to keep for an opened source: files the user gave (not the bundled sample, not blobs made
 * by the page) and pasted text (not a share link's snapshot: the link holds it).
 */
/** Pasted text (made from the clipboard by the page): kept only when the user asks. */
export function isPasted(source: OpenSource): boolean {
  return source.kind === 'bytes' && !source.transient;
}

export function keptBytes(source: OpenSource): Blob | null {
  if (source.kind === 'bytes') return source.transient ? null : new Blob([source.bytes as Uint8Array<ArrayBuffer>]);
  return typeof File !== 'undefined' && source.file instanceof File ? source.file : null;
}

export function createRecentStore(opts: RecentStoreOptions) {
  const backend = opts.backend;
  const now = opts.now ?? Date.now;
  const max = opts.max ?? MAX_RECENT;
  /** Forgotten while open: the bytes go when the dump is closed. */
  const pending = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  /** One store operation at a time, in order; a failure does not stop the next. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  const readMaxFile = (): number => {
    try {
      const v = Number(opts.settings()?.getItem(MAX_FILE_KEY));
      return Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_MAX_FILE;
    } catch {
      return DEFAULT_MAX_FILE;
    }
  };
  /** The pasted source waiting for "Keep it". */
  let pastedSource: { source: OpenSource; summary: DumpSummary } | null = null;

  const readKeep = (): boolean => {
    try {
      return opts.settings()?.getItem(KEEP_KEY) !== '0';
    } catch {
      return true;
    }
  };

  return create<RecentState>()((set, get) => {
    /** Delete a dump's record now, and its bytes now or once it is no longer open. */
    const drop = async (id: string) => {
      await backend!.removeRecord(id);
      if (opts.openId() === id) pending.add(id);
      else await backend!.removeBytes(id);
    };

    const reload = async () => {
      if (!backend) return;
      const [list, figures] = await Promise.all([backend.list().catch(() => []), backend.estimate()]);
      set({ entries: sortRecent(list), figures, loaded: true });
    };

    let swept = false;

    return {
      available: backend !== null,
      keep: readKeep(),
      entries: [],
      loaded: false,
      figures: null,
      saving: null,
      note: null,
      maxFileBytes: readMaxFile(),
      pasted: null,
      offerForget: false,

      refresh() {
        return serial(async () => {
          if (!backend) return;
          if (!swept) {
            // Bytes left without a record by a save that was cut short, or by a forgotten dump
            // that was still open when the page closed.
            swept = true;
            const open = opts.openId();
            for (const id of await backend.orphans().catch(() => [])) {
              if (id !== open && !pending.has(id)) await backend.removeBytes(id).catch(() => {});
            }
          }
          await reload();
        });
      },

      remember(source, summary, asked = false) {
        const id = summary.fingerprint;
        if (!backend || !id || !get().keep) return Promise.resolve();
        if (isPasted(source) && !asked) {
          // Pasted text may be anything on the clipboard: kept only if the user asks.
          pastedSource = { source, summary };
          set({ pasted: source.name });
          return Promise.resolve();
        }
        return serial(async () => {
          if (!get().keep) return;
          const list = await backend.list();
          const known = list.find((e) => e.id === id);
          const base = { name: source.name, kernel: summary.header.kernel, compression: summary.compression, openedAt: now() };
          if (known || pending.has(id)) {
            // Opened again (from its kept copy or the same file): a new date, no second copy.
            pending.delete(id);
            const entry: RecentDump = known ? { ...known, ...base } : { id, size: summary.fileSize, keptAt: now(), ...base };
            await backend.update(entry).catch(() => {});
            await reload();
            return;
          }
          const bytes = keptBytes(source);
          if (!bytes) return;
          const cap = get().maxFileBytes;
          if (bytes.size > cap) {
            set({ note: `${source.name} (${humanBytes(bytes.size)}) is not kept: larger than ${humanBytes(cap)}, the most kept per dump.` });
            return;
          }
          const figures = await backend.estimate();
          if (figures && figures.quota - figures.usage < bytes.size + HEADROOM) {
            set({ note: notKeptText(source.name, new DOMException('', 'QuotaExceededError')), figures });
            return;
          }
          set({ saving: source.name });
          try {
            try {
              await backend.save({ id, size: bytes.size, keptAt: now(), ...base }, bytes);
              set({ note: null });
            } catch (e) {
              set({ note: notKeptText(source.name, e) });
            }
            // The oldest beyond MAX_RECENT make room.
            const all = sortRecent(await backend.list());
            for (const old of all.slice(max)) await drop(old.id);
            await reload();
          } finally {
            set({ saving: null }); // with the new list in place
          }
        });
      },

      async reopen(id) {
        const entry = get().entries.find((e) => e.id === id);
        if (!backend || !entry) return false;
        const file = await backend.file(id);
        if (!file) {
          await serial(async () => {
            await backend.removeRecord(id);
            await reload();
          });
          set({ note: `The kept copy of ${entry.name} is gone (the browser may have cleared its storage).` });
          return false;
        }
        set({ note: null });
        return opts.open({ kind: 'file', file, name: entry.name });
      },

      forget(id) {
        return serial(async () => {
          if (!backend) return;
          await drop(id);
          await reload();
        });
      },

      forgetAll() {
        return serial(async () => {
          if (!backend) return;
          for (const e of await backend.list()) await drop(e.id);
          const open = opts.openId();
          for (const id of await backend.orphans()) if (id !== open) await backend.removeBytes(id);
          set({ note: null });
          await reload();
        });
      },

      setKeep(on) {
        try {
          opts.settings()?.setItem(KEEP_KEY, on ? '1' : '0');
        } catch {
          // storage refused: the choice lasts for this visit
        }
        // Turning keeping off leaves what is kept: offer to forget it.
        set({ keep: on, offerForget: !on && get().entries.length > 0, pasted: on ? get().pasted : null });
        if (!on) pastedSource = null;
      },

      setMaxFileBytes(bytes) {
        if (!Number.isSafeInteger(bytes) || bytes <= 0) return;
        try {
          opts.settings()?.setItem(MAX_FILE_KEY, String(bytes));
        } catch {
          // storage refused: the choice lasts for this visit
        }
        set({ maxFileBytes: bytes });
      },

      async keepPasted() {
        const p = pastedSource;
        pastedSource = null;
        set({ pasted: null });
        if (p) await get().remember(p.source, p.summary, true);
      },

      async answerForget(forget) {
        set({ offerForget: false });
        if (forget) await get().forgetAll();
      },

      openChanged() {
        if (!backend || pending.size === 0) return Promise.resolve();
        return serial(async () => {
          const open = opts.openId();
          for (const id of [...pending]) {
            if (id === open) continue;
            pending.delete(id);
            await backend.removeBytes(id).catch(() => {});
          }
          await reload();
        });
      },
    };
  });
}

export type RecentStore = ReturnType<typeof createRecentStore>;
