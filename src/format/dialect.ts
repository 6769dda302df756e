// What the streaming core (parser.ts) needs from the interpreter of one dump format. The core
// splits lines (any chunking, CRLF, BOM, huge lines) and streams data lines into a sink; the
// interpreter gives lines their meaning and owns the model. xe.ts is the xe interpreter; i915.ts,
// msm.ts and amdgpu.ts are the others.
import type { DumpModel, Severity } from './model.ts';

/** Where the bytes of one data line go: a streaming decoder fed the line's text. */
export interface DataSink {
  decoder: {
    /** Decode src[i, end), stopping at a line break; returns the index of the first byte not consumed. */
    decode(src: Uint8Array, i: number, end: number): number;
    /** No more bytes wanted (a known length was reached). */
    readonly full: boolean;
  };
  /** The data is one physical line: its line break ends it (no continuation lines). */
  singleLine?: boolean;
}

/** A line head that starts a data line of the format; `start` is where its payload begins. */
export type DataHead =
  | { kind: 'line' }
  | { kind: 'undecided' }
  | { kind: 'data'; name: string; indent: number; start: number };

export type DataEnd = 'complete' | 'long' | 'short' | 'eof';

export interface LineInterpreter<T extends DataSink = DataSink> {
  readonly model: DumpModel;
  diag(line: number, severity: Severity, message: string): void;
  /** One complete line that is not a data line (line end and BOM removed). */
  line(text: string, lineNo: number): void;
  /** Where the next line given to line() is in the input: its start, and just past its line break. */
  lineSpan?(start: number, end: number): void;
  /**
   * A data line starts; null skips it. `room`: bytes the characters of the line at hand could
   * decode to (4 a character): a first buffer sized by it, not by a claimed length, keeps memory
   * bounded by the input.
   */
  beginData(name: string, indent: number, lineNo: number, room?: number): T | null;
  endData(t: T, how: DataEnd, lineNo: number): void;
  finish(lineCount: number, byteCount: number): DumpModel;
  /**
   * Formats whose data lines are not `[NAME].data:` recognise them here: buf[s, e) is the line (or
   * its start when `complete` is false), `p` the first byte after its indentation.
   */
  dataHead?(buf: Uint8Array, s: number, p: number, e: number, complete: boolean, indent: number): DataHead;
}
