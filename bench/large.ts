// `npm run bench:large`: the CLI against a plain scalar C decoder that the bench builds itself
// (bench/a85ref.c, `cc -O2`), whole processes side by side in one run, medians and ratios:
//   - inspect --json (decode + sha256 of every range) vs the C decoder, on 256 MiB and 1 GiB dumps
//     with 70 % and 50 % random dwords (BENCH_LARGE_SIZES=256M,1G);
//   - the index scan (extract of 16 bytes with everything on demand, --no-cache: one pass, then one
//     window) vs the C scan (line ends and group counts only);
//   - search on demand in Node (the dump indexed, then every range read page by page through its
//     byte store and searched for a 4-byte and a 16-byte pattern), GiB/s of decoded bytes;
//   - inspect on 20,000 small ranges (`.length: 0x10000`, `.data: z`): peak RSS of the hash pool;
//   - extract of 1 MiB at the end of a 4 GiB + 4 KiB range (generated, mostly `z`; deleted after):
//     the first run (no index cache) and the next runs (index cache).
// Ratios are of wall times (and of CPU times, user + sys, when /usr/bin/time is there). Prints
// figures; never fails on a slow machine. BENCH_REPS (default 5), BENCH_HUGE=0 skips the 4 GiB file.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLargeDump } from '../src/gen/generate.ts';
import { parseFile } from '../src/cli/read.ts';
import { bytesOf } from '../src/format/model.ts';
import { compilePattern, searchRanges, type SearchRange } from '../src/format/search.ts';
import { ensureLargeDump, freshCli, warmPageCache } from './parse.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench', 'out');
const ref = join(out, 'a85ref');
const MiB = 2 ** 20;
const REPS = Number(process.env.BENCH_REPS ?? 5);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const parseSize = (s: string) => Number(s.replace(/[MG]$/i, '')) * (/G$/i.test(s) ? 2 ** 30 : /M$/i.test(s) ? MiB : 1);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
// Every run gets this index cache directory (deleted at the end), never the user's.
const cacheHome = mkdtempSync(join(tmpdir(), 'devcoredump-bench-cache-'));

interface Run {
  wall: number;
  /** user + sys seconds × 1000, NaN without /usr/bin/time. */
  cpu: number;
  stderr: string;
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const argv = TIME ? [TIME, '-f', '@cpu %U %S', cmd, ...args] : [cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env }, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = /@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, stderr: r.stderr };
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(0));
const ratio = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? '–' : (a / b).toFixed(2));

/** One line: medians of a and b (wall and CPU), their ratios, the target, every wall run. */
function compare(label: string, a: Run[], b: Run[], bLabel: string, target: string): void {
  const [aw, bw, ac, bc] = [median(a.map((r) => r.wall)), median(b.map((r) => r.wall)), median(a.map((r) => r.cpu)), median(b.map((r) => r.cpu))];
  console.log(`  ${label.padEnd(15)} ${ms(aw)} ms vs ${bLabel} ${ms(bw)} ms: wall ratio ${ratio(aw, bw)} (target ${target}); CPU ${ms(ac)} vs ${ms(bc)} ms: ${ratio(ac, bc)}   wall runs ${a.map((r) => ms(r.wall)).join(', ')} / ${b.map((r) => ms(r.wall)).join(', ')}`);
}

spawnSync('mkdir', ['-p', out]);
const cc = spawnSync('cc', ['-O2', '-o', ref, join(root, 'bench', 'a85ref.c')], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.log(`cannot build the C reference (cc -O2): ${cc.stderr}`);
  process.exit(0);
}
const cli = freshCli();
console.log(`Node ${process.version}; C reference built with cc -O2; ${REPS} runs each, interleaved; whole-process times, medians`);

/** Search every range of the dump on demand (in this process): decoded bytes per second. */
async function searchOnDemand(file: string): Promise<{ decoded: number; gibps4: number; gibps16: number }> {
  const d = await parseFile(file, { eagerBytes: 0 });
  try {
    const ranges: SearchRange[] = d.model.ranges.map((r) => ({ address: r.address, data: bytesOf(r), length: r.decodedLength }));
    const decoded = ranges.reduce((s, r) => s + (r.data ? r.length : 0), 0);
    const rate = (pattern: string) => {
      const t: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const res = searchRanges(ranges, [compilePattern('hex', pattern)], { limit: 1_000_000 });
        t.push(performance.now() - t0);
        if (res.scannedBytes !== decoded) throw new Error('the search did not scan every byte');
      }
      return decoded / 2 ** 30 / (median(t) / 1000);
    };
    return { decoded, gibps4: rate('c0 ff ee 11'), gibps16: rate('47 75 43 20 6c 6f 67 20 6f 76 65 72 66 6c 6f 77') };
  } finally {
    d.close();
  }
}

const sizes = (process.env.BENCH_LARGE_SIZES ?? '256M,1G').split(',').filter((x) => x.trim() !== '').map(parseSize);
for (const size of sizes) {
  for (const zf of [0.3, 0.5]) {
    const d = ensureLargeDump(size, 1, zf);
    warmPageCache(d.file);
    const runs = { cDecode: [] as Run[], inspect: [] as Run[], cScan: [] as Run[], index: [] as Run[] };
    const first = '0x800000000';
    for (let i = 0; i < REPS; i++) {
      runs.cDecode.push(timed(ref, ['decode', d.file]));
      runs.inspect.push(timed(process.execPath, [cli, 'inspect', d.file, '--json']));
      runs.cScan.push(timed(ref, ['scan', d.file]));
      runs.index.push(timed(process.execPath, [cli, 'extract', d.file, '--no-cache', '--address', first, '--length', '16', '-o', '/dev/null'], { DEVCOREDUMP_EAGER_BYTES: '0' }));
    }
    console.log(`\n${(size / MiB).toFixed(0)} MiB dump, ${Math.round((1 - zf) * 100)} % random dwords (${(d.textBytes / MiB).toFixed(0)} MiB text, ${(d.decodedBytes / MiB).toFixed(0)} MiB decoded, ${d.ranges} ranges):`);
    compare('inspect --json', runs.inspect, runs.cDecode, 'C decode', '<= 1.6');
    compare('index scan', runs.index, runs.cScan, 'C scan', '<= 1.3');
    const s = await searchOnDemand(d.file);
    console.log(`  search on demand in Node (${(s.decoded / MiB).toFixed(0)} MiB decoded, page by page): ${s.gibps4.toFixed(2)} GiB/s (4-byte pattern), ${s.gibps16.toFixed(2)} GiB/s (16-byte) (target >= 1 GiB/s)`);
  }
}

// Many small payloads: the hash pool's memory.
{
  const lines = ['**** Xe Device Coredump ****', 'kernel: 6.12.0', '**** VM state ****', 'VM.uapi_flags: 0x0'];
  for (let i = 0; i < 20_000; i++) {
    const a = (0x100000000 + i * 0x10000).toString(16);
    lines.push(`[${a}].length: 0x10000`, `[${a}].data: z`);
  }
  const file = join(out, 'small-ranges.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  const rss: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const r = timed(process.execPath, [cli, 'inspect', file, '--json', '--timing']);
    wall.push(r.wall);
    rss.push(Number(/max RSS bytes (\d+)/.exec(r.stderr)?.[1] ?? NaN));
  }
  console.log(`\n20,000 ranges of .length 0x10000 with .data: z: inspect --json peak RSS ${(median(rss) / MiB).toFixed(0)} MiB, ${ms(median(wall))} ms (runs ${rss.map((x) => (x / MiB).toFixed(0)).join(', ')} MiB)`);
  rmSync(file, { force: true });
}

// A 4 GiB + 4 KiB range: extract of its last MiB, without and with the index cache.
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
    const args = [cli, 'extract', file, '--address', at, '--length', String(MiB), '-o', '/dev/null'];
    const firstRuns: Run[] = [];
    const cached: Run[] = [];
    const scan: Run[] = [];
    for (let i = 0; i < REPS; i++) {
      rmSync(join(cacheHome, 'devcoredump'), { recursive: true, force: true });
      firstRuns.push(timed(process.execPath, args));
      cached.push(timed(process.execPath, args));
      scan.push(timed(ref, ['scan', file]));
    }
    console.log(`\n4 GiB + 4 KiB range (mostly z, ${(length / 4 / MiB).toFixed(0)} MiB of text): extract of the last 1 MiB, whole process (target < 300 ms):`);
    const line = (label: string, r: Run[]) => console.log(`  ${label.padEnd(41)} median ${ms(median(r.map((x) => x.wall)))} ms wall, ${ms(median(r.map((x) => x.cpu)))} ms CPU (wall runs ${r.map((x) => ms(x.wall)).join(', ')})`);
    line('first run (scan, writes the index cache):', firstRuns);
    line('next run (index cache):', cached);
    line('C scan of the file:', scan);
  } finally {
    rmSync(file, { force: true });
  }
}
rmSync(cacheHome, { recursive: true, force: true });
