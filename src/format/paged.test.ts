import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DumpParser } from './parser.ts';
import { encodeAscii85Word } from './ascii85-encode.ts';
import { bytesOf, type DumpModel } from './model.ts';
import { DecodedPageCache, memoryTextSource, SequentialPass, type LazyBytes, type TextSource } from './paged.ts';
import type { ParseOptions } from './xe.ts';
import { digestOf } from './report.ts';

const enc = (s: string) => new TextEncoder().encode(s);

const HEAD = ['**** Xe Device Coredump ****', 'kernel: 6.19.0-test', '', '**** VM state ****'];

interface Payload {
  words: number[];
  /** Bytes short of a whole number of dwords in `.length` (0..3). */
  trim: number;
  /** Where the payload text is cut into lines (indices into its groups' characters). */
  splits: number[];
  /** Indent of each continuation line. */
  indent: string;
  crlf: boolean;
}

/** A dump with one range per payload and a HWSP blob; returns its text. */
function dumpText(payloads: Payload[]): string {
  const nl = payloads[0]?.crlf ? '\r\n' : '\n';
  const lines = [...HEAD];
  payloads.forEach((p, i) => {
    const addr = (0x100000 * (i + 1)).toString(16);
    const text = p.words.map((w) => encodeAscii85Word(w)).join('');
    const cuts = [...new Set(p.splits.map((s) => Math.min(text.length, s)))].filter((s) => s > 0 && s < text.length).sort((a, b) => a - b);
    let prev = 0;
    const pieces: string[] = [];
    for (const c of cuts) {
      pieces.push(text.slice(prev, c));
      prev = c;
    }
    pieces.push(text.slice(prev));
    lines.push(`[${addr}].length: 0x${Math.max(0, p.words.length * 4 - p.trim).toString(16)}`);
    lines.push(`[${addr}].data: ${pieces[0]}`);
    for (const piece of pieces.slice(1)) lines.push(p.indent + piece);
  });
  lines.push('');
  return lines.join(nl);
}

function parse(text: Uint8Array, chunk: number, options: ParseOptions = {}): DumpModel {
  const p = new DumpParser(options);
  for (let i = 0; i < text.length; i += chunk) p.push(text.subarray(i, i + chunk));
  return p.finish();
}

const word = fc.oneof(fc.constant(0), fc.constant(0xffffffff), fc.integer({ min: 0, max: 0xffffffff }));
const payload: fc.Arbitrary<Payload> = fc.record({
  words: fc.array(word, { maxLength: 300 }),
  trim: fc.integer({ min: 0, max: 3 }),
  splits: fc.array(fc.integer({ min: 1, max: 1500 }), { maxLength: 6 }),
  indent: fc.constantFrom('', '\t', '\t\t', ' '),
  crlf: fc.boolean(),
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sha = () => {
  const h = createHash('sha256');
  return { update: (b: Uint8Array) => void h.update(b), digest: () => h.digest('hex') };
};

describe('on-demand decoding (index scan + checkpoints)', () => {
  it('any window decoded on demand equals the same window of a full decode', () => {
    fc.assert(
      fc.property(
        fc.array(payload, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 700 }),
        fc.constantFrom(4, 8, 12, 64, 256, 1024),
        fc.integer({ min: 0, max: 4096 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3000 })), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (payloads, chunk, pageBytes, budget, windows, cutSeed) => {
          const full = enc(dumpText(payloads));
          // Sometimes the file is cut (inside a payload, say): both must agree on what was decoded.
          const text = cutSeed % 4 === 0 ? full.subarray(0, cutSeed % (full.length + 1)) : full;
          if (text.length === 0) return;
          let eager: DumpModel;
          try {
            eager = parse(text, chunk, { hash: sha });
          } catch {
            return; // cut before the header line was whole: not a dump either way
          }
          const cache = new DecodedPageCache(budget);
          const lazy = parse(text, chunk, { hash: sha, onDemand: { text: memoryTextSource(text), cache, eagerBytes: 0, pageBytes, smallBytes: 0 } });
          expect(lazy.diagnostics).toEqual(eager.diagnostics);
          expect(lazy.ranges.length).toBe(eager.ranges.length);
          eager.ranges.forEach((er, i) => {
            const lr = lazy.ranges[i];
            expect([lr.length, lr.decodedLength, lr.complete]).toEqual([er.length, er.decodedLength, er.complete]);
            // Small payloads are held in memory and hashed when read (digestOf); larger ones while decoded.
            expect(digestOf(lr, sha256)).toBe(digestOf(er, sha256));
            if (!er.data) {
              expect(bytesOf(lr)).toBeNull();
              return;
            }
            if (er.length > 0) expect(lr.data).toBeNull();
            const store = bytesOf(lr)!;
            // A payload cut short keeps only its decoded bytes in memory; the rest of its length
            // reads as zeros, as the on-demand store gives them.
            const ed = new Uint8Array(er.length);
            ed.set(er.data.subarray(0, Math.min(er.data.length, er.length)));
            expect(store.read(0, er.length)).toEqual(ed);
            for (const [o, l] of windows) {
              const off = er.length === 0 ? 0 : o % (er.length + 1);
              expect(store.read(off, l)).toEqual(ed.slice(off, off + l));
              expect(cache.bytes).toBeLessThanOrEqual(budget);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an index scan that only counts (nothing to hash) gives the diagnostics and the bytes of a full decode', () => {
    // Payloads with overflowing groups, bad characters, misplaced z and cut groups among good ones.
    const bad = fc.constantFrom('uuuuu', 's8W-"', '~', ' ', 'zz', '!!z!!', '\r', 'tttt', '!!!!');
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), bad), { maxLength: 4 }), fc.integer({ min: 1, max: 700 }), (payloads, damage, chunk) => {
        let t = dumpText(payloads);
        const first = t.indexOf('.data: ') + 7;
        for (const [at, what] of damage) {
          const p = first + (at % Math.max(1, t.length - first - 1));
          t = t.slice(0, p) + what + t.slice(p);
        }
        const text = enc(t);
        const eager = parse(text, chunk);
        const lazy = parse(text, chunk, { onDemand: { text: memoryTextSource(text), cache: new DecodedPageCache(), eagerBytes: 0, pageBytes: 64 } });
        expect(lazy.diagnostics).toEqual(eager.diagnostics);
        eager.ranges.forEach((er, i) => {
          const lr = lazy.ranges[i];
          expect([lr.length, lr.decodedLength, lr.complete]).toEqual([er.length, er.decodedLength, er.complete]);
          if (er.data) expect(bytesOf(lr)!.read(0, er.decodedLength)).toEqual(er.data.subarray(0, er.decodedLength));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('decodes past the eager budget on demand and within it in memory', () => {
    const p: Payload = { words: Array.from({ length: 64 }, (_, i) => (i % 3 ? i * 0x01010101 : 0)), trim: 0, splits: [], indent: '', crlf: false };
    const text = enc(dumpText([p, p, p]));
    const m = parse(text, 37, { onDemand: { text: memoryTextSource(text), cache: new DecodedPageCache(), eagerBytes: 256 * 2, pageBytes: 64, smallBytes: 0 } });
    expect(m.ranges.map((r) => [r.data !== null, !!r.lazy])).toEqual([[true, false], [true, false], [false, true]]);
    expect(bytesOf(m.ranges[2])!.read(0, 256)).toEqual(m.ranges[0].data);
  });

  it('a window read while the scan is still in the payload sees the bytes decoded so far', () => {
    const words = Array.from({ length: 100 }, (_, i) => i + 1);
    const text = enc(dumpText([{ words, trim: 0, splits: [], indent: '', crlf: false }]));
    const cache = new DecodedPageCache();
    const parser = new DumpParser({ onDemand: { text: memoryTextSource(text), cache, eagerBytes: 0, pageBytes: 16, smallBytes: 0 } });
    const dataAt = new TextDecoder().decode(text).indexOf('.data: ') + 7;
    parser.push(text.subarray(0, dataAt + 5 * 10 + 2)); // 10 whole groups and 2 characters of the next
    const r = parser.model.ranges[0];
    const store = bytesOf(r)!;
    const early = store.read(0, 48);
    expect(Array.from(new Uint32Array(early.buffer))).toEqual([...words.slice(0, 10), 0, 0]);
    parser.push(text.subarray(dataAt + 52));
    parser.finish();
    expect(Array.from(new Uint32Array(store.read(0, 400).buffer))).toEqual(words);
  });

  it('a sequential pass (streamed text or not) reads what the store reads, past the page cache', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(4, 8, 64, 256),
        fc.integer({ min: 1, max: 900 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        async (payloads, pageBytes, step, textChunk, streamChunk, streamed) => {
          const text = enc(dumpText(payloads));
          const cache = new DecodedPageCache();
          const opened: number[] = [];
          let live = 0;
          // A stream of the text in small chunks of one reused buffer, as a File's stream gives them.
          const source: TextSource = {
            ...memoryTextSource(text),
            ...(streamed ? {
              chunksFrom(offset: number): AsyncIterator<Uint8Array> {
                opened.push(offset);
                live++;
                const buf = new Uint8Array(streamChunk);
                return (async function* () {
                  try {
                    for (let at = offset; at < text.length; at += streamChunk) {
                      const n = Math.min(streamChunk, text.length - at);
                      buf.fill(0xee); // what a consumer kept of the last chunk is overwritten
                      buf.set(text.subarray(at, at + n));
                      yield buf.subarray(0, n);
                    }
                  } finally {
                    live--;
                  }
                })();
              },
            } : {}),
          };
          const m = parse(text, 97, { onDemand: { text: source, cache, eagerBytes: 0, pageBytes } });
          for (const r of m.ranges) {
            const lazy = r.lazy as LazyBytes | undefined;
            if (!lazy) continue;
            const whole = lazy.read(0, lazy.length);
            const before = { bytes: cache.bytes, misses: cache.misses };
            const seq = lazy.sequential(textChunk);
            for (let off = 0; off < lazy.length; off += step) {
              const len = step + 3; // windows overlap a little, as a search's do
              await seq.prepare(off, len);
              expect(seq.read(off, len)).toEqual(whole.slice(off, off + len));
            }
            // The pass neither filled nor asked the page cache.
            expect([cache.bytes, cache.misses]).toEqual([before.bytes, before.misses]);
            seq.close();
            expect(live).toBe(0);
            // After close, a read (a match's context) still gives the right bytes.
            expect(seq.read(0, 8)).toEqual(whole.slice(0, 8));
          }
          // One stream per payload when windows follow each other.
          if (streamed) expect(opened.length).toBeLessThanOrEqual(m.ranges.filter((r) => r.lazy && r.length > 0).length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the readers of one pass over payloads in file order share one stream of the text, ended with the pass', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(4, 64, 256),
        fc.integer({ min: 1, max: 900 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 300 }),
        async (payloads, pageBytes, step, textChunk, streamChunk) => {
          const text = enc(dumpText(payloads));
          const opened: number[] = [];
          let live = 0;
          const source: TextSource = {
            ...memoryTextSource(text),
            chunksFrom(offset: number): AsyncIterator<Uint8Array> {
              opened.push(offset);
              live++;
              const buf = new Uint8Array(streamChunk);
              return (async function* () {
                try {
                  for (let at = offset; at < text.length; at += streamChunk) {
                    const n = Math.min(streamChunk, text.length - at);
                    buf.fill(0xee); // a chunk is valid only until the next is asked for
                    buf.set(text.subarray(at, at + n));
                    yield buf.subarray(0, n);
                  }
                } finally {
                  live--;
                }
              })();
            },
          };
          const m = parse(text, 97, { onDemand: { text: source, cache: new DecodedPageCache(), eagerBytes: 0, pageBytes, smallBytes: 0 } });
          const pass = new SequentialPass();
          for (const r of m.ranges) {
            const lazy = r.lazy as LazyBytes | undefined;
            if (!lazy) continue;
            const whole = lazy.read(0, lazy.length);
            const seq = lazy.sequential(textChunk, pass);
            for (let off = 0; off < lazy.length; off += step) {
              await seq.prepare(off, step + 3);
              expect(seq.read(off, step + 3)).toEqual(whole.slice(off, off + step + 3));
            }
            seq.close();
          }
          // Each payload's text is a line or two after the last one's: one stream for them all.
          expect(opened.length).toBeLessThanOrEqual(1);
          pass.close();
          // The stream's last read ahead settles first, then it ends.
          await new Promise((r) => setTimeout(r, 0));
          expect(live).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a long read (a scan) decodes its whole pages straight into the result and leaves the cache alone', () => {
    // 2.4 MB of runs of zeros and of numbers, split into lines of 800 characters.
    const words = Array.from({ length: 600_000 }, (_, i) => ((i >> 7) % 3 === 0 ? 0 : Math.imul(i, 0x9e3779b1) >>> 0));
    const p: Payload = { words, trim: 2, splits: Array.from({ length: 6 }, (_, k) => 800 * (k + 1) * 97), indent: '\t', crlf: false };
    const text = enc(dumpText([p]));
    const eager = parse(text, 1 << 20);
    const expected = eager.ranges[0].data!;
    // The fd source of the CLI reads into a buffer it is given (the decoder's own memory).
    const withInto = { ...memoryTextSource(text), readInto: (o: number, into: Uint8Array) => { const b = text.subarray(o, o + into.length); into.set(b); return b.length; } };
    for (const source of [memoryTextSource(text), withInto]) {
      const cache = new DecodedPageCache();
      const lazy = parse(text, 1 << 20, { onDemand: { text: source, cache, eagerBytes: 0 } });
      const store = bytesOf(lazy.ranges[0])!;
      for (const [off, len] of [[0, expected.length], [12_345, 1 << 20], [(1 << 16) * 3, 3 << 19], [expected.length - (1 << 20) - 7, 1 << 20]]) {
        const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
        const before = cache.bytes;
        expect(hex(store.read(off, len))).toBe(hex(expected.slice(off, off + len)));
        // Only the (at most two) pages cut by the window's ends went through the cache.
        expect(cache.bytes - before).toBeLessThanOrEqual(2 * 65536);
        // The same into a reused buffer holding other bytes: what is past the data reads as zeros.
        const into = new Uint8Array(len + 4096).fill(7);
        store.readInto!(off, into);
        const want = new Uint8Array(into.length);
        want.set(expected.subarray(off, off + into.length));
        expect(hex(into)).toBe(hex(want));
        expect(cache.bytes).toBeLessThanOrEqual(16 * 65536);
      }
    }
  });

  it('the page cache never holds more than its budget and evicts the least recently used page', () => {
    const c = new DecodedPageCache(3 * 64);
    for (let k = 0; k < 3; k++) c.put(k, new Uint8Array(64));
    expect(c.get(0)).toBeDefined();
    c.put(3, new Uint8Array(64));
    expect(c.bytes).toBe(192);
    expect(c.has(1)).toBe(false);
    expect(c.has(0)).toBe(true);
    c.put(4, new Uint8Array(1000)); // bigger than the budget: not kept
    expect(c.has(4)).toBe(false);
    c.setBudget(64);
    expect(c.bytes).toBeLessThanOrEqual(64);
  });
});
