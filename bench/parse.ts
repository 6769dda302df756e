// Parse benchmark: a ~1 GiB dump (mostly VM data, zero and random words) is generated once into
// bench/out/, then parsed by the CLI's own code path (`devcoredump inspect --json --timing`, the
// bundle that `npm ci` builds) in a fresh process; the CLI reports parse time and peak RSS.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { generateLargeDump } from '../src/gen/generate.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface ParseBench {
  file: string;
  textBytes: number;
  decodedBytes: number;
  runs: { ms: number; mbps: number; maxRssBytes: number }[];
}

export function ensureLargeDump(targetBytes: number, seed = 1, zeroFraction?: number, hugeRange?: number): { file: string; textBytes: number; decodedBytes: number; ranges: number } {
  // BENCH_OUT: where the generated dumps go (multi-GiB ones belong on a big disk, e.g. /tmp).
  const dir = process.env.BENCH_OUT || join(root, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `large-${targetBytes}-${seed}${zeroFraction === undefined ? '' : `-z${zeroFraction}`}${hugeRange ? `-huge${hugeRange}` : ''}.txt`);
  const meta = `${file}.meta.json`;
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (statSync(file).size === m.textBytes) return { file, ...m };
  }
  const t0 = performance.now();
  const fd = openSync(file, 'w');
  const info = generateLargeDump({ targetBytes, seed, zeroFraction, ...(hugeRange ? { hugeRange: { length: hugeRange } } : {}) }, (chunk) => { writeSync(fd, chunk); });
  closeSync(fd);
  const m = { textBytes: info.textBytes, decodedBytes: info.decodedBytes, ranges: info.ranges.length };
  writeFileSync(meta, JSON.stringify(m));
  console.log(`generated ${file}: ${(m.textBytes / 2 ** 20).toFixed(0)} MiB text, ${(m.decodedBytes / 2 ** 20).toFixed(0)} MiB decoded, ${m.ranges} ranges in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { file, ...m };
}

/** Read the file once so that every timed run reads it from the page cache, not the disk. */
let built = false;

/** The CLI bundle, built from the sources once per bench process: a bundle left over from older sources would measure old code. */
export function freshCli(): string {
  const cli = join(root, 'dist', 'cli', 'devcoredump.mjs');
  if (!built) {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('cannot build the CLI bundle');
    built = true;
  }
  return cli;
}

export function warmPageCache(file: string): number {
  const t0 = performance.now();
  const fd = openSync(file, 'r');
  const buf = new Uint8Array(4 << 20);
  while (readSync(fd, buf, 0, buf.length, null) > 0);
  closeSync(fd);
  return performance.now() - t0;
}

export function benchParse(targetBytes: number, reps = 5): ParseBench & { warmMs: number } {
  const { file, textBytes, decodedBytes } = ensureLargeDump(targetBytes);
  const warmMs = warmPageCache(file);
  const cli = freshCli();
  const runs: ParseBench['runs'] = [];
  for (let i = 0; i < reps; i++) {
    const r = spawnSync(process.execPath, [cli, 'inspect', file, '--json', '--timing'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`devcoredump failed (${r.status}): ${r.stderr}`);
    const m = /parse: (\d+) ms, (\d+) MB\/s of input, max RSS bytes (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`no timing line in: ${r.stderr}`);
    runs.push({ ms: Number(m[1]), mbps: Number(m[2]), maxRssBytes: Number(m[3]) });
    const json = JSON.parse(r.stdout);
    if (json.diagnostics.length !== 0) throw new Error(`unexpected diagnostics: ${JSON.stringify(json.diagnostics.slice(0, 3))}`);
  }
  return { file, textBytes, decodedBytes, runs, warmMs };
}
