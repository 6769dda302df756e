import { beforeEach, describe, expect, it } from 'vitest';
import { emptyEntryTable } from '../format/entries.ts';
import { onDumpChange } from './dump-lifecycle.ts';
import { setClientFactory, useDumpStore, useViewStore, selectSummary, selectSource } from './store.ts';
import type { DumpClient } from './dump-client.ts';
import type { DumpSummary, OpenFailure, Progress, RangeInfo } from '../protocol/worker-api.ts';

const range = (index: number, address: bigint, complete = true): RangeInfo => ({
  index, address, length: 0x1000, line: 1, properties: null, decodedLength: complete ? 0x1000 : 0, complete, error: null, hasData: true,
});

function summary(name: string, ranges: RangeInfo[], batch: bigint[] = [], done = true): DumpSummary {
  return {
    fileName: name, fileSize: 1, compression: null, format: 'xe', header: {} as DumpSummary['header'], sections: emptyEntryTable(), entries: emptyEntryTable(), ranges,
    blobs: [], engines: [], batchAddresses: batch, vm: { uapiFlags: null, error: null }, diagnostics: [], lineCount: 1, byteCount: 1, done,
  };
}

/** A stand-in for the worker client: the test decides when and how each open ends. */
class FakeClient {
  disposed = false;
  onCrash: ((m: string) => void) | null = null;
  progress: ((p: Progress) => void) | null = null;
  resolve!: (s: DumpSummary) => void;
  reject!: (f: OpenFailure) => void;
  open(_source: unknown, onProgress: (p: Progress) => void): Promise<DumpSummary> {
    this.progress = onProgress;
    return new Promise((res, rej) => { this.resolve = res; this.reject = rej; });
  }
  dispose() { this.disposed = true; }
}

let clients: FakeClient[] = [];
beforeEach(() => {
  clients = [];
  setClientFactory(() => {
    const c = new FakeClient();
    clients.push(c);
    return c as unknown as DumpClient;
  });
  useDumpStore.setState({ dump: null, client: null, loading: null, error: null, generation: 0 });
  useViewStore.setState({ target: null, address: null, navSeq: 0 });
});

const bytes = { kind: 'bytes' as const, bytes: new Uint8Array(1), name: 'a.txt' };

describe('dump store', () => {
  it('opens a dump and lands on the range that holds the batch', async () => {
    const p = useDumpStore.getState().open(bytes);
    expect(useDumpStore.getState().loading?.name).toBe('a.txt');
    clients[0].resolve(summary('a', [range(0, 0x1000n), range(1, 0x1a0000n)], [0x1a0010n]));
    expect(await p).toBe(true);
    expect(useDumpStore.getState().dump?.fileName).toBe('a');
    expect(useDumpStore.getState().loading).toBeNull();
    expect(useViewStore.getState().target).toEqual({ kind: 'range', index: 1 });
    expect(useViewStore.getState().address).toBe(0x1a0000n);
  });

  it('tells the opened listeners of each dump that opened (not of one that failed or was cancelled)', async () => {
    const seen: string[] = [];
    const off = onDumpChange('test: seen', ({ source, dump }) => seen.push(`${source.name}:${dump.fileName}`));
    const broken = onDumpChange('test: broken', () => {
      throw new Error('a listener that fails');
    });
    const a = useDumpStore.getState().open(bytes);
    clients[0].resolve(summary('a', [range(0, 0x1000n)]));
    expect(await a).toBe(true);
    const b = useDumpStore.getState().open({ ...bytes, name: 'b.txt' });
    clients[1].reject({ kind: 'not-a-dump', message: 'no' });
    await b;
    const c = useDumpStore.getState().open({ ...bytes, name: 'c.txt' });
    useDumpStore.getState().cancel();
    clients[2].resolve(summary('c', [range(0, 0x1000n)]));
    await c;
    off();
    broken();
    const d = useDumpStore.getState().open({ ...bytes, name: 'd.txt' });
    clients[3].resolve(summary('d', [range(0, 0x1000n)]));
    await d;
    expect(seen).toEqual(['a.txt:a']);
  });

  it('keeps the open dump when the next file is not a dump, and shows why', async () => {
    const first = useDumpStore.getState().open(bytes);
    clients[0].resolve(summary('a', [range(0, 0x1000n)]));
    await first;
    const second = useDumpStore.getState().open({ ...bytes, name: 'b.txt' });
    clients[1].reject({ kind: 'not-a-dump', message: 'this is a kernel log' });
    expect(await second).toBe(false);
    expect(useDumpStore.getState().dump?.fileName).toBe('a');
    expect(useDumpStore.getState().error).toEqual({ kind: 'not-a-dump', message: 'this is a kernel log' });
    expect(clients[1].disposed).toBe(true);
    expect(clients[0].disposed).toBe(false);
  });

  it('replaces the open dump only when the new one has parsed, and frees the old worker', async () => {
    const first = useDumpStore.getState().open(bytes);
    clients[0].resolve(summary('a', [range(0, 0x1000n)]));
    await first;
    const second = useDumpStore.getState().open({ ...bytes, name: 'b.txt' });
    expect(useDumpStore.getState().dump?.fileName).toBe('a');
    clients[1].resolve(summary('b', [range(0, 0x2000n)]));
    await second;
    expect(useDumpStore.getState().dump?.fileName).toBe('b');
    expect(clients[0].disposed).toBe(true);
    expect(useDumpStore.getState().generation).toBe(2);
  });

  it('cancel stops the worker and leaves nothing loading', async () => {
    const p = useDumpStore.getState().open(bytes);
    useDumpStore.getState().cancel();
    expect(clients[0].disposed).toBe(true);
    expect(useDumpStore.getState().loading).toBeNull();
    clients[0].resolve(summary('late', []));
    expect(await p).toBe(false);
    expect(useDumpStore.getState().dump).toBeNull();
  });

  it('shows the first decoded range while a first dump parses, and keeps it if the user moved', async () => {
    const p = useDumpStore.getState().open(bytes);
    const partial = summary('a', [range(0, 0x1000n), range(1, 0x2000n, false)], [], false);
    clients[0].progress!({ bytesRead: 1, totalBytes: 2, elapsedMs: 5, summary: partial });
    expect(selectSummary(useDumpStore.getState())).toBe(partial);
    expect(selectSource(useDumpStore.getState())).toBe(clients[0]);
    expect(useViewStore.getState().target).toEqual({ kind: 'range', index: 0 });
    useViewStore.getState().select({ kind: 'range', index: 0 }, 0x1800n); // the user navigates
    clients[0].resolve(summary('a', [range(0, 0x1000n), range(1, 0x2000n)], [0x2000n]));
    await p;
    expect(useViewStore.getState().address).toBe(0x1800n);
  });

  it('goTo finds the range of an address, canonical forms included', async () => {
    const p = useDumpStore.getState().open(bytes);
    clients[0].resolve(summary('a', [range(0, 0xfffeffdee000n)]));
    await p;
    expect(useViewStore.getState().goTo(0xfffffffeffdee010n)).toBe(true);
    expect(useViewStore.getState().address).toBe(0xfffeffdee010n);
    expect(useViewStore.getState().goTo(0x10n)).toBe(false);
  });
});
