// State of the side panels that outlives a panel switch: the ranges table's sort and filter, and
// the result of the last register jump. Own store so that src/app/store.ts stays untouched.
import { create } from 'zustand';
import { onDumpChange } from '../dump-lifecycle.ts';
import { openAt } from '../hex/hex-store.ts';
import { nextSort, type RangeSort, type RangeSortKey } from './format.ts';

export interface JumpResult {
  /** Which button jumped (e.g. "rcs0:ACTHD"). */
  key: string;
  ok: boolean;
}

export interface PanelsState {
  rangeSort: RangeSort;
  rangeFilter: string;
  lastJump: JumpResult | null;
  sortRangesBy(key: RangeSortKey): void;
  setRangeFilter(text: string): void;
  /** Jump the hex view to an address; remembers whether a captured range holds it. */
  jump(key: string, address: bigint): boolean;
  clearJump(): void;
}

export const DEFAULT_SORT: RangeSort = { key: 'start', dir: 'asc' };

export const usePanelsStore = create<PanelsState>()((set, get) => ({
  rangeSort: DEFAULT_SORT,
  rangeFilter: '',
  lastJump: null,

  sortRangesBy(key) {
    set({ rangeSort: nextSort(get().rangeSort, key) });
  },

  setRangeFilter(text) {
    set({ rangeFilter: text });
  },

  jump(key, address) {
    const ok = openAt(address);
    set({ lastJump: { key, ok } });
    return ok;
  },

  clearJump() {
    if (get().lastJump) set({ lastJump: null });
  },
}));

// A new dump: the old jump result means nothing any more.
onDumpChange('panels', () => usePanelsStore.getState().clearJump());
