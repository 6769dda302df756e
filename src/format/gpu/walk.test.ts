// Walking batches: chaining, second-level batches in other ranges, loops, limits, ACTHD; and the
// generator's dumps of every platform family decoded back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDump, type GenPlatform } from '../../gen/generate.ts';
import { memoryStore, type MemoryRange } from '../model.ts';
import { parseDump } from '../parser.ts';
import { decodeLinear, getDecoder, hangContext, scanInstructions, walkBatches, FAMILIES } from './index.ts';

function range(address: bigint, words: number[], length = words.length * 4): MemoryRange {
  const data = new Uint8Array(length);
  new Uint32Array(data.buffer).set(words);
  return { address, length, line: 1, properties: null, data, decodedLength: length, complete: true, error: null };
}
const names = (r: ReturnType<typeof walkBatches>, b: number) => r.batches[b].instructions.map((i) => i.name);

const BBS = (target: bigint, second = false) => [second ? 0x18c00101 : 0x18800101, Number(target & 0xffffffffn), Number(target >> 32n)];
const BBE = 0x05000000;
const LRI = [0x11000001, 0x2244, 0];

describe('walkBatches', () => {
  it('MI_BATCH_BUFFER_END ends the batch, not the end of the range', () => {
    const r = walkBatches([range(0x1000n, [...LRI, BBE, ...LRI, ...LRI])], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12' });
    expect(names(r, 0)).toEqual(['MI_LOAD_REGISTER_IMM', 'MI_BATCH_BUFFER_END']);
    expect(r.batches[0].end).toBe('batch-end');
    expect(r.diagnostics).toEqual([]);
  });

  it('follows a second-level batch in another range and returns to the caller', () => {
    const first = range(0x1000n, [...LRI, ...BBS(0x90000n, true), 0x7a000004, 0, 0, 0, 0, 0, BBE]);
    const second = range(0x90000n, [...LRI, BBE]);
    const r = walkBatches([first, second], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12' });
    expect(r.batches.map((b) => [b.address, b.reason, b.depth, b.secondLevel, b.from])).toEqual([
      [0x1000n, 'batch_addr', 0, false, null],
      [0x90000n, 'chained', 1, true, 0x100cn],
    ]);
    expect(names(r, 0)).toEqual(['MI_LOAD_REGISTER_IMM', 'MI_BATCH_BUFFER_START', 'PIPE_CONTROL', 'MI_BATCH_BUFFER_END']);
    expect(names(r, 1)).toEqual(['MI_LOAD_REGISTER_IMM', 'MI_BATCH_BUFFER_END']);
    expect(r.batches[1].rangeAddress).toBe(0x90000n);
  });

  it('a chained batch start ends the caller and continues at the target', () => {
    const a = range(0x1000n, [...LRI, ...BBS(0x2000n), ...LRI]);
    const b = range(0x2000n, [...LRI, BBE]);
    const r = walkBatches([a, b], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'xe2' });
    expect(r.batches.map((x) => [x.address, x.reason, x.end])).toEqual([
      [0x1000n, 'batch_addr', 'chained'],
      [0x2000n, 'chained', 'batch-end'],
    ]);
    expect(names(r, 0)).toEqual(['MI_LOAD_REGISTER_IMM', 'MI_BATCH_BUFFER_START']);
  });

  it('a batch that jumps to itself is decoded once, with the loop reported', () => {
    const r = walkBatches([range(0x1000n, [...LRI, ...BBS(0x1000n), BBE])], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12', acthd: 0x100cn });
    expect(r.batches).toHaveLength(1);
    expect(r.diagnostics).toEqual([{ address: 0x100cn, message: 'batch at 0x1000 was already decoded: not followed again (a loop, or a batch called twice)' }]);
    expect(r.acthd).toEqual({ batch: 0, instruction: 1 });
  });

  it('a second-level batch that calls itself stops at the depth limit... or as a loop', () => {
    const r = walkBatches([range(0x1000n, [...BBS(0x1000n, true), BBE])], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12' });
    expect(r.batches).toHaveLength(1);
    expect(r.diagnostics[0].message).toMatch(/already decoded/);
    // Distinct nested batches beyond the limit are not followed.
    const rs = [0, 1, 2, 3].map((k) => range(0x1000n * BigInt(k + 1), [...BBS(0x1000n * BigInt(k + 2), true), BBE]));
    const r2 = walkBatches(rs, [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12', maxDepth: 2 });
    expect(r2.batches.map((b) => b.depth)).toEqual([0, 1, 2]);
    expect(r2.diagnostics.map((d) => d.message)).toContain('second-level batch at 0x4000 not followed: nesting deeper than 2');
  });

  it('a target outside every captured range, or in a range without data, is said as such', () => {
    const a = range(0x1000n, [...BBS(0xdead000n, true), ...BBS(0x5000n, true), BBE]);
    const noData: MemoryRange = { ...range(0x5000n, [0]), data: null, decodedLength: 0, error: '-14' };
    const r = walkBatches([a, noData], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12' });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'batch at 0xdead000 is outside every captured range',
      'batch at 0x5000 is in range 0x5000, which has no data (error -14)',
    ]);
    expect(names(r, 0)).toEqual(['MI_BATCH_BUFFER_START', 'MI_BATCH_BUFFER_START', 'MI_BATCH_BUFFER_END']);
  });

  it('ACTHD inside an instruction marks that instruction', () => {
    const r = walkBatches([range(0x1000n, [...LRI, 0x7a000004, 0, 0, 0, 0, 0, BBE])], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12', acthd: 0x1014n });
    expect(r.acthd).toEqual({ batch: 0, instruction: 1 });
    expect(r.batches[0].acthdIndex).toBe(1);
    // A canonical (sign-extended) ACTHD folds to the plain address.
    const r2 = walkBatches([range(0xfffe00001000n, [...LRI, BBE])], [{ address: 0xfffe00001000n, reason: 'batch_addr' }], { family: 'gen12', acthd: 0xfffffffe00001004n });
    expect(r2.acthd).toEqual({ batch: 0, instruction: 0 });
  });

  it('a batch running off its range ends there, reported; a cut instruction is reported truncated', () => {
    const r = walkBatches([range(0x1000n, [...LRI, 0x7a000004, 0])], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12' });
    expect(r.batches[0].instructions[1].truncated).toBe(true);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'PIPE_CONTROL needs 6 dwords but the data ends after 2',
      'batch at 0x1000 runs to the end of its range\'s data without MI_BATCH_BUFFER_END',
    ]);
  });

  it('ranges decoded on demand (a large dump) are read through their byte store', () => {
    const first = range(0x1000n, [...LRI, ...BBS(0x90000n, true), BBE]);
    const second = range(0x90000n, [...LRI, BBE]);
    const lazy = [first, second].map((r) => ({ ...r, data: null, lazy: memoryStore(r.data!) }));
    const r = walkBatches(lazy, [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12', acthd: 0x1004n });
    expect(r.batches.map((b) => b.instructions.map((i) => i.name))).toEqual([
      ['MI_LOAD_REGISTER_IMM', 'MI_BATCH_BUFFER_START', 'MI_BATCH_BUFFER_END'],
      ['MI_LOAD_REGISTER_IMM', 'MI_BATCH_BUFFER_END'],
    ]);
    expect(r.acthd).toEqual({ batch: 0, instruction: 0 });
    expect(r.diagnostics).toEqual([]);
  });

  it('the instruction budget stops a huge walk', () => {
    const r = walkBatches([range(0x1000n, new Array(1000).fill(0))], [{ address: 0x1000n, reason: 'batch_addr' }], { family: 'gen12', maxInstructions: 10 });
    expect(r.batches[0].instructions).toHaveLength(10);
    expect(r.batches[0].end).toBe('limit');
  });
});

describe('never loops, never throws (property)', () => {
  const dword = fc.oneof(
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.constantFrom(0x18800101, 0x18c00101, 0x05000000, 0x11000001, 0x7a000004, 0x1f8000ff, 0),
    fc.integer({ min: 0, max: 0x3000 }), // small numbers: targets inside the ranges below
  );
  it('random dwords in two ranges: the walk ends, instructions tile the batch, every index advances', () => {
    fc.assert(
      fc.property(fc.array(dword, { minLength: 1, maxLength: 300 }), fc.array(dword, { maxLength: 300 }), fc.constantFrom(...FAMILIES), fc.constantFrom('render', 'copy', 'video', 'compute') as fc.Arbitrary<'render'>, (a, b, family, engine) => {
        const ranges = [range(0x0n, a), range(0x1000n, b.length ? b : [0])];
        const r = walkBatches(ranges, [{ address: 0n, reason: 'batch_addr' }, { address: 0x1000n, reason: 'address' }], { family, engine, acthd: 0x10n });
        for (const batch of r.batches) {
          // A batch never decodes more instructions than its range has dwords (no loop inside one).
          expect(batch.instructions.length).toBeLessThanOrEqual(batch.rangeAddress === 0n ? a.length : Math.max(1, b.length));
          for (let k = 1; k < batch.instructions.length; k++) {
            const p = batch.instructions[k - 1];
            expect(batch.instructions[k].address).toBe(p.address + BigInt(p.dwords * 4));
          }
          for (const ins of batch.instructions) expect(ins.dwords).toBeGreaterThanOrEqual(1);
        }
        // Each start is decoded once: no two batches begin at the same address.
        expect(new Set(r.batches.map((x) => x.address)).size).toBe(r.batches.length);
        // The fast scan agrees with the decoder on the first range.
        const words = new Uint32Array(a);
        const starts = Array.from(scanInstructions(words, getDecoder(family, engine)));
        const lin = decodeLinear(words, 0n, getDecoder(family, engine)).map((i) => i.index);
        expect(starts).toEqual(lin);
      }),
      { numRuns: 400 },
    );
  });
});

describe('generated dumps decode back (every platform family)', () => {
  const platforms: [GenPlatform, string][] = [['tgl', 'gen12'], ['dg2', 'gen12.5'], ['mtl', 'gen12.5'], ['lnl', 'xe2'], ['bmg', 'xe2'], ['ptl', 'xe3']];
  for (const [platform, family] of platforms) {
    it(`${platform}: the hung batch, its second-level batch in another range, ACTHD on the loop`, () => {
      for (const seed of [1, 2]) {
        const g = generateDump({ layout: '6.19', seed, platform });
        const m = parseDump(g.bytes);
        const h = hangContext(m);
        expect(h.family).toBe(family);
        expect(h.engineKind).toBe('render');
        const [first, second] = h.walk.batches;
        expect(first.address).toBe(g.hang.batchAddr);
        expect(first.instructions.map((i) => [i.address, i.name])).toEqual(g.hang.instructions.slice(0, first.instructions.length).map((i) => [i.address, i.name]));
        // Everything up to and including the loop jump was decoded, every instruction known.
        expect(first.instructions.length).toBe(g.hang.instructions.length - 1);
        expect(first.instructions.every((i) => i.known)).toBe(true);
        expect(second.address).toBe(g.hang.secondLevel!.address);
        expect(second.secondLevel).toBe(true);
        expect(second.rangeAddress).not.toBe(first.rangeAddress);
        expect(second.instructions.map((i) => [i.address, i.name])).toEqual(g.hang.secondLevel!.instructions.map((i) => [i.address, i.name]));
        expect(second.end).toBe('batch-end');
        const at = first.instructions[h.walk.acthd!.instruction];
        expect(h.walk.acthd!.batch).toBe(0);
        expect(at.address).toBe(g.hang.acthd);
        expect(at.name).toBe('MI_BATCH_BUFFER_START');
        expect(at.batchStart).toEqual({ address: g.hang.batchAddr, secondLevel: false, ppgtt: true });
        expect(h.walk.diagnostics.map((d) => d.message)).toEqual([`batch at 0x${g.hang.batchAddr.toString(16)} was already decoded: not followed again (a loop, or a batch called twice)`]);
      }
    });
  }

  it('the default layouts keep their platforms: 6.9 Tiger Lake (PCI ID), 6.19 Battlemage (IP ver)', () => {
    expect(hangContext(parseDump(generateDump({ layout: '6.9', seed: 1 }).bytes)).platform).toMatchObject({ family: 'gen12', source: 'pci-id' });
    expect(hangContext(parseDump(generateDump({ layout: '6.19', seed: 1 }).bytes)).platform).toMatchObject({ family: 'xe2', source: 'ip-ver' });
  });
});
