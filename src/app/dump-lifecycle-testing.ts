// For unit tests: make the dump store hold another dump and run the dump lifecycle, as
// store.ts `open` does once a dump has parsed (without a worker).
import type { DumpSummary } from '../protocol/worker-api.ts';
import { dumpChanged } from './dump-lifecycle.ts';
import { useDumpStore } from './store.ts';

/** Another dump opens: `dump` (by default the same summary again) under the next generation. */
export function openAnotherDump(dump?: DumpSummary): void {
  const s = useDumpStore.getState();
  const next = dump ?? s.dump ?? ({ fileName: 'another.txt', ranges: [], blobs: [] } as unknown as DumpSummary);
  const generation = s.generation + 1;
  useDumpStore.setState({ dump: next, generation });
  dumpChanged({ dump: next, previous: s.dump, source: { kind: 'bytes', bytes: new Uint8Array(0), name: next.fileName }, generation });
}
