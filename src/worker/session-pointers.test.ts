// ParseSession.scanPointers over generated dumps: the hung batch points at itself.
import { describe, expect, it } from 'vitest';
import { generateDump, LAYOUTS } from '../gen/generate.ts';
import { findRangeAt, foldAddress } from '../format/addr.ts';
import { ParseSession } from './session.ts';

describe('ParseSession.scanPointers', () => {
  for (const layout of LAYOUTS) {
    it(`finds the MI_BATCH_BUFFER_START target in the batch (${layout})`, async () => {
      const g = generateDump({ layout, seed: 1 });
      const s = new ParseSession();
      const summary = await s.open({ kind: 'bytes', bytes: g.bytes, name: 'x.txt' }, () => {});
      const batch = BigInt(g.expected.batchAddresses[0]);
      const r = findRangeAt(summary.ranges, batch)!;
      expect(r).toBeDefined();
      const res = s.scanPointers(r.index, undefined, 4);
      expect(res.capped).toBe(false);
      expect(res.align).toBe(4);
      const self = res.hits.filter((h) => h.address === foldAddress(batch) && h.target === r.index);
      expect(self.length).toBeGreaterThan(0);
      // The default (8-byte aligned) scan sees only words at 8-byte offsets.
      expect(s.scanPointers(r.index).hits.every((h) => h.offset % 8 === 0)).toBe(true);
      expect(s.scanPointers(r.index, 1).hits.length).toBeLessThanOrEqual(1);
      expect(s.scanPointers(9999).hits).toEqual([]);
    });
  }

  it('on demand, every range gives the hits of its decoded memory, read past the page cache', async () => {
    const g = generateDump({ layout: '6.19', seed: 2 });
    const eager = new ParseSession();
    await eager.open({ kind: 'bytes', bytes: g.bytes, name: 'x.txt' }, () => {});
    const lazy = new ParseSession();
    await lazy.open({ kind: 'bytes', bytes: g.bytes, name: 'x.txt' }, () => {}, { eagerBytes: 0 });
    const ranges = lazy.current!.ranges;
    expect(ranges.some((r) => r.lazy)).toBe(true);
    const held = lazy.cache.bytes; // the fingerprint's samples, read while opening
    let hits = 0;
    for (let i = 0; i < ranges.length; i++) {
      const want = eager.scanPointers(i, undefined, 4);
      hits += want.hits.length;
      expect(lazy.scanPointers(i, undefined, 4)).toEqual(want);
    }
    expect(hits).toBeGreaterThan(0);
    expect(lazy.cache.bytes).toBe(held);
  });
});
