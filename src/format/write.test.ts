// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDump, type Layout } from '../gen/generate.ts';
import { foldAddress } from './addr.ts';
import { parseDump } from './parser.ts';
import type { DumpModel, MemoryRange } from './model.ts';
import { concatChunks, resolvePieces, writeDumpText, type Piece } from './write.ts';
import { entriesOf } from './entries.ts';

const LAYOUTS: Layout[] = ['rfc', '6.9', '6.12', '6.14', '6.19'];

function roundTrip(model: DumpModel, pieces: Piece[], blobs = false, uncaptured = false): DumpModel {
  const text = concatChunks(writeDumpText(model, { pieces, blobs, uncaptured }));
  return parseDump(text);
}

function dataRanges(m: DumpModel): MemoryRange[] {
  return m.ranges.filter((r) => r.data !== null && r.complete);
}

/** The bytes of `model` at [address, address + length), or null when no range holds them all. */
function bytesAt(m: DumpModel, address: bigint, length: number): Uint8Array | null {
  const a = foldAddress(address);
  const r = m.ranges.find((x) => x.data && a >= foldAddress(x.address) && a + BigInt(length) <= foldAddress(x.address) + BigInt(x.length));
  if (!r) return null;
  const o = Number(a - foldAddress(r.address));
  return r.data!.subarray(o, o + length);
}

describe('writeDumpText', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}: whole ranges read back to the same bytes, header, engines and job unchanged`, () => {
      const src = parseDump(generateDump({ layout, seed: 7 }).bytes);
      const keep = dataRanges(src).slice(0, 2);
      expect(keep.length).toBe(2);
      const back = roundTrip(src, keep.map((r) => ({ address: r.address, length: r.length })));
      expect(back.format).toBe(src.format);
      expect(back.diagnostics).toEqual([]);
      expect(back.header).toEqual({ ...src.header, gts: src.header.gts.map((g) => ({ ...g, line: expect.any(Number) })) });
      expect(back.batchAddresses).toEqual(src.batchAddresses);
      expect(back.engines.map((e) => [e.name, e.registers.map((r) => [r.name, r.value])])).toEqual(
        src.engines.map((e) => [e.name, e.registers.map((r) => [r.name, r.value])]),
      );
      expect(back.vm.uapiFlags).toEqual(src.vm.uapiFlags);
      expect(back.ranges.map((r) => [r.address, r.length, r.properties?.raw ?? null])).toEqual(
        keep.map((r) => [r.address, r.length, r.properties?.raw ?? null]),
      );
      for (let i = 0; i < keep.length; i++) expect(back.ranges[i].data).toEqual(keep[i].data);
      // Sections other than VM state keep every entry, in order.
      const plain = (m: DumpModel) => m.sections.filter((s) => s.title !== 'VM state').map((s) => [s.title, entriesOf(m.entries, s).toArray().filter((e) => !e.key.startsWith('[')).map((e) => [e.key, e.value, e.indent])]);
      expect(plain(back)).toEqual(plain(src));
      // Without blobs asked for, none are written.
      expect(back.blobs).toEqual([]);
    });

    it(`${layout}: blobs are kept when asked, with their bytes`, () => {
      const src = parseDump(generateDump({ layout, seed: 3 }).bytes);
      const back = roundTrip(src, [], true);
      const withData = src.blobs.filter((b) => b.data);
      expect(back.blobs.filter((b) => b.data).map((b) => [b.name, b.section, b.data])).toEqual(withData.map((b) => [b.name, b.section, b.data]));
      expect(back.ranges).toEqual([]);
    });

    it(`${layout}: uncaptured ranges are kept as printed when asked`, () => {
      const src = parseDump(generateDump({ layout, seed: 11 }).bytes);
      const none = src.ranges.filter((r) => r.data === null);
      const back = roundTrip(src, [], false, true);
      expect(back.ranges.map((r) => [foldAddress(r.address), r.length, r.error])).toEqual(none.map((r) => [foldAddress(r.address), r.length, r.error]));
    });
  }

  it('parts of ranges: any piece reads back to the same bytes at the same GPU addresses (property)', () => {
    for (const layout of ['6.19', 'rfc'] as Layout[]) {
      const src = parseDump(generateDump({ layout, seed: 21 }).bytes);
      const ranges = dataRanges(src);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: ranges.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 5000 }), (ri, off, len) => {
          const r = ranges[ri];
          const offset = off % r.length;
          const address = r.address + BigInt(offset);
          const back = roundTrip(src, [{ address, length: len }]);
          expect(back.diagnostics).toEqual([]);
          expect(back.ranges.length).toBe(1);
          const got = back.ranges[0];
          // Dword-aligned outward, clipped to the range.
          const lo = offset & ~3;
          const hi = Math.min(r.length, Math.ceil(Math.min(r.length, offset + len) / 4) * 4);
          expect(foldAddress(got.address)).toBe(foldAddress(r.address) + BigInt(lo));
          expect(got.length).toBe(hi - lo);
          expect(got.data).toEqual(r.data!.subarray(lo, hi));
          expect(bytesAt(back, address, Math.min(len, r.length - offset))).toEqual(bytesAt(src, address, Math.min(len, r.length - offset)));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('canonical addresses keep their printed form', () => {
    const src = parseDump(generateDump({ layout: '6.19', seed: 5 }).bytes);
    const high = dataRanges(src).find((r) => r.address >= 0xffff_0000_0000_0000n || foldAddress(r.address) >= 0x8000_0000_0000n);
    if (!high) return expect(dataRanges(src).length).toBeGreaterThan(0);
    const back = roundTrip(src, [{ address: foldAddress(high.address) + 0x40n, length: 64 }]);
    expect(back.ranges[0].address).toBe(high.address + 0x40n);
  });

  it('a truncated range is written as far as it was decoded and reads back short', () => {
    const g = generateDump({ layout: '6.19', seed: 9 });
    const full = parseDump(g.bytes);
    const big = dataRanges(full).sort((a, b) => b.length - a.length)[0];
    // Cut the file in the middle of the biggest range's data line.
    const text = new TextDecoder().decode(g.bytes);
    const at = text.indexOf(`[${big.address.toString(16)}].data: `) + 2000;
    const src = parseDump(g.bytes.subarray(0, at));
    const cut = src.ranges.find((r) => r.address === big.address)!;
    expect(cut.complete).toBe(false);
    const back = roundTrip(src, [{ address: cut.address, length: cut.length }]);
    const r = back.ranges[0];
    expect(r.complete).toBe(false);
    expect(r.decodedLength).toBe(cut.decodedLength & ~3);
    expect(r.data!.subarray(0, r.decodedLength)).toEqual(cut.data!.subarray(0, r.decodedLength));
  });

  it('keeps lines with text beyond ASCII (UTF-8) and nested indentation', () => {
    const g = generateDump({ layout: '6.19', seed: 7 });
    const text = new TextDecoder().decode(g.bytes)
      .replace(/^Process: .*$/m, 'Process: glxgears-ü [42]')
      .replace('**** Job ****', '**** Job ****\nnote:\n\t\tdeep: value µs');
    const src = parseDump(new TextEncoder().encode(text));
    const back = roundTrip(src, []);
    expect(back.header.process).toBe('glxgears-ü');
    const job = back.sections.find((x) => x.title === 'Job')!;
    expect(entriesOf(back.entries, job).toArray().find((e) => e.key === 'deep')).toMatchObject({ value: 'value µs', indent: 2 });
  });

  it('resolvePieces merges overlaps, drops pieces outside ranges or without data', () => {
    const src = parseDump(generateDump({ layout: '6.19', seed: 7 }).bytes);
    const r = dataRanges(src)[0];
    const none = src.ranges.find((x) => x.data === null);
    const pieces = resolvePieces(src.ranges, [
      { address: r.address + 16n, length: 16 },
      { address: r.address + 8n, length: 12 },
      { address: 0x7n, length: 4 },
      ...(none ? [{ address: none.address, length: 16 }] : []),
      { address: r.address, length: 0 },
    ]);
    expect(pieces).toEqual([{ range: r, offset: 8, length: 24 }]);
  });
});
