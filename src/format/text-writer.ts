// Byte-level text writer for dump text (generated dumps, snapshot files): applies the text variants (CRLF, leading-TAB
// expansion, blob line splitting), counts lines and bytes, and hands chunks to a sink.
// Pure module (no Node APIs). All text written through it must be 7-bit ASCII.

export type SplitMode = 'exact' | 'groups';

export interface TextStyle {
  /** End every line with \r\n. */
  crlf: boolean;
  /** Write the leading TAB as 8 spaces. */
  spaces: boolean;
  /** Cut ascii85 payloads into pieces of at most this many chars (0 = one line). */
  splitWidth: number;
  /**
   * 'exact': pieces of exactly splitWidth chars (a 5-char group may straddle a line break);
   * 'groups': pieces end on group boundaries (like the kernel's 6.13-rc helper / dmesg).
   */
  splitMode: SplitMode;
}

/**
 * Receives output. `stable` = the caller will never modify this chunk afterwards (it may be kept
 * without copying); otherwise the chunk is only valid during the call.
 */
export type Sink = (chunk: Uint8Array, stable: boolean) => void;

const STAGE = 1 << 16;
const DIRECT = 4096;

export class TextWriter {
  /** Bytes written so far (including a BOM). */
  offset = 0;
  /** 1-based number of the line being written / next line. */
  lineNo = 1;
  private readonly buf = new Uint8Array(STAGE);
  private pos = 0;
  private col = 0;
  private readonly eolStr: string;
  private readonly indentStr: string;

  constructor(private readonly sink: Sink, private readonly style: TextStyle) {
    this.eolStr = style.crlf ? '\r\n' : '\n';
    this.indentStr = style.spaces ? '        ' : '\t';
  }

  private putStr(s: string): void {
    const n = s.length;
    if (this.pos + n > STAGE) this.flush();
    if (n > STAGE) {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = s.charCodeAt(i);
      this.putBytes(b, true);
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) throw new Error(`TextWriter: non-ASCII char in ${JSON.stringify(s)}`);
      buf[p++] = c;
    }
    this.pos = p;
    this.offset += n;
  }

  private putBytes(b: Uint8Array, stable: boolean): void {
    if (b.length <= DIRECT) {
      if (this.pos + b.length > STAGE) this.flush();
      this.buf.set(b, this.pos);
      this.pos += b.length;
    } else {
      this.flush();
      this.sink(b, stable);
    }
    this.offset += b.length;
  }

  /** Pass staged bytes to the sink. */
  flush(): void {
    if (this.pos > 0) {
      this.sink(this.buf.subarray(0, this.pos), false);
      this.pos = 0;
    }
  }

  bom(): void {
    this.putBytes(new Uint8Array([0xef, 0xbb, 0xbf]), true);
  }

  private eol(): void {
    this.putStr(this.eolStr);
    this.lineNo++;
  }

  /** One line: `indent` leading TABs (or 8 spaces each), text, end of line. Returns its line number. */
  line(text: string, indent = 0): number {
    const n = this.lineNo;
    if (indent) this.putStr(this.indentStr.repeat(indent));
    this.putStr(text);
    this.eol();
    return n;
  }

  blank(): number {
    return this.line('');
  }

  /** A line given as ASCII bytes (no indentation, no EOL inside). Returns its line number. */
  lineBytes(bytes: Uint8Array, stable = false): number {
    const n = this.lineNo;
    this.putBytes(bytes, stable);
    this.eol();
    return n;
  }

  /** Start a payload line (`[X].data: `). Returns the line number and the offset of the first payload char. */
  beginPayload(prefix: string, indent = 0): { line: number; start: number } {
    const line = this.lineNo;
    if (indent) this.putStr(this.indentStr.repeat(indent));
    this.putStr(prefix);
    this.col = 0;
    return { line, start: this.offset };
  }

  /** Append ascii85 chars to the current payload (chunks must hold whole groups in 'groups' mode). */
  payload(b: Uint8Array, stable = false): void {
    const width = this.style.splitWidth;
    if (!width) {
      this.putBytes(b, stable);
      return;
    }
    if (this.style.splitMode === 'exact') {
      let p = 0;
      while (p < b.length) {
        if (this.col === width) {
          this.eol();
          this.col = 0;
        }
        const take = Math.min(width - this.col, b.length - p);
        this.putBytes(b.subarray(p, p + take), stable);
        p += take;
        this.col += take;
      }
      return;
    }
    let p = 0;
    let runStart = 0;
    let col = this.col;
    while (p < b.length) {
      const g = b[p] === 0x7a ? 1 : 5;
      if (col + g > width && col > 0) {
        if (p > runStart) this.putBytes(b.subarray(runStart, p), stable);
        this.eol();
        col = 0;
        runStart = p;
      }
      p += g;
      col += g;
    }
    if (p > runStart) this.putBytes(b.subarray(runStart, Math.min(p, b.length)), stable);
    this.col = col;
  }

  /** End the payload line. Returns the offset after the last payload char and the last line's number. */
  endPayload(): { end: number; lastLine: number } {
    const end = this.offset;
    const lastLine = this.lineNo;
    this.eol();
    return { end, lastLine };
  }
}
