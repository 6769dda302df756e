import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashPool } from './hash-pool.ts';

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
