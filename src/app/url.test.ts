import { describe, expect, it } from 'vitest';
import { formatViewQuery, parseViewQuery, resolveView } from './url.ts';
import type { DumpSummary, RangeInfo } from '../protocol/worker-api.ts';

const range = (index: number, address: bigint, length: number): RangeInfo => ({
  index, address, length, line: 1, properties: null, decodedLength: length, complete: true, error: null, hasData: true,
});
const summary = {
  ranges: [range(0, 0x1a0000n, 0x1000), range(1, 0xfffffffeffdee000n, 0x2000)],
  blobs: [{ index: 0 }],
} as unknown as DumpSummary;

describe('URL view state', () => {
  it('formats and parses a range view, keeping other parameters', () => {
    const q = formatViewQuery('?x=1&addr=0x5', summary, { kind: 'range', index: 1 }, 0xfffeffdee040n);
    expect(q).toBe('?x=1&range=0xfffeffdee000&addr=0xfffeffdee040');
    expect(parseViewQuery(q)).toEqual({ range: 0xfffeffdee000n, blob: null, address: 0xfffeffdee040n });
    expect(formatViewQuery(q, summary, null, null)).toBe('?x=1');
  });

  it('resolves to a target in the dump, folding canonical addresses and clamping to the range', () => {
    expect(resolveView({ range: null, blob: null, address: 0xfffffffeffdee010n }, summary)).toEqual({ target: { kind: 'range', index: 1 }, address: 0xfffeffdee010n });
    expect(resolveView({ range: 0x1a0000n, blob: null, address: 0x999999n }, summary)).toEqual({ target: { kind: 'range', index: 0 }, address: 0x1a0000n });
    expect(resolveView({ range: 0x5n, blob: null, address: null }, summary)).toBeNull();
    expect(resolveView({ range: null, blob: 0, address: 0x10n }, summary)).toEqual({ target: { kind: 'blob', index: 0 }, address: 0x10n });
    expect(resolveView({ range: null, blob: 3, address: null }, summary)).toBeNull();
  });
});
