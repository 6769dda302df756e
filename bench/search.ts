// Memory search speed: 1 GiB of decoded-like memory (16 ranges of 64 MiB sharing one buffer: runs
// of zero dwords and of random dwords), searched for a 4-byte and a 16-byte pattern.
import { compilePattern, searchRanges, type SearchRange } from '../src/format/search.ts';
import { searchDump, yieldMacrotask } from '../src/worker/search.ts';
import type { DumpModel } from '../src/format/model.ts';

const MiB = 2 ** 20;
const RANGE_BYTES = 64 * MiB;
const RANGES = 16;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function buildBuffer(): Uint8Array {
  const buf = new Uint8Array(RANGE_BYTES);
  const words = new Uint32Array(buf.buffer);
  let s = 0x9e3779b9; // xorshift32, fixed seed: the same memory every run
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  let i = 0;
  while (i < words.length) {
    const run = Math.min(words.length - i, 1 + (rnd() % 32768)); // up to 128 KiB per run
    if (rnd() & 1) for (let j = 0; j < run; j++) words[i + j] = rnd();
    i += run;
  }
  return buf;
}

let shared: Uint8Array | null = null;

export function benchSearch(): { gib: number; fourByteMs: number; sixteenByteMs: number; matches4: number; matches16: number } {
  const buf = (shared ??= buildBuffer());
  const p4 = compilePattern('hex', 'c0 ff ee 11');
  const p16 = compilePattern('ascii', 'GuC log overflow');
  // Planted per buffer (so per range): aligned, unaligned, at the very start and at the very end.
  const at4 = [0, 4096 + 1, 33 * MiB + 2, RANGE_BYTES - 4];
  const at16 = [8, 17 * MiB + 3, RANGE_BYTES - 16 - 7];
  for (const o of at4) buf.set(p4.bytes, o);
  for (const o of at16) buf.set(p16.bytes, o);

  const ranges: SearchRange[] = [];
  for (let r = 0; r < RANGES; r++) ranges.push({ address: 0x1_0000_0000n + BigInt(r) * 0x1000_0000n, data: buf, length: RANGE_BYTES });

  const run = (pattern: typeof p4, planted: number[]) => {
    const times: number[] = [];
    let matches = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const res = searchRanges(ranges, [pattern], { limit: 1_000_000 });
      times.push(performance.now() - t0);
      matches = res.matches.length;
      if (res.capped || res.scannedBytes !== RANGES * RANGE_BYTES) throw new Error('search did not scan everything');
      for (let r = 0; r < RANGES; r++)
        for (const o of planted)
          if (!res.matches.some((m) => m.rangeIndex === r && m.offset === o && m.address === ranges[r].address + BigInt(o)))
            throw new Error(`planted match at range ${r} offset ${o} not found`);
    }
    return { ms: Math.round(median(times)), matches };
  };
  const four = run(p4, at4);
  const sixteen = run(p16, at16);
  return { gib: (RANGES * RANGE_BYTES) / 2 ** 30, fourByteMs: four.ms, sixteenByteMs: sixteen.ms, matches4: four.matches, matches16: sixteen.matches };
}

/**
 * The worker's code path on the same 1 GiB (src/worker/search.ts searchDump: 2 MiB steps, a
 * macrotask yield every 12 ms, hits batched with their context), in Node. Run after benchSearch.
 */
export async function benchSearchWorkerPath(): Promise<{ fourByteMs: number; sixteenByteMs: number; matches4: number; matches16: number }> {
  const buf = (shared ??= buildBuffer());
  const model = {
    ranges: Array.from({ length: RANGES }, (_, r) => ({ address: 0x1_0000_0000n + BigInt(r) * 0x1000_0000n, length: RANGE_BYTES, data: buf, decodedLength: RANGE_BYTES })),
    blobs: [],
  } as unknown as DumpModel;
  const run = async (mode: 'hex' | 'ascii', text: string) => {
    const times: number[] = [];
    let matches = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const done = await searchDump(model, k, { mode, text, caseInsensitive: false, limit: 1_000_000 }, () => {}, { cancelled: () => false, yieldNow: yieldMacrotask });
      times.push(performance.now() - t0);
      if (done.scannedBytes !== RANGES * RANGE_BYTES) throw new Error('search did not scan everything');
      matches = done.count;
    }
    return { ms: Math.round(median(times)), matches };
  };
  const four = await run('hex', 'c0 ff ee 11');
  const sixteen = await run('ascii', 'GuC log overflow');
  return { fourByteMs: four.ms, sixteenByteMs: sixteen.ms, matches4: four.matches, matches16: sixteen.matches };
}
