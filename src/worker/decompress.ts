// Decompression while streaming, for dumps as bug trackers hold them: gzip (the platform's
// DecompressionStream), zstd (fzstd) and xz (xz-decompress, WebAssembly).
import { Decompress as ZstdDecompress } from 'fzstd';
import { XzReadableStream } from 'xz-decompress';

export type Compression = 'gzip' | 'zstd' | 'xz';

export function sniffCompression(head: Uint8Array): Compression | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0) return 'xz';
  return null;
}

function zstdStream(input: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let pending: Uint8Array[] = [];
  const d = new ZstdDecompress((chunk) => { pending.push(chunk); });
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
        d.push(value);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

export function decompress(input: ReadableStream<Uint8Array>, kind: Compression): ReadableStream<Uint8Array> {
  switch (kind) {
    case 'gzip':
      return input.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    case 'zstd':
      return zstdStream(input);
    case 'xz':
      return new XzReadableStream(input) as unknown as ReadableStream<Uint8Array>;
  }
}
