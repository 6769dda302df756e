// Snapshots of i915, msm and amdgpu dumps stay in their format and read back to the same bytes.
import { describe, expect, it } from 'vitest';
import { parseDump } from './parser.ts';
import { concatChunks, writeDumpText } from './write.ts';
import type { DumpModel } from './model.ts';
import { sha256Hex } from '../gen/generate.ts';
import { generateI915 } from '../gen/i915.ts';
import { generateMsm } from '../gen/msm.ts';
import { generateAmdgpu } from '../gen/amdgpu.ts';

const view = (m: DumpModel) => m.ranges.map((r) => ({ address: r.address, name: r.name, length: r.length, sha: r.data ? sha256Hex(r.data) : null }));

describe('snapshot text of the other formats', () => {
  const cases = [
    ['i915 compressed', generateI915({ variant: 'compressed', userObjects: [8192] })],
    ['i915 legacy', generateI915({ variant: 'legacy' })],
    ['msm', generateMsm()],
  ] as const;

  for (const [label, g] of cases) {
    it(`${label}: every range kept reads back in the same format, names, addresses and bytes`, () => {
      const m = parseDump(g.bytes);
      const pieces = m.ranges.filter((r) => r.data).map((r) => ({ address: r.address, length: r.length }));
      const back = parseDump(concatChunks(writeDumpText(m, { pieces, blobs: true })));
      expect(back.format).toBe(m.format);
      expect(view(back)).toEqual(view(m).filter((r) => r.sha !== null));
      expect(back.header).toEqual(m.header);
      expect(back.engines.map((e) => [e.name, e.registers.map((r) => [r.name, r.value])])).toEqual(m.engines.map((e) => [e.name, e.registers.map((r) => [r.name, r.value])]));
      expect(back.blobs.map((b) => [b.name, b.data && sha256Hex(b.data.subarray(0, b.decodedLength))])).toEqual(m.blobs.map((b) => [b.name, b.data && sha256Hex(b.data.subarray(0, b.decodedLength))]));
      expect(back.fault).toEqual(m.fault);
      expect(back.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    });
  }

  it('i915: a part of an object is an object at the part\'s GTT address, with its name', () => {
    const g = generateI915({ variant: 'compressed' });
    const m = parseDump(g.bytes);
    const batch = m.ranges.find((r) => r.name === 'rcs0 batch')!;
    const back = parseDump(concatChunks(writeDumpText(m, { pieces: [{ address: batch.address + 0x100n, length: 0x40 }], blobs: false })));
    expect(back.format).toBe('i915');
    expect(view(back)).toEqual([{ address: batch.address + 0x100n, name: 'rcs0 batch', length: 0x40, sha: sha256Hex(batch.data!.subarray(0x100, 0x140)) }]);
    expect(back.header.reason).toBe(m.header.reason);
  });

  it('msm: a bo part keeps its name and flags; without blobs the a6xx sections are left out', () => {
    const m = parseDump(generateMsm().bytes);
    const bo = m.ranges.find((r) => r.name === 'bo vertex-buffer')!;
    const back = parseDump(concatChunks(writeDumpText(m, { pieces: [{ address: bo.address + 0x1000n, length: 0x800 }], blobs: false })));
    expect(back.format).toBe('msm');
    expect(view(back)).toEqual([{ address: bo.address + 0x1000n, name: 'bo vertex-buffer', length: 0x800, sha: sha256Hex(bo.data!.subarray(0x1000, 0x1800)) }]);
    expect(back.ranges[0].properties?.other.flags).toBe('0x1');
    expect(back.blobs).toEqual([]);
    expect(back.fault).toEqual(m.fault);
  });

  it('amdgpu: the lines and (with blobs) the ring words', () => {
    const m = parseDump(generateAmdgpu().bytes);
    const back = parseDump(concatChunks(writeDumpText(m, { pieces: [], blobs: true })));
    expect(back.format).toBe('amdgpu');
    expect(back.sections.map((s) => s.title)).toEqual(m.sections.map((s) => s.title));
    expect(back.blobs.map((b) => b.data && sha256Hex(b.data))).toEqual(m.blobs.map((b) => b.data && sha256Hex(b.data)));
    expect(back.engines).toEqual(m.engines.map((e) => ({ ...e, line: back.engines.find((x) => x.name === e.name)!.line, registers: e.registers.map((r, i) => ({ ...r, line: back.engines.find((x) => x.name === e.name)!.registers[i].line })) })));
    expect(back.fault?.address).toBe(m.fault?.address);
  });
});
