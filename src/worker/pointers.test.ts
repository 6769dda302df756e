import { describe, expect, it } from 'vitest';
import { RangeIndex, scanPointers, type ScanRange } from './pointers.ts';

function words64(values: bigint[]): Uint8Array {
  const b = new Uint8Array(values.length * 8);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setBigUint64(i * 8, x & ((1n << 64n) - 1n), true));
  return b;
}

const RANGES: ScanRange[] = [
  { index: 2, start: 0xfffeffdee000n, length: 0x1000 },
  { index: 0, start: 0x1a0000n, length: 0x1000 },
  { index: 1, start: 0x13f780000n, length: 0x10000 },
];

describe('pointer scan', () => {
  it('finds words that point into captured ranges, by binary search over ranges sorted by start', () => {
    const data = words64([0n, 0x1a0000n, 0x1a0fffn, 0x1a1000n, 0x13f780040n, 0x19ffffn, 12345n, 0xfffeffdee008n]);
    const r = scanPointers(data, RANGES);
    expect(r.capped).toBe(false);
    expect(r.words).toBe(8);
    expect(r.hits.map((h) => [h.offset, h.value, h.address, h.target])).toEqual([
      [8, 0x1a0000n, 0x1a0000n, 0],
      [16, 0x1a0fffn, 0x1a0fffn, 0],
      [32, 0x13f780040n, 0x13f780040n, 1],
      [56, 0xfffeffdee008n, 0xfffeffdee008n, 2],
    ]);
  });

  it('folds canonical addresses and tries 48-bit masking like Mesa', () => {
    const data = words64([0xfffffffeffdee010n, 0x00ab_0000_001a_0010n, 0x8000_0000_0000_0000n]);
    const r = scanPointers(data, RANGES);
    expect(r.hits.map((h) => [h.offset, h.address, h.target])).toEqual([
      [0, 0xfffeffdee010n, 2],
      [8, 0x1a0010n, 0],
    ]);
    expect(r.hits[1].value).toBe(0x00ab_0000_001a_0010n);
  });

  it('caps at the limit and says so', () => {
    const data = words64(Array.from({ length: 50 }, (_, i) => 0x1a0000n + BigInt(i * 8)));
    const r = scanPointers(data, RANGES, 10);
    expect(r.hits).toHaveLength(10);
    expect(r.capped).toBe(true);
    expect(scanPointers(data, RANGES, 50).capped).toBe(false);
  });

  it('reads only aligned words by default; a dword-aligned scan finds command operands', () => {
    const b = new Uint8Array(24);
    const v = new DataView(b.buffer);
    v.setUint32(0, 0x18800101, true); // MI_BATCH_BUFFER_START
    v.setUint32(4, 0x1a0000, true);
    v.setUint32(8, 0, true);
    expect(scanPointers(b, RANGES).hits.filter((h) => h.target === 0 && h.address === 0x1a0000n)).toHaveLength(0);
    const r = scanPointers(b, RANGES, 100, 4);
    expect(r.hits.map((h) => [h.offset, h.address])).toContainEqual([4, 0x1a0000n]);
    expect(r.align).toBe(4);
  });

  it('ignores a trailing partial word and an unaligned view', () => {
    const buf = new Uint8Array(3 + 8 + 5);
    new DataView(buf.buffer).setBigUint64(3, 0x1a0020n, true);
    const r = scanPointers(buf.subarray(3), RANGES);
    expect(r.hits.map((h) => [h.offset, h.target])).toEqual([[0, 0]]);
    expect(r.words).toBe(1);
  });

  it('handles addresses above 2^53 exactly (57-bit VAs)', () => {
    const big: ScanRange[] = [{ index: 5, start: 0x1_0000_0000_0000_00n, length: 0x100 }, ...RANGES];
    const idx = new RangeIndex(big);
    expect(idx.sorted.map((r) => r.index)).toEqual([0, 1, 2, 5]);
    const r = scanPointers(words64([0x1_0000_0000_0000_10n, 0x1_0000_0000_0001_00n, 0x1a0004n]), idx);
    expect(r.hits.map((h) => [h.offset, h.target])).toEqual([[0, 5], [16, 0]]);
  });

  it('returns nothing with no ranges or no data', () => {
    expect(scanPointers(words64([0x1a0000n]), []).hits).toEqual([]);
    expect(scanPointers(new Uint8Array(0), RANGES).hits).toEqual([]);
  });
});
