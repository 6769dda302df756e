// Fuzzing the parser (issue 15): generated dumps of every layout, cut down to a few kilobytes and
// mutated as an attacker or a broken machine would (bit flips, truncation, deleted, duplicated and
// swapped lines, huge numbers, NULs and invalid UTF-8, long lines, CRLF mixes, many tiny ranges,
// lines that make backtracking patterns blow up). Each case must give a model with diagnostics,
// never a throw; the same report for any chunking and for the gzip of the same text; and memory
// bounded by the input (not by what it claims). Used by src/format/fuzz.test.ts (a few thousand
// cases in `npm test`) and scripts/fuzz.ts (`npm run fuzz`, as many as time allows). A tool module: fast-check is a dev dependency.
import fc from 'fast-check';
import { Gunzip, gzipSync } from 'fflate';
import { DumpParser } from '../src/format/parser.ts';
import type { DumpModel } from '../src/format/model.ts';
import { NotADumpError } from '../src/format/model.ts';
import { generateDump, LAYOUTS } from '../src/gen/generate.ts';
import { generateI915, type I915Variant } from '../src/gen/i915.ts';

const I915_VARIANTS: readonly I915Variant[] = ['compressed', 'raw', 'legacy'];
import { generateMsm } from '../src/gen/msm.ts';
import { generateAmdgpu } from '../src/gen/amdgpu.ts';
import { entriesOf } from '../src/format/entries.ts';

/** What a case starts from: an xe layout, or a dump of another format the parser reads. */
export type Base = (typeof LAYOUTS)[number] | 'i915' | 'msm' | 'amdgpu';
export const OTHER_BASES: readonly Base[] = ['i915', 'msm', 'amdgpu'];
type Layout = Base;

function generated(base: Base, variant: number): Uint8Array {
  switch (base) {
    case 'i915': return generateI915({ variant: I915_VARIANTS[variant % I915_VARIANTS.length], seed: 7 + variant, crlf: variant === 2 }).bytes;
    case 'msm': return generateMsm({ seed: 7 + variant, crlf: variant === 2 }).bytes;
    case 'amdgpu': return generateAmdgpu({ seed: 7 + variant, crlf: variant === 2 }).bytes;
    default: return generateDump({ layout: base, seed: 7 + variant, splitBlobs: variant === 1 && base !== 'rfc', splitWidth: 120, crlf: variant === 2 }).bytes;
  }
}

const NL = 10;

/** Lines of a generated dump (without their line breaks), made once per layout and variant. */
const bases = new Map<string, Uint8Array[]>();

function baseLines(layout: Layout, variant: number): Uint8Array[] {
  const key = `${layout}/${variant}`;
  let lines = bases.get(key);
  if (!lines) {
    const bytes = generated(layout, variant);
    lines = [];
    let s = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === NL) {
        if (i > s || i < bytes.length) lines.push(bytes.subarray(s, i));
        s = i + 1;
      }
    }
    bases.set(key, lines);
  }
  return lines;
}

const enc = (s: string) => new TextEncoder().encode(s);

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'huge'; line: number; text: string }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'long'; line: number; fill: string; length: number }
  | { kind: 'crlf'; line: number; ending: string }
  | { kind: 'tiny'; count: number; claim: string };

export interface FuzzCase {
  layout: Layout;
  variant: number;
  /** Which base lines are kept: from `start`, `count` of them (the header line always). */
  start: number;
  count: number;
  /** Longest data line kept from the base (longer ones are cut: the mutations do the rest). */
  clip: number;
  mutations: Mutation[];
}

const HUGE = ['9'.repeat(400), '0x' + 'f'.repeat(300), '0x100000000', '0x1000000000001', '-1', '0x', '18446744073709551616', '1e400'];
const BAD_BYTES = [[0], [0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [13], [0, 0, 0, 0], [0xef, 0xbb, 0xbf]];
const FILLS = [' ', 'a', '9', '[', ']', 'z', '!', '*', ',', ':', '\t', 'u', '0x'];
/** Line starts that reach every pattern of the interpreter, for the long-line mutation. */
const HEADS = ['', 'Process: a', 'Reason: ', '**** ', 'GT id: ', '[1000].length: ', '[1000].data: ', '[1000] = { ', 'rcs0 (physical), logical instance=', 'batch_addr[0]: ', 'Unable to capture range [', 'Size not word aligned: ', '\t[HWCTX].data: ', 'ACTHD: 0x'];

/** An arbitrary mutation; `big` allows the rare megabyte-long line. */
function mutationArb(big: boolean): fc.Arbitrary<Mutation> {
  const pos = fc.nat({ max: 1 << 16 });
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: pos, bit: fc.nat({ max: 7 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: pos }),
    fc.record({ kind: fc.constant('delete' as const), line: pos }),
    fc.record({ kind: fc.constant('duplicate' as const), line: pos }),
    fc.record({ kind: fc.constant('swap' as const), a: pos, b: pos }),
    fc.record({ kind: fc.constant('huge' as const), line: pos, text: fc.constantFrom(...HUGE) }),
    fc.record({ kind: fc.constant('bytes' as const), at: pos, bytes: fc.constantFrom(...BAD_BYTES) }),
    fc.record({
      kind: fc.constant('long' as const), line: pos, fill: fc.constantFrom(...FILLS.flatMap((f) => HEADS.map((h) => `${h}\u0000${f}`))),
      length: big ? fc.oneof({ arbitrary: fc.nat({ max: 4096 }), weight: 40 }, { arbitrary: fc.constantFrom((1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20), weight: 1 }) : fc.nat({ max: 4096 }),
    }),
    fc.record({ kind: fc.constant('crlf' as const), line: pos, ending: fc.constantFrom('\r\n', '\r', '\r\r\n', '\n\r') }),
    fc.record({ kind: fc.constant('tiny' as const), count: big ? fc.oneof({ arbitrary: fc.integer({ min: 1, max: 400 }), weight: 20 }, { arbitrary: fc.integer({ min: 400, max: 20_000 }), weight: 1 }) : fc.integer({ min: 1, max: 400 }), claim: fc.constantFrom('0x4', '0x10000', '0xffffffffffff', '0x100000000') }),
  );
}

export function caseArb(layouts: readonly Layout[] = [...LAYOUTS, ...OTHER_BASES], big = false): fc.Arbitrary<FuzzCase> {
  return fc.record({
    layout: fc.constantFrom(...layouts),
    variant: fc.nat({ max: 2 }),
    start: fc.nat({ max: 4000 }),
    count: fc.integer({ min: 1, max: 80 }),
    clip: fc.integer({ min: 5, max: 2000 }),
    mutations: fc.array(mutationArb(big), { minLength: 1, maxLength: 4 }),
  });
}

/** The text of a case: the header line, a window of base lines (data lines clipped), mutated. */
export function caseBytes(c: FuzzCase): Uint8Array {
  const all = baseLines(c.layout, c.variant);
  const start = 1 + (c.start % Math.max(1, all.length - 1));
  let lines: Uint8Array[] = [all[0], ...all.slice(start, start + c.count).map((l) => (l.length > c.clip ? l.subarray(0, c.clip) : l))];
  const pick = (n: number) => (lines.length > 1 ? 1 + (n % (lines.length - 1)) : 0);
  let tail: Uint8Array | null = null;
  for (const m of c.mutations) {
    switch (m.kind) {
      case 'delete': if (lines.length > 1) lines.splice(pick(m.line), 1); break;
      case 'duplicate': { const i = pick(m.line); lines.splice(i, 0, lines[i]); break; }
      case 'swap': { const a = pick(m.a); const b = pick(m.b); [lines[a], lines[b]] = [lines[b], lines[a]]; break; }
      case 'huge': {
        const i = pick(m.line);
        const t = new TextDecoder('latin1').decode(lines[i]);
        const r = t.replace(/0x[0-9a-fA-F]+|\d+/, m.text);
        lines[i] = r === t ? enc(`[1000].length: ${m.text}`) : Uint8Array.from(r, (ch) => ch.charCodeAt(0) & 0xff);
        break;
      }
      case 'long': {
        const [head, fill] = m.fill.split('\u0000');
        const body = new Uint8Array(head.length + m.length);
        body.set(enc(head));
        const f = enc(fill);
        for (let k = head.length; k < body.length; k++) body[k] = f[(k - head.length) % f.length];
        if (m.length > 0 && head === 'Process: a') body[body.length - 1] = 0x62; // "a   …   b"
        lines.splice(pick(m.line), 0, body);
        break;
      }
      case 'crlf': { const i = pick(m.line); lines[i] = Uint8Array.from([...lines[i], ...enc(m.ending.slice(0, -1))]); break; }
      case 'tiny': {
        const parts = ['**** VM state ****'];
        for (let k = 0; k < m.count; k++) {
          const a = (0x100000 + k * 0x1000).toString(16);
          parts.push(`[${a}].length: ${m.claim}`, `[${a}].data: ${k % 3 === 0 ? 'z' : '!!!!#'}`);
        }
        lines.push(enc(parts.join('\n')));
        break;
      }
      default: break;
    }
  }
  let out = join(lines);
  for (const m of c.mutations) {
    if (m.kind === 'flip' && out.length > 0) {
      const at = lineStart(out) + (m.at % Math.max(1, out.length - lineStart(out)));
      if (at < out.length) out[at] ^= 1 << m.bit;
    } else if (m.kind === 'bytes') {
      const at = Math.min(out.length, lineStart(out) + (m.at % Math.max(1, out.length)));
      out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    } else if (m.kind === 'truncate') {
      const keep = lineStart(out) + (m.at % Math.max(1, out.length - lineStart(out) + 1));
      tail = out.subarray(0, Math.min(out.length, keep));
    }
  }
  lines = [];
  return tail ?? out;
}

/** Where the second line starts (the header line is left alone: the text stays a dump). */
function lineStart(b: Uint8Array): number {
  const i = b.indexOf(NL);
  return i < 0 ? b.length : i + 1;
}

function join(lines: Uint8Array[]): Uint8Array {
  const n = lines.reduce((k, l) => k + l.length + 1, 0);
  const out = new Uint8Array(n);
  let p = 0;
  for (const l of lines) {
    out.set(l, p);
    p += l.length;
    out[p++] = NL;
  }
  return out;
}

/** FNV-1a of bytes, as 8 hex digits: enough to tell two decodings apart in a report. */
function fnv(b: Uint8Array | null, n: number): string {
  if (!b) return '-';
  let h = 0x811c9dc5;
  for (let i = 0; i < Math.min(n, b.length); i++) h = Math.imul(h ^ b[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Everything a model says, as JSON text (bytes as hashes): two equal reports are the same reading. */
export function reportOf(m: DumpModel): string {
  return JSON.stringify({
    format: m.format, header: m.header, lineCount: m.lineCount, byteCount: m.byteCount,
    sections: m.sections.map((s) => [s.title, s.line, entriesOf(m.entries, s).toArray().map((e) => [e.key, e.value, e.indent, e.line, e.bare ?? false])]),
    ranges: m.ranges.map((r) => [r.address, r.length, r.line, r.properties?.raw ?? null, r.decodedLength, r.complete, r.error, fnv(r.data, r.decodedLength)]),
    blobs: m.blobs.map((b) => [b.name, b.section, b.line, b.length, b.decodedLength, b.complete, b.error, b.attributes, b.gucId, fnv(b.data, b.decodedLength)]),
    engines: m.engines.map((e) => [e.name, e.line, e.attributes, e.registers.map((r) => [r.name, r.value, r.bits, r.line])]),
    batch: m.batchAddresses, vm: m.vm, diagnostics: m.diagnostics,
  }, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
}

function parseChunks(chunks: Iterable<Uint8Array>): DumpModel {
  const p = new DumpParser();
  for (const c of chunks) p.push(c);
  return p.finish();
}

function* chunked(b: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let i = 0;
  let k = 0;
  while (i < b.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    yield b.subarray(i, i + n);
    i += n;
  }
}

/** The gzip of the text, inflated while streaming (fflate), in the chunks the inflater gives. */
function gunzipChunks(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const g = new Gunzip((chunk) => { out.push(chunk); });
  const z = gzipSync(b, { level: 1 });
  for (let i = 0; i < z.length; i += 997) g.push(z.subarray(i, i + 997), i + 997 >= z.length);
  return out;
}

export interface CaseResult {
  /** The input was refused as not a dump (only a mutation of its first bytes can do that). */
  refused: boolean;
  model: DumpModel | null;
  ms: number;
}

/**
 * Run one case and check every property; throws (with what went wrong) when one fails.
 * `chunkSizes`: the chunkings to compare with the whole text.
 */
export function checkCase(bytes: Uint8Array, chunkSizes: number[][]): CaseResult {
  const t0 = performance.now();
  let model: DumpModel;
  try {
    model = parseChunks([bytes]);
  } catch (e) {
    if (e instanceof NotADumpError) return { refused: true, model: null, ms: performance.now() - t0 };
    throw e;
  }
  const ms = performance.now() - t0;
  // Time bounded by the input: a generous bound that only a hang or a quadratic blow-up crosses.
  if (ms > 2000 + bytes.length / 100) throw new Error(`took ${ms.toFixed(0)} ms for ${bytes.length} bytes`);
  // A model with diagnostics: every problem is tied to a line of the input (or 0).
  if (!Array.isArray(model.diagnostics)) throw new Error('no diagnostics');
  for (const d of model.diagnostics) {
    if (!(d.line >= 0 && d.line <= model.lineCount + 1) || !d.message) throw new Error(`diagnostic without a line: ${JSON.stringify(d)}`);
  }
  if (model.byteCount !== bytes.length) throw new Error(`byteCount ${model.byteCount} of ${bytes.length}`);
  // Memory bounded by the input: decoded bytes are at most 4 per input byte (a 'z'), RFC words
  // at most one per 2 characters, and never more than was decoded; entries at most one per line.
  let held = 0;
  for (const r of [...model.ranges, ...model.blobs]) {
    if (!Number.isSafeInteger(r.length) || r.length < 0) throw new Error(`length ${r.length}`);
    if (r.data) {
      if (r.data.length < r.decodedLength) throw new Error('data shorter than decodedLength');
      if (!r.complete && r.data.length > r.decodedLength + 4) throw new Error(`a cut-short range holds ${r.data.length} bytes for ${r.decodedLength} decoded`);
      held += r.data.length;
    }
  }
  // xe: 4 bytes a character. i915 objects may be zlib (deflate expands at most 1032 times) and msm
  // data is padded back with the zero dwords the kernel dropped (at most 64 MiB an item).
  const bound = model.format === 'xe' || model.format === 'xe-rfc' ? 4 * bytes.length + 64 : 1032 * bytes.length + (64 << 20);
  if (held > bound) throw new Error(`holds ${held} bytes for ${bytes.length} of input`);
  const entries = model.sections.reduce((n, s) => n + s.count, 0);
  if (entries > model.lineCount + 1) throw new Error(`${entries} entries for ${model.lineCount} lines`);
  // The same reading for any chunking, and for the gzip of the same text.
  const want = reportOf(model);
  for (const sizes of chunkSizes) {
    const got = reportOf(parseChunks(chunked(bytes, sizes)));
    if (got !== want) throw new Error(`chunks ${JSON.stringify(sizes)} read differently:\n${firstDifference(want, got)}`);
  }
  const gz = reportOf(parseChunks(gunzipChunks(bytes)));
  if (gz !== want) throw new Error(`the gzip of the text reads differently:\n${firstDifference(want, gz)}`);
  return { refused: false, model, ms };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `whole:   …${a.slice(Math.max(0, i - 80), i + 80)}\nchunked: …${b.slice(Math.max(0, i - 80), i + 80)}`;
}

export const chunkSizesArb = fc.array(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 });
