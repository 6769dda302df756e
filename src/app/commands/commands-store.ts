// The Commands view's state (zustand): which view the memory pane shows (Hex or Commands), the
// platform override, the listing of the view target (built in the worker), the name filter, the
// expanded instructions and the line cursor; plus the decoded facts other views show (the
// instruction at ACTHD for the hang summary, the context image registers). Components read this
// and call its actions; the worker does the decoding (src/worker/commands.ts).
import { create } from 'zustand';
import type { CommandRow, CommandsApi, CommandsFilter, CommandsGrowth, CommandsInfo, CommandsTarget, ContextImage, InstructionAt } from '../../protocol/commands.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';
import { flushViewUrl } from '../url.ts';
import { openAt, useHexStore } from '../hex/hex-store.ts';
import { lineAt, lineOf, moveLine, toggleExpansion, totalLines, type Expansion, type LineRef } from './lines.ts';
import { RowCache } from './row-cache.ts';

export type CommandsClient = Pick<CommandsApi, 'commandsOpen' | 'commandsGrow' | 'commandsRows' | 'commandsFilter' | 'commandsPosOf' | 'instructionAt' | 'contextImage'>;

export type PaneMode = 'hex' | 'commands';
export type ScrollMode = 'center' | 'nearest';

/** Typing in the filter box waits this long before the worker filters. */
export const FILTER_DELAY_MS = 150;
/** A listing walked in steps starts its steps once the first rows came, or after this long. */
const FIRST_ROWS_WAIT_MS = 250;

export interface CommandsState {
  mode: PaneMode;
  /** Platform chosen in the menu (null: the one the dump names). */
  platform: string | null;
  /** The listing of the view target, once built. */
  info: CommandsInfo | null;
  /** Set while a listing is being built (what it is for). */
  loading: string | null;
  error: string | null;
  /** The filter as typed, and as applied by the worker (null: none). */
  filterText: string;
  filter: CommandsFilter | null;
  /** Rows of the list shown (the filter's, or the whole listing's). */
  rows: RowCache | null;
  /** Bumped when rows arrive (the list re-renders). */
  rowsVersion: number;
  /** Instructions in the list shown. */
  count: number;
  expanded: Expansion[];
  /** The line cursor: an instruction (sub 0) or one of its field lines. */
  at: LineRef | null;
  /** Bumped when the list must bring `at` into view: centred, or with the least scroll. */
  scrollSeq: number;
  scrollMode: ScrollMode;

  /** Instruction at each ACTHD, by address (hang summary). */
  acthd: Record<string, InstructionAt | null>;
  /** Decoded context images, by blob index. */
  contexts: Record<number, ContextImage | null>;

  setMode(mode: PaneMode): void;
  toggleMode(): void;
  setPlatform(platform: string | null): void;
  setFilter(text: string): void;
  /**
   * Build (or reuse) the listing of the view target and put the cursor where the hex cursor is;
   * after a navigation (`nav`: a link, Go to address, Back), where the view was sent.
   */
  sync(nav?: boolean): Promise<void>;
  /** Move the line cursor (keys, clicks); the hex cursor follows to the instruction. */
  moveTo(at: LineRef, scroll?: ScrollMode | false): void;

  moveBy(delta: number): void;
  /** Open or close an instruction's field lines. */
  toggleExpand(pos: number, open?: boolean): void;
  /** Cursor to the instruction at ACTHD (false when this listing has none). */
  goToActhd(): Promise<boolean>;
  /** Follow an address a field names (a history entry), staying in the Commands view. */
  follow(address: bigint): boolean;
  loadInstructionAt(address: bigint): Promise<void>;
  loadContext(blob: number): Promise<void>;
  reset(): void;
}

function client(): CommandsClient | null {
  const d = useDumpStore.getState();
  return (d.dump ? d.client : null) as CommandsClient | null;
}

function currentTarget(): CommandsTarget | null {
  const t = useViewStore.getState().target;
  if (!t) return null;
  const dump = useDumpStore.getState().dump;
  const info = t.kind === 'range' ? dump?.ranges[t.index] : dump?.blobs[t.index];
  if (!info || !info.hasData) return null;
  return { kind: t.kind, index: t.index };
}

const forKey = (t: CommandsTarget, platform: string | null) => `${useDumpStore.getState().generation}:${t.kind}:${t.index}:${platform ?? ''}`;

let filterTimer: ReturnType<typeof setTimeout> | null = null;
/** Counts sync() calls: only the latest one applies its answer. */
let syncSeq = 0;
/** The key of the listing `info` is (generation, target, platform). */
let infoFor: string | null = null;

const initial = {
  mode: 'hex' as PaneMode,
  platform: null,
  info: null,
  loading: null,
  error: null,
  filterText: '',
  filter: null,
  rows: null,
  rowsVersion: 0,
  count: 0,
  expanded: [] as Expansion[],
  at: null,
  scrollSeq: 0,
  scrollMode: 'center' as ScrollMode,
  acthd: {},
  contexts: {},
};

export const useCommandsStore = create<CommandsState>()((set, get, store) => {
  /** A new row cache for the list shown (listing or filter). */
  const listRows = (c: CommandsClient, info: CommandsInfo, filter: CommandsFilter | null): RowCache => {
    get().rows?.dispose();
    const rows = new RowCache(async (first, count) => (await c.commandsRows(info.key, filter?.key ?? null, first, count)).rows, filter ? filter.count : info.count);
    rows.onLoad = () => set({ rowsVersion: get().rowsVersion + 1 });
    return rows;
  };

  /** Position (in the list shown) of the instruction holding `address`, or -1. */
  const posOf = async (c: CommandsClient, info: CommandsInfo, filter: CommandsFilter | null, address: bigint): Promise<number> => {
    const p = await c.commandsPosOf(info.key, filter?.key ?? null, address);
    // The worker walked on to the address: the list takes in what it walked.
    if (!filter && p >= get().count && !info.complete) grew(info, await c.commandsGrow(info.key));
    return p;
  };

  /**
   * The listing shown grew (the worker walked on). `info` is updated in place: it stays the
   * listing's identity for the answers still on their way.
   */
  const grew = (info: CommandsInfo, g: CommandsGrowth): void => {
    if (get().info !== info || g.count < info.count) return;
    info.count = g.count;
    info.complete = g.complete;
    info.scanMs = g.scanMs;
    if (get().filter) return; // a filter walked the whole listing already
    get().rows?.setCount(g.count);
    set({ count: g.count, rowsVersion: get().rowsVersion + 1 });
  };

  /** Walk a listing that is not complete on, step by step, while it is the one shown. */
  const growAll = async (c: CommandsClient, info: CommandsInfo): Promise<void> => {
    // The first rows first: the worker answers in order, so the steps wait until rows came (or a
    // moment passed without any asked for).
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, FIRST_ROWS_WAIT_MS);
      const stop = store.subscribe((s, prev) => {
        if (s.rowsVersion !== prev.rowsVersion || s.info !== info) done();
      });
    });
    while (!info.complete && get().info === info) {
      let g: CommandsGrowth;
      try {
        g = await c.commandsGrow(info.key);
      } catch {
        return; // the listing is gone (another dump, or it was dropped): sync() builds it again
      }
      grew(info, g);
    }
  };

  /** Where the cursor goes in a fresh or re-entered listing. */
  const placeCursor = async (c: CommandsClient, info: CommandsInfo, filter: CommandsFilter | null, nav: boolean): Promise<number> => {
    const view = useViewStore.getState();
    const cursor = nav ? view.address : useHexStore.getState().cursor;
    if (cursor !== null) {
      const p = await posOf(c, info, filter, cursor);
      if (p >= 0) return p;
    }
    if (info.acthd) {
      const p = await posOf(c, info, filter, info.acthd.address);
      if (p >= 0) return p;
    }
    if (view.address !== null) {
      const p = await posOf(c, info, filter, view.address);
      if (p >= 0) return p;
    }
    return 0;
  };

  return {
    ...initial,

    setMode(mode) {
      if (mode === get().mode) return;
      set({ mode });
      if (mode === 'commands') void get().sync();
      else {
        // The hex view opens where the Commands cursor was.
        const cursor = useHexStore.getState().cursor;
        if (cursor !== null) useViewStore.getState().setAddress(cursor);
      }
    },

    toggleMode() {
      get().setMode(get().mode === 'hex' ? 'commands' : 'hex');
    },

    setPlatform(platform) {
      if (platform === get().platform) return;
      set({ platform, acthd: {}, contexts: {} });
      if (get().mode === 'commands') void get().sync();
    },

    setFilter(text) {
      set({ filterText: text });
      if (filterTimer !== null) clearTimeout(filterTimer);
      filterTimer = setTimeout(() => {
        filterTimer = null;
        void applyFilter(text);
      }, FILTER_DELAY_MS);
    },

    async sync(nav = false) {
      const seq = ++syncSeq;
      const c = client();
      const t = currentTarget();
      if (!c || !t) {
        get().rows?.dispose();
        infoFor = null;
        set({ info: null, rows: null, count: 0, at: null, loading: null, error: null, expanded: [], filter: null });
        return;
      }
      const key = forKey(t, get().platform);
      const want = nav ? useViewStore.getState().address : useHexStore.getState().cursor;
      let info = get().info;
      let pos = -1;
      if (infoFor !== key || !info) {
        set({ loading: key, error: null });
        try {
          // The worker says where `want` (else ACTHD) is: no second round trip before the first rows.
          info = await c.commandsOpen(t, get().platform, want);
        } catch (e) {
          if (seq !== syncSeq) return;
          set({ loading: null, error: `Cannot list the instructions: ${(e as Error).message}` });
          return;
        }
        if (seq !== syncSeq) return;
        infoFor = key;
        get().rows?.dispose();
        set({ info, filter: null, rows: null, expanded: [], at: null, count: info.count, loading: null });
        // A range decoded on demand comes with its first part walked: the rest follows.
        if (!info.complete) void growAll(c, info);
        // A filter typed before keeps applying to the new listing.
        const text = get().filterText.trim();
        if (text) {
          await applyFilter(text, seq);
          if (seq !== syncSeq) return;
        } else {
          set({ rows: listRows(c, info, null) });
          pos = info.at;
        }
      }
      if (pos < 0) pos = await placeCursor(c, info, get().filter, nav);
      if (seq !== syncSeq) return;
      if (get().count > 0) get().moveTo({ pos, sub: 0 }, 'center');
    },

    moveTo(at, scroll = 'nearest') {
      const { count, rows } = get();
      if (count === 0 || !rows) return;
      const clamped = { pos: Math.max(0, Math.min(count - 1, at.pos)), sub: Math.max(0, at.sub) };
      set(scroll ? { at: clamped, scrollSeq: get().scrollSeq + 1, scrollMode: scroll } : { at: clamped });
      const apply = (row: CommandRow | undefined) => {
        if (!row || get().rows !== rows || get().at?.pos !== row.pos) return;
        if (useHexStore.getState().cursor !== row.address) useHexStore.getState().setCursor(row.address);
        useViewStore.getState().setAddress(row.address);
      };
      const have = rows.get(clamped.pos);
      if (have) apply(have);
      else void rows.row(clamped.pos).then(apply, () => {});
    },

    moveBy(delta) {
      const { at, count, expanded } = get();
      if (count === 0) return;
      get().moveTo(moveLine(at ?? { pos: 0, sub: 0 }, at ? delta : 0, count, expanded));
    },

    toggleExpand(pos, open) {
      const rows = get().rows;
      if (!rows) return;
      const apply = (row: CommandRow) => {
        const { expanded, at } = get();
        if (get().rows !== rows) return;
        const next = toggleExpansion(expanded, pos, Math.max(1, row.fields.length + (row.note ? 1 : 0)), open);
        if (next === expanded) return;
        // Closing the instruction the cursor is inside puts the cursor on its line; opening one
        // scrolls its fields into view.
        set({
          expanded: next,
          at: at && at.pos === pos && !next.some((e) => e.pos === pos) ? { pos, sub: 0 } : at,
          scrollSeq: get().scrollSeq + 1,
          scrollMode: 'nearest',
        });
      };
      const row = rows.get(pos);
      if (row) apply(row);
      // Not here yet (a key pressed before its block arrived): once it is.
      else void rows.row(pos).then((r) => r && apply(r), () => {});
    },

    async goToActhd() {
      const c = client();
      const { info, filter } = get();
      if (!c || !info?.acthd) return false;
      const p = await posOf(c, info, filter, info.acthd.address);
      if (p < 0 || get().info !== info) return false;
      get().moveTo({ pos: p, sub: 0 }, 'center');
      return true;
    },

    follow(address) {
      // Back returns to the instruction the link was on.
      flushViewUrl();
      return openAt(address);
    },

    loadInstructionAt(address) {
      return loadOnce('acthd', address.toString(16), (c, platform) => c.instructionAt(address, platform));
    },

    loadContext(blob) {
      return loadOnce('contexts', String(blob), (c, platform) => c.contextImage(blob, platform));
    },

    reset() {
      syncSeq++;
      infoFor = null;
      if (filterTimer !== null) clearTimeout(filterTimer);
      filterTimer = null;
      get().rows?.dispose();
      set({ ...initial, acthd: {}, contexts: {}, expanded: [] });
    },
  };

  /**
   * Ask the worker once per key (for the platform chosen) for a decoded fact the other views show;
   * null while it is asked for, and if it cannot be decoded.
   */
  async function loadOnce(field: 'acthd' | 'contexts', key: string, ask: (c: CommandsClient, platform: string | null) => Promise<unknown>): Promise<void> {
    const c = client();
    if (!c || key in get()[field]) return;
    const platform = get().platform;
    set({ [field]: { ...get()[field], [key]: null } });
    try {
      const r = await ask(c, platform);
      if (get().platform === platform && key in get()[field]) set({ [field]: { ...get()[field], [key]: r } });
    } catch {
      // stays null
    }
  }

  /** Filter the listing shown by name (the worker walks it once); empty text shows all. */
  async function applyFilter(text: string, seq = syncSeq): Promise<void> {
    const c = client();
    const info = get().info;
    if (!c || !info) return;
    const want = text.trim();
    // The instruction under the cursor, to keep it under the cursor (or the nearest before it).
    const at = get().at;
    const cur = at ? get().rows?.get(at.pos) : undefined;
    let filter: CommandsFilter | null = null;
    if (want) {
      try {
        filter = await c.commandsFilter(info.key, want);
      } catch (e) {
        set({ error: `Cannot filter: ${(e as Error).message}` });
        return;
      }
    }
    if (seq !== syncSeq || get().info !== info || get().filterText.trim() !== want) return;
    const rows = listRows(c, info, filter);
    set({ filter, rows, count: filter ? filter.count : info.count, expanded: [], at: null, error: null });
    if (get().count === 0) return;
    const pos = cur ? await posOf(c, info, filter, cur.address) : 0;
    if (get().rows === rows) get().moveTo({ pos: Math.max(0, pos), sub: 0 }, 'center');
  }
});

/** The row and line under the cursor, for the list (pure over the state). */
export function lineCount(s: Pick<CommandsState, 'count' | 'expanded'>): number {
  return totalLines(s.count, s.expanded);
}
export { lineAt, lineOf };

// Another dump: everything of the Commands view belonged to the old one.
onDumpChange('commands view', () => useCommandsStore.getState().reset());

let installed = false;
/** Keep the Commands view in step with navigation (once per page). */
export function installCommandsSync(): void {
  if (installed) return;
  installed = true;
  useViewStore.subscribe((s, prev) => {
    const targetChanged = s.target?.kind !== prev.target?.kind || s.target?.index !== prev.target?.index;
    if (s.navSeq === prev.navSeq && !targetChanged) return;
    if (useCommandsStore.getState().mode === 'commands') void useCommandsStore.getState().sync(true);
  });
}

// Automation hook for the end-to-end tests and the browser benchmark.
declare global {
  interface Window {
    __devcoredumpCommands?: typeof useCommandsStore;
  }
}
if (typeof window !== 'undefined') window.__devcoredumpCommands = useCommandsStore;
