import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HASH_RING_BYTES, HashPool } from './hash-pool.ts';

describe('HashPool (sha256 on a second thread)', () => {
  it('gives the digests of interleaved streams of any piece sizes, more bytes than its ring holds', async () => {
    const pool = new HashPool();
    try {
      const data = [new Uint8Array(0), new Uint8Array(3), new Uint8Array(13 << 20).map((_, i) => i * 7), new Uint8Array(65536).fill(9)];
      const hashers = data.map(() => pool.create());
      // Pieces of every size, fed in turn to each hasher.
      const sizes = [1, 65536, 1 << 20, 3 << 20, 12345];
      const at = data.map(() => 0);
      for (let round = 0; at.some((a, i) => a < data[i].length); round++) {
        data.forEach((d, i) => {
          const n = Math.min(sizes[(round + i) % sizes.length], d.length - at[i]);
          if (n > 0) hashers[i].update(d.subarray(at[i], at[i] + n));
          at[i] += n;
        });
      }
      const digests = await Promise.all(hashers.map((h) => h.digest()));
      expect(digests).toEqual(data.map((d) => createHash('sha256').update(d).digest('hex')));
    } finally {
      await pool.close();
    }
  });
});

describe('HashPool placement (hashes split between this thread and the worker)', () => {
  // Payloads of many sizes: tiny, a piece of a slot, exactly a slot, straddling slots, more than the ring.
  const sizes = [5000, 1 << 20, (1 << 20) + 7, 3 << 20, 100, 9 << 20, 65536, (2 << 20) - 3, 17, 6 << 20];
  const data = sizes.map((n, k) => new Uint8Array(n).map((_, i) => (i * 31 + k * 7) & 0xff));
  const want = data.map((d) => createHash('sha256').update(d).digest('hex'));

  it.each(['balance', 'main', 'worker'] as const)('%s: every digest equals a plain sha256, whichever thread hashed it', async (placement) => {
    const pool = new HashPool(placement);
    try {
      const digests: (string | Promise<string>)[] = [];
      // One payload after another, as the parser hands them over, in pieces of 64 KiB and less.
      data.forEach((d) => {
        const h = pool.create();
        for (let at = 0; at < d.length; at += 65536 - 13) h.update(d.subarray(at, Math.min(d.length, at + 65536 - 13)));
        digests.push(h.digest());
      });
      await pool.drain();
      expect(await Promise.all(digests)).toEqual(want);
      const total = sizes.reduce((s, n) => s + n, 0);
      expect(pool.bytesOn.main + pool.bytesOn.worker).toBe(total);
      if (placement === 'main') expect(pool.bytesOn.worker).toBe(0);
      if (placement === 'worker') expect(pool.bytesOn.main).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('balance hashes on this thread once the worker falls behind, and the worker still takes its share', async () => {
    const pool = new HashPool('balance');
    try {
      // Fed much faster than one thread hashes: the ring fills, and hashes come here while the worker catches up.
      const d = new Uint8Array(1 << 20).fill(3);
      const hs = Array.from({ length: 3 * (HASH_RING_BYTES >> 20) }, () => {
        const h = pool.create();
        h.update(d);
        return h.digest();
      });
      await pool.drain();
      const plain = createHash('sha256').update(d).digest('hex');
      expect(await Promise.all(hs)).toEqual(hs.map(() => plain));
      expect(pool.bytesOn.main).toBeGreaterThan(0);
      expect(pool.bytesOn.worker).toBeGreaterThanOrEqual(HASH_RING_BYTES); // the ring's worth at least went there first
    } finally {
      await pool.close();
    }
  });
});
