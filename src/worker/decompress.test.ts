// Decompression caps: zstd window, total output, xz over its memory limit — each a clear message.
import { crc32, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { OpenFailure } from '../protocol/worker-api.ts';
import { OpenError, ParseSession } from './session.ts';
import { ZstdFrameGuard, DecompressError } from './decompress.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const TEXT = enc('**** Xe Device Coredump ****\nkernel: 6.19.0\nReason: hang\n');

/**
 * A zstd frame written by hand (RFC 8878): magic, a frame header with a window descriptor of
 * 2^(10 + exp) bytes, and the text as one raw block (last block, no checksum).
 */
function zstdFrame(payload: Uint8Array, windowExp: number): Uint8Array {
  const block = 1 | (payload.length << 3);
  return Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowExp << 3, block & 0xff, (block >> 8) & 0xff, (block >> 16) & 0xff, ...payload]);
}

/** The start of an xz stream whose one LZMA2 block asks for a dictionary of 2^(dictBits) bytes. */
function xzHead(dictBits: number): Uint8Array {
  const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  const flags = [0x00, 0x01]; // CRC32 check
  const stream = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, ...flags, ...u32(crc32(Uint8Array.from(flags)))];
  // Block header: size (2 * 4 bytes incl. CRC = 12 → 0x02), flags (1 filter), filter 0x21 (LZMA2)
  // with one property byte: dictionary 2^(n/2 + 12) for an even n.
  const body = [0x02, 0x00, 0x21, 0x01, (dictBits - 12) * 2, 0x00, 0x00, 0x00];
  const block = [...body, ...u32(crc32(Uint8Array.from(body)))];
  return Uint8Array.from([...stream, ...block, ...new Uint8Array(64)]);
}

async function openFailure(s: ParseSession, bytes: Uint8Array, name: string): Promise<OpenFailure> {
  try {
    await s.open({ kind: 'file', file: new Blob([bytes as Uint8Array<ArrayBuffer>]), name }, () => {});
  } catch (e) {
    expect(e).toBeInstanceOf(OpenError);
    return (e as OpenError).failure;
  }
  throw new Error('expected a failure');
}

describe('decompression caps', () => {
  it('a hand-made zstd frame with a 1 MiB window opens', async () => {
    const summary = await new ParseSession().open({ kind: 'file', file: new Blob([zstdFrame(TEXT, 10) as Uint8Array<ArrayBuffer>]), name: 'ok.zst' }, () => {});
    expect(summary.header.kernel).toBe('6.19.0');
  });

  it('a 1 GiB zstd window (zstd --long=30) is refused before anything is allocated', async () => {
    const f = await openFailure(new ParseSession(), zstdFrame(TEXT, 20), 'bomb.zst');
    expect(f).toEqual({ kind: 'read-error', message: 'cannot open bomb.zst: this zstd file asks for a 1 GiB window, over the 128 MiB limit (made with zstd --long over 27?)' });
  });

  it('the frame guard finds every frame header, through skippable frames and any chunking', () => {
    const skippable = Uint8Array.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
    const stream = Uint8Array.from([...zstdFrame(TEXT, 10), ...skippable, ...zstdFrame(TEXT, 12), ...zstdFrame(TEXT, 16)]);
    for (const step of [1, 2, 5, 13, stream.length]) {
      const g = new ZstdFrameGuard(1 << 27);
      for (let i = 0; i < stream.length; i += step) g.check(stream.subarray(i, i + step));
      const tight = new ZstdFrameGuard(1 << 24); // the third frame's 64 MiB window is over it
      expect(() => {
        for (let i = 0; i < stream.length; i += step) tight.check(stream.subarray(i, i + step));
      }).toThrow(DecompressError);
    }
  });

  it('gzip output past the cap stops with "expands to more than"', async () => {
    const big = gzipSync(Uint8Array.from([...TEXT, ...enc('a\n'.repeat(100_000))]));
    const f = await openFailure(new ParseSession({ maxBytes: 64 * 1024 }), big, 'big.gz');
    expect(f).toEqual({ kind: 'read-error', message: 'cannot open big.gz: this gzip file expands to more than 64 KiB: not opened' });
  });

  it('the cap is a setting of each open (the app\'s "expand to at most")', async () => {
    const big = gzipSync(Uint8Array.from([...TEXT, ...enc('a\n'.repeat(100_000))]));
    const s = new ParseSession();
    const open = (settings: { maxDecompressedBytes?: number }) => s.open({ kind: 'file', file: new Blob([big as Uint8Array<ArrayBuffer>]), name: 'big.gz' }, () => {}, settings);
    await expect(open({ maxDecompressedBytes: 64 * 1024 })).rejects.toThrow('this gzip file expands to more than 64 KiB: not opened');
    expect((await open({})).header.kernel).toBe('6.19.0');
    expect((await open({ maxDecompressedBytes: 1 << 20 })).header.kernel).toBe('6.19.0');
  });

  it('zstd output past the cap stops the same way', async () => {
    const f = await openFailure(new ParseSession({ maxBytes: 32 }), zstdFrame(TEXT, 10), 'x.zst');
    expect(f.message).toBe('cannot open x.zst: this zstd file expands to more than 32 B: not opened');
  });

  it('an xz stream whose dictionary is over the decoder limit is a clear read error, not "internal"', async () => {
    const f = await openFailure(new ParseSession(), xzHead(30), 'dict.xz');
    expect(f.kind).toBe('read-error');
    expect(f.message).toMatch(/^cannot open dict\.xz: this xz file needs a dictionary over the decoder's memory limit/);
  });
});
