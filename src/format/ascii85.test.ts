import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ascii85Decoder, decodeAscii85, setAscii85Wasm, wasmBuffer } from './ascii85.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const u32le = (b: Uint8Array) => Array.from(new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)));

/** Reference encoder written independently of the decoder: the kernel's ascii85_encode per LE u32. */
function kernelEncode(bytes: Uint8Array): string {
  let s = '';
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.length; i += 4) {
    let v = dv.getUint32(i, true);
    if (v === 0) {
      s += 'z';
      continue;
    }
    const d: number[] = [];
    for (let k = 0; k < 5; k++) {
      d.unshift(v % 85);
      v = Math.floor(v / 85);
    }
    s += String.fromCharCode(...d.map((x) => x + 33));
  }
  return s;
}

describe.each(['WebAssembly', 'JavaScript'])('ascii85 decoder (kernel flavour), %s path', (path) => {
  beforeAll(() => setAscii85Wasm(path === 'WebAssembly'));
  afterAll(() => setAscii85Wasm(true));

  it('decodes known groups as little-endian dwords', () => {
    const { bytes, decoder } = decodeAscii85(enc('s8W-!z!!!!"'), 12);
    expect(u32le(bytes)).toEqual([0xffffffff, 0, 1]);
    expect(Array.from(bytes.subarray(8))).toEqual([1, 0, 0, 0]);
    expect(decoder.dwords).toBe(3);
    expect(decoder.full).toBe(true);
  });

  it('decodes the batch of the constructed 6.19 example', () => {
    const { bytes } = decodeAscii85(enc('zz(k;Vf!#bh;z"TSN&'), 24);
    expect(u32le(bytes)).toEqual([0, 0, 0x18800101, 0x001a0000, 0, 0x05000000]);
  });

  it('flags groups above 0xFFFFFFFF and stores them wrapped', () => {
    // 's8W-"' is 0xFFFFFFFF + 1; 'uuuuu' is 85^5 - 1.
    const { bytes, decoder } = decodeAscii85(enc('!!!!"s8W-"uuuuu'), 12);
    expect(decoder.overflowGroups).toBe(2);
    expect(decoder.firstOverflowDword).toBe(1);
    expect(u32le(bytes)[0]).toBe(1);
    expect(u32le(bytes)[1]).toBe(0);
    expect(u32le(bytes)[2]).toBe((85 ** 5 - 1) % 2 ** 32);
  });

  it('skips whitespace and counts characters outside the alphabet', () => {
    const { bytes, decoder } = decodeAscii85(enc('s8 W-!\r\t~z{!!!!"'), 12);
    expect(u32le(bytes)).toEqual([0xffffffff, 0, 1]);
    expect(decoder.invalidChars).toBe(2);
    expect(decoder.firstInvalidChar).toBe('~'.charCodeAt(0));
  });

  it("reports a 'z' inside a group and drops the open group", () => {
    const { bytes, decoder } = decodeAscii85(enc('!!z!!!!"'), 8);
    expect(decoder.misplacedZ).toBe(1);
    expect(u32le(bytes)).toEqual([0, 1]);
  });

  it('stops at a line break, and when the output is full', () => {
    const d = new Ascii85Decoder(new Uint8Array(8));
    const text = enc('z!!!\n!"zzz');
    expect(d.decode(text, 0, text.length)).toBe(4);
    expect(d.pending).toBe(3);
    expect(d.decode(text, 5, text.length)).toBe(7);
    expect(d.full).toBe(true);
    expect(u32le(d.out)).toEqual([0, 1]);
  });

  it('stops at the end of long lines (past the first 4 KiB of a window), groups split across them', () => {
    const words = new Uint32Array(40_000);
    for (let i = 0; i < words.length; i++) words[i] = i % 5 === 0 ? 0 : (Math.imul(i + 1, 2654435761) >>> 0) | 1;
    const bytes = new Uint8Array(words.buffer);
    const full = kernelEncode(bytes);
    // Lines of 5,003 to 60,007 characters: groups cut at each line end, the rest on the next line.
    const cuts = [5_003, 17_011, 60_007, 61_000, 123_457];
    const lines: string[] = [];
    let prev = 0;
    for (const c of cuts) {
      lines.push(full.slice(prev, c));
      prev = c;
    }
    lines.push(full.slice(prev));
    const t = enc(lines.join('\n'));
    const d = new Ascii85Decoder(new Uint8Array(bytes.length));
    let i = 0;
    for (let k = 0; k < lines.length; k++) {
      i = d.decode(t, i, t.length);
      if (k < lines.length - 1) {
        expect(t[i]).toBe(10);
        i++;
      }
    }
    expect(i).toBe(t.length);
    expect(d.full).toBe(true);
    expect(Buffer.from(d.out).equals(Buffer.from(bytes))).toBe(true);
  });

  it('works on an output view that is not 4-byte aligned', () => {
    const backing = new Uint8Array(13);
    const d = new Ascii85Decoder(backing.subarray(1, 13));
    const t = enc('s8W-!!!!!"z');
    d.decode(t, 0, t.length);
    expect(Array.from(backing.subarray(1, 9))).toEqual([255, 255, 255, 255, 1, 0, 0, 0]);
  });

  it('decodes megabytes across window edges, with whitespace and line breaks between calls', () => {
    const words = new Uint32Array(700_000);
    for (let i = 0; i < words.length; i++) words[i] = i % 7 === 0 ? 0 : (Math.imul(i, 2654435761) >>> 0) | 1;
    const bytes = new Uint8Array(words.buffer);
    let text = kernelEncode(bytes);
    text = text.slice(0, 1_000_003) + ' \t' + text.slice(1_000_003, 2_097_155) + '\n' + text.slice(2_097_155);
    const t = enc(text);
    const d = new Ascii85Decoder(new Uint8Array(bytes.length));
    const nl = t.indexOf(10);
    expect(d.decode(t, 0, t.length)).toBe(nl);
    expect(d.decode(t, nl + 1, t.length)).toBe(t.length);
    expect(d.full).toBe(true);
    expect(Buffer.from(d.out).equals(Buffer.from(bytes))).toBe(true);
    expect(d.invalidChars).toBe(0);
  });

  it('property: any dwords encoded as the kernel does decode back, for any split of the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (words, cutsRaw) => {
          const bytes = new Uint8Array(new Uint32Array(words).buffer);
          const text = enc(kernelEncode(bytes));
          const cuts = [...new Set(cutsRaw.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const d = new Ascii85Decoder(new Uint8Array(bytes.length));
          let prev = 0;
          for (const c of [...cuts, text.length]) {
            expect(d.decode(text, prev, c)).toBe(c);
            prev = c;
          }
          expect(d.dwords).toBe(words.length);
          expect(d.pending).toBe(0);
          expect(Array.from(d.out)).toEqual(Array.from(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the WebAssembly (SIMD) path agrees with the JavaScript path', () => {
  afterAll(() => setAscii85Wasm(true));

  // Text read into, and output decoded into, the module's own memory (the CLI's read buffers and pages).
  setAscii85Wasm(true);
  const textIn = wasmBuffer(4096)!;
  const outIn = wasmBuffer(4096)!;

  function run(wasm: boolean, text: Uint8Array, cap: number, cuts: number[], inPlace: { text?: boolean; out?: boolean; count?: boolean } = {}) {
    setAscii85Wasm(wasm);
    if (inPlace.text) {
      textIn.set(text);
      text = textIn.subarray(0, text.length);
    }
    const d = new Ascii85Decoder(inPlace.out ? outIn.fill(0).subarray(0, cap * 4) : new Uint8Array(cap * 4));
    // Counting only (the index scan: the module's scan()): everything but the bytes.
    d.countOnly = inPlace.count ?? false;
    const stops: number[] = [];
    let prev = 0;
    for (const c of [...cuts, text.length]) {
      let i = prev;
      while (i < c && !d.full) {
        i = d.decode(text, i, c);
        stops.push(i);
        if (i < c && text[i] === 10) i++;
        else break;
      }
      prev = c;
    }
    return { out: Array.from(d.out), dwords: d.dwords, pending: d.pending, overflow: [d.overflowGroups, d.firstOverflowDword], invalid: [d.invalidChars, d.firstInvalidChar], z: d.misplacedZ, stops };
  }

  it('property: runs of groups and of z with overflows, bad bytes, spaces and line breaks among them', () => {
    // Pieces that stress the 16-byte 'z' blocks and the 20-byte group blocks and their fallbacks.
    // Long runs of digits (up to 200: several 80-byte blocks of 16 groups) whose groups start with
    // any digit, 's' (can overflow) and 't'/'u' (do overflow) among them; z runs of every length.
    const piece = fc.oneof(
      fc.constantFrom('zzzzzzzzzzzzzzzz', 'z', 'uuuuu', 's8W-!', '!!!!!', ' ', '\n', '~', 'zz', '\r'),
      fc.array(fc.integer({ min: 0x21, max: 0x75 }), { minLength: 5, maxLength: 45 }).map((a) => String.fromCharCode(...a)),
      fc.array(fc.integer({ min: 0x21, max: 0x75 }), { minLength: 75, maxLength: 200 }).map((a) => String.fromCharCode(...a)),
      fc.array(fc.integer({ min: 0x21, max: 0x72 }), { minLength: 80, maxLength: 170 }).map((a) => String.fromCharCode(...a)),
      fc.integer({ min: 1, max: 40 }).map((n) => 'z'.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 0, max: 200 }), fc.array(fc.nat(), { maxLength: 3 }), (pieces, cap, cutSeeds) => {
        const text = enc(pieces.join(''));
        const cuts = [...new Set(cutSeeds.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const js = run(false, text, cap, cuts);
        expect(run(true, text, cap, cuts)).toEqual(js);
        expect(run(true, text, cap, cuts, { text: true })).toEqual(js);
        expect(run(true, text, cap, cuts, { out: true })).toEqual(js);
        expect(run(true, text, cap, cuts, { text: true, out: true })).toEqual(js);
        const { out: _, ...counted } = js;
        const { out: __, ...scanned } = run(true, text, cap, cuts, { count: true });
        expect(scanned).toEqual(counted);
      }),
      { numRuns: 500 },
    );
  });
});
