// The hex view's working state (zustand): the cursor, the selection, and the display options
// (persisted in localStorage). Addresses are in the space of the current view target: GPU
// addresses (folded) for a range, offsets for a blob. Components read this; logic lives here.
import { create } from 'zustand';
import { useViewStore } from '../store.ts';
import { browserStorage, writeSetting } from '../storage.ts';
import { DEFAULT_OPTIONS, normalizeOptions, type DisplayOptions } from './options.ts';

export { DEFAULT_OPTIONS, normalizeOptions, type BytesPerRow, type DisplayOptions, type GroupSize } from './options.ts';

const OPTIONS_KEY = 'devcoredump.hex.options';

export function loadOptions(storage: Pick<Storage, 'getItem'> | null = browserStorage()): DisplayOptions {
  try {
    const raw = storage?.getItem(OPTIONS_KEY);
    return raw ? normalizeOptions(JSON.parse(raw)) : { ...DEFAULT_OPTIONS };
  } catch {
    return { ...DEFAULT_OPTIONS };
  }
}

export interface Selection {
  /** First byte. */
  start: bigint;
  /** One past the last byte. */
  end: bigint;
}

export interface HexState {
  /** Address of the byte under the cursor, or null. */
  cursor: bigint | null;
  /** Where a selection started (Shift+keys, drag); null when nothing is selected. */
  anchor: bigint | null;
  options: DisplayOptions;
  /** Whole rows the hex view shows on screen (what a share link holds when nothing is selected). */
  visibleRows: number;
  /** Move the cursor; with `extend`, grow the selection from the anchor (set at the old cursor). */
  setCursor(address: bigint | null, extend?: boolean): void;
  /** Select [start, end) and put the cursor on its last byte. */
  select(start: bigint, end: bigint): void;
  clearSelection(): void;
  setOptions(patch: Partial<DisplayOptions>): void;
}

/** The selected bytes [start, end), or null. */
export function selectionOf(s: Pick<HexState, 'cursor' | 'anchor'>): Selection | null {
  if (s.cursor === null || s.anchor === null) return null;
  const lo = s.anchor < s.cursor ? s.anchor : s.cursor;
  const hi = s.anchor < s.cursor ? s.cursor : s.anchor;
  return { start: lo, end: hi + 1n };
}

export const useHexStore = create<HexState>()((set, get) => ({
  cursor: null,
  anchor: null,
  options: loadOptions(),
  visibleRows: 16,

  setCursor(address, extend = false) {
    const { cursor, anchor } = get();
    if (address === null) set({ cursor: null, anchor: null });
    else if (extend) set({ cursor: address, anchor: anchor ?? cursor ?? address });
    else set({ cursor: address, anchor: null });
  },

  select(start, end) {
    if (end <= start) return;
    set({ anchor: start, cursor: end - 1n });
  },

  clearSelection() {
    set({ anchor: null });
  },

  setOptions(patch) {
    const options = { ...get().options, ...patch };
    set({ options });
    writeSetting(OPTIONS_KEY, JSON.stringify(options)); // without storage: for this visit
  },
}));

/**
 * Jump the hex view to a GPU address (a history entry) and put the cursor on that byte; false when
 * no captured range holds it. Every "go there" link uses this.
 */
export function openAt(address: bigint): boolean {
  if (!useViewStore.getState().goTo(address)) return false;
  useHexStore.getState().setCursor(useViewStore.getState().address ?? address);
  return true;
}
