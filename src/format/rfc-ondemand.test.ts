// RFC-layout ranges decoded on demand (rfc.ts): over the eager budget a range keeps an index (the
// text offset of a line every page of decoded bytes) and its words are read again from the text.
// Any window read on demand must equal the same window of the full decode, for any chunking, page
// size and cut of the file, with the same diagnostics.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DumpParser } from './parser.ts';
import { bytesOf, type DumpModel } from './model.ts';
import { DecodedPageCache, memoryTextSource } from './paged.ts';
import { RfcLazyBytes } from './rfc.ts';
import type { ParseOptions } from './xe.ts';
import { generateDump } from '../gen/generate.ts';

function parse(text: Uint8Array, chunk: number, options: ParseOptions = {}): DumpModel {
  const p = new DumpParser(options);
  for (let i = 0; i < text.length; i += chunk) p.push(text.subarray(i, i + chunk));
  return p.finish();
}

const dumps = [1, 2, 3].map((seed) => generateDump({ layout: 'rfc', seed, bigRange: 40_000, crlf: seed === 2, spaces: seed === 3 }).bytes);

describe('RFC-layout ranges decoded on demand', () => {
  it('any window read on demand equals the same window of the full decode (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...dumps.keys()),
        fc.integer({ min: 4093, max: 1 << 20 }),
        fc.constantFrom(64, 256, 4096, 65_536),
        fc.integer({ min: 0, max: 1 << 16 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5000 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (which, chunk, pageBytes, budget, windows, cutSeed) => {
          const full = dumps[which];
          // Sometimes the file is cut (inside a word line, say): both must agree on what was read.
          const text = cutSeed % 3 === 0 ? full.subarray(0, Math.max(200, cutSeed % (full.length + 1))) : full;
          const eager = parse(text, chunk);
          const cache = new DecodedPageCache(budget);
          const lazy = parse(text, chunk, { onDemand: { text: memoryTextSource(text), cache, eagerBytes: 0, pageBytes } });
          expect(lazy.diagnostics).toEqual(eager.diagnostics);
          expect(lazy.ranges.length).toBe(eager.ranges.length);
          expect(lazy.format).toBe(eager.format);
          eager.ranges.forEach((er, i) => {
            const lr = lazy.ranges[i];
            expect([lr.address, lr.length, lr.decodedLength, lr.complete, lr.error]).toEqual([er.address, er.length, er.decodedLength, er.complete, er.error]);
            if (!er.data) {
              expect(bytesOf(lr)).toBeNull();
              return;
            }
            expect(lr.data).toBeNull();
            expect(lr.lazy).toBeInstanceOf(RfcLazyBytes);
            const store = bytesOf(lr)!;
            // Whole range (megabytes): compared as buffers, not element by element.
            expect(Buffer.from(store.read(0, er.length)).equals(Buffer.from(er.data.subarray(0, er.length)))).toBe(true);
            for (const [o, l] of windows) {
              const off = er.length === 0 ? 0 : o % (er.length + 1);
              expect(store.read(off, l)).toEqual(er.data.slice(off, off + l));
              expect(cache.bytes).toBeLessThanOrEqual(budget);
            }
          });
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it('within the eager budget the ranges are decoded into memory as before', () => {
    const text = dumps[0];
    const m = parse(text, 1 << 16, { onDemand: { text: memoryTextSource(text), cache: new DecodedPageCache(), eagerBytes: 1 << 30 } });
    expect(m.ranges.filter((r) => r.data).length).toBeGreaterThan(1);
    expect(m.ranges.some((r) => r.lazy)).toBe(false);
  });

  it('the big range keeps a checkpoint a page, not its words', () => {
    const text = dumps[0];
    const m = parse(text, 1 << 16, { onDemand: { text: memoryTextSource(text), cache: new DecodedPageCache(0), eagerBytes: 0, pageBytes: 4096 } });
    const big = m.ranges.find((r) => r.address === 0x400000000n)!;
    expect(big.length).toBe(40_000);
    expect(big.data).toBeNull();
    const ix = (big.lazy as unknown as { index: { byteAt: number[] } }).index;
    expect(ix.byteAt.length).toBe(Math.ceil(40_000 / 4096));
  });

  it('blank lines inside a range, a bad word, a line without "}", CRLF and a glued prefix read the same on demand', () => {
    const w = (a: number, n: number, tail = ' }') => `[${a.toString(16)}] = { ${Array.from({ length: n }, (_, i) => (a + i * 4).toString(16).padStart(8, '0')).join(', ')}${tail}`;
    const lines = [
      '**** Xe Device Coredump ****', 'kernel: 6.1.0-rfc', '**** VM state ****',
      w(0x1000, 16), '', w(0x1040, 16), '   ', `Size not word aligned: 3${w(0x1080, 16)}`, w(0x10c0, 16),
      w(0x2000, 16), w(0x2040, 8).replace('00002048', 'zz002048'), w(0x2080, 16),
      w(0x3000, 16), w(0x3040, 5, ', 0000'), w(0x3054, 16),
    ];
    for (const eol of ['\n', '\r\n']) {
      const text = new TextEncoder().encode(lines.join(eol) + eol);
      const eager = parse(text, 37);
      const lazy = parse(text, 37, { onDemand: { text: memoryTextSource(text), cache: new DecodedPageCache(0), eagerBytes: 0, pageBytes: 64 } });
      expect(lazy.diagnostics).toEqual(eager.diagnostics);
      expect(eager.diagnostics.length).toBeGreaterThanOrEqual(2);
      expect(lazy.ranges.map((r) => [r.address, r.length, r.complete])).toEqual(eager.ranges.map((r) => [r.address, r.length, r.complete]));
      expect(eager.ranges[0].length).toBe(256);
      eager.ranges.forEach((er, i) => expect(bytesOf(lazy.ranges[i])!.read(0, er.length)).toEqual(er.data!.subarray(0, er.length)));
    }
  });
});
