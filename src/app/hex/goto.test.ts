import { describe, expect, it } from 'vitest';
import { nearestSpans, outsideMessage, parseGotoInput, planGoto, rangeSpans, spanAt } from './goto.ts';

const ranges = [
  { index: 0, address: 0x1a0000n, length: 0x1000 },
  { index: 1, address: 0x200000000n, length: 0x40000 },
  { index: 2, address: 0xfffffffeffe00000n, length: 0x200000 }, // canonical form of 0xfffeffe00000
];
const spans = rangeSpans(ranges);

describe('parseGotoInput', () => {
  it('reads hex with or without 0x, underscores and spaces', () => {
    expect(parseGotoInput('1a0040')).toEqual({ kind: 'address', address: 0x1a0040n });
    expect(parseGotoInput(' 0x1A0040 ')).toEqual({ kind: 'address', address: 0x1a0040n });
    expect(parseGotoInput('0x2_0000_0010')).toEqual({ kind: 'address', address: 0x200000010n });
  });
  it('folds canonical sign-extended forms', () => {
    expect(parseGotoInput('0xffff_fffe_ffe0_0010')).toEqual({ kind: 'address', address: 0xfffeffe00010n });
    expect(parseGotoInput('fffffffeffe00010')).toEqual({ kind: 'address', address: 0xfffeffe00010n });
  });
  it('reads +offsets in hex (0x) or decimal', () => {
    expect(parseGotoInput('+0x40')).toEqual({ kind: 'offset', offset: 0x40n });
    expect(parseGotoInput('+64')).toEqual({ kind: 'offset', offset: 64n });
    expect(parseGotoInput('+1_000')).toEqual({ kind: 'offset', offset: 1000n });
  });
  it('rejects junk', () => {
    expect(parseGotoInput('').kind).toBe('invalid');
    expect(parseGotoInput('xyz').kind).toBe('invalid');
    expect(parseGotoInput('+').kind).toBe('invalid');
    expect(parseGotoInput('+ff').kind).toBe('invalid');
    expect(parseGotoInput('0x12345678901234567').kind).toBe('invalid');
  });
});

describe('spans', () => {
  it('are folded and found by containment', () => {
    expect(spans[2].start).toBe(0xfffeffe00000n);
    expect(spanAt(spans, 0x1a0fffn)?.index).toBe(0);
    expect(spanAt(spans, 0x1a1000n)).toBeNull();
    expect(spanAt(spans, 0xfffffffeffe00001n)?.index).toBe(2);
  });
  it('nearest below and above', () => {
    expect(nearestSpans(spans, 0x1a1000n)).toEqual({ below: spans[0], above: spans[1] });
    expect(nearestSpans(spans, 0x10n)).toEqual({ below: null, above: spans[0] });
    expect(nearestSpans(spans, 0xffff00000000n)).toEqual({ below: spans[2], above: null });
    expect(outsideMessage(spans, 0x300000000n)).toBe(
      '0x300000000 is not in any captured range. Nearest below: 0x200000000–0x200040000. Nearest above: 0xfffeffe00000–0xffff00000000.',
    );
  });
});

describe('planGoto', () => {
  const current = { kind: 'range' as const, start: 0x200000000n, length: 0x40000, label: 'range 0x200000000' };
  it('jumps to an address in a range', () => {
    expect(planGoto('0x1a0040', { spans, current })).toEqual({ kind: 'goto', address: 0x1a0040n });
  });
  it('names the nearest ranges for an address outside', () => {
    const p = planGoto('0x1000', { spans, current });
    expect(p.kind).toBe('error');
    expect(p.kind === 'error' && p.message).toContain('Nearest above: 0x1a0000–0x1a1000');
  });
  it('resolves offsets in the current target', () => {
    expect(planGoto('+0x40', { spans, current })).toEqual({ kind: 'select', address: 0x200000040n });
    expect(planGoto('+0x40000', { spans, current }).kind).toBe('error');
    expect(planGoto('+16', { spans, current: { kind: 'blob', start: 0n, length: 100, label: 'blob X' } })).toEqual({ kind: 'select', address: 16n });
    expect(planGoto('+1', { spans, current: null }).kind).toBe('error');
  });
});
