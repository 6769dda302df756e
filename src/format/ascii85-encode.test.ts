// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ascii85Length,
  encodeAscii85,
  encodeAscii85Into,
  encodeAscii85String,
  encodeAscii85Word,
  encodeAscii85WordsInto,
  wordsOf,
} from './ascii85-encode.ts';

/** Tiny reference decoder: per group a u32 value, stored little-endian. Throws on a partial group. */
function refDecode(text: string): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    let v = 0;
    if (text[i] === 'z') {
      i++;
    } else {
      if (i + 5 > text.length) throw new Error('partial group');
      for (let k = 0; k < 5; k++) {
        const d = text.charCodeAt(i + k) - 33;
        if (d < 0 || d > 84) throw new Error(`bad char ${text[i + k]}`);
        v = v * 85 + d;
      }
      if (v > 0xffffffff) throw new Error('group overflow');
      i += 5;
    }
    out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  return new Uint8Array(out);
}

const u32le = (...words: number[]) => new Uint8Array(new Uint32Array(words).buffer);
const wordsFromBytes = (b: Uint8Array) => Array.from(new Uint32Array(b.buffer, b.byteOffset, b.length / 4));

describe('ascii85 encoder (kernel flavour)', () => {
  it('encodes known values', () => {
    expect(encodeAscii85Word(0)).toBe('z');
    expect(encodeAscii85Word(0xffffffff)).toBe('s8W-!');
    expect(encodeAscii85Word(1)).toBe('!!!!"');
    expect(encodeAscii85Word(85)).toBe('!!!"!');
    expect(encodeAscii85Word(0x18800101)).toBe('(k;Vf');
  });

  it('reads each u32 little-endian from the bytes', () => {
    expect(encodeAscii85String(new Uint8Array([1, 0, 0, 0]))).toBe('!!!!"');
    expect(encodeAscii85String(new Uint8Array([0, 0, 0, 1]))).toBe(encodeAscii85Word(0x01000000));
    expect(encodeAscii85String(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]))).toBe('s8W-!z');
    expect(encodeAscii85String(new Uint8Array(0))).toBe('');
  });

  it('rejects sizes that are not a multiple of 4', () => {
    expect(() => encodeAscii85(new Uint8Array(3))).toThrow(/word aligned/);
  });

  it('handles unaligned views (byteOffset not a multiple of 4)', () => {
    const backing = new Uint8Array(13);
    backing.set([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], 1);
    expect(encodeAscii85String(backing.subarray(1, 13))).toBe('!!!!"s8W-!z');
    expect(Array.from(wordsOf(backing.subarray(1, 13)))).toEqual([1, 0xffffffff, 0]);
  });

  it('encodes into a preallocated buffer at an offset and reports exact lengths', () => {
    const bytes = u32le(0, 5, 0, 0xdeadbeef);
    expect(ascii85Length(bytes)).toBe(1 + 5 + 1 + 5);
    const out = new Uint8Array(40).fill(0x2e);
    const end = encodeAscii85Into(bytes, out, 3);
    expect(end).toBe(15);
    expect(String.fromCharCode(...out.subarray(0, 16))).toBe('...z!!!!&z' + encodeAscii85Word(0xdeadbeef) + '.');
    const w = new Uint32Array([7, 0, 9]);
    const out2 = new Uint8Array(15);
    expect(encodeAscii85WordsInto(w, out2, 0, 1, 3)).toBe(6);
    expect(String.fromCharCode(...out2.subarray(0, 6))).toBe('z!!!!*');
  });

  // Lines from docs/xe-6.19-constructed-example.txt (z runs compressed here).
  const exampleLines: { name: string; length: number; text: string; nonZero: [number, number][] }[] = [
    { name: 'CTB', length: 0x40, text: 'zzzzJ5Q@Lzzzzzzzzzzz', nonZero: [[4, 0x80520003]] },
    {
      name: 'LOG',
      length: 0x2000,
      text: '!!!!"!!!Q1' + 'z'.repeat(6) + 'hQ=N\\' + 'z'.repeat(2039),
      nonZero: [[0, 1], [1, 0x1000], [8, 0xdeadbeef]],
    },
    {
      name: 'HWSP',
      length: 0x1000,
      text: 'z'.repeat(48) + 's8W+Ozzzs8W+N' + 'z'.repeat(971),
      nonZero: [[48, 0xffffff83], [52, 0xffffff82]],
    },
    {
      name: 'HWCTX',
      length: 0x1000,
      text: 'z&I8pg!!"32!!rW3!!",u!!!!i!!",q!!!"4!!"-$!W$1(' + 'z'.repeat(1014),
      nonZero: [[1, 0x1108101d], [2, 0x2244], [3, 0x90009], [4, 0x2034], [5, 0x48], [6, 0x2030], [7, 0x68], [8, 0x2038], [9, 0x1fa6000]],
    },
    {
      name: '1a0000',
      length: 0x1000,
      text: 'zz(k;Vf!#bh;z"TSN&' + 'z'.repeat(1018),
      nonZero: [[2, 0x18800101], [3, 0x001a0000], [5, 0x05000000]],
    },
  ];

  for (const ex of exampleLines) {
    it(`reproduces the constructed example's [${ex.name}] line`, () => {
      const words = new Uint32Array(ex.length / 4);
      for (const [i, v] of ex.nonZero) words[i] = v;
      const bytes = new Uint8Array(words.buffer);
      expect(encodeAscii85String(bytes)).toBe(ex.text);
      const decoded = refDecode(ex.text);
      expect(decoded.length).toBe(ex.length);
      expect(decoded).toEqual(bytes);
    });
  }

  it('decodes by hand: the batch dwords of the example', () => {
    const d = refDecode('zz(k;Vf!#bh;z"TSN&');
    expect(wordsFromBytes(d)).toEqual([0, 0, 0x18800101, 0x001a0000, 0, 0x05000000]);
    // little-endian bytes of 0x18800101
    expect(Array.from(d.subarray(8, 12))).toEqual([0x01, 0x01, 0x80, 0x18]);
  });

  it('round-trips any multiple-of-4 byte array through the reference decoder (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (raw) => {
        const bytes = raw.subarray(0, raw.length - (raw.length % 4));
        const text = encodeAscii85String(bytes);
        expect(refDecode(text)).toEqual(bytes);
        expect(text.length).toBe(ascii85Length(bytes));
        expect(/^[!-uz]*$/.test(text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips word arrays rich in zeros and extremes (property)', () => {
    const word = fc.oneof(
      fc.constant(0),
      fc.constant(0xffffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 85 ** 4 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 200 }), (ws) => {
        const bytes = new Uint8Array(new Uint32Array(ws).buffer);
        const text = encodeAscii85String(bytes);
        expect(wordsFromBytes(refDecode(text))).toEqual(ws);
        // each non-zero word is exactly 5 chars, each zero word exactly 'z'
        expect(text.length).toBe(ws.reduce((n, w) => n + (w === 0 ? 1 : 5), 0));
      }),
      { numRuns: 300 },
    );
  });

  it('is fast: 64 MiB of random words in well under 2 s', () => {
    const words = new Uint32Array(16 << 20);
    let x = 0x1234567;
    for (let i = 0; i < words.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      words[i] = i & 1 ? 0 : x >>> 0;
    }
    const out = new Uint8Array(words.length * 5);
    const t = performance.now();
    const end = encodeAscii85WordsInto(words, out, 0);
    const ms = performance.now() - t;
    expect(end).toBe((words.length / 2) * 6 - 0); // half zeros (1 char), half random (5 chars; x never 0)
    expect(ms).toBeLessThan(2000);
  });
});
