import { describe, expect, it } from 'vitest';
import { acthdPlace, dwordWindow, dwordsOf, hangReport, xrefRowMarks, type HangInput } from './hang.ts';
import type { RangeInfo } from '../../protocol/worker-api.ts';
import type { Engine } from '../../format/model.ts';

const range = (index: number, address: bigint, length: number): RangeInfo => ({
  index, address, length, line: 1, properties: null, decodedLength: length, complete: true, error: null, hasData: true,
});
const engine = (name: string, acthd: bigint): Engine => ({
  name, engineClass: 'render', instance: 0, logicalInstance: 0, line: 1, captureSource: 'GuC', attributes: {},
  registers: [
    { name: 'ACTHD', value: acthd, bits: 64, line: 2 },
    { name: 'RING_BBADDR', value: 0x1a0041n, bits: 64, line: 3 },
  ],
});
const header = { reason: 'Timedout job - seqno=1' } as HangInput['header'];

function input(acthd: bigint, batch = 0x1a0040n): HangInput {
  return {
    header,
    ranges: [range(0, 0x1a0000n, 0x1000), range(1, 0xfffeffdee000n, 0x1000)],
    engines: [engine('rcs0', acthd)],
    batchAddresses: [batch],
  };
}

describe('hangReport', () => {
  it('gives the reason, the engines, the batch range and ACTHD offset in it', () => {
    const r = hangReport(input(0x1a0080n));
    expect(r.reason).toBe('Timedout job - seqno=1');
    expect(r.engines).toEqual(['rcs0']);
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]).toMatchObject({ start: 0x1a0000n, end: 0x1a1000n, size: 0x1000 });
    expect(r.batches[0].xref.offset).toBe(0x40);
    expect(r.acthds).toHaveLength(1);
    expect(r.acthds[0].engine).toBe('rcs0');
    expect(r.acthds[0].place).toEqual({ kind: 'batch', batch: 0, range: 0, offset: 0x80, fromBatchAddr: 0x40 });
  });

  it('says when ACTHD is in another range, or outside every captured range', () => {
    expect(hangReport(input(0xfffffffeffdee010n)).acthds[0].place).toEqual({ kind: 'other', range: 1, offset: 0x10 });
    expect(hangReport(input(0x5000000n)).acthds[0].place).toEqual({ kind: 'outside' });
    const nob = hangReport(input(0x1a0080n, 0x7000000n));
    expect(nob.batches[0]).toMatchObject({ range: null, start: null, size: null });
    expect(nob.acthds[0].place).toEqual({ kind: 'other', range: 0, offset: 0x80 });
  });

  it('acthdPlace of an unresolved xref is outside', () => {
    expect(acthdPlace({ address: 1n, range: null, offset: null }, [])).toEqual({ kind: 'outside' });
  });
});

describe('dwordWindow', () => {
  it('takes 4 dwords before, the dword, and 3 after', () => {
    expect(dwordWindow(0x1a0080n, 0x1a0000n, 0x1000)).toEqual({ start: 0x1a0070n, count: 8, index: 4 });
  });
  it('aligns down an unaligned address', () => {
    expect(dwordWindow(0x1a0082n, 0x1a0000n, 0x1000)).toEqual({ start: 0x1a0070n, count: 8, index: 4 });
  });
  it('clips at the range start and end', () => {
    expect(dwordWindow(0x1a0004n, 0x1a0000n, 0x1000)).toEqual({ start: 0x1a0000n, count: 5, index: 1 });
    expect(dwordWindow(0x1a0ff8n, 0x1a0000n, 0x1000)).toEqual({ start: 0x1a0fe8n, count: 6, index: 4 });
    expect(dwordWindow(0x1a0ffcn, 0x1a0000n, 0x1000)).toEqual({ start: 0x1a0fecn, count: 5, index: 4 });
  });
  it('is null outside the range', () => {
    expect(dwordWindow(0x1a1000n, 0x1a0000n, 0x1000)).toBeNull();
    expect(dwordWindow(0x19fffcn, 0x1a0000n, 0x1000)).toBeNull();
  });
});

describe('dwordsOf', () => {
  it('reads little-endian dwords, null where not decoded', () => {
    const b = Uint8Array.from([0x01, 0x01, 0x80, 0x18, 0x40, 0x00, 0x1a, 0x00, 0xff, 0xff, 0xff, 0xff]);
    expect(dwordsOf(b, 12, 3)).toEqual([0x18800101, 0x1a0040, 0xffffffff]);
    expect(dwordsOf(b, 6, 4)).toEqual([0x18800101, null, null, null]);
  });
});

describe('xrefRowMarks', () => {
  it('marks the 4 ACTHD bytes and the batch start byte by row and column', () => {
    const r = hangReport(input(0x1a004cn));
    const m = xrefRowMarks(r.xrefs, 0, 0x1a0000n, 0x1000, 16);
    expect([...m.keys()]).toEqual([4]);
    expect(m.get(4)).toEqual([
      { col: 0, cls: 'hb-xref-batch', title: 'batch_addr[0] (batch start)' },
      { col: 12, cls: 'hb-xref-acthd', title: 'ACTHD (rcs0)' },
      { col: 13, cls: 'hb-xref-acthd', title: 'ACTHD (rcs0)' },
      { col: 14, cls: 'hb-xref-acthd', title: 'ACTHD (rcs0)' },
      { col: 15, cls: 'hb-xref-acthd', title: 'ACTHD (rcs0)' },
    ]);
    expect(xrefRowMarks(r.xrefs, 1, 0xfffeffdee000n, 0x1000, 16).size).toBe(0);
  });
  it('joins classes when ACTHD is on the batch start', () => {
    const r = hangReport(input(0x1a0040n));
    const m = xrefRowMarks(r.xrefs, 0, 0x1a0000n, 0x1000, 8);
    expect(m.get(8)![0]).toEqual({ col: 0, cls: 'hb-xref-batch hb-xref-acthd', title: 'batch_addr[0] (batch start), ACTHD (rcs0)' });
  });
});
