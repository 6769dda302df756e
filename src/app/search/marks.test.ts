import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SearchHit } from '../../protocol/worker-api.ts';
import { contextText, hasCol, lowerBound, rowHitMask, spanMask, stepIndex, targetOffsets } from './marks.ts';

const hit = (kind: 'range' | 'blob', index: number, offset: number): SearchHit => ({ where: { kind, index }, offset, address: BigInt(offset), context: '', at: 0 });
const cols = (mask: number, n = 32) => [...Array(n).keys()].filter((c) => hasCol(mask, c));

describe('targetOffsets', () => {
  it('keeps the offsets of one target, sorted and distinct', () => {
    const hits = [hit('range', 0, 5), hit('range', 1, 3), hit('range', 1, 3), hit('range', 1, 9), hit('blob', 1, 4), hit('range', 1, 7)];
    expect(targetOffsets(hits, { kind: 'range', index: 1 })).toEqual([3, 7, 9]);
    expect(targetOffsets(hits, { kind: 'blob', index: 1 })).toEqual([4]);
    expect(targetOffsets(hits, { kind: 'blob', index: 0 })).toEqual([]);
  });
});

describe('row masks', () => {
  it('lowerBound', () => {
    expect([0, 1, 2, 5, 6, 7].map((x) => lowerBound([1, 2, 2, 5], x))).toEqual([0, 0, 1, 3, 4, 4]);
  });

  it('marks the bytes of matches in a row, including matches that start in an earlier row', () => {
    // Matches of 4 bytes at 14 (spans rows 0 and 1) and 20; rows of 16.
    expect(cols(rowHitMask([14, 20], 4, 0, 16))).toEqual([14, 15]);
    expect(cols(rowHitMask([14, 20], 4, 16, 16))).toEqual([0, 1, 4, 5, 6, 7]);
    expect(rowHitMask([14, 20], 4, 32, 16)).toBe(0);
    // A short last row: nothing past n.
    expect(cols(rowHitMask([2], 8, 0, 5))).toEqual([2, 3, 4]);
    // 32-byte rows: bit 31 works.
    expect(cols(rowHitMask([30], 4, 0, 32))).toEqual([30, 31]);
    expect(rowHitMask([0], 64, 0, 32)).toBe(0xffffffff);
    expect(cols(spanMask(3, 2, 0, 16))).toEqual([3, 4]);
  });

  it('agrees with marking every byte of every match (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 200 })).map((a) => a.sort((x, y) => x - y)),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 220 }),
        fc.constantFrom(8, 16, 32),
        (offsets, length, rowOffset, n) => {
          const want: number[] = [];
          for (let c = 0; c < n; c++) if (offsets.some((o) => rowOffset + c >= o && rowOffset + c < o + length)) want.push(c);
          expect(cols(rowHitMask(offsets, length, rowOffset, n), n)).toEqual(want);
        },
      ),
    );
  });
});

describe('contextText', () => {
  const ctx = (bytes: number[], at: number) => ({ context: String.fromCharCode(...bytes), at });
  it('shows a little before and after the match, and ASCII', () => {
    const c = contextText(ctx([0x01, 0x02, 0x03, 0x41, 0x42, 0x43, 0x04, 0x05, 0x06], 3), 3);
    expect(c).toEqual({ before: '02 03', match: '41 42 43', more: false, after: '04 05', ascii: '..ABC..' });
  });
  it('cuts a long match and clips at the edges', () => {
    const bytes = [...Array(20).keys()];
    expect(contextText(ctx(bytes, 0), 12)).toMatchObject({ before: '', match: '00 01 02 03 04 05 06 07', more: true, after: '' });
    expect(contextText(ctx([9, 9, 0xaa], 2), 1)).toMatchObject({ before: '09 09', match: 'aa', after: '' });
  });
});

describe('stepIndex', () => {
  it('wraps both ways and starts at the first or last', () => {
    expect(stepIndex(-1, 3, 1)).toBe(0);
    expect(stepIndex(-1, 3, -1)).toBe(2);
    expect(stepIndex(2, 3, 1)).toBe(0);
    expect(stepIndex(0, 3, -1)).toBe(2);
    expect(stepIndex(1, 3, 1)).toBe(2);
    expect(stepIndex(0, 0, 1)).toBe(-1);
  });
});
