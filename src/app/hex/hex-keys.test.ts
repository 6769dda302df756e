import { describe, expect, it } from 'vitest';
import { hexKeyAction, type HexKeyState } from './hex-keys.ts';
import { geometry } from './virtual.ts';

const ROW_H = 20;
const t = { start: 0x1000n, length: 0x1000 }; // 256 rows of 16
const state = (over: Partial<HexKeyState> = {}): HexKeyState => ({
  cursor: null, anchor: null, t, bytesPerRow: 16, geo: geometry(256, ROW_H, 200), virt: 0, rowH: ROW_H, ...over,
});
const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
  ({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('hex grid keys', () => {
  it('moves the cursor by byte, row and page, and keeps it in view', () => {
    expect(hexKeyAction(key('ArrowRight'), state({ cursor: 0x1000n }))).toEqual({ kind: 'cursor', cursor: 0x1001n, extend: false, virt: 0 });
    expect(hexKeyAction(key('ArrowDown'), state({ cursor: 0x1000n }))).toMatchObject({ cursor: 0x1010n });
    const down = hexKeyAction(key('PageDown'), state({ cursor: 0x1000n }));
    expect(down).toMatchObject({ kind: 'cursor', cursor: 0x1000n + 10n * 16n });
    expect(down!.kind === 'cursor' && down!.virt).toBeGreaterThan(0);
  });

  it('Ctrl+Home / Ctrl+End go to the ends of the range; other Ctrl keys are not the grid\'s', () => {
    expect(hexKeyAction(key('End', { ctrlKey: true }), state({ cursor: 0x1000n }))).toMatchObject({ cursor: 0x1fffn });
    expect(hexKeyAction(key('Home', { ctrlKey: true }), state({ cursor: 0x1800n }))).toMatchObject({ cursor: 0x1000n });
    expect(hexKeyAction(key('ArrowRight', { ctrlKey: true }), state({ cursor: 0x1000n }))).toBeNull();
  });

  it('Shift extends; Escape clears a selection, and is left alone without one', () => {
    expect(hexKeyAction(key('ArrowRight', { shiftKey: true }), state({ cursor: 0x1000n }))).toMatchObject({ extend: true, cursor: 0x1001n });
    expect(hexKeyAction(key('Escape'), state({ cursor: 0x1004n, anchor: 0x1000n }))).toEqual({ kind: 'clear-selection' });
    expect(hexKeyAction(key('Escape'), state({ cursor: 0x1004n }))).toBeNull();
  });

  it('without a cursor: ←/→ place it on the top row, the others scroll', () => {
    expect(hexKeyAction(key('ArrowLeft'), state({ virt: 40 }))).toEqual({ kind: 'place-cursor', cursor: 0x1020n });
    expect(hexKeyAction(key('ArrowDown'), state())).toEqual({ kind: 'scroll', virt: ROW_H });
    expect(hexKeyAction(key('End'), state())).toEqual({ kind: 'scroll', virt: geometry(256, ROW_H, 200).maxVirt });
    expect(hexKeyAction(key('Home'), state({ virt: 400 }))).toEqual({ kind: 'scroll', virt: 0 });
  });

  it('a cursor outside the target counts as none; Alt and Meta keys are not the grid\'s', () => {
    expect(hexKeyAction(key('ArrowDown'), state({ cursor: 0x5000n }))).toEqual({ kind: 'scroll', virt: ROW_H });
    expect(hexKeyAction(key('ArrowDown', { altKey: true }), state({ cursor: 0x1000n }))).toBeNull();
    expect(hexKeyAction(key('g'), state())).toBeNull();
  });
});
