// The memory search's WebAssembly filter (ascii85.wat `find`, search.ts searchWasm) against a naive
// scan: random data, patterns of 1..64 bytes, masks, case folding, limits, overlapping matches,
// matches across chunk edges, across the filter's copy windows and its candidate buffer, with the
// data in the module's memory or not, and the JavaScript path with WebAssembly off.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setAscii85Wasm, wasmBuffer, wasmFinder } from './ascii85.ts';
import { FOLD, searchRanges, type Pattern, type SearchMatch, type SearchRange } from './search.ts';

function naive(ranges: SearchRange[], patterns: Pattern[], ci: boolean): SearchMatch[] {
  const out: SearchMatch[] = [];
  ranges.forEach((r, ri) => {
    const data = r.data as Uint8Array;
    for (let s = 0; s < r.length; s++)
      patterns.forEach((p, pi) => {
        if (s + p.bytes.length > r.length) return;
        const fold = ci || !!p.caseInsensitive;
        for (let j = 0; j < p.bytes.length; j++) {
          if (p.mask && p.mask[j] === 0) continue;
          if (fold ? FOLD[data[s + j]] !== FOLD[p.bytes[j]] : data[s + j] !== p.bytes[j]) return;
        }
        out.push({ rangeIndex: ri, offset: s, address: r.address + BigInt(s), patternIndex: pi });
      });
  });
  return out;
}

const finder = wasmFinder()!;
const defaults = { window: finder.window, cap: finder.cap };
/** A buffer in the module's memory: data searched where it is, not copied in. */
const inModule = wasmBuffer(1 << 16)!;

afterEach(() => {
  Object.assign(finder, defaults);
  setAscii85Wasm(true);
});

/** Data from a small alphabet (matches are common) or any byte, with copies of the pattern planted. */
const caseArb = fc
  .record({
    alphabet: fc.constantFrom([0, 0x41, 0x61], [0, 1, 0x41, 0x61, 0x62, 0xff], null),
    len: fc.integer({ min: 0, max: 3000 }),
    seed: fc.integer(),
    plen: fc.integer({ min: 1, max: 64 }),
    plants: fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 6 }),
    wild: fc.integer({ min: 0, max: 3 }),
    ci: fc.boolean(),
    upper: fc.boolean(),
    limit: fc.integer({ min: 0, max: 200 }),
    chunkSize: fc.constantFrom(7, 100, 1000, 1 << 20),
    ranges: fc.integer({ min: 1, max: 3 }),
  })
  .map((c) => {
    let x = c.seed | 1;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 8) & 0xff;
    const pick = () => (c.alphabet ? c.alphabet[rnd() % c.alphabet.length] : rnd());
    const bytes = Uint8Array.from({ length: c.plen }, pick);
    // Wildcards: none, a few, or every other byte (always one exact byte left).
    const mask = c.wild === 0 ? null : Uint8Array.from(bytes, (_, i) => (i > 0 && (c.wild === 3 ? i % 2 === 1 : rnd() % 4 === 0) ? 0 : 0xff));
    if (mask) for (let i = 0; i < bytes.length; i++) bytes[i] &= mask[i];
    const pattern: Pattern = { bytes, mask, ...(c.ci ? { caseInsensitive: true } : {}) };
    const ranges: SearchRange[] = [];
    for (let k = 0; k < c.ranges; k++) {
      const data = Uint8Array.from({ length: c.len >> k }, pick);
      for (const at of c.plants) {
        if (at + c.plen > data.length) continue;
        for (let j = 0; j < c.plen; j++) {
          const b = mask && mask[j] === 0 ? rnd() : bytes[j];
          // A planted copy in the other case still matches a case-insensitive pattern.
          data[at + j] = c.ci && c.upper ? b ^ (FOLD[b] !== b || (b >= 0x61 && b <= 0x7a) ? 0x20 : 0) : b;
        }
      }
      ranges.push({ address: 0x1000n * BigInt(k + 1), data, length: data.length });
    }
    return { ...c, pattern, rangesData: ranges };
  });

describe('search through the WebAssembly filter', () => {
  it('finds exactly what a naive scan finds, in every way of running it (property)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 16, max: 40 }), fc.integer({ min: 80, max: 400 }), (c, cap, window) => {
        const patterns = [c.pattern];
        const want = naive(c.rangesData, patterns, false);
        const opts = { limit: c.limit, chunkSize: c.chunkSize };
        const check = () => {
          const r = searchRanges(c.rangesData, patterns, opts);
          expect(r.matches).toEqual(want.slice(0, c.limit));
          expect(r.capped).toBe(want.length > c.limit);
        };
        check(); // default windows
        // Small copy windows and a small candidate buffer: matches straddle both edges.
        Object.assign(finder, { window: Math.max(window, c.plen + 16), cap });
        check();
        Object.assign(finder, defaults);
        // The data in the module's memory: searched in place.
        const moved = c.rangesData.map((r, k) => {
          const at = k * 16384;
          inModule.set(r.data as Uint8Array, at);
          return { ...r, data: inModule.subarray(at, at + r.length) };
        });
        const r = searchRanges(moved, patterns, opts);
        expect(r.matches).toEqual(want.slice(0, c.limit));
        // WebAssembly off: the JavaScript loop.
        setAscii85Wasm(false);
        check();
        setAscii85Wasm(true);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a match in the last 15 starts and one straddling a 16-byte block, in place', () => {
    const data = inModule.subarray(3, 3 + 100); // not 16-aligned
    data.fill(0);
    data.set([0xde, 0xad], 98); // the very last start
    data.set([0xde, 0xad], 15); // straddles the first block's edge
    const r = searchRanges([{ address: 0n, data, length: data.length }], [{ bytes: Uint8Array.of(0xde, 0xad), mask: null }]);
    expect(r.matches.map((m) => m.offset)).toEqual([15, 98]);
  });

  it('counts every overlapping match and stops at the limit, also past the candidate buffer', () => {
    Object.assign(finder, { cap: 16 });
    const data = new Uint8Array(1000).fill(0x61);
    const all = searchRanges([{ address: 0n, data, length: 1000 }], [{ bytes: Uint8Array.of(0x61, 0x61, 0x61), mask: null }], { limit: 5000 });
    expect(all.matches.map((m) => m.offset)).toEqual(Array.from({ length: 998 }, (_, i) => i));
    const some = searchRanges([{ address: 0n, data, length: 1000 }], [{ bytes: Uint8Array.of(0x41, 0x41), mask: null, caseInsensitive: true }], { limit: 40 });
    expect(some.matches.map((m) => m.offset)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(some.capped).toBe(true);
  });
});
