// The 2023 RFC layout of the VM section (pre-merge drm-xe builds): memory as lines of hex words
//   [1a0000] = { 00000000, 00000000, 18800101, 001a0000, ... }     (16 little-endian u32 per line)
//   Unable to capture range [7f3a2c400000-7f3a2c40ffff]
// Consecutive lines whose addresses follow on form one range. No released kernel printed this.
// Past the eager budget a range keeps only an index (the text offset of a line every PAGE_BYTES of
// decoded bytes) and its words are read again from the text when asked for (RfcLazyBytes), as
// ascii85 payloads are (paged.ts).
import type { ByteStore, Diagnostic, MemoryRange } from './model.ts';
import type { DecodedPageCache, TextSource } from './paged.ts';
import { lineText, MAX_LINE } from './lines.ts';
import { upperBound } from './sorted.ts';

const WORD_LINE = /^\s*\[(?:0x)?([0-9a-fA-F]{1,16})\]\s*=\s*\{(.*)$/;
const UNABLE_LINE = /^\s*Unable to capture range \[(?:0x)?([0-9a-fA-F]{1,16})\s*-\s*(?:0x)?([0-9a-fA-F]{1,16})\]/;
const HEX_WORD = /^(?:0x)?[0-9a-fA-F]{1,8}$/;
const GLUED = /^\s*Size not word aligned: (\d+)/;
const LF = 10;

/**
 * Bounds of an `Unable to capture range [a-b]` line. The end is read as inclusive when it looks like
 * the last byte of a page (…fff, as the era's `[start-end]` VM prints were) and as exclusive otherwise.
 */
export function unableRange(text: string): { address: bigint; length: number } | null {
  const m = UNABLE_LINE.exec(text);
  if (!m) return null;
  const a = BigInt('0x' + m[1]);
  const b = BigInt('0x' + m[2]);
  if (b < a) return { address: a, length: 0 };
  const inclusive = (b & 0xfffn) === 0xfffn || ((b & 0xfffn) !== 0n && (b - a + 1n) % 4n === 0n);
  return { address: a, length: Number(b - a + (inclusive ? 1n : 0n)) };
}

/** The words of a word line after its `{`: up to a bad token (named) or the end; `closed` when `}` came. */
function lineWords(rest: string): { words: number[]; bad: string | null; closed: boolean } {
  const closeAt = rest.indexOf('}');
  const closed = closeAt >= 0;
  const body = closed ? rest.slice(0, closeAt) : rest;
  const tokens = body.split(/[\s,]+/).filter((t) => t.length > 0);
  // An unclosed line was cut: its last token may be a cut word.
  if (!closed && tokens.length > 0 && !/,\s*$/.test(body)) tokens.pop();
  const words: number[] = [];
  for (const t of tokens) {
    if (!HEX_WORD.test(t)) return { words, bad: t, closed };
    words.push(parseInt(t, 16));
  }
  return { words, bad: null, closed };
}

/** Decoding on demand: where to read the text again, and when a new range goes on demand. */
export interface RfcOnDemand {
  text: TextSource;
  cache: DecodedPageCache;
  pageBytes: number;
  /** Whether the range starting now is indexed instead of decoded into memory. */
  lazy(): boolean;
  /** Bytes a range decoded into memory took (counted against the eager budget). */
  spent(bytes: number): void;
}

/** The checkpoints of one range decoded on demand. */
class RfcIndex {
  /** Decoded byte offset and text offset of every checkpoint line. */
  readonly byteAt: number[] = [];
  readonly textAt: number[] = [];
  bytes = 0;
  /** Text offset just past the range's last line. */
  endText = 0;
  done = false;

  constructor(readonly pageBytes: number) {}

  line(textAt: number, textEnd: number, bytes: number): void {
    const k = this.byteAt.length;
    if (k === 0 || this.bytes >= this.byteAt[k - 1] + this.pageBytes) {
      this.byteAt.push(this.bytes);
      this.textAt.push(textAt);
    }
    this.bytes += bytes;
    this.endText = textEnd;
  }
}

let nextStoreId = 1;

/** The words of an RFC range, read from its text between two checkpoints when asked for. */
export class RfcLazyBytes implements ByteStore {
  private readonly id = nextStoreId++;

  constructor(private readonly index: RfcIndex, private readonly od: RfcOnDemand) {}

  get length(): number {
    return this.index.bytes;
  }

  read(offset: number, length: number): Uint8Array {
    const ix = this.index;
    offset = Math.max(0, offset);
    const end = Math.min(ix.bytes, offset + Math.max(0, length));
    const out = new Uint8Array(Math.max(0, end - offset));
    if (end <= offset) return out;
    let k = upperBound(ix.byteAt, offset) - 1;
    for (; k < ix.byteAt.length && ix.byteAt[k] < end; k++) {
      const from = ix.byteAt[k];
      const page = this.page(k);
      const a = Math.max(offset, from);
      const b = Math.min(end, from + page.length);
      if (b > a) out.set(page.subarray(a - from, b - from), a - offset);
    }
    return out;
  }

  /** The bytes between checkpoint k and the next (or the end so far). */
  private page(k: number): Uint8Array {
    const ix = this.index;
    const key = this.id * 2 ** 32 + k;
    const hit = this.od.cache.get(key);
    if (hit) return hit;
    const last = k + 1 >= ix.byteAt.length;
    const bytes = (last ? ix.bytes : ix.byteAt[k + 1]) - ix.byteAt[k];
    const textEnd = last ? ix.endText : ix.textAt[k + 1];
    const text = this.od.text.readAt(ix.textAt[k], textEnd - ix.textAt[k]);
    const page = new Uint8Array(bytes);
    const view = new DataView(page.buffer);
    let at = 0;
    for (let s = 0; s < text.length && at < bytes;) {
      let e = text.indexOf(LF, s);
      if (e < 0) e = text.length;
      const cut = e - s > MAX_LINE;
      const m = WORD_LINE.exec(normalize(lineText(text.subarray(s, cut ? s + MAX_LINE : e), false, cut)));
      s = e + 1;
      if (!m) continue; // a blank line between word lines
      for (const w of lineWords(m[2]).words) {
        if (at + 4 > bytes) break;
        view.setUint32(at, w, true);
        at += 4;
      }
    }
    if (!last || ix.done) this.od.cache.put(key, page);
    return page;
  }
}

/** A line as the interpreter handles it: the glued "Size not word aligned" taken off, trimmed. */
function normalize(text: string): string {
  const glued = GLUED.exec(text);
  return (glued ? text.slice(glued[0].length) : text).trim();
}

/** Builds RFC ranges from word lines; one instance per dump. */
export class RfcRangeBuilder {
  private range: MemoryRange | null = null;
  private index: RfcIndex | null = null;
  private buf = new Uint8Array(0);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  private next = 0n;
  /** Text offsets of the line being handled, from its start to past its line break (set by the interpreter). */
  textAt = 0;
  textEnd = 0;

  constructor(private readonly ranges: MemoryRange[], private readonly diag: (d: Diagnostic) => void, private readonly onDemand: RfcOnDemand | null = null) {}

  /** Handle a VM-section line; false when it is not an RFC line. */
  line(text: string, lineNo: number): boolean {
    const m = WORD_LINE.exec(text);
    if (m) {
      this.words(BigInt('0x' + m[1]), m[2], lineNo);
      return true;
    }
    const u = unableRange(text);
    if (u) {
      this.close();
      this.ranges.push({
        address: u.address, length: u.length, line: lineNo, properties: null, data: null,
        decodedLength: 0, complete: true, error: 'Unable to capture range',
      });
      return true;
    }
    return false;
  }

  private words(address: bigint, rest: string, lineNo: number): void {
    if (this.range === null || address !== this.next) {
      this.close();
      this.range = {
        address, length: 0, line: lineNo, properties: null, data: null,
        decodedLength: 0, complete: true, error: null,
      };
      if (this.onDemand?.lazy()) {
        this.index = new RfcIndex(this.onDemand.pageBytes);
        this.range.lazy = new RfcLazyBytes(this.index, this.onDemand);
      }
      this.ranges.push(this.range);
      this.len = 0;
      this.next = address;
    }
    const range = this.range;
    const { words, bad, closed } = lineWords(rest);
    if (this.index) this.index.line(this.textAt, this.textEnd, words.length * 4);
    else {
      this.ensure(this.len + words.length * 4);
      words.forEach((w, i) => this.view.setUint32(this.len + 4 * i, w, true));
    }
    this.len += words.length * 4;
    if (bad !== null) {
      this.diag({ line: lineNo, severity: 'error', message: `bad word "${bad.slice(0, 20)}" in memory line; the rest of the line is skipped` });
      range.complete = false;
    }
    if (!closed) {
      this.diag({ line: lineNo, severity: 'error', message: 'memory line ends without "}" (truncated?)' });
      range.complete = false;
    }
    range.length = this.len;
    range.decodedLength = this.len;
    if (!this.index) range.data = this.buf.subarray(0, this.len);
    this.next = range.address + BigInt(this.len);
    // A line that did not end cleanly cannot be followed by a contiguous one.
    if (!range.complete) this.close();
  }

  private ensure(n: number): void {
    if (n <= this.buf.length) return;
    let cap = Math.max(4096, this.buf.length * 2);
    while (cap < n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
    this.view = new DataView(nb.buffer);
  }

  /** End the range being built (any non-contiguous or non-memory line ends it). */
  close(): void {
    const r = this.range;
    if (r === null) return;
    if (this.index) {
      this.index.done = true;
      this.index = null;
    } else {
      // Give back the slack of the doubling buffer.
      r.data = this.buf.length > this.len * 1.25 ? this.buf.slice(0, this.len) : this.buf.subarray(0, this.len);
      this.onDemand?.spent(this.len);
    }
    this.range = null;
    this.buf = new Uint8Array(0);
    this.view = new DataView(this.buf.buffer);
    this.len = 0;
  }
}
