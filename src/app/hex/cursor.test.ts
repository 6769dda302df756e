import { describe, expect, it } from 'vitest';
import { clampAddr, displayOrder, lengthText, moveCursor, rowCol, rowSelection, virtToShowRow } from './cursor.ts';

const x = { start: 0x1000n, length: 0x100 }; // 16 rows of 16

describe('cursor math', () => {
  it('clamps into the extent', () => {
    expect(clampAddr(x, 0n)).toBe(0x1000n);
    expect(clampAddr(x, 0x1050n)).toBe(0x1050n);
    expect(clampAddr(x, 0x2000n)).toBe(0x10ffn);
  });
  it('row and column', () => {
    expect(rowCol(x, 0x1045n, 16)).toEqual({ row: 4, col: 5 });
    expect(rowCol(x, 0x1045n, 32)).toEqual({ row: 2, col: 5 });
  });
  it('moves by byte, row, page, row ends and extent ends', () => {
    expect(moveCursor(x, 0x1010n, 'ArrowLeft', 16, 4)).toBe(0x100fn);
    expect(moveCursor(x, 0x1000n, 'ArrowLeft', 16, 4)).toBe(0x1000n);
    expect(moveCursor(x, 0x10ffn, 'ArrowRight', 16, 4)).toBe(0x10ffn);
    expect(moveCursor(x, 0x1005n, 'ArrowDown', 16, 4)).toBe(0x1015n);
    expect(moveCursor(x, 0x10f5n, 'ArrowDown', 16, 4)).toBe(0x10f5n);
    expect(moveCursor(x, 0x1005n, 'ArrowUp', 16, 4)).toBe(0x1005n);
    expect(moveCursor(x, 0x1005n, 'PageDown', 16, 4)).toBe(0x1045n);
    expect(moveCursor(x, 0x10d5n, 'PageDown', 16, 4)).toBe(0x10f5n);
    expect(moveCursor(x, 0x1025n, 'PageUp', 16, 4)).toBe(0x1005n);
    expect(moveCursor(x, 0x1025n, 'Home', 16, 4)).toBe(0x1020n);
    expect(moveCursor(x, 0x1025n, 'End', 16, 4)).toBe(0x102fn);
    expect(moveCursor(x, 0x1025n, 'Home', 16, 4, true)).toBe(0x1000n);
    expect(moveCursor(x, 0x1025n, 'End', 16, 4, true)).toBe(0x10ffn);
  });
  it('stops at a short last row', () => {
    const y = { start: 0n, length: 20 };
    expect(moveCursor(y, 2n, 'ArrowDown', 16, 4)).toBe(18n);
    expect(moveCursor(y, 5n, 'ArrowDown', 16, 4)).toBe(5n);
    expect(moveCursor(y, 17n, 'End', 16, 4)).toBe(19n);
    expect(moveCursor(y, 5n, 'PageDown', 16, 4)).toBe(19n);
  });
  it('selection per row and length text', () => {
    expect(rowSelection(0x1010n, 16, 0x1012n, 0x1016n)).toEqual([2, 6]);
    expect(rowSelection(0x1010n, 16, 0x1000n, 0x1100n)).toEqual([0, 16]);
    expect(rowSelection(0x1010n, 16, 0x1020n, 0x1030n)).toBeNull();
    expect(lengthText(4n)).toBe('4 bytes (0x4)');
    expect(lengthText(1n)).toBe('1 byte (0x1)');
  });
  it('display order keeps memory order unless big-endian grouped', () => {
    expect(displayOrder(8, 4, false)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(displayOrder(8, 1, true)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(displayOrder(8, 4, true)).toEqual([3, 2, 1, 0, 7, 6, 5, 4]);
    expect(displayOrder(8, 2, true)).toEqual([1, 0, 3, 2, 5, 4, 7, 6]);
  });
  it('scrolls as little as needed to show a row', () => {
    expect(virtToShowRow(100, 10, 20, 200)).toBe(100);
    expect(virtToShowRow(100, 2, 20, 200)).toBe(40);
    expect(virtToShowRow(100, 20, 20, 200)).toBe(220);
  });
});
