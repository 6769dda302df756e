import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DwordReader, dwordsOf } from './dwords.ts';
import { memoryStore, type ByteStore } from './model.ts';

/** A store that records the length of every read (to show that a walk streams). */
function spyStore(bytes: Uint8Array): ByteStore & { reads: number[] } {
  const reads: number[] = [];
  return {
    length: bytes.length,
    reads,
    read(offset, length) {
      reads.push(length);
      return bytes.slice(offset, offset + length); // fresh, like LazyBytes
    },
  };
}

function randomBytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

describe('DwordReader', () => {
  it('gives the same dwords from memory and from a store, whatever the window, and reads at most a window at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 200 }), fc.integer(), (n, extra, win, seed) => {
        const bytes = randomBytes(n * 4 + extra, seed);
        const dv = new DataView(bytes.buffer);
        const store = spyStore(bytes);
        const lazy = new DwordReader(store, bytes.length, win);
        const mem = new DwordReader(new Uint32Array(bytes.buffer, 0, n));
        expect(lazy.length).toBe(n);
        expect(mem.length).toBe(n);
        for (let i = 0; i < n; i += 1 + (seed & 7)) {
          expect(lazy.at(i)).toBe(dv.getUint32(i * 4, true));
          expect(mem.at(i)).toBe(dv.getUint32(i * 4, true));
        }
        expect(lazy.at(n)).toBe(0);
        // A window holds what was asked for, even more than a window's worth.
        const from = n >> 1;
        const want = win * 2 + 3;
        const w = lazy.window(from, want);
        const to = Math.min(n, from + want);
        expect(w.start).toBeLessThanOrEqual(from);
        expect(w.start + w.words.length).toBeGreaterThanOrEqual(to);
        expect(Array.from(lazy.slice(from, to))).toEqual(Array.from(mem.slice(from, to)));
        // Every read of the walk above is one window (or the one long instruction asked for).
        for (const len of store.reads) expect(len).toBeLessThanOrEqual(Math.max(win, want) * 4);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps only the decoded bytes and one reader per payload', () => {
    const bytes = randomBytes(64, 1);
    const r = { data: bytes, decodedLength: 18 };
    const a = dwordsOf(r)!;
    expect(a.length).toBe(4);
    expect(a.inMemory).toBe(true);
    expect(dwordsOf(r)).toBe(a);
    const lazy = { data: null, decodedLength: 64, lazy: memoryStore(bytes) };
    const b = dwordsOf(lazy)!;
    expect(b.inMemory).toBe(false);
    expect(b.length).toBe(16);
    expect(b.at(15)).toBe(new DataView(bytes.buffer).getUint32(60, true));
    expect(dwordsOf({ data: null, decodedLength: 0 })).toBeNull();
  });
});
