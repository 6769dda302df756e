import { describe, expect, it } from 'vitest';
import { addressBits, clampPan, layoutMap, panToShow, xOfAddress, zoomAround, GAP_WIDTH, MIN_RANGE_WIDTH, type MapRange } from './layout.ts';

const KiB = 1024;
const GiB = 1024 ** 3;
const r = (index: number, start: bigint, length: number): MapRange => ({ index, start, length });

describe('layoutMap', () => {
  it('orders blocks by address and puts gaps between them, contiguous from x = 0', () => {
    const { segments, total } = layoutMap([r(0, 0x300000n, 4 * KiB), r(1, 0x100000n, 8 * KiB)], { width: 800 });
    expect(segments.map((s) => s.kind)).toEqual(['gap', 'range', 'gap', 'range', 'gap']);
    expect(segments.filter((s) => s.kind === 'range').map((s) => s.index)).toEqual([1, 0]);
    let x = 0;
    for (const s of segments) {
      expect(s.x).toBeCloseTo(x);
      x += s.width;
    }
    expect(total).toBeCloseTo(800);
  });

  it('gives gaps a fixed width and a size label', () => {
    const { segments } = layoutMap([r(0, 0x1000n, 4 * KiB), r(1, 0x1000n + 0x1000n + 0xf9f00000n, 4 * KiB)], { width: 600 });
    const gaps = segments.filter((s) => s.kind === 'gap');
    expect(gaps).toHaveLength(3);
    for (const g of gaps) expect(g.width).toBe(GAP_WIDTH);
    expect(gaps[0]).toMatchObject({ start: 0n, end: 0x1000n, label: '… 4 KiB …' });
    expect(gaps[1].end - gaps[1].start).toBe(0xf9f00000n);
    expect(gaps[1].label).toBe('… 3.9 GiB …');
    expect(gaps[2].end).toBe(1n << 48n);
    expect(gaps[2].label).toMatch(/TiB/);
  });

  it('keeps a 4 KiB range beside a 4 GiB range visible: both at least the minimum width, the larger wider', () => {
    const { segments } = layoutMap([r(0, 0x100000000n, 4 * GiB), r(1, 0x200000000n, 4 * KiB)], { width: 1000 });
    const [big, small] = [segments.find((s) => s.index === 0)!, segments.find((s) => s.index === 1)!];
    expect(small.width).toBeGreaterThanOrEqual(MIN_RANGE_WIDTH);
    expect(big.width).toBeGreaterThanOrEqual(MIN_RANGE_WIDTH);
    expect(big.width).toBeGreaterThan(small.width);
    // Log scale: a million times larger is far less than a million times wider.
    expect(big.width / small.width).toBeLessThan(30);
    expect(small.label).toBe('4 KiB');
    expect(big.label).toBe('4 GiB');
  });

  it('keeps minimum widths when the viewport is too narrow', () => {
    const ranges = Array.from({ length: 50 }, (_, i) => r(i, BigInt(i) * 0x10000n, 4 * KiB));
    const { segments, total } = layoutMap(ranges, { width: 100 });
    for (const s of segments) expect(s.width).toBeGreaterThanOrEqual(s.kind === 'gap' ? GAP_WIDTH : MIN_RANGE_WIDTH);
    expect(total).toBeGreaterThan(100);
  });

  it('places an address linearly within its block', () => {
    const lay = layoutMap([r(0, 0x10000n, 0x10000)], { width: 500 });
    const b = lay.segments.find((s) => s.kind === 'range')!;
    expect(xOfAddress(lay.segments, 0x10000n)).toBeCloseTo(b.x);
    expect(xOfAddress(lay.segments, 0x18000n)).toBeCloseTo(b.x + b.width / 2);
    expect(xOfAddress(lay.segments, 0x1ffffn)!).toBeLessThan(b.x + b.width);
    // In a gap: inside the gap segment.
    const g = lay.segments[0];
    expect(xOfAddress(lay.segments, 0x8000n)).toBeCloseTo(g.x + g.width / 2);
    expect(xOfAddress(lay.segments, 1n << 50n)).toBeNull();
  });

  it('puts adjacent ranges side by side with no gap', () => {
    const { segments } = layoutMap([r(0, 0x1000n, 0x1000), r(1, 0x2000n, 0x1000)], { width: 400 });
    expect(segments.map((s) => s.kind)).toEqual(['gap', 'range', 'range', 'gap']);
    expect(segments[2].x).toBeCloseTo(segments[1].x + segments[1].width);
  });

  it('gives overlapping ranges one block each, with no gap and no negative gap, and finds the asked block', () => {
    const { segments } = layoutMap([r(0, 0x1000n, 0x4000), r(1, 0x2000n, 0x1000), r(2, 0x8000n, 0x1000)], { width: 400 });
    expect(segments.map((s) => s.kind)).toEqual(['gap', 'range', 'range', 'gap', 'range', 'gap']);
    // The gap after the overlap starts at the end of the outer range.
    expect(segments[3]).toMatchObject({ start: 0x5000n, end: 0x8000n });
    const inner = segments[2];
    expect(xOfAddress(segments, 0x2000n, 1)).toBeCloseTo(inner.x);
    expect(xOfAddress(segments, 0x2000n)).toBeLessThan(inner.x); // the outer block by default
  });

  it('uses a 57-bit space when an address needs it', () => {
    const ranges = [r(0, 0x1000n, 0x1000), r(1, 0x1_0000_0000_0000_00n, 0x1000)];
    expect(addressBits([ranges[0]])).toBe(48);
    expect(addressBits(ranges)).toBe(57);
    const { segments, bits } = layoutMap(ranges, { width: 500 });
    expect(bits).toBe(57);
    expect(segments.at(-1)!.end).toBe(1n << 57n);
    expect(segments.find((s) => s.index === 1)!.x).toBeGreaterThan(segments.find((s) => s.index === 0)!.x);
  });

  it('uses the dump\'s own 32-bit space (an old i915 GTT) unless a range reaches past 4 GiB', () => {
    const small = [r(0, 0xa1b000n, 0x4000)];
    expect(addressBits(small, 32)).toBe(32);
    expect(addressBits([r(0, 0xffff_f000n, 0x2000)], 32)).toBe(48);
    expect(addressBits(small, 48)).toBe(48);
    const { segments, bits } = layoutMap(small, { width: 300, spaceBits: 32 });
    expect(bits).toBe(32);
    expect(segments.at(-1)).toMatchObject({ kind: 'gap', end: 1n << 32n });
  });

  it('handles no ranges: one gap for the whole space', () => {
    const { segments } = layoutMap([], { width: 300 });
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ kind: 'gap', start: 0n, end: 1n << 48n });
  });

  it('zooms and pans: widths scale, pan shifts and is clamped', () => {
    const ranges = [r(0, 0x100000n, 4 * KiB), r(1, 0x200000000n, 4 * GiB)];
    const z1 = layoutMap(ranges, { width: 600 });
    const z4 = layoutMap(ranges, { width: 600, zoom: 4, pan: 300 });
    expect(z4.total).toBeCloseTo(z1.total * 4);
    z4.segments.forEach((s, i) => {
      expect(s.width).toBeCloseTo(z1.segments[i].width * 4);
      expect(s.x).toBeCloseTo(z1.segments[i].x * 4 - 300);
    });
    expect(layoutMap(ranges, { width: 600, zoom: 2, pan: 99999 }).pan).toBeCloseTo(600);
    expect(layoutMap(ranges, { width: 600, zoom: 2, pan: -5 }).pan).toBe(0);
    expect(layoutMap(ranges, { width: 600, zoom: 0.1 }).zoom).toBe(1);
    expect(clampPan(50, 500, 600)).toBe(0);
  });

  it('zoomAround keeps the point under the pointer fixed', () => {
    const ranges = [r(0, 0x100000n, 4 * KiB), r(1, 0x200000000n, 4 * GiB)];
    const before = layoutMap(ranges, { width: 600, zoom: 2, pan: 100 });
    const a = 0x200000000n + 0x40000000n;
    const x = xOfAddress(before.segments, a)!;
    const pan = zoomAround(before.pan, 2, 3, x);
    const after = layoutMap(ranges, { width: 600, zoom: 3, pan });
    expect(xOfAddress(after.segments, a)).toBeCloseTo(x);
  });

  it('panToShow scrolls only as far as needed', () => {
    expect(panToShow(0, 100, 20, 600)).toBe(0);
    expect(panToShow(0, 700, 20, 600)).toBe(128);
    expect(panToShow(500, 100, 20, 600)).toBe(92);
  });
});
