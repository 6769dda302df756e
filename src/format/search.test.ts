import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePattern, compilePatterns, searchRanges, SearchRun, FOLD, type Pattern, type SearchMatch, type SearchRange } from './search.ts';

const u8 = (...b: number[]) => Uint8Array.from(b);
const range = (address: bigint, data: Uint8Array): SearchRange => ({ address, data, length: data.length });
const ascii = (s: string) => new TextEncoder().encode(s);
const offsets = (r: { matches: SearchMatch[] }) => r.matches.map((m) => m.offset);

/** Reference: try every start in every range. */
function naive(ranges: SearchRange[], patterns: Pattern[], caseInsensitive = false): SearchMatch[] {
  const out: SearchMatch[] = [];
  ranges.forEach((r, ri) => {
    const data = r.data as Uint8Array;
    const n = Math.min(r.length, data.length);
    for (let s = 0; s < n; s++)
      patterns.forEach((p, pi) => {
        if (s + p.bytes.length > n) return;
        const ci = caseInsensitive || !!p.caseInsensitive;
        for (let j = 0; j < p.bytes.length; j++) {
          if (p.mask && p.mask[j] === 0) continue;
          const d = data[s + j];
          if (ci ? FOLD[d] !== FOLD[p.bytes[j]] : d !== p.bytes[j]) return;
        }
        out.push({ rangeIndex: ri, offset: s, address: r.address + BigInt(s), patternIndex: pi });
      });
  });
  return out;
}

describe('compilePatterns', () => {
  it('hex with spaces, 0x and ?? wildcards', () => {
    expect(compilePattern('hex', 'DEADbeef')).toEqual({ bytes: u8(0xde, 0xad, 0xbe, 0xef), mask: null });
    expect(compilePattern('hex', ' de ad  0xbeef ')).toEqual({ bytes: u8(0xde, 0xad, 0xbe, 0xef), mask: null });
    expect(compilePattern('hex', 'de ?? be??')).toEqual({ bytes: u8(0xde, 0, 0xbe, 0), mask: u8(0xff, 0, 0xff, 0) });
  });

  it('ascii and utf16le, with and without case folding', () => {
    expect(compilePattern('ascii', 'Ab1')).toEqual({ bytes: u8(0x41, 0x62, 0x31), mask: null });
    expect(compilePattern('ascii', 'Ab', { caseInsensitive: true }).caseInsensitive).toBe(true);
    expect(compilePattern('utf16le', 'Hi')).toEqual({ bytes: u8(0x48, 0, 0x69, 0), mask: null });
  });

  it('u32 and u64, decimal and hex, little-endian, negatives as two’s complement', () => {
    expect(compilePattern('u32', '305419896').bytes).toEqual(u8(0x78, 0x56, 0x34, 0x12));
    expect(compilePattern('u32', '0x12345678').bytes).toEqual(u8(0x78, 0x56, 0x34, 0x12));
    expect(compilePattern('u32', '4294967295').bytes).toEqual(u8(0xff, 0xff, 0xff, 0xff));
    expect(compilePattern('u32', '-1').bytes).toEqual(u8(0xff, 0xff, 0xff, 0xff));
    expect(compilePattern('u64', '0x1122334455667788').bytes).toEqual(u8(0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11));
    expect(compilePattern('u64', '1').bytes).toEqual(u8(1, 0, 0, 0, 0, 0, 0, 0));
    expect(compilePattern('u64', '18446744073709551615').bytes).toEqual(new Uint8Array(8).fill(0xff));
  });

  it('address: plain and canonical forms of a high address, one form of a low one', () => {
    const plain = u8(0, 0, 0, 0, 0, 0x80, 0, 0);
    const canon = u8(0, 0, 0, 0, 0, 0x80, 0xff, 0xff);
    expect(compilePatterns('address', '0x800000000000').map((p) => p.bytes)).toEqual([plain, canon]);
    expect(compilePatterns('address', '0xffff800000000000').map((p) => p.bytes)).toEqual([plain, canon]);
    expect(compilePatterns('address', '0x1a0000').map((p) => p.bytes)).toEqual([u8(0, 0, 0x1a, 0, 0, 0, 0, 0)]);
    expect(compilePatterns('address', '#4096').map((p) => p.bytes)).toEqual([u8(0, 0x10, 0, 0, 0, 0, 0, 0)]);
  });

  it.each([
    ['hex', ''],
    ['hex', 'abc'],
    ['hex', 'zz'],
    ['hex', 'de ?'],
    ['hex', '?? ??'],
    ['ascii', ''],
    ['utf16le', ''],
    ['u32', '4294967296'],
    ['u32', '-2147483649'],
    ['u32', '0x100000000'],
    ['u32', '12abc'],
    ['u32', ''],
    ['u64', '18446744073709551616'],
    ['u64', '1.5'],
    ['address', 'hello'],
    ['address', '#18446744073709551616'],
  ] as const)('%s %j is an error', (mode, text) => {
    expect(() => compilePatterns(mode, text)).toThrow(/^[^\n]+$/);
  });

  it('an unknown mode is an error', () => {
    expect(() => compilePatterns('float' as never, '1')).toThrow(/unknown search mode/);
  });
});

describe('searchRanges', () => {
  it('finds matches at the very start and very end of a range', () => {
    const data = u8(1, 2, 3, 9, 9, 9, 1, 2, 3);
    const r = searchRanges([range(0x1000n, data)], [compilePattern('hex', '010203')]);
    expect(r.matches).toEqual([
      { rangeIndex: 0, offset: 0, address: 0x1000n, patternIndex: 0 },
      { rangeIndex: 0, offset: 6, address: 0x1006n, patternIndex: 0 },
    ]);
    expect(r.capped).toBe(false);
    expect(r.scannedBytes).toBe(9);
  });

  it('does not find a pattern spanning two adjacent ranges', () => {
    const a = range(0x1000n, u8(0, 0, 0xde, 0xad));
    const b = range(0x1004n, u8(0xbe, 0xef, 0, 0));
    expect(searchRanges([a, b], [compilePattern('hex', 'deadbeef')]).matches).toEqual([]);
    expect(searchRanges([a, b], [compilePattern('hex', 'dead')]).matches.map((m) => m.address)).toEqual([0x1002n]);
  });

  it('only searches `length` bytes of a longer buffer and skips ranges without data', () => {
    const r = searchRanges(
      [{ address: 0n, data: u8(7, 7, 7, 7), length: 2 }, { address: 0x10n, data: null, length: 4 }],
      [compilePattern('hex', '07')],
    );
    expect(offsets(r)).toEqual([0, 1]);
    expect(r.scannedBytes).toBe(2);
  });

  it('counts overlapping matches', () => {
    expect(offsets(searchRanges([range(0n, ascii('aaaaa'))], [compilePattern('ascii', 'aaa')]))).toEqual([0, 1, 2]);
  });

  it('hex wildcards', () => {
    const data = u8(0xde, 1, 0xbe, 0xde, 2, 0xbe, 0xde, 0xbe);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('hex', 'de??be')]))).toEqual([0, 3]);
  });

  it('ascii case-sensitive and case-insensitive', () => {
    const data = ascii('xx Hello hello HELLO hELLo');
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('ascii', 'hello')]))).toEqual([9]);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('ascii', 'hello', { caseInsensitive: true })]))).toEqual([3, 9, 15, 21]);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('ascii', 'HeLLO')], { caseInsensitive: true }))).toEqual([3, 9, 15, 21]);
    // Folding only affects letters: '@' (0x40) and '`' (0x60) stay distinct.
    expect(offsets(searchRanges([range(0n, ascii('@`'))], [compilePattern('ascii', '`', { caseInsensitive: true })]))).toEqual([1]);
  });

  it('utf16le, case-sensitive and case-insensitive', () => {
    const data = u8(0, ...[0x57, 0, 0x69, 0, 0x6e, 0], 0x77, 0, 0x49, 0, 0x4e, 0); // "\0Win" "wIN" (odd offsets)
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('utf16le', 'Win')]))).toEqual([1]);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('utf16le', 'win', { caseInsensitive: true })]))).toEqual([1, 7]);
  });

  it('u32 and u64 values in memory', () => {
    const data = new Uint8Array(32);
    const dv = new DataView(data.buffer);
    dv.setUint32(3, 0xcafef00d, true);
    dv.setBigUint64(16, 1234567890123n, true);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('u32', '0xcafef00d')]))).toEqual([3]);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('u32', String(0xcafef00d))]))).toEqual([3]);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('u64', '1234567890123')]))).toEqual([16]);
    expect(offsets(searchRanges([range(0n, data)], [compilePattern('u64', '0x' + (1234567890123).toString(16))]))).toEqual([16]);
  });

  it('address finds both the plain and the canonical pointer, in address order', () => {
    const data = new Uint8Array(40);
    const dv = new DataView(data.buffer);
    dv.setBigUint64(0, 0xffff_8000_1234_0000n, true); // canonical
    dv.setBigUint64(16, 0x8000_1234_0000n, true); // plain
    dv.setBigUint64(32, 0x1234_0000n, true); // unrelated
    for (const q of ['0x800012340000', '0xffff800012340000']) {
      const r = searchRanges([range(0x5000n, data)], compilePatterns('address', q));
      expect(r.matches.map((m) => [m.offset, m.patternIndex])).toEqual([
        [0, 1],
        [16, 0],
      ]);
    }
  });

  it('orders several patterns by offset then pattern index', () => {
    const r = searchRanges([range(0n, ascii('abab'))], [compilePattern('ascii', 'b'), compilePattern('ascii', 'ab'), compilePattern('ascii', 'a')]);
    expect(r.matches.map((m) => [m.offset, m.patternIndex])).toEqual([
      [0, 1],
      [0, 2],
      [1, 0],
      [2, 1],
      [2, 2],
      [3, 0],
    ]);
  });

  it('caps at `limit` and says so, across ranges', () => {
    const rs = [range(0n, new Uint8Array(10)), range(0x100n, new Uint8Array(10))];
    const p = [compilePattern('hex', '00')];
    const r = searchRanges(rs, p, { limit: 13 });
    expect(r.matches.length).toBe(13);
    expect(r.capped).toBe(true);
    expect(r.matches[12]).toMatchObject({ rangeIndex: 1, offset: 2, address: 0x102n });
    const exact = searchRanges(rs, p, { limit: 20 });
    expect([exact.matches.length, exact.capped]).toEqual([20, false]);
    expect(searchRanges(rs, p, { limit: 0 })).toMatchObject({ matches: [], capped: true });
    expect(searchRanges([range(0n, new Uint8Array(20_000))], p).matches.length).toBe(10_000);
  });

  it('reports progress and stops when asked', () => {
    const rs = [range(0n, new Uint8Array(100)), range(0x100n, new Uint8Array(50))];
    const seen: [number, number][] = [];
    searchRanges(rs, [compilePattern('hex', 'ff')], { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([
      [100, 150],
      [150, 150],
    ]);
    let polls = 0;
    const r = searchRanges(rs, [compilePattern('hex', '00')], { shouldStop: () => ++polls > 1 });
    expect(r).toMatchObject({ stopped: true, scannedBytes: 100 });
    expect(r.matches.length).toBe(100);
  });

  it('rejects a bad limit and a malformed pattern', () => {
    expect(() => searchRanges([], [compilePattern('hex', '00')], { limit: -1 })).toThrow(/limit/);
    expect(() => searchRanges([], [{ bytes: u8(), mask: null }])).toThrow(/empty/);
    expect(() => searchRanges([], [{ bytes: u8(1, 2), mask: u8(0xff) }])).toThrow(/mask/);
  });

  it('searches across a chunk boundary inside one large range', () => {
    const n = 16 * 2 ** 20 + 10;
    const data = new Uint8Array(n);
    data.set(ascii('needle'), 16 * 2 ** 20 - 3); // straddles the 16 MiB chunk edge
    data.set(ascii('needle'), n - 6);
    const r = searchRanges([range(0n, data)], [compilePattern('ascii', 'needle')]);
    expect(offsets(r)).toEqual([16 * 2 ** 20 - 3, n - 6]);
  });

  it('agrees with a naive search on random data and patterns (property)', () => {
    // Small alphabets so that matches are common.
    const byte = fc.constantFrom(0, 1, 0x41, 0x61, 0xff);
    const patternArb = fc
      .record({
        bytes: fc.array(byte, { minLength: 1, maxLength: 5 }),
        wild: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        useMask: fc.boolean(),
        ci: fc.boolean(),
      })
      .map(({ bytes, wild, useMask, ci }): Pattern => {
        const mask = useMask ? Uint8Array.from(bytes.map((_, i) => (wild[i] ? 0 : 0xff))) : null;
        return { bytes: Uint8Array.from(bytes.map((b, i) => (mask && mask[i] === 0 ? 0 : b))), mask, ...(ci ? { caseInsensitive: true } : {}) };
      });
    const rangesArb = fc.array(fc.array(byte, { maxLength: 40 }), { minLength: 1, maxLength: 4 }).map((arrs) => {
      let addr = 0x1000n;
      return arrs.map((a) => {
        const r = range(addr, Uint8Array.from(a));
        addr += BigInt(a.length); // adjacent ranges
        return r;
      });
    });
    fc.assert(
      fc.property(rangesArb, fc.array(patternArb, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.integer({ min: 0, max: 30 }), (rs, ps, ci, limit) => {
        const want = naive(rs, ps, ci);
        const full = searchRanges(rs, ps, { caseInsensitive: ci });
        expect(full.matches).toEqual(want);
        expect(full.capped).toBe(false);
        const lim = searchRanges(rs, ps, { caseInsensitive: ci, limit });
        expect(lim.matches).toEqual(want.slice(0, limit));
        expect(lim.capped).toBe(want.length > limit);
      }),
      { numRuns: 500 },
    );
  });

  it('finds matches across chunk edges with any chunk size, and never across ranges (property)', () => {
    const byte = fc.constantFrom(0, 1, 0x41, 0x61);
    const rangesArb = fc.array(fc.array(byte, { maxLength: 30 }), { minLength: 1, maxLength: 4 }).map((arrs) => {
      let addr = 0x1000n;
      return arrs.map((a) => {
        const r = range(addr, Uint8Array.from(a));
        addr += BigInt(a.length); // adjacent ranges: a match must not span two
        return r;
      });
    });
    const patternArb = fc.array(byte, { minLength: 1, maxLength: 6 }).map((b): Pattern => ({ bytes: Uint8Array.from(b), mask: null }));
    fc.assert(
      fc.property(rangesArb, patternArb, fc.integer({ min: 1, max: 9 }), fc.boolean(), (rs, p, chunkSize, ci) => {
        expect(searchRanges(rs, [p], { chunkSize, caseInsensitive: ci }).matches).toEqual(naive(rs, [p], ci));
      }),
      { numRuns: 400 },
    );
  });

  it('searches bytes decoded on demand (a ByteStore read chunk by chunk) as it searches bytes in memory (property)', () => {
    const byte = fc.constantFrom(0, 1, 0x41, 0x61);
    const rangesArb = fc.array(fc.array(byte, { maxLength: 30 }), { minLength: 1, maxLength: 4 }).map((arrs) => arrs.map((a, i) => range(0x1000n * BigInt(i + 1), Uint8Array.from(a))));
    const patternArb = fc.array(byte, { minLength: 1, maxLength: 6 }).map((b): Pattern => ({ bytes: Uint8Array.from(b), mask: null }));
    fc.assert(
      fc.property(rangesArb, fc.array(patternArb, { minLength: 1, maxLength: 2 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (rs, ps, chunkSize, ci) => {
        let reads = 0;
        const stores: SearchRange[] = rs.map((r) => {
          const data = r.data as Uint8Array;
          // A fresh copy of only the bytes asked for, as an on-demand store gives.
          return { ...r, data: { length: data.length, read: (o: number, l: number) => { reads++; return data.slice(o, o + l); } } };
        });
        expect(searchRanges(stores, ps, { chunkSize, caseInsensitive: ci }).matches).toEqual(naive(rs, ps, ci));
        if (rs.some((r) => r.length > 0)) expect(reads).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SearchRun', () => {
  it('searches one chunk per step, with progress, until done', () => {
    const data = ascii('abcabcabcabc'); // 12 bytes
    const run = new SearchRun([range(0n, data), range(0x100n, data)], [compilePattern('ascii', 'ca')], { chunkSize: 5 });
    expect(run.total).toBe(24);
    const seen: number[] = [];
    while (run.step()) seen.push(run.scannedBytes);
    expect(seen).toEqual([5, 10, 12, 17, 22, 24]);
    expect(run.done).toBe(true);
    expect(run.step()).toBe(false);
    expect(run.matches.map((m) => m.address)).toEqual([2n, 5n, 8n, 0x102n, 0x105n, 0x108n]);
    expect(run.result()).toMatchObject({ capped: false, stopped: false, scannedBytes: 24 });
  });

  it('stop() ends it with what was found so far', () => {
    const run = new SearchRun([range(0n, new Uint8Array(100))], [compilePattern('hex', '00')], { chunkSize: 10 });
    run.step();
    run.step();
    run.stop();
    expect(run.step()).toBe(false);
    expect(run.result()).toMatchObject({ stopped: true, capped: false, scannedBytes: 20 });
    expect(run.matches.length).toBe(20);
  });

  it('caps in the middle of a chunk', () => {
    const run = new SearchRun([range(0n, new Uint8Array(100))], [compilePattern('hex', '00')], { chunkSize: 30, limit: 45 });
    let steps = 0;
    while (run.step()) steps++;
    expect(steps).toBe(1); // the second chunk caps
    expect(run.result()).toMatchObject({ capped: true, scannedBytes: 45 });
    expect(run.matches.at(-1)!.offset).toBe(44);
  });

  it('skips ranges with nothing to search and rejects a bad chunk size', () => {
    const run = new SearchRun([{ address: 0n, data: null, length: 8 }, range(0x10n, u8()), range(0x20n, u8(5))], [compilePattern('hex', '05')]);
    expect(run.step()).toBe(true);
    expect(run.step()).toBe(false);
    expect(run.matches.map((m) => m.rangeIndex)).toEqual([2]);
    expect(() => new SearchRun([], [compilePattern('hex', '00')], { chunkSize: 0 })).toThrow(/chunk size/);
  });
});
