// Memory search in the worker (search.ts through ParseSession), in Node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDump, generateLargeDump } from '../gen/generate.ts';
import type { SearchBatch, SearchHit } from '../protocol/worker-api.ts';
import { ParseSession } from './session.ts';
import { CONTEXT_BEFORE, searchDump, WORKER_CHUNK } from './search.ts';
import { foldAddress } from '../format/addr.ts';
import type { DumpModel } from '../format/model.ts';
import { PAGE_BYTES } from '../format/paged.ts';

const tiny = new Uint8Array(readFileSync(new URL('../../e2e/fixtures/tiny.txt', import.meta.url)));
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
const noYield = { yieldNow: () => Promise.resolve() };

async function opened(bytes: Uint8Array): Promise<ParseSession> {
  const s = new ParseSession();
  await s.open({ kind: 'bytes', bytes, name: 'x.txt' }, () => {});
  return s;
}

/** Reference: every occurrence of `needle` in each range, then each blob. */
function naive(model: DumpModel, needle: Uint8Array): { kind: string; index: number; offset: number }[] {
  const out: { kind: string; index: number; offset: number }[] = [];
  const scan = (kind: string, index: number, data: Uint8Array | null, n: number) => {
    if (!data) return;
    for (let s = 0; s + needle.length <= n; s++) {
      let j = 0;
      while (j < needle.length && data[s + j] === needle[j]) j++;
      if (j === needle.length) out.push({ kind, index, offset: s });
    }
  };
  model.ranges.forEach((r, i) => scan('range', i, r.data, Math.min(r.length, r.decodedLength)));
  model.blobs.forEach((b, i) => scan('blob', i, b.data, Math.min(b.length, b.decodedLength)));
  return out;
}

async function collect(s: ParseSession, query: Parameters<ParseSession['search']>[1], id = 1) {
  const batches: SearchBatch[] = [];
  const done = await s.search(id, query, (b) => batches.push(b), noYield);
  return { done, batches, hits: batches.flatMap((b) => b.hits) };
}

describe('search in the worker', () => {
  it('finds a value in a range, with its folded address and the bytes around it', async () => {
    const s = await opened(tiny);
    const m = s.current!;
    // Range 0x200000 holds (i * 37 + 11) & 0xff: take the dword at 0x40.
    const data = m.ranges[1].data!;
    const needle = data.slice(0x40, 0x44);
    const value = new DataView(needle.buffer).getUint32(0, true);
    const { done, hits, batches } = await collect(s, { mode: 'u32', text: '0x' + value.toString(16), caseInsensitive: false });
    const want = naive(m, needle);
    expect(hits.map((h) => ({ kind: h.where.kind, index: h.where.index, offset: h.offset }))).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
    const h = hits.find((x) => x.where.index === 1 && x.offset === 0x40)!;
    expect(h.address).toBe(0x200040n);
    expect(h.at).toBe(CONTEXT_BEFORE);
    expect(hex(Uint8Array.from(h.context, (c) => c.charCodeAt(0)))).toBe(hex(data.subarray(0x40 - 4, 0x44 + 4)));
    expect(done).toMatchObject({ id: 1, count: want.length, capped: false, stopped: false, patternLength: 4 });
    expect(done.scannedBytes).toBe(done.totalBytes);
    expect(batches.at(-1)!.scannedBytes).toBe(done.totalBytes);
  });

  it('on demand, finds what a search of the decoded memory finds, reading past the page cache', async () => {
    // A few MiB of ranges: many 64 KiB pages.
    const chunks: Uint8Array[] = [];
    generateLargeDump({ targetBytes: 3 << 20, seed: 4 }, (c) => void chunks.push(c.slice()));
    const bytes = new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
    const eager = await opened(bytes);
    const lazy = new ParseSession();
    await lazy.open({ kind: 'bytes', bytes, name: 'x.txt' }, () => {}, { eagerBytes: 0 });
    expect(lazy.current!.ranges.some((r) => r.lazy)).toBe(true);
    const big = eager.current!.ranges.reduce((a, b) => ((b.data?.length ?? 0) > (a.data?.length ?? 0) ? b : a));
    // 8 random bytes from the middle of the largest range (past its runs of zero dwords).
    const dv = new DataView(big.data!.buffer, big.data!.byteOffset);
    let at = (big.data!.length >> 1) & ~3;
    while (dv.getUint32(at, true) === 0 || dv.getUint32(at + 4, true) === 0) at += 4;
    const query = { mode: 'hex' as const, text: hex(big.data!.subarray(at, at + 8)), caseInsensitive: false };
    const want = await collect(eager, query);
    const held = lazy.cache.bytes;
    const got = await collect(lazy, query);
    expect(want.hits.length).toBeGreaterThan(0);
    expect(want.done.capped).toBe(false);
    expect(got.hits).toEqual(want.hits);
    expect(got.done.scannedBytes).toBe(want.done.scannedBytes);
    // Only the hits' context was read through the cache (a page or two each), not the memory scanned.
    expect(lazy.cache.bytes - held).toBeLessThanOrEqual(2 * got.hits.length * PAGE_BYTES);
  });

  it('searches the blobs too (offsets as addresses), after the ranges', async () => {
    const g = generateDump({ layout: '6.19', seed: 5 });
    const s = await opened(g.bytes);
    const m = s.current!;
    const bi = m.blobs.findIndex((b) => b.name === 'LOG' && b.data);
    expect(bi).toBeGreaterThanOrEqual(0);
    const needle = m.blobs[bi].data!.slice(0x123, 0x123 + 12);
    const { hits } = await collect(s, { mode: 'hex', text: hex(needle), caseInsensitive: false });
    expect(hits.map((h) => ({ kind: h.where.kind, index: h.where.index, offset: h.offset }))).toEqual(naive(m, needle));
    const h = hits.find((x) => x.where.kind === 'blob' && x.where.index === bi && x.offset === 0x123)!;
    expect(h.address).toBe(0x123n);
    // Ranges come before blobs.
    const kinds = hits.map((x) => x.where.kind);
    expect(kinds.indexOf('blob')).toBeGreaterThanOrEqual(kinds.lastIndexOf('range'));
  });

  it('folds canonical range addresses and clips the context at the start of a range', async () => {
    const s = await opened(tiny);
    const m = s.current!;
    const r = m.ranges[1];
    const { hits } = await collect(s, { mode: 'hex', text: hex(r.data!.subarray(0, 6)), caseInsensitive: false });
    const h = hits.find((x) => x.where.index === 1 && x.offset === 0)!;
    expect(h.address).toBe(foldAddress(r.address));
    expect(h.at).toBe(0);
    expect(h.context.length).toBe(6 + 4);
  });

  it('caps at the limit and says so', async () => {
    const s = await opened(tiny);
    const { done, hits } = await collect(s, { mode: 'hex', text: '00', caseInsensitive: false, limit: 7 });
    expect(hits.length).toBe(7);
    expect(done).toMatchObject({ count: 7, capped: true });
  });

  it('rejects an invalid query with the reason', async () => {
    const s = await opened(tiny);
    await expect(s.search(1, { mode: 'hex', text: 'zz', caseInsensitive: false }, () => {}, noYield)).rejects.toThrow(/bad byte "zz"/);
    await expect(new ParseSession().search(1, { mode: 'ascii', text: 'a', caseInsensitive: false }, () => {})).rejects.toThrow(/still opening/);
  });

  it('yields between slices, answers reads meanwhile, and stops when cancelled or replaced', async () => {
    // One big range (several worker chunks) so the search takes more than one slice.
    const g = generateDump({ layout: '6.19', seed: 2, bigRange: 6 * WORKER_CHUNK });
    const s = await opened(g.bytes);
    let yields = 0;
    const reads: number[] = [];
    const batches: SearchBatch[] = [];
    // Every yield reads bytes, as the hex view would; the third cancels.
    // sliceMs 0: a yield after every chunk, whatever the speed of the machine.
    const done = await s.search(7, { mode: 'hex', text: '00', caseInsensitive: false, limit: 1e9 }, (b) => batches.push(b), {
      sliceMs: 0,
      yieldNow: async () => {
        yields++;
        reads.push(s.read({ kind: 'gpu' }, 0x400000000n, 16).bytes.length);
        if (yields === 3) s.cancelSearch();
      },
    });
    expect(yields).toBe(3);
    expect(reads).toEqual([16, 16, 16]);
    expect(done.stopped).toBe(true);
    expect(done.scannedBytes).toBeLessThan(done.totalBytes);
    const hits: SearchHit[] = batches.flatMap((b) => b.hits);
    expect(hits.length).toBe(done.count);

    // A second search replaces the first: the first stops at its next slice.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atYield = new Promise<void>((r) => (reached = r));
    const first = s.search(1, { mode: 'hex', text: '00', caseInsensitive: false, limit: 1e9 }, () => {}, {
      sliceMs: 0,
      yieldNow: () => {
        reached();
        return gate;
      },
    });
    await atYield;
    const second = s.search(2, { mode: 'ascii', text: 'no such text anywhere', caseInsensitive: false }, () => {}, noYield);
    release();
    expect((await first).stopped).toBe(true);
    expect(await second).toMatchObject({ id: 2, stopped: false, count: 0 });
  });

  it('streams hits in batches as time passes, each with the progress so far', async () => {
    const g = generateDump({ layout: '6.19', seed: 2, bigRange: 4 * WORKER_CHUNK });
    const s = await opened(g.bytes);
    let clock = 0;
    const batches: SearchBatch[] = [];
    const done = await s.search(1, { mode: 'hex', text: 'ff', caseInsensitive: false, limit: 1e9 }, (b) => batches.push(b), {
      ...noYield,
      now: () => (clock += 100), // every step is "late": one batch per chunk
    });
    expect(batches.length).toBeGreaterThan(3);
    const scanned = batches.map((b) => b.scannedBytes);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
    expect(batches.every((b) => b.totalBytes === done.totalBytes && b.id === 1)).toBe(true);
    expect(batches.reduce((n, b) => n + b.hits.length, 0)).toBe(done.count);
    expect(done.count).toBeGreaterThan(1000);
  });

  it('searchDump takes any model (a dump with no data searches nothing)', async () => {
    const empty = { ranges: [{ address: 0x1000n, length: 16, data: null, decodedLength: 0 }], blobs: [] } as unknown as DumpModel;
    const done = await searchDump(empty, 3, { mode: 'hex', text: '00', caseInsensitive: false }, () => {}, { cancelled: () => false, ...noYield });
    expect(done).toMatchObject({ id: 3, count: 0, totalBytes: 0, stopped: false });
  });
});
