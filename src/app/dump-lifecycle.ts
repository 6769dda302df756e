// The one dump lifecycle: everything tied to the open dump (search, panels, share, snapshot, hex
// cursor and selection, bookmarks, pointer scan, recent dumps, the URL, …) registers here once,
// and the dump store calls `dumpChanged` from the one place that opens dumps (store.ts `open`),
// right after the new dump became the open one. A new per-dump feature is one `onDumpChange` call
// beside its store (see src/README.md).
import type { DumpSummary, OpenSource } from '../protocol/worker-api.ts';

export interface DumpChange {
  /** The dump that is open now. */
  dump: DumpSummary;
  /** The dump it replaced, or null. */
  previous: DumpSummary | null;
  /** What it was opened from (recent dumps keep the file). */
  source: OpenSource;
  /** Counts opens: the id of this dump's session (views key their per-dump state on it). */
  generation: number;
}

export type DumpChangeHandler = (change: DumpChange) => void;

const handlers = new Map<string, DumpChangeHandler>();

/**
 * Run `fn` each time another dump opens. `feature` names it (one registration per feature:
 * registering the same name again replaces the earlier one). Returns the unregister.
 */
export function onDumpChange(feature: string, fn: DumpChangeHandler): () => void {
  handlers.set(feature, fn);
  return () => {
    if (handlers.get(feature) === fn) handlers.delete(feature);
  };
}

/**
 * Tell every feature that a dump opened, in the order they registered. One feature's failure does
 * not stop the others; the names of the features that threw are returned.
 */
export function dumpChanged(change: DumpChange): string[] {
  const failed: string[] = [];
  for (const [feature, fn] of [...handlers]) {
    try {
      fn(change);
    } catch (e) {
      failed.push(feature);
      console.error(`resetting ${feature} for the new dump failed`, e);
    }
  }
  return failed;
}

/** The features registered (for tests and the map in src/README.md). */
export function dumpChangeFeatures(): string[] {
  return [...handlers.keys()];
}
