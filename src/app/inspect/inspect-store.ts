// The inspector's state: whether the panel is shown (`i`, kept in browser storage), the bytes at
// the hex cursor (up to 8, read through the ByteSource whenever the cursor, the target or the dump
// changes), and following the GPU address they hold (`f`). DataInspector renders this.
import { create } from 'zustand';
import { findRangeAt } from '../../format/addr.ts';
import { openAt, useHexStore } from '../hex/hex-store.ts';
import { readSetting, writeSetting } from '../storage.ts';
import { selectSource, selectSummary, useDumpStore, useViewStore } from '../store.ts';
import type { ByteSource } from '../byte-source.ts';
import { gpuAddress, inspect } from './convert.ts';
import { inspectTarget } from './target.ts';

const OPEN_KEY = 'devcoredump.inspector.open';
/** Below this window width the panel starts folded, so the hex rows keep their room. */
const WIDE = 1600;

function initialOpen(): boolean {
  const v = readSetting(OPEN_KEY);
  if (v === '1' || v === '0') return v === '1';
  return typeof window !== 'undefined' && window.innerWidth >= WIDE;
}

export interface CursorBytes {
  cursor: bigint;
  /** Decoded bytes at the cursor (0..8). */
  bytes: Uint8Array;
}

export interface InspectState {
  /** The panel is shown (folded, its parts stay mounted). */
  open: boolean;
  /** The bytes at the cursor, once read (null while reading, or with no cursor). */
  read: CursorBytes | null;
  /** The cursor is outside the shown target. */
  outside: boolean;
  toggle(): void;
}

export const useInspectStore = create<InspectState>()((set, get) => ({
  open: initialOpen(),
  read: null,
  outside: false,
  toggle() {
    const open = !get().open;
    set({ open });
    writeSetting(OPEN_KEY, open ? '1' : '0');
  },
}));

// ---- reading the bytes at the cursor ----------------------------------------------------------

let readKey = '';
let readSource: ByteSource | null = null;
let readSeq = 0;

function refresh(): void {
  const cursor = useHexStore.getState().cursor;
  const t = inspectTarget(selectSummary(useDumpStore.getState()), useViewStore.getState().target);
  const source = selectSource(useDumpStore.getState());
  const outside = cursor !== null && t !== null && (cursor < t.start || cursor >= t.end);
  const space = t?.space;
  const key = `${cursor}|${space ? (space.kind === 'gpu' ? 'gpu' : `blob${space.index}`) : ''}|${t?.end ?? 0n}|${outside}`;
  if (key === readKey && source === readSource) return;
  readKey = key;
  readSource = source;
  const id = ++readSeq;
  if (outside !== useInspectStore.getState().outside) useInspectStore.setState({ outside });
  if (cursor === null || !space || !source || outside || !t) {
    useInspectStore.setState({ read: null });
    return;
  }
  if (useInspectStore.getState().read?.cursor !== cursor) useInspectStore.setState({ read: null });
  const want = Number(t.end - cursor < 8n ? t.end - cursor : 8n);
  source.read(space, cursor, want).then(
    (r) => {
      if (id !== readSeq) return;
      const n = r.address === cursor ? Math.min(r.valid, r.bytes.length, want) : 0;
      useInspectStore.setState({ read: { cursor, bytes: r.bytes.slice(0, n) } });
    },
    () => {
      if (id === readSeq) useInspectStore.setState({ read: { cursor, bytes: new Uint8Array(0) } });
    },
  );
}

useHexStore.subscribe((s, prev) => {
  if (s.cursor !== prev.cursor) refresh();
});
useViewStore.subscribe((s, prev) => {
  if (s.target !== prev.target) refresh();
});
useDumpStore.subscribe(() => refresh());

/** The GPU address the 8 bytes at the cursor hold, when it falls in a captured range of the open dump. */
export function followTarget(): bigint | null {
  const { read } = useInspectStore.getState();
  const dump = useDumpStore.getState().dump;
  if (!read || !dump || read.cursor !== useHexStore.getState().cursor) return null;
  const value = inspect(read.bytes).u64.le;
  if (value === null) return null;
  const g = gpuAddress(value);
  return findRangeAt(dump.ranges, g.address) ? g.address : null;
}

/** `f`: go to the GPU address at the cursor. False when there is none to follow. */
export function followAtCursor(): boolean {
  const a = followTarget();
  return a !== null && openAt(a);
}
