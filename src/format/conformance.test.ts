// The parser against the fixture generator: every kernel layout and text variant, any chunking,
// decoded bytes checked by sha256 against the bytes the generator encoded.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDump, LAYOUTS, type GenOptions } from '../gen/generate.ts';
import { DumpParser } from './parser.ts';
import { toInspectJson, truncatedMessage } from './report.ts';
import type { DumpModel } from './model.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function parseChunked(bytes: Uint8Array, chunk: number): DumpModel {
  const p = new DumpParser();
  for (let s = 0; s < bytes.length; s += chunk) p.push(bytes.subarray(s, Math.min(bytes.length, s + chunk)));
  return p.finish();
}

const VARIANTS: Omit<GenOptions, 'layout'>[] = [
  {},
  { crlf: true },
  { bom: true, spaces: true },
  { splitBlobs: true },
  { splitBlobs: true, splitMode: 'groups', crlf: true, bom: true },
  { splitBlobs: true, splitWidth: 77, spaces: true },
];

describe.each(LAYOUTS)('layout %s', (layout) => {
  it.each(VARIANTS.map((v) => [JSON.stringify(v), v] as const))('reads variant %s exactly, in any chunking', (_name, variant) => {
    const g = generateDump({ layout, seed: 11, ...variant });
    for (const chunk of [g.bytes.length, 65536, 4093]) {
      const m = parseChunked(g.bytes, chunk);
      expect(toInspectJson(m, sha256)).toEqual(g.expected);
      expect(m.header).toMatchObject({
        kernel: g.header.kernel, module: g.header.module, reason: g.header.reason,
        snapshotTime: g.header.snapshotTime, uptime: g.header.uptime, bootTime: g.header.bootTime,
        process: g.header.process, pid: g.header.pid, pciId: g.header.pciId, pciRevision: g.header.pciRevision,
      });
      expect(m.header.gts).toHaveLength(g.header.gtCount);
    }
  });

  it('holds the exact bytes of every range', () => {
    const g = generateDump({ layout, seed: 5, extraRanges: 3 });
    const m = parseChunked(g.bytes, 1 << 20);
    expect(g.rangeBytes.size).toBeGreaterThan(0);
    for (const [address, bytes] of g.rangeBytes) {
      const r = m.ranges.find((x) => '0x' + x.address.toString(16) === address)!;
      expect(r.data).not.toBeNull();
      expect(Buffer.from(r.data!).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('keeps every complete range of a truncated dump and marks the partial one', () => {
    const full = generateDump({ layout, seed: 2 });
    // Cuts inside the data of each range that has data, and one at a line boundary.
    const cuts: number[] = [];
    const text = Buffer.from(full.bytes);
    for (const r of full.expected.ranges) {
      if (r.sha256 === null) continue;
      const at = layout === 'rfc' ? text.indexOf(`[${r.address.slice(2)}] = {`) : text.indexOf(`[${r.address.slice(2)}].data: `);
      if (at >= 0) cuts.push(at + 40 + (r.length % 97));
    }
    cuts.push(text.lastIndexOf('\n**** VM state ****') + 1);
    let partials = 0;
    for (const cut of cuts) {
      const g = generateDump({ layout, seed: 2, truncateAt: cut });
      const m = parseChunked(g.bytes, 8191);
      const json = toInspectJson(m, sha256);
      for (const address of g.truncated!.completeRanges) {
        expect(json.ranges.find((r) => r.address === address)).toEqual(full.expected.ranges.find((r) => r.address === address));
      }
      const partial = g.truncated!.partial;
      if (partial) {
        const r = m.ranges.find((x) => '0x' + x.address.toString(16) === partial.address)!;
        expect(r.complete).toBe(false);
        expect(r.decodedLength).toBe(partial.decodedLength);
        expect(sha256(r.data!.subarray(0, r.decodedLength))).toBe(partial.sha256);
        if (layout !== 'rfc') expect(json.ranges.find((x) => x.address === partial.address)!.error).toBe(truncatedMessage(partial.decodedLength, r.length));
        expect(m.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        partials++;
      }
    }
    expect(partials).toBeGreaterThanOrEqual(cuts.length - 1);
  });
});

describe('large single-line range', () => {
  it('decodes a 24 MiB range on one line through small chunks', () => {
    const g = generateDump({ layout: '6.19', seed: 9, bigRange: 24 << 20 });
    const m = parseChunked(g.bytes, 1 << 16);
    expect(toInspectJson(m, sha256)).toEqual(g.expected);
    expect(Math.max(...m.ranges.map((r) => r.length))).toBeGreaterThanOrEqual(24 << 20);
  });
});

describe('property: random chunkings of every layout', () => {
  const dumps = LAYOUTS.map((layout) => generateDump({ layout, seed: 21, splitBlobs: layout === '6.14', crlf: layout === '6.12' }));
  it('give the expected report', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: dumps.length - 1 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), (k, fractions) => {
        const g = dumps[k];
        const cuts = [...new Set(fractions.map((f) => Math.floor(f * g.bytes.length)))].sort((a, b) => a - b);
        const p = new DumpParser();
        let prev = 0;
        for (const c of [...cuts, g.bytes.length]) {
          p.push(g.bytes.subarray(prev, c));
          prev = c;
        }
        expect(toInspectJson(p.finish(), sha256)).toEqual(g.expected);
      }),
      { numRuns: 60 },
    );
  }, 60_000); // 60 full parses: about 2 s alone, much more on a loaded 2-core machine
});

describe('line index', () => {
  it('finds the start of any line, whatever the chunking', () => {
    const g = generateDump({ layout: 'rfc', seed: 3, splitBlobs: true });
    const text = Buffer.from(g.bytes);
    const lines = text.toString('latin1').split('\n');
    expect(lines.length).toBeGreaterThan(3 * 256);
    for (const chunk of [g.bytes.length, 65536, 1000]) {
      const p = new DumpParser();
      for (let s = 0; s < g.bytes.length; s += chunk) p.push(g.bytes.subarray(s, Math.min(g.bytes.length, s + chunk)));
      p.finish();
      for (const n of [1, 2, 256, 257, 258, 600, lines.length - 1]) {
        const { line, offset } = p.lineStartBefore(n);
        expect(line).toBeLessThanOrEqual(n);
        let o = offset;
        for (let k = line; k < n; k++) o = text.indexOf(10, o) + 1;
        const end = text.indexOf(10, o);
        expect(text.subarray(o, end < 0 ? text.length : end).toString('latin1')).toBe(lines[n - 1]);
      }
    }
  });
});
