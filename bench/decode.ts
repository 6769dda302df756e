// Command-stream decode speed (src/format/gpu) on a 64 MiB generated command stream, in Node:
// the instruction-boundary scan (what a virtualized Commands list needs), the full field decode
// of every instruction, and a C reference of the same scan (cc -O2, same length tables, same
// bytes, timed inside its own process) built in this run. Medians of 5.
// Run alone: npx tsx bench/decode.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandStream, Rng } from '../src/gen/content.ts';
import { decodeAt, getDecoder, scanInstructions } from '../src/format/gpu/index.ts';

const MiB = 2 ** 20;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

export interface DecodeBench {
  bytes: number;
  instructions: number;
  scanMBps: number[];
  /** MB per CPU-second of this process (robust when other work shares the machine). */
  scanCpuMBps: number[];
  fullMBps: number[];
  fullCpuMBps: number[];
  cMBps: number[] | null;
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

export function benchDecode(size = 64 * MiB): DecodeBench {
  const words = new Uint32Array(size / 4);
  commandStream(words, 0, words.length, 0x100000000n, new Rng(13), 'xe2');
  const dec = getDecoder('xe2', 'render');
  const scanMBps: number[] = [];
  const scanCpuMBps: number[] = [];
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  let instructions = 0;
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const starts = scanInstructions(words, dec);
    const ms = performance.now() - t0;
    scanCpuMBps.push(size / 1e6 / (cpuMs(process.cpuUsage(c0)) / 1000));
    instructions = starts.length;
    scanMBps.push(size / 1e6 / (ms / 1000));
  }
  const fullMBps: number[] = [];
  const fullCpuMBps: number[] = [];
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let i = 0;
    let n = 0;
    while (i < words.length) {
      const ins = decodeAt(words, i, 0x100000000n, dec);
      n += ins.fields.length;
      i += ins.dwords;
    }
    const ms = performance.now() - t0;
    fullCpuMBps.push(size / 1e6 / (cpuMs(process.cpuUsage(c0)) / 1000));
    if (n < 0) console.log(n);
    fullMBps.push(size / 1e6 / (ms / 1000));
  }
  // The C reference: same tables, same bytes.
  let cMBps: number[] | null = null;
  let cError: string | null = null;
  try {
    const dir = fileURLToPath(new URL('./out/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(dir + 'decode-ref.c', C_SOURCE);
    writeFileSync(dir + 'decode-stream.bin', new Uint8Array(words.buffer));
    const tables = new Uint32Array(dec.lenMask.length * 2);
    tables.set(dec.lenMask, 0);
    tables.set(dec.lenAdd, dec.lenMask.length);
    writeFileSync(dir + 'decode-tables.bin', new Uint8Array(tables.buffer));
    execFileSync('cc', ['-O2', '-o', dir + 'decode-ref', dir + 'decode-ref.c']);
    const out = execFileSync(dir + 'decode-ref', [dir + 'decode-stream.bin', dir + 'decode-tables.bin'], { encoding: 'utf8' });
    const lines = out.trim().split('\n').map((l) => l.split(' '));
    if (lines.some((l) => Number(l[1]) !== instructions)) throw new Error('the C reference found a different instruction count');
    cMBps = lines.map((l) => Number(l[0]));
  } catch (e) {
    cError = (e as Error).message.split('\n')[0];
  }
  return { bytes: size, instructions, scanMBps, scanCpuMBps, fullMBps, fullCpuMBps, cMBps, cError };
}

export function printDecodeBench(d: DecodeBench): void {
  const f = (a: number[]) => `median ${median(a).toFixed(0)} MB/s (runs: ${a.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`${(d.bytes / MiB).toFixed(0)} MiB generated Xe2 command stream, ${d.instructions.toLocaleString('en')} instructions (Node ${process.version}):`);
  console.log(`  instruction-boundary scan (scanInstructions): ${f(d.scanMBps)} (target >= 100); per CPU-second: ${f(d.scanCpuMBps)}`);
  console.log(`  full decode of every instruction (decodeAt, all fields): ${f(d.fullMBps)}; per CPU-second (GC threads included): ${f(d.fullCpuMBps)}`);
  if (d.cMBps) {
    console.log(`  C reference of the scan (cc -O2, same tables): ${f(d.cMBps)}`);
    console.log(`  scan ratio JS / C: ${(median(d.scanMBps) / median(d.cMBps)).toFixed(2)}`);
  } else console.log(`  C reference not run: ${d.cError}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printDecodeBench(benchDecode());
