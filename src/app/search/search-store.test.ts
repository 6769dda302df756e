import { beforeEach, describe, expect, it } from 'vitest';
import { emptyEntryTable } from '../../format/entries.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { useHexStore } from '../hex/hex-store.ts';
import type { DumpClient } from '../dump-client.ts';
import type { BlobInfo, DumpSummary, RangeInfo, SearchBatch, SearchDone, SearchHit, SearchQuery } from '../../protocol/worker-api.ts';
import { hexValueHint, queryError, statusText, useSearchStore } from './search-store.ts';
import { openAnotherDump } from '../dump-lifecycle-testing.ts';

const range = (index: number, address: bigint): RangeInfo => ({
  index, address, length: 0x1000, line: 1, properties: null, decodedLength: 0x1000, complete: true, error: null, hasData: true,
});
const blob = (index: number, name: string): BlobInfo => ({ index, name, section: 's', line: 1, length: 0x100, decodedLength: 0x100, hasData: true, error: null } as BlobInfo);

function summary(): DumpSummary {
  return {
    fileName: 'a', fileSize: 1, compression: null, format: 'xe', header: {} as DumpSummary['header'], sections: emptyEntryTable(), entries: emptyEntryTable(),
    ranges: [range(0, 0x1000n), range(1, 0x1a0000n)], blobs: [blob(0, 'LOG')], engines: [], batchAddresses: [],
    vm: { uapiFlags: null, error: null }, diagnostics: [], lineCount: 1, byteCount: 1, done: true,
  };
}

interface Call {
  id: number;
  query: SearchQuery;
  onBatch: (b: SearchBatch) => void;
  resolve: (d: SearchDone) => void;
  reject: (e: Error) => void;
}

class FakeClient {
  calls: Call[] = [];
  cancels = 0;
  search(id: number, query: SearchQuery, onBatch: (b: SearchBatch) => void): Promise<SearchDone> {
    return new Promise((resolve, reject) => this.calls.push({ id, query, onBatch, resolve, reject }));
  }
  cancelSearch() {
    this.cancels++;
  }
}

const hitAt = (kind: 'range' | 'blob', index: number, offset: number, base: bigint): SearchHit => ({
  where: { kind, index }, offset, address: base + BigInt(offset), context: '\x01\x02', at: 0,
});
const done = (id: number, count: number, extra: Partial<SearchDone> = {}): SearchDone => ({
  id, count, capped: false, stopped: false, scannedBytes: 100, totalBytes: 100, patternLength: 4, elapsedMs: 1, ...extra,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

let client: FakeClient;
const S = () => useSearchStore.getState();

beforeEach(() => {
  S().reset(); // before the new client: the last test's search is not this one's to cancel
  client = new FakeClient();
  useDumpStore.setState({ dump: summary(), client: client as unknown as DumpClient, loading: null, error: null, generation: 1 });
  useViewStore.setState({ target: null, address: null, navSeq: 0 });
  useHexStore.setState({ cursor: null, anchor: null });
  useSearchStore.setState({ open: true, text: '', mode: 'hex', caseInsensitive: false, invalid: null });
});

describe('search store', () => {
  it('flags an invalid query as typed, and does not run it', () => {
    S().setText('de ?');
    expect(S().invalid).toMatch(/odd number of digits/);
    expect(S().run()).toBe(false);
    expect(client.calls).toHaveLength(0);
    S().setText('');
    expect(S().invalid).toBeNull();
    S().setMode('u32');
    S().setText('0x1_0000_0000');
    expect(S().invalid).toMatch(/out of range/);
    S().setMode('u64');
    expect(S().invalid).toBeNull();
    expect(queryError('address', 'zz')).toMatch(/not an address/);
  });

  it('streams hits in, opens the first in the hex view, and finishes with the counts', async () => {
    S().setText('de ad be ef');
    expect(S().run()).toBe(true);
    const c = client.calls[0];
    expect(c.query).toEqual({ mode: 'hex', text: 'de ad be ef', caseInsensitive: false, limit: 10_000 });
    expect(S()).toMatchObject({ status: 'running', patternLength: 4, current: -1 });
    c.onBatch({ id: c.id, hits: [], scannedBytes: 10, totalBytes: 100 });
    expect(S()).toMatchObject({ scannedBytes: 10, totalBytes: 100, current: -1 });
    c.onBatch({ id: c.id, hits: [hitAt('range', 1, 0x40, 0x1a0000n)], scannedBytes: 50, totalBytes: 100 });
    expect(S().current).toBe(0);
    expect(useViewStore.getState().target).toEqual({ kind: 'range', index: 1 });
    expect(useHexStore.getState().cursor).toBe(0x1a0040n);
    c.onBatch({ id: c.id, hits: [hitAt('blob', 0, 0x10, 0n)], scannedBytes: 100, totalBytes: 100 });
    c.resolve(done(c.id, 2));
    await flush();
    expect(S()).toMatchObject({ status: 'done', capped: false, current: 0 });
    expect(S().hits).toHaveLength(2);
  });

  it('Enter runs a changed query, else goes to the next match; Shift+Enter and F3 wrap around', async () => {
    S().setText('00');
    S().enter();
    const c = client.calls[0];
    c.onBatch({ id: c.id, hits: [hitAt('range', 0, 1, 0x1000n), hitAt('range', 1, 2, 0x1a0000n), hitAt('blob', 0, 3, 0n)], scannedBytes: 1, totalBytes: 1 });
    c.resolve(done(c.id, 3));
    await flush();
    expect(S().current).toBe(0);
    S().enter();
    expect(S().current).toBe(1);
    expect(useHexStore.getState().cursor).toBe(0x1a0002n);
    S().next();
    expect(S().current).toBe(2);
    expect(useViewStore.getState().target).toEqual({ kind: 'blob', index: 0 });
    expect(useHexStore.getState().cursor).toBe(3n);
    S().next();
    expect(S().current).toBe(0);
    S().enter(true);
    expect(S().current).toBe(2);
    S().prev();
    expect(S().current).toBe(1);
    expect(client.calls).toHaveLength(1);
    // A changed query (or mode) searches again.
    S().setText('01');
    S().enter();
    expect(client.calls).toHaveLength(2);
  });

  it('a new search drops the batches of the old one; cancel says stopped', async () => {
    S().setText('00');
    S().run();
    S().setText('01');
    S().run();
    const [a, b] = client.calls;
    a.onBatch({ id: a.id, hits: [hitAt('range', 0, 0, 0x1000n)], scannedBytes: 1, totalBytes: 1 });
    expect(S().hits).toHaveLength(0);
    a.resolve(done(a.id, 1));
    await flush();
    expect(S().status).toBe('running');
    S().cancel();
    expect(client.cancels).toBe(1);
    expect(S().status).toBe('stopped');
    b.resolve(done(b.id, 0, { stopped: true, scannedBytes: 40 }));
    await flush();
    expect(S()).toMatchObject({ status: 'stopped', scannedBytes: 40 });
  });

  it('reports the cap, a worker failure, and forgets results when another dump opens', async () => {
    S().setText('00');
    S().run();
    let c = client.calls[0];
    c.onBatch({ id: c.id, hits: [hitAt('range', 0, 0, 0x1000n)], scannedBytes: 1, totalBytes: 9 });
    c.resolve(done(c.id, 1, { capped: true }));
    await flush();
    expect(S().capped).toBe(true);
    S().setMode('ascii');
    S().run();
    c = client.calls[1];
    c.reject(new Error('worker said no'));
    await flush();
    expect(S()).toMatchObject({ status: 'error', error: 'worker said no' });
    openAnotherDump();
    expect(S()).toMatchObject({ status: 'idle', hits: [], current: -1, ran: null });
  });

  it('case folding only for text modes; closing cancels a running search', () => {
    S().setCaseInsensitive(true);
    S().setText('12');
    S().run();
    expect(client.calls[0].query.caseInsensitive).toBe(false);
    S().setMode('ascii');
    S().run();
    expect(client.calls[1].query.caseInsensitive).toBe(true);
    S().setOpen(false);
    expect(client.cancels).toBe(1);
    expect(S().open).toBe(false);
  });
});

describe('statusText', () => {
  const base = { status: 'done' as const, hits: [] as SearchHit[], capped: false, scannedBytes: 50, totalBytes: 200, error: null, limit: 10_000 };
  const hits = (n: number) => Array.from({ length: n }, (_, i) => hitAt('range', 0, i, 0n));
  it('says what the search found or is doing', () => {
    expect(statusText({ ...base, status: 'idle' })).toBe('');
    expect(statusText({ ...base, status: 'running', hits: hits(1) })).toBe('Searching… 25%, 1 result so far');
    expect(statusText({ ...base })).toBe('No results');
    expect(statusText({ ...base, hits: hits(2) })).toBe('2 results');
    expect(statusText({ ...base, hits: hits(10_000), capped: true })).toBe('first 10,000 results (cap reached: there are more)');
    expect(statusText({ ...base, status: 'stopped', hits: hits(3) })).toBe('Stopped at 25%: 3 results');
    expect(statusText({ ...base, status: 'error', error: 'x' })).toBe('Search failed: x');
  });
});

describe('hexValueHint', () => {
  const base = { status: 'done' as const, hits: [], mode: 'hex' as const };
  it('after no hits, a 4- or 8-byte hex pattern is shown as the value it may have meant', () => {
    expect(hexValueHint({ ...base, text: '18800101' })).toBe('Hex bytes are matched in memory order. The u32 value 0x18800101 is stored as 01 01 80 18: search it in u32 mode.');
    expect(hexValueHint({ ...base, text: '0x00000001_001a0000' })).toMatch(/u64 value 0x00000001001a0000 is stored as 00 00 1a 00 01 00 00 00: search it in u64 mode/);
  });
  it('says nothing otherwise', () => {
    expect(hexValueHint({ ...base, text: '18 80 01' })).toBeNull();
    expect(hexValueHint({ ...base, text: '18 ?? 01 01' })).toBeNull();
    expect(hexValueHint({ ...base, mode: 'u32', text: '18800101' })).toBeNull();
    expect(hexValueHint({ ...base, status: 'running', text: '18800101' })).toBeNull();
    expect(hexValueHint({ ...base, hits: [{}] as never[], text: '18800101' })).toBeNull();
  });
});
