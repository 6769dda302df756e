// Memory search state (zustand): the query as typed, the results streamed from the worker, the
// progress, the cap and the current match. The search runs in the worker (src/worker/search.ts);
// this store starts, follows and cancels it, and moves the hex view from match to match.
import { create } from 'zustand';
import { compilePatterns, DEFAULT_LIMIT, type SearchMode } from '../../format/search.ts';
import type { SearchHit } from '../../protocol/worker-api.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { openAt, useHexStore } from '../hex/hex-store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { stepIndex } from './marks.ts';

export const SEARCH_MODES: readonly { mode: SearchMode; label: string; placeholder: string }[] = [
  { mode: 'hex', label: 'Hex bytes', placeholder: 'de ad ?? ef' },
  { mode: 'ascii', label: 'ASCII text', placeholder: 'text' },
  { mode: 'utf16le', label: 'UTF-16LE text', placeholder: 'text' },
  { mode: 'u32', label: 'u32 value', placeholder: '0x18800101 or 411042049' },
  { mode: 'u64', label: 'u64 value', placeholder: '0x… or decimal' },
  { mode: 'address', label: 'GPU address', placeholder: '0x1a0000 (both forms)' },
];

/** Modes where case folding means something. */
export const TEXT_MODES: ReadonlySet<SearchMode> = new Set(['ascii', 'utf16le']);

export type SearchStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

/** The query a result set belongs to. */
export interface RanQuery {
  mode: SearchMode;
  text: string;
  caseInsensitive: boolean;
  generation: number;
}

export interface SearchState {
  /** The search pane is shown (Ctrl+F opens it, Escape closes it). */
  open: boolean;
  text: string;
  mode: SearchMode;
  caseInsensitive: boolean;
  /** Why the query as typed is invalid (compilePatterns), or null. */
  invalid: string | null;
  status: SearchStatus;
  /** The worker's failure, for status 'error'. */
  error: string | null;
  hits: SearchHit[];
  /** The result stopped at `limit` matches. */
  capped: boolean;
  limit: number;
  scannedBytes: number;
  totalBytes: number;
  /** Bytes each match covers (for highlighting). */
  patternLength: number;
  elapsedMs: number | null;
  /** Index of the match shown, or -1. */
  current: number;
  ran: RanQuery | null;
  /** Number of the latest search (stale batches are dropped). */
  runId: number;

  setOpen(open: boolean): void;
  setText(text: string): void;
  setMode(mode: SearchMode): void;
  setCaseInsensitive(on: boolean): void;
  /** Start a search of the query as typed (cancels one running). False if invalid or no dump. */
  run(): boolean;
  cancel(): void;
  /** Enter in the box: search when the query changed since the last run, else the next match (or previous). */
  enter(back?: boolean): void;
  next(): void;
  prev(): void;
  /** Show match `i` in the hex view. */
  show(i: number): void;
  /** Forget the results (a new dump). */
  reset(): void;
}

/** Why `text` is not a valid query in `mode` (null when it is, or when it is empty). */
export function queryError(mode: SearchMode, text: string, caseInsensitive = false): string | null {
  if (text.trim() === '' && mode !== 'ascii' && mode !== 'utf16le') return null;
  if (text === '') return null;
  try {
    compilePatterns(mode, text, { caseInsensitive });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Put the hex view on a match: the cursor on its first byte. */
export function openHit(h: SearchHit): void {
  const view = useViewStore.getState();
  if (h.where.kind === 'range') {
    openAt(h.address);
    const t = useViewStore.getState().target;
    if (t?.kind === 'range' && t.index === h.where.index) return;
    // Overlapping ranges: goTo picked another one; show the range the match is in.
  }
  view.select({ kind: h.where.kind, index: h.where.index }, h.address);
  useHexStore.getState().setCursor(h.address);
}

const idle = {
  status: 'idle' as SearchStatus,
  error: null,
  hits: [] as SearchHit[],
  capped: false,
  scannedBytes: 0,
  totalBytes: 0,
  patternLength: 0,
  elapsedMs: null,
  current: -1,
  ran: null,
};

export const useSearchStore = create<SearchState>()((set, get) => ({
  open: false,
  text: '',
  mode: 'hex',
  caseInsensitive: false,
  invalid: null,
  limit: DEFAULT_LIMIT,
  runId: 0,
  ...idle,

  setOpen(open) {
    if (open === get().open) return;
    if (!open) get().cancel();
    set({ open });
  },

  setText(text) {
    const { mode, caseInsensitive } = get();
    set({ text, invalid: queryError(mode, text, caseInsensitive) });
  },

  setMode(mode) {
    const { text, caseInsensitive } = get();
    set({ mode, invalid: queryError(mode, text, caseInsensitive) });
  },

  setCaseInsensitive(on) {
    set({ caseInsensitive: on });
  },

  run() {
    const { text, mode, caseInsensitive, limit } = get();
    const client = useDumpStore.getState().client;
    const generation = useDumpStore.getState().generation;
    let patternLength: number;
    try {
      patternLength = compilePatterns(mode, text, { caseInsensitive })[0].bytes.length;
    } catch (e) {
      set({ invalid: (e as Error).message });
      return false;
    }
    if (!client) return false;
    const id = get().runId + 1;
    const ci = caseInsensitive && TEXT_MODES.has(mode);
    set({ ...idle, invalid: null, runId: id, status: 'running', patternLength, ran: { mode, text, caseInsensitive: ci, generation } });
    client
      .search(id, { mode, text, caseInsensitive: ci, limit }, (b) => {
        if (b.id !== get().runId) return;
        const hits = b.hits.length ? get().hits.concat(b.hits) : get().hits;
        const first = get().current < 0 && hits.length > 0;
        set({ hits, scannedBytes: b.scannedBytes, totalBytes: b.totalBytes, ...(first ? { current: 0 } : {}) });
        if (first) openHit(hits[0]);
      })
      .then(
        (done) => {
          if (done.id !== get().runId) return;
          set({ status: done.stopped ? 'stopped' : 'done', capped: done.capped, scannedBytes: done.scannedBytes, totalBytes: done.totalBytes, elapsedMs: done.elapsedMs });
        },
        (e: unknown) => {
          if (id !== get().runId) return;
          set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
        },
      );
    return true;
  },

  cancel() {
    if (get().status !== 'running') return;
    useDumpStore.getState().client?.cancelSearch();
    // The worker's answer sets 'stopped' with the final counts; say so at once meanwhile.
    set({ status: 'stopped' });
  },

  enter(back = false) {
    const s = get();
    const stale =
      s.ran === null ||
      s.ran.text !== s.text ||
      s.ran.mode !== s.mode ||
      s.ran.caseInsensitive !== (s.caseInsensitive && TEXT_MODES.has(s.mode)) ||
      s.ran.generation !== useDumpStore.getState().generation ||
      s.status === 'error';
    if (stale) get().run();
    else if (back) get().prev();
    else get().next();
  },

  next() {
    const i = stepIndex(get().current, get().hits.length, 1);
    if (i >= 0) get().show(i);
  },

  prev() {
    const i = stepIndex(get().current, get().hits.length, -1);
    if (i >= 0) get().show(i);
  },

  show(i) {
    const h = get().hits[i];
    if (!h) return;
    set({ current: i });
    openHit(h);
  },

  reset() {
    if (get().status === 'running') useDumpStore.getState().client?.cancelSearch();
    set({ ...idle, runId: get().runId + 1 });
  },
}));

// A new dump: the results belonged to the old one.
onDumpChange('search', () => useSearchStore.getState().reset());

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** The status line: progress while searching, then the count (with the cap notice). */
export function statusText(s: Pick<SearchState, 'status' | 'hits' | 'capped' | 'scannedBytes' | 'totalBytes' | 'error' | 'limit'>): string {
  const n = s.hits.length;
  const pct = s.totalBytes > 0 ? Math.floor((100 * s.scannedBytes) / s.totalBytes) : 0;
  switch (s.status) {
    case 'idle':
      return '';
    case 'running':
      return `Searching… ${pct}%, ${plural(n, 'result')} so far`;
    case 'error':
      return `Search failed: ${s.error ?? 'unknown error'}`;
    case 'stopped':
      return `Stopped at ${pct}%: ${plural(n, 'result')}`;
    case 'done':
      if (s.capped) return `first ${plural(n, 'result')} (cap reached: there are more)`;
      return n === 0 ? 'No results' : plural(n, 'result');
  }
}

/**
 * After a hex search found nothing: a 4- or 8-byte pattern may have been typed as the value the hex
 * view's little-endian groups show, not in memory order. Says how that value is stored, and which
 * mode finds it. Null otherwise.
 */
export function hexValueHint(s: Pick<SearchState, 'status' | 'hits' | 'mode' | 'text'>): string | null {
  if (s.status !== 'done' || s.hits.length > 0 || s.mode !== 'hex') return null;
  const digits = s.text.trim().replace(/^0x/i, '').replace(/[\s_]/g, '');
  if (!/^[0-9a-fA-F]+$/.test(digits) || (digits.length !== 8 && digits.length !== 16)) return null;
  const bytes = digits.toLowerCase().match(/../g)!;
  const stored = [...bytes].reverse().join(' ');
  const mode = digits.length === 8 ? 'u32' : 'u64';
  return `Hex bytes are matched in memory order. The ${mode} value 0x${digits.toLowerCase()} is stored as ${stored}: search it in ${mode} mode.`;
}

// Automation hook (end-to-end tests and the browser benchmark drive and read the search).
declare global {
  interface Window {
    __devcoredumpSearch?: typeof useSearchStore;
  }
}
if (typeof window !== 'undefined') window.__devcoredumpSearch = useSearchStore;
