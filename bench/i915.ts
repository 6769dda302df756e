// i915 benchmark: an i915 error state of about BENCH_SIZE bytes of text whose objects are
// zlib-compressed (':', as CONFIG_DRM_I915_COMPRESS_ERROR kernels print them), and an xe devcoredump
// holding the SAME decoded bytes as VM ranges (the reference). Both are parsed by the CLI's code path
// (`devcoredump inspect --json --timing`) in fresh processes, alternating, so the machine's noise
// hits both alike; the figures are medians and the ratio i915 / xe.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { encodeAscii85 } from '../src/format/ascii85-encode.ts';
import { freshCli } from './parse.ts';
import { MixedFiller, wordsToBytes } from '../src/gen/content.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const OBJECT = 8 << 20;
const enc = new TextEncoder();

/** Object `i`'s bytes: zero runs and random runs (half zero), the same for both files. */
function objectBytes(i: number, seed: number): Uint8Array {
  const words = new Uint32Array(OBJECT / 4);
  new MixedFiller(seed * 1_000_003 + i, 0.5).fill(words);
  return wordsToBytes(words);
}

const h8 = (v: bigint) => v.toString(16).padStart(8, '0');

export interface I915Pair { i915: string; xe: string; i915Bytes: number; xeBytes: number; decodedBytes: number; objects: number }

export function ensureI915Pair(targetBytes: number, seed = 1): I915Pair {
  const dir = join(root, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const i915 = join(dir, `i915-${targetBytes}-${seed}.txt`);
  const xe = join(dir, `i915-same-bytes-xe-${targetBytes}-${seed}.txt`);
  const meta = `${i915}.meta.json`;
  if (existsSync(i915) && existsSync(xe) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as I915Pair;
    if (statSync(i915).size === m.i915Bytes && statSync(xe).size === m.xeBytes) return m;
  }
  const t0 = performance.now();
  const fi = openSync(i915, 'w');
  const fx = openSync(xe, 'w');
  let ni = 0;
  let nx = 0;
  const wi = (b: Uint8Array | string) => { const u = typeof b === 'string' ? enc.encode(b) : b; writeSync(fi, u); ni += u.length; };
  const wx = (b: Uint8Array | string) => { const u = typeof b === 'string' ? enc.encode(b) : b; writeSync(fx, u); nx += u.length; };
  wi('GPU HANG: ecode 12:1:85dffffb, in bench [1]\nKernel: 6.8.0 x86_64\nDriver: i915\nTime: 1733000000 s 0 us\nPlatform: tigerlake\nPCI ID: 0x9a49\nrcs0 command stream:\n  IDLE?: no\n  ACTHD: 0x00000001 00000040\n');
  wx('**** Xe Device Coredump ****\nkernel: 6.19.0\nmodule: xe\n\n**** VM state ****\n');
  let objects = 0;
  while (ni < targetBytes) {
    const bytes = objectBytes(objects, seed);
    const address = 0x100000000n + BigInt(objects) * 0x1000000n;
    const z = deflateSync(bytes, { level: 6 });
    const padded = new Uint8Array(Math.ceil(z.length / 4) * 4);
    padded.set(z);
    wi(`rcs0 --- ${objects === 0 ? 'batch' : 'user'} = 0x${h8(address >> 32n)} ${h8(address & 0xffffffffn)}\n:`);
    wi(encodeAscii85(padded));
    wi('\n');
    wx(`[${address.toString(16)}].length: 0x${OBJECT.toString(16)}\n[${address.toString(16)}].data: `);
    wx(encodeAscii85(bytes));
    wx('\n');
    objects++;
  }
  closeSync(fi);
  closeSync(fx);
  const m: I915Pair = { i915, xe, i915Bytes: ni, xeBytes: nx, decodedBytes: objects * OBJECT, objects };
  writeFileSync(meta, JSON.stringify(m));
  console.log(`generated ${i915} and ${xe}: ${objects} objects of ${OBJECT >> 20} MiB in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return m;
}

export interface Run { ms: number; mbps: number; maxRssBytes: number }

function parseOnce(cli: string, file: string): Run {
  const r = spawnSync(process.execPath, [cli, 'inspect', file, '--json', '--timing'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`devcoredump failed (${r.status}): ${r.stderr}`);
  const m = /parse: (\d+) ms, (\d+) MB\/s of input, max RSS bytes (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no timing line in: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  if (json.diagnostics.some((d: { severity: string }) => d.severity === 'error')) throw new Error(`errors: ${JSON.stringify(json.diagnostics.slice(0, 3))}`);
  return { ms: Number(m[1]), mbps: Number(m[2]), maxRssBytes: Number(m[3]) };
}

export function benchI915(targetBytes: number, reps = 3): I915Pair & { i915Runs: Run[]; xeRuns: Run[] } {
  const pair = ensureI915Pair(targetBytes);
  const cli = freshCli();
  const i915Runs: Run[] = [];
  const xeRuns: Run[] = [];
  for (let i = 0; i < reps; i++) {
    xeRuns.push(parseOnce(cli, pair.xe));
    i915Runs.push(parseOnce(cli, pair.i915));
  }
  return { ...pair, i915Runs, xeRuns };
}
