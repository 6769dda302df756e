// The hang summary of an i915 error state (the hung engine's ACTHD in its batch object) and of an
// msm devcoredump (the busy ring at RPTR, the bo holding the fault IOVA or the nearest below it).
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../format/parser.ts';
import { summarize } from '../../worker/session.ts';
import { generateI915 } from '../../gen/i915.ts';
import { generateMsm } from '../../gen/msm.ts';
import { generateAmdgpu } from '../../gen/amdgpu.ts';
import { faultPlace, hangReport } from './hang.ts';

const summaryOf = (bytes: Uint8Array) => summarize(parseDump(bytes), { fileName: 'x', fileSize: bytes.length, compression: null }, true);

describe('hang report of the other formats', () => {
  for (const variant of ['compressed', 'legacy'] as const) {
    it(`i915 ${variant}: the hung engine, its batch object and ACTHD inside it`, () => {
      const g = generateI915({ variant });
      const s = summaryOf(g.bytes);
      const r = hangReport(s);
      const rcs = variant === 'legacy' ? 'render ring' : 'rcs0';
      expect(r.engines).toEqual([rcs]);
      expect(r.batches.map((b) => b.xref.label)).toEqual([`${rcs} batch`]);
      expect(r.acthds).toHaveLength(1);
      const a = r.acthds[0];
      expect(a).toMatchObject({ engine: rcs, register: 'ACTHD', place: { kind: 'batch', batch: 0 } });
      const batch = s.ranges.find((x) => x.name === `${rcs} batch`)!;
      expect(a.place.kind === 'batch' && a.place.offset).toBe(Number(g.expected.registers[rcs].ACTHD - batch.address));
    });
  }

  it('msm: the busy ring at RPTR, and the bo holding the fault IOVA', () => {
    const s = summaryOf(generateMsm().bytes);
    const r = hangReport(s);
    expect(r.engines).toEqual(['ringbuffer 0']);
    expect(r.acthds).toHaveLength(1);
    expect(r.acthds[0]).toMatchObject({ engine: 'ringbuffer 0', register: 'RPTR', place: { kind: 'other', offset: 40 * 4 } });
    expect(r.acthds[0].xref.address).toBe(0x100000000n + 160n);
    expect(r.fault?.place).toEqual({ kind: 'inside', range: 3, name: 'bo vertex-buffer', offset: 0x1234 });
  });

  it('msm: a fault outside every bo names the nearest bo below it', () => {
    const s = summaryOf(generateMsm({ faultOutside: true }).bytes);
    expect(hangReport(s).fault?.place).toEqual({ kind: 'below', range: 4, name: 'bo zero-bo', offset: 0x1080 });
    expect(faultPlace(s.ranges, 0x1000n)).toEqual({ kind: 'none' });
  });

  it('amdgpu: no batch, no memory; the page fault is outside every range', () => {
    const s = summaryOf(generateAmdgpu().bytes);
    const r = hangReport(s);
    expect(r.batches).toEqual([]);
    expect(r.fault?.place).toEqual({ kind: 'none' });
  });
});

describe('hex marks of the fault', () => {
  it('marks the faulting dword in the bo that holds it', async () => {
    const { xrefRowMarks } = await import('./hang.ts');
    const s = summaryOf(generateMsm().bytes);
    const r = hangReport(s);
    const bo = s.ranges.find((x) => x.name === 'bo vertex-buffer')!;
    const rows = xrefRowMarks(r.xrefs, bo.index, bo.address, bo.length, 16);
    // 0x1234 is in row 0x123, columns 4..7 (the dword 0x1234..0x1237).
    expect(rows.get(0x123)).toEqual([4, 5, 6, 7].map((col) => ({ col, cls: 'hb-xref-fault', title: 'fault address' })));
  });
});
