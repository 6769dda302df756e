import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../byte-source.ts';
import type { ReadResult, Space } from '../../protocol/worker-api.ts';
import { readAll, readBlob, readChunks } from './read.ts';

/** A fake source: one range [base, base + data.length), of which `valid` bytes are decoded. */
function fakeSource(base: bigint, data: Uint8Array, valid = data.length) {
  const calls: { space: Space; address: bigint; length: number }[] = [];
  const source: ByteSource = {
    async read(space, address, length): Promise<ReadResult> {
      calls.push({ space, address, length });
      if (address < base || address >= base + BigInt(data.length)) return { address, bytes: new Uint8Array(0), valid: 0 };
      const off = Number(address - base);
      const bytes = data.slice(off, Math.min(off + length, data.length));
      return { address, bytes, valid: Math.max(0, Math.min(bytes.length, valid - off)) };
    },
  };
  return { source, calls };
}

const gpu: Space = { kind: 'gpu' };
const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff);

describe('readChunks', () => {
  it('reads in chunks no larger than asked', async () => {
    const { source, calls } = fakeSource(0x1000n, data);
    const got: number[] = [];
    const progress: number[] = [];
    const n = await readChunks(source, gpu, 0x1000n, 0x1000n + 5000n, (b) => got.push(b.length), { chunk: 1024, onProgress: (d) => progress.push(d) });
    expect(n).toBe(5000);
    expect(got).toEqual([1024, 1024, 1024, 1024, 904]);
    expect(calls.every((c) => c.length <= 1024)).toBe(true);
    expect(progress.at(-1)).toBe(5000);
  });
  it('stops at the end of the range', async () => {
    const { source } = fakeSource(0x1000n, data);
    const n = await readChunks(source, gpu, 0x1000n + 4000n, 0x1000n + 9000n, () => {}, { chunk: 700 });
    expect(n).toBe(1000);
  });
  it('can be aborted', async () => {
    const { source } = fakeSource(0x1000n, data);
    const ac = new AbortController();
    const p = readChunks(source, gpu, 0x1000n, 0x1000n + 5000n, () => ac.abort(), { chunk: 100, signal: ac.signal });
    await expect(p).rejects.toThrow();
  });
});

describe('readAll and readBlob', () => {
  it('give the exact bytes', async () => {
    const { source } = fakeSource(0x1000n, data);
    const a = await readAll(source, gpu, 0x1000n + 10n, 0x1000n + 4010n, { chunk: 333 });
    expect(a).toEqual(data.slice(10, 4010));
    const blob = await readBlob(source, gpu, 0x1000n + 10n, 0x1000n + 4010n, { chunk: 333 });
    expect(blob.size).toBe(4000);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(data.slice(10, 4010));
  });
  it('are cut short past the range', async () => {
    const { source } = fakeSource(0x1000n, data);
    const a = await readAll(source, gpu, 0x1000n + 4990n, 0x1000n + 5100n);
    expect(a).toEqual(data.slice(4990));
    const blob = await readBlob(source, { kind: 'blob', index: 0 }, 0x1000n + 4990n, 0x1000n + 5100n);
    expect(blob.size).toBe(10);
  });
});
