// Command-stream decode speed (src/format/gpu) on a 64 MiB generated Xe2 command stream, in Node
// and in a Chromium worker, side by side in one run, each measurement a whole process of its own:
// rounds of (a Node process, a C reference process, a Chromium process) in turn, medians over the
// rounds. Three passes each (bench/decode-pass.ts):
//   - scan:   instruction boundaries only (what the Commands view lists from);
//   - values: the full field decode: decodeAt on every instruction, every field's value read (a
//             number; addresses whole). The text of the values is not made;
//   - text:   the same plus every field's name and display text ("0x2244", "TRIANGLELIST (4)").
// The C reference (cc -O2, built in this run, same length tables, same bytes) does the scan.
// Each process times its second pass (the first warms the JIT). Node figures are wall and CPU time
// of the pass (the machine is shared: CPU seconds are the steadier figure); the worker's are its
// own clock.
// Run alone: npx tsx bench/decode.ts   (DECODE_ROUNDS=n, default 5; DECODE_BROWSER=0 skips Chromium)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDecoder } from '../src/format/gpu/index.ts';
import { benchStream, STREAM_BYTES } from './decode-pass.ts';

const MiB = 2 ** 20;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

type Pass = 'scan' | 'values' | 'text';
const PASSES: Pass[] = ['scan', 'values', 'text'];

export interface DecodeBench {
  bytes: number;
  instructions: number;
  fields: number;
  rounds: number;
  /** MB/s per round, by pass: Node wall clock, Node CPU time, Chromium worker clock. */
  node: Record<Pass, number[]>;
  nodeCpu: Record<Pass, number[]>;
  worker: Record<Pass, number[]> | null;
  workerError: string | null;
  /** C reference scan, MB/s per round (median of its 5 runs in the round's process). */
  c: number[] | null;
  cError: string | null;
}

const C_SOURCE = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static void *slurp(const char *p, long *n) { FILE *f = fopen(p, "rb"); fseek(f, 0, SEEK_END); *n = ftell(f); fseek(f, 0, SEEK_SET); void *b = malloc(*n); if (fread(b, 1, *n, f) != (size_t)*n) exit(2); fclose(f); return b; }
int main(int argc, char **argv) {
  long nw, nt; uint32_t *w = slurp(argv[1], &nw); uint32_t *t = slurp(argv[2], &nt); nw /= 4;
  const uint32_t *mask = t, *add = t + nt / 8;
  uint32_t *out = malloc(nw * 4);
  for (int run = 0; run < 5; run++) {
    double t0 = now(); long n = 0, i = 0;
    while (i < nw) {
      uint32_t h = w[i], ty = h >> 29, s;
      s = ty == 0 ? (h >> 23) & 0x3f : ty == 3 ? 192 + ((h >> 16) & 0x1fff) : ty == 2 ? 64 + ((h >> 22) & 0x7f) : 8384;
      uint32_t len = (h & mask[s]) + add[s];
      out[n++] = (uint32_t)i; i += len ? len : 1;
    }
    double ms = now() - t0;
    printf("%.1f %ld\n", nw * 4 / 1e6 / (ms / 1e3), n);
  }
  return 0;
}
`;

const here = fileURLToPath(new URL('./', import.meta.url));
const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = here + 'out/';

interface PassFigures { wallMs: number; cpuMs?: number; instructions: number; fields: number }

function nodeRound(): Record<Pass, PassFigures> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', here + 'decode-node.ts'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Builds the C reference and writes its inputs; returns a function running one round of it. */
function cReference(words: Uint32Array, expected: number): () => number {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outDir + 'decode-ref.c', C_SOURCE);
  writeFileSync(outDir + 'decode-stream.bin', new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  const dec = getDecoder('xe2', 'render');
  const tables = new Uint32Array(dec.lenMask.length * 2);
  tables.set(dec.lenMask, 0);
  tables.set(dec.lenAdd, dec.lenMask.length);
  writeFileSync(outDir + 'decode-tables.bin', new Uint8Array(tables.buffer));
  execFileSync('cc', ['-O2', '-o', outDir + 'decode-ref', outDir + 'decode-ref.c']);
  return () => {
    const out = execFileSync(outDir + 'decode-ref', [outDir + 'decode-stream.bin', outDir + 'decode-tables.bin'], { encoding: 'utf8' });
    const lines = out.trim().split('\n').map((l) => l.split(' '));
    if (lines.some((l) => Number(l[1]) !== expected)) throw new Error('the C reference found a different instruction count');
    return median(lines.map((l) => Number(l[0])));
  };
}

/** Bundles the worker side once; returns a function running one round in a fresh Chromium. */
async function workerReference(): Promise<() => Promise<Record<Pass, PassFigures>>> {
  const { build } = await import('esbuild');
  const { chromium } = await import('@playwright/test');
  const bundle = await build({ entryPoints: [here + 'decode-worker.ts'], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022', minify: false });
  const workerJs = bundle.outputFiles[0].text;
  const html = '<!doctype html><meta charset="utf-8"><title>decode bench</title>';
  return async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      // A made-up origin served from here (nothing leaves the machine).
      await page.route('http://decode.bench/**', (route) => {
        const js = route.request().url().endsWith('.js');
        return route.fulfill({ status: 200, contentType: js ? 'text/javascript' : 'text/html', body: js ? workerJs : html });
      });
      await page.goto('http://decode.bench/');
      return await page.evaluate(
        () =>
          new Promise<Record<Pass, PassFigures>>((resolve, reject) => {
            const w = new Worker('/decode-worker.js');
            w.onmessage = (e) => resolve(e.data);
            w.onerror = (e) => reject(new Error(e.message));
          }),
      );
    } finally {
      await browser.close();
    }
  };
}

export async function benchDecode(rounds = Number(process.env.DECODE_ROUNDS ?? 5)): Promise<DecodeBench> {
  const words = benchStream();
  const mbps = (ms: number) => STREAM_BYTES / 1e6 / (ms / 1000);
  const empty = (): Record<Pass, number[]> => ({ scan: [], values: [], text: [] });
  const r: DecodeBench = { bytes: STREAM_BYTES, instructions: 0, fields: 0, rounds, node: empty(), nodeCpu: empty(), worker: null, workerError: null, c: null, cError: null };
  // One Node round first: its instruction count checks the others.
  let first: Record<Pass, PassFigures> | null = nodeRound();
  r.instructions = first.values.instructions;
  r.fields = first.values.fields;
  let c: (() => number) | null = null;
  try {
    c = cReference(words, r.instructions);
    r.c = [];
  } catch (e) {
    r.cError = (e as Error).message.split('\n')[0];
  }
  let worker: (() => Promise<Record<Pass, PassFigures>>) | null = null;
  if (process.env.DECODE_BROWSER !== '0') {
    try {
      worker = await workerReference();
      r.worker = empty();
    } catch (e) {
      r.workerError = (e as Error).message.split('\n')[0];
    }
  } else r.workerError = 'skipped (DECODE_BROWSER=0)';
  for (let k = 0; k < rounds; k++) {
    const n = first ?? nodeRound();
    first = null;
    for (const p of PASSES) {
      if (n[p].instructions !== r.instructions) throw new Error(`Node ${p} pass found ${n[p].instructions} instructions, expected ${r.instructions}`);
      r.node[p].push(mbps(n[p].wallMs));
      r.nodeCpu[p].push(mbps(n[p].cpuMs!));
    }
    if (c && r.c) {
      try {
        r.c.push(c());
      } catch (e) {
        r.cError = (e as Error).message.split('\n')[0];
        r.c = null;
      }
    }
    if (worker && r.worker) {
      try {
        const w = await worker();
        for (const p of PASSES) {
          if (w[p].instructions !== r.instructions || (p !== 'scan' && w[p].fields !== n[p].fields)) throw new Error(`the worker's ${p} pass saw other counts than Node's`);
          r.worker[p].push(mbps(w[p].wallMs));
        }
      } catch (e) {
        r.workerError = (e as Error).message.split('\n')[0];
        r.worker = null;
      }
    }
  }
  return r;
}

export function printDecodeBench(d: DecodeBench): void {
  const f = (a: number[]) => `${median(a).toFixed(0).padStart(5)} MB/s (${a.map((x) => x.toFixed(0)).join(', ')})`;
  const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i])).toFixed(2);
  console.log(`${(d.bytes / MiB).toFixed(0)} MiB generated Xe2 command stream: ${d.instructions.toLocaleString('en-US')} instructions, ${d.fields.toLocaleString('en-US')} fields; ${d.rounds} rounds of whole processes (Node ${process.version}), medians (rounds in brackets); target >= 100 MB/s`);
  const what: Record<Pass, string> = {
    scan: 'instruction-boundary scan',
    values: 'full field decode, every field\'s value (no text)',
    text: 'full field decode with every field\'s text',
  };
  for (const p of PASSES) {
    console.log(`  ${what[p]}:`);
    console.log(`    Node, wall clock:      ${f(d.node[p])}`);
    console.log(`    Node, per CPU-second:  ${f(d.nodeCpu[p])}`);
    if (d.worker) console.log(`    Chromium worker:       ${f(d.worker[p])}   worker / Node wall ${ratio(d.worker[p], d.node[p])}`);
  }
  if (!d.worker) console.log(`  Chromium worker not run: ${d.workerError}`);
  if (d.c) {
    console.log(`  C reference of the scan (cc -O2, same tables): ${f(d.c)}`);
    console.log(`  ratios to the C scan, per round (Node wall / C): scan ${ratio(d.node.scan, d.c)}, values ${ratio(d.node.values, d.c)}, text ${ratio(d.node.text, d.c)}`);
  } else console.log(`  C reference not run: ${d.cError}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printDecodeBench(await benchDecode());
