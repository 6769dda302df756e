// `npm run bench:large`: the CLI against a plain scalar C decoder that the bench builds itself
// (bench/a85ref.c, `cc -O2`), whole processes side by side in one run, medians and ratios:
//   - inspect --json (decode + sha256 of every range) vs the C decoder, on 256 MiB and 1 GiB dumps
//     with 70 % and 50 % random dwords (BENCH_LARGE_SIZES=256M,1G);
//   - the index scan (extract of 16 bytes with everything on demand: one pass, then one window)
//     vs the C scan (line ends and group counts only);
//   - extract of 1 MiB at the end of a 4 GiB + 4 KiB range (generated, mostly `z`; deleted after).
// Prints figures; never fails on a slow machine.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLargeDump } from '../src/gen/generate.ts';
import { ensureLargeDump, warmPageCache } from './parse.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench', 'out');
const cli = join(root, 'dist', 'cli', 'devcoredump.mjs');
const ref = join(out, 'a85ref');
const MiB = 2 ** 20;
const REPS = Number(process.env.BENCH_REPS ?? 5);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const parseSize = (s: string) => Number(s.replace(/[MG]$/i, '')) * (/G$/i.test(s) ? 2 ** 30 : /M$/i.test(s) ? MiB : 1);

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

spawnSync('mkdir', ['-p', out]);
const cc = spawnSync('cc', ['-O2', '-o', ref, join(root, 'bench', 'a85ref.c')], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.log(`cannot build the C reference (cc -O2): ${cc.stderr}`);
  process.exit(0);
}
if (!existsSync(cli)) spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
console.log(`Node ${process.version}; C reference built with cc -O2; ${REPS} runs each, interleaved; whole-process wall times`);

const sizes = (process.env.BENCH_LARGE_SIZES ?? '256M,1G').split(',').map(parseSize);
for (const size of sizes) {
  for (const zf of [0.3, 0.5]) {
    const d = ensureLargeDump(size, 1, zf);
    warmPageCache(d.file);
    const runs = { cDecode: [] as number[], inspect: [] as number[], cScan: [] as number[], index: [] as number[] };
    const first = '0x800000000';
    for (let i = 0; i < REPS; i++) {
      runs.cDecode.push(timed(ref, ['decode', d.file]));
      runs.inspect.push(timed(process.execPath, [cli, 'inspect', d.file, '--json']));
      runs.cScan.push(timed(ref, ['scan', d.file]));
      runs.index.push(timed(process.execPath, [cli, 'extract', d.file, '--address', first, '--length', '16', '-o', '/dev/null'], { DEVCOREDUMP_EAGER_BYTES: '0' }));
    }
    const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) as Record<keyof typeof runs, number>;
    console.log(`\n${(size / MiB).toFixed(0)} MiB dump, ${Math.round((1 - zf) * 100)} % random dwords (${(d.textBytes / MiB).toFixed(0)} MiB text, ${(d.decodedBytes / MiB).toFixed(0)} MiB decoded):`);
    console.log(`  inspect --json ${m.inspect.toFixed(0)} ms vs C decode ${m.cDecode.toFixed(0)} ms: ratio ${(m.inspect / m.cDecode).toFixed(2)} (target <= 1.6)   runs ${runs.inspect.map((x) => x.toFixed(0)).join(', ')} / ${runs.cDecode.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`  index scan     ${m.index.toFixed(0)} ms vs C scan   ${m.cScan.toFixed(0)} ms: ratio ${(m.index / m.cScan).toFixed(2)} (target <= 1.3)   runs ${runs.index.map((x) => x.toFixed(0)).join(', ')} / ${runs.cScan.map((x) => x.toFixed(0)).join(', ')}`);
  }
}

// A 4 GiB + 4 KiB range: extract of its last MiB.
const free = statfsSync(out).bavail * statfsSync(out).bsize;
if (process.env.BENCH_HUGE === '0') console.log('\n(4 GiB range skipped: BENCH_HUGE=0)');
else if (free < 4 * 2 ** 30) console.log(`\nskipping the 4 GiB range: ${(free / 2 ** 30).toFixed(1)} GiB free`);
else {
  const file = join(out, 'huge-4g.txt');
  const length = 2 ** 32 + 4096;
  const fd = openSync(file, 'w');
  generateLargeDump({ targetBytes: 1 << 20, seed: 2, hugeRange: { length, address: 0x100000000000n } }, (c) => { writeSync(fd, c); });
  closeSync(fd);
  try {
    warmPageCache(file);
    const at = '0x' + (0x100000000000n + BigInt(length - MiB)).toString(16);
    const ms: number[] = [];
    for (let i = 0; i < REPS; i++) ms.push(timed(process.execPath, [cli, 'extract', file, '--address', at, '--length', String(MiB), '-o', '/dev/null']));
    const scan: number[] = [];
    for (let i = 0; i < REPS; i++) scan.push(timed(ref, ['scan', file]));
    console.log(`\n4 GiB + 4 KiB range (mostly z, ${(length / 4 / MiB).toFixed(0)} MiB of text): extract of the last 1 MiB, whole process, median ${median(ms).toFixed(0)} ms (runs ${ms.map((x) => x.toFixed(0)).join(', ')}); C scan of the file ${median(scan).toFixed(0)} ms`);
  } finally {
    rmSync(file, { force: true });
  }
}
