// The hostile inputs of issue 15 ("Why"), made on demand: each once hung a parser, blew up its
// memory or crashed it. Used by the CLI memory tests and by `npm run bench:hostile`.
import { gzipSync } from 'node:zlib';

export interface HostileInput {
  name: string;
  /** File name suffix (the CLI reads .gz by its magic; .zst and .xz are the viewer's path). */
  file: string;
  bytes: () => Uint8Array;
}

const HEAD = '**** Xe Device Coredump ****\nkernel: 6.19.0\nReason: GPU hang\n';
const VM = '**** VM state ****\n';
const enc = (s: string) => new TextEncoder().encode(s);

function join(n: number, line: (i: number) => string): string {
  const parts: string[] = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = line(i);
  return parts.join('');
}

/**
 * A zstd frame header that asks for a 1 GiB window (as `zstd --long=30` writes), then one empty raw
 * block: a decoder that allocates the window before checking it takes a gigabyte for 11 bytes.
 */
export function zstdBigWindowFrame(): Uint8Array {
  // Magic, frame header descriptor 0x00 (no checksum, no content size, window descriptor present),
  // window descriptor: exponent 30 - 10 = 20, mantissa 0 -> 1 GiB; a last raw block of 0 bytes.
  return Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3, 0x01, 0x00, 0x00);
}

export function hostileInputs(): HostileInput[] {
  return [
    { name: 'Process: a + 200,000 spaces + b', file: 'process.txt', bytes: () => enc(`${HEAD}Process: a${' '.repeat(200_000)}b\n`) },
    {
      name: '20,000 × .length: 0x10000 + .data: z',
      file: 'claims.txt',
      bytes: () => enc(HEAD + VM + join(20_000, (i) => {
        const a = (0x100000 + i * 0x10000).toString(16);
        return `[${a}].length: 0x10000\n[${a}].properties: read_write|bo\n[${a}].data: z\n`;
      })),
    },
    {
      name: '100,000 small ranges',
      file: 'small.txt',
      bytes: () => enc(HEAD + VM + join(100_000, (i) => {
        const a = (0x100000 + i * 0x1000).toString(16);
        return `[${a}].length: 0x4\n[${a}].data: z\n`;
      })),
    },
    {
      // Each line a section of its own: the viewer's section list must not make a row (or send an
      // object per section in one message) for all of them at once.
      name: '1,000,000 one-line sections',
      file: 'sections.txt',
      bytes: () => enc(HEAD + join(1_000_000, (i) => `**** S${i} ****\n`)),
    },
    { name: '4 MB of one-character lines', file: 'lines.txt', bytes: () => enc(HEAD + 'a\n'.repeat(2_000_000)) },
    { name: '2 KB .gz of a million lines', file: 'million.txt.gz', bytes: () => gzipSync(enc(HEAD + 'a\n'.repeat(1_000_000)), { level: 9 }) },
    { name: '.gz inflating to 10 MB (one line)', file: 'inflate.txt.gz', bytes: () => gzipSync(enc(`${HEAD}${'a'.repeat(10_000_000)}\n`), { level: 9 }) },
    { name: '.length of 400 digits', file: 'len400.txt', bytes: () => enc(`${HEAD}${VM}[1000].length: ${'9'.repeat(400)}\n[1000].data: z\n`) },
    { name: '.length: 0xfff…f (300 digits)', file: 'lenfff.txt', bytes: () => enc(`${HEAD}${VM}[1000].length: 0x${'f'.repeat(300)}\n[1000].data: z\n`) },
    { name: '.length: 0x100000000', file: 'len4g.txt', bytes: () => enc(`${HEAD}${VM}[1000].length: 0x100000000\n[1000].data: zzzz\n`) },
    { name: 'a 3 MB Reason: line', file: 'reason.txt', bytes: () => enc(HEAD.replace('Reason: GPU hang', `Reason: ${'x'.repeat(3_000_000)}`)) },
    { name: 'the same, gzip-compressed', file: 'reason.txt.gz', bytes: () => gzipSync(enc(HEAD.replace('Reason: GPU hang', `Reason: ${'x'.repeat(3_000_000)}`))) },
    {
      name: '20,000 blob names',
      file: 'blobs.txt',
      bytes: () => enc(`${HEAD}**** GuC CT ****\n${join(20_000, (i) => `[B${i}].length: 0x4\n`)}${join(20_000, (i) => `[B${i}].data: z\n`)}`),
    },
    { name: '.zst frame asking for a 1 GiB window', file: 'window.zst', bytes: zstdBigWindowFrame },
  ];
}
