import { describe, expect, it } from 'vitest';
import { blobChunks, BufferPool, gcNudge, NUDGE_BYTES } from './file-reader.ts';

/** Bytes 0..n-1 (mod 251): any misplaced chunk shows. */
function bytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = i % 251;
  return b;
}

async function collect(it: AsyncGenerator<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c.slice());
  return new Uint8Array(Buffer.concat(parts));
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('blobChunks', () => {
  /** A Blob whose stream gives `first` bytes and then never another (as Chromium's did at times). */
  function stallingBlob(data: Uint8Array, first: number): globalThis.Blob {
    const real = new Blob([data as Uint8Array<ArrayBuffer>]);
    let cancelled = false;
    const fake = {
      size: real.size,
      slice: (a?: number, b?: number) => real.slice(a, b),
      stream: () => {
        let sent = false;
        return new ReadableStream({
          type: 'bytes',
          pull(controller) {
            if (sent) return new Promise<void>(() => {}); // stuck
            sent = true;
            const req = controller.byobRequest!;
            const view = req.view as Uint8Array;
            view.set(data.subarray(0, first));
            req.respond(first);
            return undefined;
          },
          cancel() {
            cancelled = true;
          },
        });
      },
      get cancelled() {
        return cancelled;
      },
    };
    return fake as unknown as globalThis.Blob;
  }

  it('reads a Blob from an offset, and between two offsets', async () => {
    const data = bytes(100_000);
    const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
    const pool = new BufferPool(4096, 4);
    expect(same(await collect(blobChunks(blob, 100, undefined, 3000, pool)), data.subarray(100))).toBe(true);
    expect(same(await collect(blobChunks(blob, 5000, 70_001, 3000, pool)), data.subarray(5000, 70_001))).toBe(true);
    expect(await collect(blobChunks(blob, 70_000, 70_000, 3000, pool))).toHaveLength(0);
    expect(pool.out).toBe(0);
  });

  it('reads the rest with slices when the stream stalls, cancels the stream, and writes off the stuck buffer', async () => {
    const data = bytes(50_000);
    const blob = stallingBlob(data, 1000);
    const pool = new BufferPool(4096, 4);
    const out = await collect(blobChunks(blob, 0, undefined, 50, pool));
    expect(same(out, data)).toBe(true);
    expect((blob as unknown as { cancelled: boolean }).cancelled).toBe(true);
    // The buffer of the stuck read is written off; the other is back; the next stream still gets two.
    expect(pool.out).toBe(0);
    expect(same(await collect(blobChunks(new Blob([data as Uint8Array<ArrayBuffer>]), 0, undefined, 3000, pool)), data)).toBe(true);
    expect(pool.out).toBe(0);
  });

  it('never holds more than the pool\'s buffers, however many streams run, end, or are left early', async () => {
    const data = bytes(300_000);
    const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
    const pool = new BufferPool(8192, 4);
    // 40 passes as a search makes them (one per payload, each left once its span is read, as
    // SequentialBytes does), three at a time, plus whole reads to the end.
    const pass = async (i: number): Promise<void> => {
      const from = (i * 7919) % 200_000;
      const to = from + 1 + ((i * 104_729) % 90_000);
      const it = blobChunks(blob, from, to + 5000, 3000, pool);
      const got: Uint8Array[] = [];
      let n = 0;
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        const c = r.value.subarray(0, Math.min(r.value.length, to - from - n));
        got.push(c.slice());
        n += c.length;
        expect(pool.out).toBeLessThanOrEqual(4);
        if (n >= to - from) break;
      }
      await it.return(undefined);
      expect(same(new Uint8Array(Buffer.concat(got)), data.subarray(from, to))).toBe(true);
    };
    for (let i = 0; i < 40; i += 3) await Promise.all([pass(i), pass(i + 1), pass(i + 2), collect(blobChunks(blob, i * 1000, undefined, 3000, pool)).then((b) => expect(same(b, data.subarray(i * 1000))).toBe(true))]);
    // Four streams at once wanted eight buffers: the pool made its four once, and the streams
    // waited for them and reused them.
    expect(pool.peak).toBe(4);
    expect(pool.made).toBe(4);
    expect(pool.out).toBe(0);
  });
});

describe('the garbage-collection nudge', () => {
  it('runs once per NUDGE_BYTES streamed, whatever the chunk sizes', async () => {
    const size = 8 << 20;
    const blob = new Blob([new Uint8Array(size)]);
    const pool = new BufferPool(1 << 20, 2);
    const calls0 = gcNudge.calls;
    gcNudge.bytes = 0;
    const passes = Math.ceil((NUDGE_BYTES * 2.5) / size);
    for (let i = 0; i < passes; i++) for await (const c of blobChunks(blob, 0, undefined, 3000, pool)) expect(c.length).toBeGreaterThan(0);
    expect(gcNudge.calls - calls0).toBe(Math.floor((passes * size) / NUDGE_BYTES));
  });
});

describe('BufferPool', () => {
  it('makes a caller wait until buffers come back, then hands over those very buffers', async () => {
    const pool = new BufferPool(64, 2);
    const [a, b] = await pool.take(2);
    let got: ArrayBuffer[] | null = null;
    const waiting = pool.take(1).then((x) => (got = x));
    await Promise.resolve();
    expect(got).toBeNull();
    pool.give(a);
    await waiting;
    expect(got![0]).toBe(a);
    expect(pool.made).toBe(2);
    pool.give(b);
    pool.give(got![0]);
    expect(pool.out).toBe(0);
  });

  it('takes back a transferred buffer (the same memory) and writes off a detached one', async () => {
    const pool = new BufferPool(64, 2);
    const [a] = await pool.take(1);
    const moved = structuredClone(a, { transfer: [a] }); // as a BYOB read hands it back
    pool.give(moved);
    expect(pool.out).toBe(0);
    const [again] = await pool.take(1);
    expect(again).toBe(moved);
    expect(pool.made).toBe(1);
    structuredClone(again, { transfer: [again] }); // lost: only the detached object comes back
    pool.give(again);
    expect(pool.out).toBe(0);
    const two = await pool.take(2);
    expect(two.every((x) => x.byteLength === 64)).toBe(true);
    expect(pool.made).toBe(3);
    expect(pool.peak).toBe(2);
  });

  it('makes more after waiting too long for a dropped stream\'s buffers (no deadlock)', async () => {
    const pool = new BufferPool(64, 2);
    await pool.take(2); // never given back
    const more = await pool.take(2, 20);
    expect(more).toHaveLength(2);
    expect(pool.peak).toBe(4);
  });
});
