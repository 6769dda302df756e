import { describe, expect, it } from 'vitest';
import { crossReferences, xrefAddress } from './xref.ts';
import type { DumpSummary, RangeInfo } from '../protocol/worker-api.ts';
import type { Engine } from '../format/model.ts';

const range = (index: number, address: bigint, length: number): RangeInfo => ({
  index, address, length, line: 1, properties: null, decodedLength: length, complete: true, error: null, hasData: true,
});
const engine: Engine = {
  name: 'rcs0', engineClass: 'render', instance: 0, logicalInstance: 0, line: 1, captureSource: 'GuC', attributes: {},
  registers: [
    { name: 'ACTHD', value: 0x1a0008n, bits: 64, line: 2 },
    { name: 'RING_BBADDR', value: 0x1a0001n, bits: 64, line: 3 },
    { name: 'RING_START', value: 0x1fa6000n, bits: 64, line: 4 },
    { name: 'RING_DMA_FADD', value: 0xfffffffeffdee010n, bits: 64, line: 5 },
  ],
};

describe('cross-references', () => {
  it('folds canonical forms, masks BBADDR flags, and finds the range and offset', () => {
    expect(xrefAddress('bbaddr', 0x1a0001n)).toBe(0x1a0000n);
    expect(xrefAddress('acthd', 0xffffffffdee000n)).toBe(0xffffffffdee000n);
    const s = { ranges: [range(0, 0x1a0000n, 0x1000), range(1, 0xfffeffdee000n, 0x1000)], engines: [engine], batchAddresses: [0x1a0000n] } as unknown as DumpSummary;
    const x = crossReferences(s);
    expect(x.map((r) => [r.kind, r.label, r.address, r.range, r.offset])).toEqual([
      ['batch', 'batch_addr[0]', 0x1a0000n, 0, 0],
      ['acthd', 'rcs0 ACTHD', 0x1a0008n, 0, 8],
      ['bbaddr', 'rcs0 RING_BBADDR', 0x1a0000n, 0, 0],
      ['ring-start', 'rcs0 RING_START', 0x1fa6000n, null, null],
      ['dma-fadd', 'rcs0 RING_DMA_FADD', 0xfffeffdee010n, 1, 0x10],
    ]);
  });
});
