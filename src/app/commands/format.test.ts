import { describe, expect, it } from 'vitest';
import { rawText, summaryText } from './format.ts';

describe('commands format', () => {
  it('shows the first dwords and counts the rest', () => {
    expect(rawText([0x11000001, 0x2244, 1], 3, 3)).toBe('11000001 00002244 00000001');
    expect(rawText([0x7a000004, 0x101420, 0, 0, 0, 0], 6, 3)).toBe('7a000004 00101420 00000000 …+3');
    expect(rawText([0], 1, 3)).toBe('00000000');
  });

  it('puts fields on one line, cut with an ellipsis', () => {
    expect(summaryText({ note: null, fields: [{ name: 'A', value: '1' }, { name: 'B', value: '0x2' }] })).toBe('A: 1 · B: 0x2');
    expect(summaryText({ note: 'cut at the end', fields: [{ name: 'A', value: '1' }] })).toBe('(cut at the end) · A: 1');
    const long = summaryText({ note: null, fields: Array.from({ length: 50 }, (_, i) => ({ name: `F${i}`, value: 'x'.repeat(10) })) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });
});
