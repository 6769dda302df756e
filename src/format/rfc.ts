// The 2023 RFC layout of the VM section (pre-merge drm-xe builds): memory as lines of hex words
//   [1a0000] = { 00000000, 00000000, 18800101, 001a0000, ... }     (16 little-endian u32 per line)
//   Unable to capture range [7f3a2c400000-7f3a2c40ffff]
// Consecutive lines whose addresses follow on form one range. No released kernel printed this.
import type { Diagnostic, MemoryRange } from './model.ts';

const WORD_LINE = /^\s*\[(?:0x)?([0-9a-fA-F]{1,16})\]\s*=\s*\{(.*)$/;
const UNABLE_LINE = /^\s*Unable to capture range \[(?:0x)?([0-9a-fA-F]{1,16})\s*-\s*(?:0x)?([0-9a-fA-F]{1,16})\]/;
const HEX_WORD = /^(?:0x)?[0-9a-fA-F]{1,8}$/;

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

/** Builds RFC ranges from word lines; one instance per dump. */
export class RfcRangeBuilder {
  private range: MemoryRange | null = null;
  private buf = new Uint8Array(0);
  private view = new DataView(this.buf.buffer);
  private len = 0;
  private next = 0n;

  constructor(private readonly ranges: MemoryRange[], private readonly diag: (d: Diagnostic) => void) {}

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
    const closeAt = rest.indexOf('}');
    const closed = closeAt >= 0;
    const body = closed ? rest.slice(0, closeAt) : rest;
    const tokens = body.split(/[\s,]+/).filter((t) => t.length > 0);
    // An unclosed line was cut: its last token may be a cut word.
    if (!closed && tokens.length > 0 && !/,\s*$/.test(body)) tokens.pop();
    if (this.range === null || address !== this.next) {
      this.close();
      this.range = {
        address, length: 0, line: lineNo, properties: null, data: null,
        decodedLength: 0, complete: true, error: null,
      };
      this.ranges.push(this.range);
      this.len = 0;
      this.next = address;
    }
    const range = this.range;
    this.ensure(this.len + tokens.length * 4);
    for (const t of tokens) {
      if (!HEX_WORD.test(t)) {
        this.diag({ line: lineNo, severity: 'error', message: `bad word "${t.slice(0, 20)}" in memory line; the rest of the line is skipped` });
        range.complete = false;
        break;
      }
      this.view.setUint32(this.len, parseInt(t, 16), true);
      this.len += 4;
    }
    if (!closed) {
      this.diag({ line: lineNo, severity: 'error', message: 'memory line ends without "}" (truncated?)' });
      range.complete = false;
    }
    range.length = this.len;
    range.decodedLength = this.len;
    range.data = this.buf.subarray(0, this.len);
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
    // Give back the slack of the doubling buffer.
    r.data = this.buf.length > this.len * 1.25 ? this.buf.slice(0, this.len) : this.buf.subarray(0, this.len);
    this.range = null;
    this.buf = new Uint8Array(0);
    this.view = new DataView(this.buf.buffer);
    this.len = 0;
  }
}
