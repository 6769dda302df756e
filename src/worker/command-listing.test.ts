import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CommandListing, STEP, dwordsView, positionIn, type ListingDecoder } from './command-listing.ts';

// A toy instruction set for the listing's mechanics (the real decoders have their own tests):
// header 0 is NOP (1 dword); otherwise the low byte + 1 is the length and the top byte names it.
const toy: ListingDecoder = {
  length: (w, i) => (w[i] === 0 ? 1 : (w[i] & 0xff) + 1),
  name: (w, i) => (w[i] === 0 ? 'NOOP' : `OP_${(w[i] >>> 24).toString(16)}`),
  decode: (w, i) => ({ name: w[i] === 0 ? 'NOOP' : `OP_${(w[i] >>> 24).toString(16)}`, fields: [{ name: 'dwords', value: String(w.length - i) }], unknown: false }),
};

/** The plain walk the listing must agree with: start dword of every instruction. */
function naiveStarts(words: Uint32Array, anchors: number[] = []): number[] {
  const a = anchors.map((x) => x / 4).sort((x, y) => x - y);
  const out: number[] = [];
  let i = 0;
  while (i < words.length) {
    out.push(i);
    let end = i + toy.length(words, i);
    const next = a.find((x) => x > i);
    if (next !== undefined && next < end) end = next;
    i = Math.min(end, words.length);
  }
  return out;
}

function stream(n: number, seed: number): Uint32Array {
  const w = new Uint32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    w[i] = s % 3 === 0 ? 0 : ((0x10 + (s >>> 28)) << 24) | ((s >>> 8) & 7);
  }
  return w;
}

describe('CommandListing', () => {
  it('walks the same boundaries as a plain walk, windows anywhere', () => {
    const words = stream(5000, 7);
    const starts = naiveStarts(words);
    const l = new CommandListing(words, toy, { base: 0x1000n });
    expect(l.count).toBe(starts.length);
    for (const first of [0, 1, STEP - 1, STEP, 3 * STEP + 5, starts.length - 3]) {
      const rows = l.window(first, 10);
      rows.forEach((r, k) => {
        expect(r.index).toBe(first + k);
        expect(r.pos).toBe(first + k);
        expect(r.address).toBe(0x1000n + BigInt(starts[first + k] * 4));
        expect(r.dwords[0]).toBe(words[starts[first + k]]);
      });
    }
    expect(l.window(starts.length - 2, 10)).toHaveLength(2);
  });

  it('finds the instruction holding an offset, inside it too', () => {
    const words = stream(3000, 3);
    const starts = naiveStarts(words);
    const l = new CommandListing(words, toy, { base: 0n });
    for (const k of [0, 5, 40, 777, starts.length - 1]) {
      const s = starts[k];
      const e = k + 1 < starts.length ? starts[k + 1] : words.length;
      expect(l.indexAt(s * 4)).toBe(k);
      expect(l.indexAt(e * 4 - 1)).toBe(k);
    }
    expect(l.indexAt(-1)).toBe(-1);
    expect(l.indexAt(words.length * 4)).toBe(-1);
  });

  it('cuts an instruction that runs over an anchor and restarts there', () => {
    const words = new Uint32Array([0x10000003, 1, 0, 0, 0x11000001, 9, 0]);
    // An anchor at dword 2: the first instruction (4 dwords by its header) is cut to 2.
    const l = new CommandListing(words, toy, { base: 0x100n, anchors: [8] });
    const rows = l.window(0, 10);
    expect(rows.map((r) => r.address)).toEqual([0x100n, 0x108n, 0x10cn, 0x110n, 0x118n]);
    expect(rows[0].length).toBe(2);
    expect(rows[0].note).toMatch(/cut at the batch start 0x108/);
    expect(rows[1].note).toBeNull();
  });

  it('cuts the last instruction at the end and says so', () => {
    const words = new Uint32Array([0, 0x10000005, 1]);
    const l = new CommandListing(words, toy, { base: 0n });
    const rows = l.window(0, 5);
    expect(rows).toHaveLength(2);
    expect(rows[1].length).toBe(2);
    expect(rows[1].note).toMatch(/cut at the end of the buffer \(6 dwords by its header\)/);
  });

  it('marks the instruction ACTHD points into', () => {
    const words = new Uint32Array([0, 0x10000003, 1, 2, 3, 0]);
    const l = new CommandListing(words, toy, { base: 0n, acthd: 12 });
    expect(l.acthdIndex).toBe(1);
    const rows = l.window(0, 3);
    expect(rows.map((r) => r.acthd)).toEqual([false, true, false]);
  });

  it('filters by name, and positions map back', () => {
    const words = stream(4000, 11);
    const l = new CommandListing(words, toy, { base: 0n });
    const all = l.window(0, l.count);
    const want = all.filter((r) => r.name.toLowerCase().includes('noop')).map((r) => r.index);
    const hits = l.filter(' NoOp ');
    expect([...hits]).toEqual(want);
    const rows = l.rows(hits.subarray(10, 20), 10);
    expect(rows.map((r) => r.index)).toEqual(want.slice(10, 20));
    expect(rows.every((r) => r.name === 'NOOP')).toBe(true);
    expect(positionIn(hits, want[15])).toBe(15);
    expect(positionIn(hits, want[15] + 1)).toBe(want[16] === want[15] + 1 ? 16 : 15);
    expect(positionIn(new Float64Array(0), 3)).toBe(-1);
  });

  it('reads unaligned bytes through a copy', () => {
    const buf = new Uint8Array(13);
    buf.set([1, 0, 0, 0x10, 5, 0, 0, 0], 1);
    const w = dwordsView(buf.subarray(1));
    expect([...w]).toEqual([0x10000001, 5, 0]);
  });

  it('never loops or throws on random dwords', () => {
    fc.assert(
      fc.property(fc.uint32Array({ maxLength: 400 }), fc.array(fc.nat(1600), { maxLength: 4 }), (arr, anchors) => {
        const words = Uint32Array.from(arr);
        const l = new CommandListing(words, toy, { base: 0n, anchors: anchors.map((a) => a & ~3) });
        const rows = l.window(0, l.count);
        let covered = 0;
        for (const r of rows) {
          expect(Number(r.address)).toBe(covered * 4);
          covered += r.length;
        }
        expect(covered).toBe(words.length);
      }),
    );
  });

  it('walked in steps (and on demand by windows, positions and filters) is the listing walked at once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer(),
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.nat(12000), { maxLength: 4 }),
        fc.nat(12000),
        fc.constantFrom('window', 'indexAt', 'filter', 'steps'),
        (n, seed, step, anchors, acthd, how) => {
          const words = stream(n, seed);
          const opts = { base: 0x40n, anchors: anchors.map((a) => a & ~3), acthd };
          const whole = new CommandListing(words, toy, opts);
          const l = new CommandListing(words, toy, opts, step);
          expect(l.scanned).toBeGreaterThanOrEqual(Math.min(step, n));
          expect(l.complete).toBe(l.scanned >= n);
          if (how === 'window') expect(l.window(whole.count - 3, 3)).toEqual(whole.window(whole.count - 3, 3));
          else if (how === 'indexAt') expect(l.indexAt(n * 2)).toBe(whole.indexAt(n * 2));
          else if (how === 'filter') expect([...l.filter('op_1')]).toEqual([...whole.filter('op_1')]);
          else while (!l.complete) l.scanTo(l.scanned + step);
          if (how !== 'indexAt') {
            expect(l.complete).toBe(true);
            expect(l.count).toBe(whole.count);
            expect(l.acthdIndex).toBe(whole.acthdIndex);
          }
          l.scanTo(Infinity);
          expect(l.window(0, l.count)).toEqual(whole.window(0, whole.count));
        },
      ),
      { numRuns: 150 },
    );
  });
});
