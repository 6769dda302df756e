import { describe, expect, it } from 'vitest';
import {
  MAX_PHYS_HEIGHT,
  clampVirt,
  firstRow,
  geometry,
  lastVisibleRow,
  pageRows,
  renderCount,
  rowOffset,
  scrollTopFromVirt,
  virtAtRow,
  virtByRows,
  virtCentered,
  virtFromScrollTop,
  wheelDeltaPx,
} from './virtual.ts';

const ROW_H = 20;
const VIEW_H = 500;
const ROWS_4G = 268_435_456; // 4 GiB / 16 bytes per row

describe('geometry', () => {
  it('is not scaled when everything fits under the cap', () => {
    const g = geometry(1000, ROW_H, VIEW_H);
    expect(g.total).toBe(20_000);
    expect(g.phys).toBe(20_000);
    expect(g.ratio).toBe(1);
    expect(g.maxVirt).toBe(19_500);
    expect(g.maxScrollTop).toBe(19_500);
  });

  it('caps the physical height and scales by (total-viewH)/(phys-viewH)', () => {
    const g = geometry(ROWS_4G, ROW_H, VIEW_H);
    expect(g.total).toBe(ROWS_4G * ROW_H);
    expect(g.phys).toBe(MAX_PHYS_HEIGHT);
    expect(g.ratio).toBeCloseTo((ROWS_4G * ROW_H - VIEW_H) / (MAX_PHYS_HEIGHT - VIEW_H), 9);
    expect(g.maxScrollTop * g.ratio).toBeCloseTo(g.maxVirt, 3);
  });

  it('handles content shorter than the viewport and empty content', () => {
    const g = geometry(10, ROW_H, VIEW_H);
    expect(g.maxVirt).toBe(0);
    expect(g.maxScrollTop).toBe(0);
    expect(g.ratio).toBe(1);
    expect(renderCount(g, 0)).toBe(10);
    const e = geometry(0, ROW_H, VIEW_H);
    expect(renderCount(e, 0)).toBe(0);
    expect(firstRow(e, 100)).toBe(0);
    expect(renderCount(geometry(100, ROW_H, 0), 0)).toBe(0);
  });
});

describe('clamping', () => {
  const g = geometry(ROWS_4G, ROW_H, VIEW_H);
  it('clamps at both ends and maps NaN to 0', () => {
    expect(clampVirt(g, -5)).toBe(0);
    expect(clampVirt(g, Number.NaN)).toBe(0);
    expect(clampVirt(g, 1e18)).toBe(g.maxVirt);
    expect(clampVirt(g, 12345.5)).toBe(12345.5);
  });
  it('scrollTop conversions clamp and snap to the ends', () => {
    expect(virtFromScrollTop(g, -10)).toBe(0);
    expect(virtFromScrollTop(g, 0)).toBe(0);
    expect(virtFromScrollTop(g, g.maxScrollTop)).toBe(g.maxVirt);
    expect(virtFromScrollTop(g, g.maxScrollTop - 0.5)).toBe(g.maxVirt);
    expect(virtFromScrollTop(g, g.maxScrollTop + 1000)).toBe(g.maxVirt);
    expect(scrollTopFromVirt(g, 0)).toBe(0);
    expect(scrollTopFromVirt(g, g.maxVirt)).toBeCloseTo(g.maxScrollTop, 6);
    expect(scrollTopFromVirt(g, g.maxVirt * 2)).toBeLessThanOrEqual(g.maxScrollTop);
  });
  it('round-trips scrollTop → virt → scrollTop', () => {
    for (const st of [1, 17, 123_456, 5_000_000, 9_000_000]) {
      expect(scrollTopFromVirt(g, virtFromScrollTop(g, st))).toBeCloseTo(st, 6);
    }
  });
});

describe('rows and offsets', () => {
  const g = geometry(ROWS_4G, ROW_H, VIEW_H);
  it('converts between rows and offsets', () => {
    expect(firstRow(g, 0)).toBe(0);
    expect(firstRow(g, 19.99)).toBe(0);
    expect(firstRow(g, 20)).toBe(1);
    expect(virtAtRow(g, 1000)).toBe(20_000);
    expect(rowOffset(g, 1000, 20_000)).toBe(0);
    expect(rowOffset(g, 1001, 20_005)).toBe(15);
    expect(lastVisibleRow(g, 0)).toBe(24);
    expect(lastVisibleRow(g, 10)).toBe(25);
  });

  it('keeps the translate offset small anywhere in a 4 GiB range', () => {
    for (const v of [0, 1234.5, 2.5e9 + 7.25, g.maxVirt]) {
      const f = firstRow(g, v);
      const off = rowOffset(g, f, v);
      expect(off).toBeLessThanOrEqual(0);
      expect(off).toBeGreaterThan(-ROW_H);
    }
  });

  it('reaches the last of 268,435,456 rows by thumb (max scrollTop) and by End', () => {
    for (const v of [virtFromScrollTop(g, g.maxScrollTop), g.maxVirt]) {
      const f = firstRow(g, v);
      const n = renderCount(g, f);
      expect(f + n - 1).toBe(ROWS_4G - 1);
      expect(lastVisibleRow(g, v)).toBe(ROWS_4G - 1);
      // The last row's bottom is the viewport's bottom.
      expect(rowOffset(g, ROWS_4G - 1, v) + ROW_H).toBeCloseTo(VIEW_H, 6);
    }
  });

  it('renders a constant number of rows', () => {
    expect(renderCount(g, 0)).toBe(26);
    expect(renderCount(g, 100_000_000)).toBe(26);
    expect(renderCount(g, ROWS_4G - 3)).toBe(3);
  });

  it('centres a row, clamped at both ends', () => {
    expect(virtCentered(g, 0)).toBe(0);
    expect(virtCentered(g, 5)).toBe(0);
    const mid = 100_000_000;
    const v = virtCentered(g, mid);
    expect(rowOffset(g, mid, v)).toBe(VIEW_H / 2 - ROW_H / 2);
    expect(virtCentered(g, ROWS_4G - 1)).toBe(g.maxVirt);
  });
});

describe('keys and wheel', () => {
  const g = geometry(ROWS_4G, ROW_H, VIEW_H);
  it('moves by whole rows and snaps partial rows', () => {
    expect(virtByRows(g, 0, 1)).toBe(20);
    expect(virtByRows(g, 20, -1)).toBe(0);
    expect(virtByRows(g, 0, -1)).toBe(0);
    expect(virtByRows(g, 30, 1)).toBe(40);
    expect(virtByRows(g, 30, -1)).toBe(0);
    expect(virtByRows(g, 50, -1)).toBe(20);
    expect(virtByRows(g, 59.9999999, 1)).toBe(80);
    expect(virtByRows(g, g.maxVirt, 1)).toBe(g.maxVirt);
    expect(pageRows(g)).toBe(25);
    expect(virtByRows(g, 0, pageRows(g))).toBe(500);
  });
  it('moves up by exactly one first row from the clamped bottom', () => {
    const h = geometry(1000, ROW_H, 510); // maxVirt = 19,490: not a row boundary
    const f = firstRow(h, h.maxVirt);
    expect(firstRow(h, virtByRows(h, h.maxVirt, -1))).toBe(f - 1);
  });
  it('converts wheel deltas 1:1 in px, lines and pages', () => {
    expect(wheelDeltaPx(g, 100, 0)).toBe(100);
    expect(wheelDeltaPx(g, 3, 1)).toBe(60);
    expect(wheelDeltaPx(g, 1, 2)).toBe(500);
  });
});
