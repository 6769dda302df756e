// A data line of unknown length (i915 objects: the size is whatever the line decodes or inflates
// to). Ascii85 is decoded in pieces with the shared decoder; `:` objects go on through a streaming
// zlib inflater (fflate's Unzlib, already shipped for the gzip path), capped so that a hostile
// stream cannot inflate without bound.
import { Unzlib } from 'fflate';
import { Ascii85Decoder } from './ascii85.ts';

// 1 MiB: the ascii85 decoder copies its input in 1 MiB windows, and the inflater works best on large pushes.
const PIECE = 1 << 20;
/** Largest object kept (decoded or inflated); the rest is dropped with a diagnostic. */
export const MAX_OBJECT_BYTES = 1 << 30;

export interface GrowResult {
  bytes: Uint8Array;
  /** Bytes of ascii85 payload decoded (before inflating). */
  encodedBytes: number;
  /** The inflater failed (corrupt or cut stream): its message. */
  inflateError: string | null;
  /** The zlib stream did not reach its end (truncated). */
  inflateIncomplete: boolean;
  /** Output beyond MAX_OBJECT_BYTES was dropped. */
  capped: boolean;
  pending: number;
  invalidChars: number;
  firstInvalidChar: number;
  overflowGroups: number;
  misplacedZ: number;
}

export class GrowingAscii85 {
  private dec = new Ascii85Decoder(new Uint8Array(PIECE));
  private readonly pieces: Uint8Array[] = [];
  private size = 0;
  private encoded = 0;
  private readonly inflater: Unzlib | null;
  private inflateError: string | null = null;
  private inflateDone = false;
  private capped = false;
  private invalidChars = 0;
  private firstInvalidChar = -1;
  private overflowGroups = 0;
  private misplacedZ = 0;
  readonly full = false;

  constructor(compressed: boolean, private readonly cap = MAX_OBJECT_BYTES) {
    this.inflater = compressed
      ? new Unzlib((chunk, final) => {
        this.keep(chunk);
        if (final) this.inflateDone = true;
      })
      : null;
  }

  private keep(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const room = this.cap - this.size;
    if (room <= 0) {
      this.capped = true;
      return;
    }
    const c = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (c.length < chunk.length) this.capped = true;
    this.pieces.push(c);
    this.size += c.length;
  }

  decode(src: Uint8Array, i: number, end: number): number {
    for (;;) {
      i = this.dec.decode(src, i, end);
      if (!this.dec.full) return i;
      this.flush();
      if (i >= end) return i;
    }
  }

  /** Hand the decoded piece on (to the inflater, or kept) and start a new one. */
  private flush(): void {
    const d = this.dec;
    const n = d.dwords * 4;
    this.invalidChars += d.invalidChars;
    if (this.firstInvalidChar < 0) this.firstInvalidChar = d.firstInvalidChar;
    this.overflowGroups += d.overflowGroups;
    this.misplacedZ += d.misplacedZ;
    if (n > 0) {
      this.encoded += n;
      const piece = d.out.subarray(0, n);
      if (this.inflater) {
        if (this.inflateError === null && !this.inflateDone && !this.capped) {
          try {
            this.inflater.push(piece, false);
          } catch (e) {
            this.inflateError = (e as Error).message;
          }
        }
      } else {
        this.keep(piece);
      }
    }
    this.dec = new Ascii85Decoder(new Uint8Array(PIECE));
  }

  /** The line ended (or the file did): the object's bytes. */
  finish(): GrowResult {
    const pending = this.dec.pending;
    this.flush();
    if (this.inflater && this.inflateError === null && !this.inflateDone && !this.capped) {
      try {
        this.inflater.push(new Uint8Array(0), true);
      } catch (e) {
        this.inflateError = (e as Error).message;
      }
    }
    let bytes: Uint8Array;
    if (this.pieces.length === 1) bytes = this.pieces[0].slice();
    else {
      bytes = new Uint8Array(this.size);
      let o = 0;
      for (const p of this.pieces) {
        bytes.set(p, o);
        o += p.length;
      }
    }
    this.pieces.length = 0;
    return {
      bytes, encodedBytes: this.encoded, inflateError: this.inflateError,
      inflateIncomplete: this.inflater !== null && !this.inflateDone, capped: this.capped, pending,
      invalidChars: this.invalidChars, firstInvalidChar: this.firstInvalidChar,
      overflowGroups: this.overflowGroups, misplacedZ: this.misplacedZ,
    };
  }
}
