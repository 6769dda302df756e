import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../byte-source.ts';
import type { ReadResult, Space } from '../../protocol/worker-api.ts';
import { PageCache } from './page-cache.ts';

interface Call {
  space: Space;
  address: bigint;
  length: number;
  resolve: (r: ReadResult) => void;
  reject: (e: unknown) => void;
}

function fakeSource() {
  const calls: Call[] = [];
  const source: ByteSource = {
    read(space, address, length) {
      return new Promise<ReadResult>((resolve, reject) => calls.push({ space, address, length, resolve, reject }));
    },
  };
  return { source, calls };
}

const fill = (address: bigint, length: number, valid = length): ReadResult => ({
  address,
  bytes: Uint8Array.from({ length }, (_, i) => Number((address + BigInt(i)) & 0xffn)),
  valid,
});
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PageCache', () => {
  it('reads aligned pages, clipped to the range, once each', async () => {
    const { source, calls } = fakeSource();
    const loaded: number[] = [];
    const c = new PageCache(source, { kind: 'gpu' }, 0x1a0000n, 4096 * 2 + 100, { onLoad: (p) => loaded.push(p.index) });
    c.ensure(0, 5);
    c.ensure(0, 5);
    expect(calls.map((x) => [x.address, x.length])).toEqual([
      [0x1a0000n, 4096],
      [0x1a1000n, 4096],
      [0x1a2000n, 100],
    ]);
    for (const x of calls) x.resolve(fill(x.address, x.length));
    await tick();
    expect(loaded.sort()).toEqual([0, 1, 2]);
    expect(c.get(2)!.bytes.length).toBe(100);
    expect(c.get(1)!.bytes[0]).toBe(0x00);
    expect(c.get(1)!.bytes[5]).toBe(0x05);
  });

  it('stays bounded and keeps the pages in view', async () => {
    const { source, calls } = fakeSource();
    const c = new PageCache(source, { kind: 'blob', index: 3 }, 0n, 4096 * 100, { capacity: 4 });
    for (let i = 0; i < 50; i += 2) {
      c.ensure(i, i + 1);
      for (const x of calls.splice(0)) x.resolve(fill(x.address, x.length));
      await tick();
      expect(c.size).toBeLessThanOrEqual(4);
      expect(c.get(i)).toBeDefined();
      expect(c.get(i + 1)).toBeDefined();
    }
    expect(c.get(0)).toBeUndefined();
  });

  it('drops answers after dispose and never lets an older answer replace a newer one', async () => {
    const { source, calls } = fakeSource();
    const c = new PageCache(source, { kind: 'gpu' }, 0n, 4096 * 10, { capacity: 1 });
    c.ensure(0, 0);
    const first = calls.shift()!;
    c.ensure(1, 1); // page 0 no longer wanted; its request is still out
    const second = calls.shift()!;
    second.resolve(fill(second.address, second.length));
    await tick();
    first.resolve(fill(first.address, first.length));
    await tick();
    // Capacity 1 and page 1 wanted: the late page 0 must not evict it.
    expect(c.get(1)).toBeDefined();
    expect(c.size).toBe(1);

    c.ensure(2, 2);
    const third = calls.shift()!;
    c.dispose();
    third.resolve(fill(third.address, third.length));
    await tick();
    expect(c.get(2)).toBeUndefined();
  });

  it('records a failed read as a page of unknown bytes', async () => {
    const { source, calls } = fakeSource();
    const c = new PageCache(source, { kind: 'gpu' }, 0n, 4096);
    c.ensure(0, 0);
    calls[0].reject(new Error('worker gone'));
    await tick();
    expect(c.get(0)!.error).toBe('worker gone');
    expect(c.get(0)!.valid).toBe(0);
  });

  it('keeps `valid` of a truncated range', async () => {
    const { source, calls } = fakeSource();
    const c = new PageCache(source, { kind: 'gpu' }, 0x1000n, 4096);
    c.ensure(0, 0);
    calls[0].resolve(fill(0x1000n, 4096, 10));
    await tick();
    expect(c.get(0)!.valid).toBe(10);
  });
});
