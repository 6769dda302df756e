// The pointer scan of one range (PointerScan shows it): the worker scans the range's 64-bit words
// for values inside a captured range (src/worker/pointers.ts). The request and its result live here.
import { create } from 'zustand';
import type { PointerScanResult } from '../../protocol/worker-api.ts';
import { useDumpStore } from '../store.ts';
import { onDumpChange } from '../dump-lifecycle.ts';

export interface PointerScanDone {
  /** The range scanned. */
  range: number;
  result: PointerScanResult;
}

export interface PointerState {
  /** Scan 4-byte-aligned words (command operands) instead of 8-byte-aligned ones. */
  dwordAligned: boolean;
  scan: PointerScanDone | null;
  busy: boolean;
  error: string | null;
  setDwordAligned(on: boolean): void;
  /** Scan one range of the open dump. */
  run(range: number): Promise<void>;
  /** Forget the result (a new dump). */
  reset(): void;
}

export const usePointerStore = create<PointerState>()((set, get) => ({
  dwordAligned: false,
  scan: null,
  busy: false,
  error: null,

  setDwordAligned(on) {
    set({ dwordAligned: on });
  },

  async run(range) {
    const client = useDumpStore.getState().client;
    if (!client) return;
    const generation = useDumpStore.getState().generation;
    set({ busy: true, error: null });
    try {
      const result = await client.scanPointers(range, undefined, get().dwordAligned ? 4 : 8);
      // A result for a dump that is no longer open is dropped.
      if (useDumpStore.getState().generation === generation) set({ scan: { range, result } });
    } catch (e) {
      set({ error: (e as Error).message ?? String(e) });
    } finally {
      set({ busy: false });
    }
  },

  reset() {
    set({ scan: null, error: null });
  },
}));

// A new dump: the old scan means nothing any more.
onDumpChange('pointer scan', () => usePointerStore.getState().reset());
