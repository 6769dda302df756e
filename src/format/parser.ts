// The streaming core: bytes in any chunking → lines → the format's interpreter (XeInterpreter for xe;
// i915, msm and amdgpu once the first line names them), with data-line payloads
// decoded straight from the chunks into their buffers (never through a JS string, whatever the line
// length). A chunk boundary may fall anywhere: inside a line, a group, a CRLF or the BOM.
import { detectFirstLine, compressedKind } from './detect.ts';
import { isAscii85Byte } from './ascii85.ts';
import { NotADumpError, type DumpModel } from './model.ts';
import { XeInterpreter, type DataTarget, type ParseOptions, type PayloadIndex } from './xe.ts';
import { pagedState } from './paged.ts';
import type { DataSink, LineInterpreter } from './dialect.ts';
import { interpreterFor } from './formats.ts';
import { lineText, MAX_LINE } from './lines.ts';

const NL = 10;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** Bytes of a line head that decide whether it is a data line. */
const HEAD = 256;
/** Bytes looked at to decide that a line continues a split blob. */
const CONT_PROBE = 64;
const NEWLINE = Uint8Array.of(NL);
const LINE_INDEX_STEP = 256;
const DATA_SUFFIX = [0x2e, 0x64, 0x61, 0x74, 0x61, 0x3a]; // ".data:"

const enum Mode { Line, Blob, Skip }

type Head =
  | { kind: 'line' }
  | { kind: 'undecided' }
  | { kind: 'data'; name: string; indent: number; start: number }
  | { kind: 'cont'; start: number };

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

export class DumpParser {
  private interp: LineInterpreter;
  private mode: Mode = Mode.Line;
  private carry = new Uint8Array(HEAD * 4);
  private carryLen = 0;
  private lineNo = 1;
  private target: DataSink | null = null;
  /** A data line ended before its length was reached: the next line may continue it. */
  private cont = false;
  private detected = false;
  private bytes = 0;
  private lastByte = -1;
  private finished = false;
  /** Absolute input offset of byte 0 of the buffer `run` is working on. */
  private runBase = 0;
  /** Absolute offset of the first byte held in the carry. */
  private carryStart = 0;
  /** Input offset of the start of every LINE_INDEX_STEP-th line (lines 1, 1 + step, …). */
  private readonly lineStarts: number[] = [0];
  /** A persisted index: known payloads are skipped, and each payload decoded on demand is recorded. */
  private readonly index: PayloadIndex | null;
  /** Where the current payload's characters start, and the line-index length then. */
  private targetStart = -1;
  private targetLineStarts = 0;
  /** Input before this offset is not needed (a payload known from the index): see resumeOffset. */
  private skipUntil = 0;

  /** `options.onDemand` decodes payloads past a budget on demand (its text source must read this input). */
  constructor(options: ParseOptions = {}) {
    this.interp = new XeInterpreter(options);
    this.index = options.index && options.onDemand && !options.hash ? options.index : null;
  }

  /**
   * The input offset the parser wants next: past bytesRead when it skipped the text of a payload
   * known from its index. A reader that can seek goes on from there (push(chunk, at)); bytes
   * before it that are pushed anyway are ignored.
   */
  get resumeOffset(): number {
    return Math.max(this.bytes, this.skipUntil);
  }

  /** The model as parsed so far (it grows while chunks are pushed). */
  get model(): DumpModel {
    return this.interp.model;
  }

  get bytesRead(): number {
    return this.bytes;
  }

  /**
   * Feed the next chunk, which starts at input offset `at` (default: where the last one ended; a
   * later offset only up to resumeOffset). Throws NotADumpError as soon as the text is known not to
   * be a dump.
   */
  push(chunk: Uint8Array, at = this.bytes): void {
    if (this.finished) throw new Error('push after finish');
    if (at !== this.bytes) {
      if (at < this.bytes || at > this.skipUntil) throw new Error(`push at ${at}: the parser is at ${this.bytes}`);
      this.bytes = at;
    }
    if (chunk.length === 0) return;
    if (this.bytes === 0) {
      const kind = compressedKind(chunk);
      if (kind) throw new NotADumpError(`${kind}-compressed data: decompress it first`);
    }
    this.runBase = this.bytes;
    this.bytes += chunk.length;
    this.lastByte = chunk[chunk.length - 1];
    this.run(chunk, Math.max(0, Math.min(chunk.length, this.skipUntil - this.runBase)), chunk.length);
  }

  /** End of input: closes what is open and returns the model. */
  finish(): DumpModel {
    if (this.finished) return this.interp.model;
    if (this.bytes === 0) throw new NotADumpError('empty file: no dump text');
    if (this.carryLen > 0 && this.mode === Mode.Line) {
      // Last line without a line break: give it one.
      this.appendCarry(NEWLINE, 0, 1);
      const line = this.carry.subarray(0, this.carryLen);
      this.carryLen = 0;
      this.runCarry(line, 0);
      this.lineNo--; // the added line break does not start a line
      if ((this.lineNo + 1) % LINE_INDEX_STEP === 1) this.lineStarts.pop();
    }
    if (!this.detected) throw new NotADumpError('not an xe devcoredump: the file holds only blank lines');
    if (this.skipUntil > this.bytes) {
      // The input ended with a payload known from the index: its text (ending in a line break) counts as read.
      this.bytes = this.skipUntil;
      this.lastByte = NL;
    }
    if (this.target) {
      this.interp.endData(this.target, this.target.decoder.full ? 'complete' : 'eof', this.lineNo);
      this.target = null;
    }
    this.cont = false;
    if (this.lastByte !== NL) {
      this.interp.diag(this.lineNo, 'warning', 'the file does not end with a line break (truncated?)');
    }
    this.finished = true;
    const lines = this.lastByte === NL ? this.lineNo - 1 : this.lineNo;
    return this.interp.finish(lines, this.bytes);
  }

  private run(buf: Uint8Array, pos: number, len: number): void {
    while (pos < len) {
      if (this.skipUntil > this.runBase + pos) {
        // A payload known from the index was skipped: go on after it (maybe in a later chunk).
        pos = this.skipUntil - this.runBase;
        continue;
      }
      if (this.mode === Mode.Blob) {
        pos = this.blobStep(buf, pos, len);
        continue;
      }
      const nl = buf.indexOf(NL, pos);
      if (this.mode === Mode.Skip) {
        if (nl < 0) return;
        this.mode = Mode.Line;
        this.newLine(nl + 1);
        pos = nl + 1;
        continue;
      }
      if (this.carryLen > 0) {
        if (nl < 0) {
          this.appendCarry(buf, pos, len);
          this.decidePartial();
          return;
        }
        if (this.carryLen + (nl - pos) > MAX_LINE) {
          // Too long to keep whole (and not a data line, or it would be in blob mode by now): keep
          // one byte past the cap so that completeLine() cuts it as it cuts any line.
          this.appendCarry(buf, pos, pos + Math.max(0, MAX_LINE + 1 - this.carryLen));
          this.appendCarry(NEWLINE, 0, 1);
        } else {
          this.appendCarry(buf, pos, nl + 1);
        }
        pos = nl + 1;
        const line = this.carry.subarray(0, this.carryLen);
        this.carryLen = 0;
        this.runCarry(line, 0);
        continue;
      }
      if (nl < 0) {
        // A line that goes on in the next chunk: decide early if it is a data line.
        const head = this.classify(buf, pos, len, false);
        if (head.kind === 'data' || head.kind === 'cont') {
          if (this.enterBlob(head, buf, len)) pos = head.start;
          continue;
        }
        this.appendCarry(buf, pos, len);
        this.decidePartial();
        return;
      }
      const head = this.classify(buf, pos, nl, true);
      if (head.kind === 'data' || head.kind === 'cont') {
        if (this.enterBlob(head, buf, nl)) pos = head.start;
        continue;
      }
      this.endPending();
      this.completeLine(buf, pos, nl);
      this.newLine(nl + 1);
      pos = nl + 1;
    }
  }

  /** Run over a line assembled in the carry: its offsets are those of the input it came from. */
  private runCarry(line: Uint8Array, start: number): void {
    const base = this.runBase;
    this.runBase = this.carryStart;
    this.run(line, start, line.length);
    this.runBase = base;
  }

  /** A line break at buffer index `next - 1`: the next line starts at `next`. */
  private newLine(next: number): void {
    this.lineNo++;
    if (this.lineNo % LINE_INDEX_STEP === 1) this.lineStarts.push(this.runBase + next);
  }

  /**
   * Input offset of the start of a line at or before `line`, and that line's number: reading on
   * from there and counting line breaks finds `line`. Sparse: one entry per LINE_INDEX_STEP lines.
   */
  lineStartBefore(line: number): { line: number; offset: number } {
    const k = Math.max(0, Math.min(this.lineStarts.length - 1, Math.floor((line - 1) / LINE_INDEX_STEP)));
    return { line: k * LINE_INDEX_STEP + 1, offset: this.lineStarts[k] };
  }

  /** Switch to blob mode for a data or continuation line; false (and skip mode) when it cannot be decoded. */
  /**
   * `buf[head.start, end)` is the part of the line at hand (to its line break, or to the end of the
   * chunk): its first buffer is sized by what those characters could decode to, never by the claim.
   */
  private enterBlob(head: Extract<Head, { kind: 'data' | 'cont' }>, buf: Uint8Array, end: number): boolean {
    if (head.kind === 'data') {
      this.endPending();
      this.target = this.interp.beginData(head.name, head.indent, this.lineNo, 4 * Math.max(0, end - head.start));
      if (!this.target) {
        this.mode = Mode.Skip;
        return false;
      }
      this.targetStart = this.runBase + head.start;
      this.targetLineStarts = this.lineStarts.length;
      if (this.index && this.skipKnown(this.target as DataTarget)) return false;
    }
    this.cont = false;
    this.mode = Mode.Blob;
    return true;
  }

  /**
   * The payload starting at targetStart is in the index: its decoder becomes what the index says,
   * and parsing goes on after it without reading its text.
   */
  private skipKnown(t: DataTarget): boolean {
    const r = t.paged ? this.index!.known.get(this.targetStart) : undefined;
    if (!r || !t.paged) return false;
    t.paged.restore(r.state);
    this.interp.endData(t, r.how, r.lineAfter - 1);
    this.target = null;
    this.index!.hits++;
    this.index!.recorded.push(r);
    for (const o of r.lineStarts) this.lineStarts.push(o);
    this.lineNo = r.lineAfter;
    this.mode = Mode.Line;
    this.cont = false;
    this.skipUntil = r.resume;
    return true;
  }

  /** A payload decoded on demand ended on a line break at input offset `resume - 1`: remember it for the index. */
  private record(t: DataSink, how: 'complete' | 'long', resume: number): void {
    const paged = (t as Partial<DataTarget>).paged;
    if (!this.index || !paged || this.targetStart < 0) return;
    this.index.recorded.push({
      start: this.targetStart, resume, lineAfter: this.lineNo, lineStarts: this.lineStarts.slice(this.targetLineStarts),
      how, state: pagedState(paged),
    });
  }

  /** Pending short blob followed by a line that does not continue it. */
  private endPending(): void {
    if (this.cont && this.target) {
      this.interp.endData(this.target, 'short', this.lineNo);
      this.target = null;
    }
    this.cont = false;
  }

  /** The carry holds the start of a line and no line break yet. */
  private decidePartial(): void {
    if (this.carryLen < HEAD) return;
    if (!this.detected) {
      // A first line this long without a break is not a dump header.
      this.detect(this.carry, 0, Math.min(this.carryLen, HEAD));
    }
    const head = this.classify(this.carry, 0, this.carryLen, false);
    if (head.kind === 'data' || head.kind === 'cont') {
      const line = this.carry.subarray(0, this.carryLen);
      this.carryLen = 0;
      this.runCarry(line, this.enterBlob(head, line, line.length) ? head.start : 0);
      return;
    }
    if (this.carryLen > MAX_LINE) {
      // Longer than the cap, whatever follows: cut now (completeLine() keeps MAX_LINE bytes) and
      // skip the rest of the line.
      const line = this.carry.subarray(0, this.carryLen);
      this.carryLen = 0;
      this.endPending();
      this.completeLine(line, 0, line.length);
      this.mode = Mode.Skip;
    }
  }

  private appendCarry(src: Uint8Array, s: number, e: number): void {
    if (this.carryLen === 0) this.carryStart = this.runBase + s;
    const n = e - s;
    if (this.carryLen + n > this.carry.length) {
      let cap = this.carry.length * 2;
      while (cap < this.carryLen + n) cap *= 2;
      const nc = new Uint8Array(cap);
      nc.set(this.carry.subarray(0, this.carryLen));
      this.carry = nc;
    }
    this.carry.set(src.subarray(s, e), this.carryLen);
    this.carryLen += n;
  }

  /** Decode blob bytes up to the end of the line or of the buffer. */
  private blobStep(buf: Uint8Array, pos: number, len: number): number {
    const t = this.target!;
    // The paged decoder of on-demand payloads records text offsets: where buf[0] is in the input.
    (t.decoder as { base?: number }).base = this.runBase;
    const i = t.decoder.decode(buf, pos, len);
    if (t.decoder.full) {
      const nl = i < len && buf[i] === NL ? i : buf.indexOf(NL, i);
      const end = nl < 0 ? len : nl;
      const extra = !allSpace(buf, i, end);
      this.interp.endData(t, extra ? 'long' : 'complete', this.lineNo);
      this.target = null;
      if (nl < 0) {
        this.mode = Mode.Skip;
        return len;
      }
      this.mode = Mode.Line;
      this.newLine(nl + 1);
      this.record(t, extra ? 'long' : 'complete', this.runBase + nl + 1);
      return nl + 1;
    }
    if (i >= len) return len;
    if (t.singleLine) {
      // A format whose data is one physical line: its line break ends it.
      this.interp.endData(t, 'complete', this.lineNo);
      this.target = null;
      this.mode = Mode.Line;
      this.newLine(i + 1);
      return i + 1;
    }
    // The decoder stopped at a line break before the length was reached: the data may go on in
    // the next line (a split blob).
    this.mode = Mode.Line;
    this.cont = true;
    this.newLine(i + 1);
    return i + 1;
  }

  /**
   * What the line starting at `s` is, looking at buf[s, e). `complete` says e is the line's end;
   * otherwise more bytes may follow.
   */
  private classify(buf: Uint8Array, s: number, e: number, complete: boolean): Head {
    if (!this.detected) return complete ? { kind: 'line' } : { kind: 'undecided' };
    let p = s;
    let indent = 0;
    let spaces = false;
    while (p < e && (buf[p] === 32 || buf[p] === 9)) {
      if (buf[p] === 9) indent++;
      else spaces = true;
      p++;
    }
    if (spaces) indent++;
    if (this.interp.dataHead && !this.cont) return this.interp.dataHead(buf, s, p, e, complete, indent);
    if (this.cont) {
      // Continuation of a split blob: a line made of ascii85 only.
      const probeEnd = Math.min(e, p + CONT_PROBE);
      let q = p;
      while (q < probeEnd && (isAscii85Byte(buf[q]) || buf[q] === 13)) q++;
      if (q === probeEnd && p < probeEnd && buf[p] !== 13) {
        if (q - p >= CONT_PROBE || complete) return { kind: 'cont', start: p };
        return { kind: 'undecided' };
      }
      return { kind: 'line' };
    }
    if (p >= e) return complete ? { kind: 'line' } : { kind: 'undecided' };
    if (buf[p] !== OPEN_BRACKET) return { kind: 'line' };
    const limit = Math.min(e, p + 1 + 64 + 1);
    let q = p + 1;
    while (q < limit && buf[q] !== CLOSE_BRACKET && buf[q] !== NL) q++;
    if (q >= limit) return complete || limit < e ? { kind: 'line' } : { kind: 'undecided' };
    if (buf[q] !== CLOSE_BRACKET) return { kind: 'line' };
    const name = latin1.decode(buf.subarray(p + 1, q));
    let r = q + 1;
    for (let k = 0; k < DATA_SUFFIX.length; k++, r++) {
      if (r >= e) return complete ? { kind: 'line' } : { kind: 'undecided' };
      if (buf[r] !== DATA_SUFFIX[k]) return { kind: 'line' };
    }
    return { kind: 'data', name, indent, start: r };
  }

  private detect(buf: Uint8Array, s: number, e: number): void {
    let text = utf8.decode(buf.subarray(s, e));
    if (this.lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    const d = detectFirstLine(text);
    if (!d.ok) throw new NotADumpError(d.reason);
    this.detected = true;
    if (d.format !== 'xe') this.interp = interpreterFor(d.format);
    if (d.excerpt) {
      this.interp.diag(this.lineNo, 'warning', `the dump starts at "**** ${d.title} ****": the "**** Xe Device Coredump ****" header is missing (an excerpt?)`);
    }
  }

  /** A whole line (without its line break) that is not a data line. */
  /**
   * A whole line (without its line break) that is not a data line. One cap for every line, however
   * the input was chunked: past MAX_LINE bytes only the start is kept, with a diagnostic.
   */
  private completeLine(buf: Uint8Array, s: number, e: number): void {
    const end = e;
    const cut = e - s > MAX_LINE;
    if (cut) e = s + MAX_LINE;
    if (!this.detected) {
      this.detect(buf, s, e);
      if (!this.detected) return;
    }
    if (cut) this.interp.diag(this.lineNo, 'warning', `line longer than ${MAX_LINE} bytes: only its start is kept`);
    this.interp.lineSpan?.(this.runBase + s, this.runBase + end + 1);
    this.interp.line(lineText(buf.subarray(s, e), this.lineNo === 1, cut), this.lineNo);
  }
}

function allSpace(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Parse a whole dump held in memory, or given as a sequence of chunks. */
export function parseDump(input: Uint8Array | Iterable<Uint8Array>, options: ParseOptions = {}): DumpModel {
  const p = new DumpParser(options);
  if (input instanceof Uint8Array) p.push(input);
  else for (const chunk of input) p.push(chunk);
  return p.finish();
}
