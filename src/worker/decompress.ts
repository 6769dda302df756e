// Decompression while streaming, for dumps as bug trackers hold them: gzip (the platform's
// DecompressionStream), zstd (fzstd) and xz (xz-decompress, WebAssembly). Every stream is capped:
// a file that expands to more than MAX_DECOMPRESSED bytes stops with a DecompressError saying so,
// a zstd frame that asks for a window over ZSTD_MAX_WINDOW is refused before fzstd allocates it,
// and xz's "over the memory limit" becomes a plain message, not an internal error.
import { Decompress as ZstdDecompress } from 'fzstd';
import { XzReadableStream } from 'xz-decompress';
import { humanBytes } from '../format/units.ts';
import { expandsTooMuch, MAX_DECOMPRESSED, ZSTD_MAX_WINDOW } from '../format/limits.ts';

export type Compression = 'gzip' | 'zstd' | 'xz';

export { MAX_DECOMPRESSED, ZSTD_MAX_WINDOW };

/** A compressed file that cannot (or may not) be decompressed: the message is for the user. */
export class DecompressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecompressError';
  }
}

export function sniffCompression(head: Uint8Array): Compression | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0) return 'xz';
  return null;
}

/**
 * Walks zstd frames as the compressed bytes stream by (frame header, block headers, checksum; see
 * RFC 8878 §3.1) to read each frame's window size before the decoder sees that frame. Knows only
 * where frames start and end; the decoder checks everything else.
 */
export class ZstdFrameGuard {
  private need = 4;
  private have = 0;
  private readonly head = new Uint8Array(18);
  private skip = 0;
  private state: 'magic' | 'fhd' | 'header' | 'skippable' | 'block' | 'done' = 'magic';
  private checksum = 0;
  private headerLen = 0;

  constructor(private readonly maxWindow = ZSTD_MAX_WINDOW) {}

  /** Look at the next compressed bytes; throws DecompressError for a window over the limit. */
  check(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && this.state !== 'done') {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const n = Math.min(this.need - this.have, chunk.length - i);
      this.head.set(chunk.subarray(i, i + n), this.have);
      this.have += n;
      i += n;
      if (this.have === this.need) this.step();
    }
  }

  private expect(n: number): void {
    this.need = n;
    this.have = 0;
  }

  private step(): void {
    const h = this.head;
    switch (this.state) {
      case 'magic': {
        const magic = (h[0] | (h[1] << 8) | (h[2] << 16) | (h[3] << 24)) >>> 0;
        if (magic === 0xfd2fb528) {
          this.state = 'fhd';
          this.expect(1);
        } else if ((magic & 0xfffffff0) === 0x184d2a50) {
          this.state = 'skippable';
          this.expect(4);
        } else this.state = 'done'; // not a frame: the decoder reports it
        return;
      }
      case 'skippable':
        this.skip = (h[0] | (h[1] << 8) | (h[2] << 16) | (h[3] << 24)) >>> 0;
        this.state = 'magic';
        this.expect(4);
        return;
      case 'fhd': {
        const fhd = h[0];
        const single = (fhd >> 5) & 1;
        const fcsBytes = [single, 2, 4, 8][fhd >> 6];
        this.checksum = (fhd >> 2) & 1 ? 4 : 0;
        this.headerLen = 1 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3] + fcsBytes;
        this.state = 'header';
        this.need = this.headerLen;
        this.have = 1;
        if (this.need === this.have) this.step();
        return;
      }
      case 'header': {
        const fhd = h[0];
        const single = (fhd >> 5) & 1;
        let window: number;
        if (!single) {
          const wd = h[1];
          const base = 2 ** (10 + (wd >> 3));
          window = base + (base / 8) * (wd & 7);
        } else {
          // The window is the content size (the last 1, 2, 4 or 8 header bytes).
          const fcsBytes = [1, 2, 4, 8][fhd >> 6];
          let v = 0;
          for (let k = this.headerLen - 1; k >= this.headerLen - fcsBytes; k--) v = v * 256 + h[k];
          window = fcsBytes === 2 ? v + 256 : v;
        }
        if (window > this.maxWindow) {
          throw new DecompressError(`this zstd file asks for a ${humanBytes(window)} window, over the ${humanBytes(this.maxWindow)} limit (made with zstd --long over 27?)`);
        }
        this.state = 'block';
        this.expect(3);
        return;
      }
      case 'block': {
        const v = h[0] | (h[1] << 8) | (h[2] << 16);
        const last = v & 1;
        const type = (v >> 1) & 3;
        this.skip = type === 1 ? 1 : v >>> 3; // an RLE block holds one byte
        if (last) {
          this.skip += this.checksum;
          this.state = 'magic';
          this.expect(4);
        } else this.expect(3);
        return;
      }
      default:
    }
  }
}

function zstdStream(input: ReadableStream<Uint8Array>, maxWindow: number): ReadableStream<Uint8Array> {
  let pending: Uint8Array[] = [];
  const d = new ZstdDecompress((chunk) => { pending.push(chunk); });
  const guard = new ZstdFrameGuard(maxWindow);
  const reader = input.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (pending.length) {
          const out = pending;
          pending = [];
          for (const c of out) controller.enqueue(c);
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          d.push(new Uint8Array(0), true);
          for (const c of pending) controller.enqueue(c);
          pending = [];
          controller.close();
          return;
        }
        guard.check(value);
        d.push(value);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** xz-embedded's return codes (xz.h, enum xz_ret) as the library reports them: "error code N". */
const XZ_ERRORS: Record<string, string> = {
  2: 'uses an integrity check this decoder does not support',
  3: 'needs more memory than could be allocated',
  4: 'needs a dictionary over the decoder\'s memory limit (xz -9 and lower fit; a larger --lzma2=dict does not)',
  5: 'is not in the xz format',
  6: 'uses xz options this decoder does not support',
  7: 'is corrupt',
  8: 'is cut short',
};

/** Errors of the decoders, as one clear message (or the error as it was when not theirs). */
export function decompressFailure(e: unknown, kind: Compression): Error {
  if (e instanceof DecompressError) return e;
  const err = e as Error;
  const m = /error code (\d+)/.exec(err?.message ?? '');
  if (kind === 'xz' && m) return new DecompressError(`this xz file ${XZ_ERRORS[m[1]] ?? `could not be decompressed (code ${m[1]})`}`);
  return err;
}

/** Stops a stream that goes past `max` bytes with a DecompressError. */
function capped(stream: ReadableStream<Uint8Array>, max: number, kind: Compression): ReadableStream<Uint8Array> {
  let total = 0;
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.length;
      if (total > max) throw new DecompressError(expandsTooMuch(kind, max));
      controller.enqueue(chunk);
    },
  }));
}

export interface DecompressLimits {
  /** Most bytes of output (MAX_DECOMPRESSED). */
  maxBytes?: number;
  /** Largest zstd window (ZSTD_MAX_WINDOW). */
  maxWindow?: number;
}

export function decompress(input: ReadableStream<Uint8Array>, kind: Compression, limits: DecompressLimits = {}): ReadableStream<Uint8Array> {
  let out: ReadableStream<Uint8Array>;
  switch (kind) {
    case 'gzip':
      out = input.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
      break;
    case 'zstd':
      out = zstdStream(input, limits.maxWindow ?? ZSTD_MAX_WINDOW);
      break;
    case 'xz':
      out = new XzReadableStream(input) as unknown as ReadableStream<Uint8Array>;
      break;
  }
  return capped(out, limits.maxBytes ?? MAX_DECOMPRESSED, kind);
}
