// `npm run bench:hostile`: time and peak RSS of each hostile input of issue 15, before and after.
// Builds the CLI (and a small runner of the viewer's worker code path, for the .zst/.xz inputs the
// CLI does not read) twice: from a git revision ("before", default 879a699, the state) and
// from this tree ("after"); runs each input through both, alternating, each run a fresh process,
// and prints medians. Whole processes: wall time, CPU time and the process's peak RSS (reported by
// a preload at exit). Prints figures only, asserts nothing.
//   npm run bench:hostile -- [--before REV] [--runs N] [--only TEXT]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { hostileInputs } from '../src/gen/hostile.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
};
const before = arg('--before', '879a699');
const runs = Number(arg('--runs', '3'));
const only = arg('--only', '');
const TIMEOUT_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'devcoredump-hostile-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** The worker's open path in Node: ParseSession over a File, as the viewer opens a dump. */
const sessionRunner = (tree: string) => `
import { readFileSync } from 'node:fs';
import { ParseSession } from '${join(tree, 'src/worker/session.ts')}';
const f = process.argv[2];
const s = new ParseSession();
try {
  const sum = await s.open({ kind: 'file', file: new File([readFileSync(f)], f), name: f }, () => {});
  console.log('ranges', sum.ranges.length, 'diagnostics', sum.diagnostics.length);
} catch (e) {
  console.log('refused:', String(e.failure?.message ?? e.message ?? e).replace(/^cannot open \\S+: /, '').slice(0, 200));
}
`;

/** Prints the process's peak RSS and CPU time at exit (loaded with --import into each run). */
const PRELOAD = `
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write('@@usage ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n');
});
`;

interface Tool {
  cli: string;
  session: string;
}

async function bundle(tree: string, out: string): Promise<Tool> {
  const common = { bundle: true, platform: 'node' as const, format: 'esm' as const, target: 'node20', logLevel: 'error' as const, nodePaths: [join(root, 'node_modules')] };
  const cli = join(out, 'cli.mjs');
  const session = join(out, 'session.mjs');
  await build({ ...common, absWorkingDir: tree, entryPoints: [join(tree, 'src/cli/entry.ts')], outfile: cli });
  mkdirSync(out, { recursive: true });
  const runner = join(out, 'session-runner.ts');
  writeFileSync(runner, sessionRunner(tree));
  // The worker's npm packages are CommonJS that require Node modules: give the ESM bundle a require.
  const banner = { js: "import { createRequire as __req } from 'node:module'; const require = __req(import.meta.url);" };
  await build({ ...common, absWorkingDir: tree, entryPoints: [runner], outfile: session, banner });
  return { cli, session };
}

function checkout(rev: string): string {
  const tree = join(dir, `tree-${rev}`);
  mkdirSync(tree, { recursive: true });
  const tar = execFileSync('git', ['-C', root, 'archive', rev, 'src'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', tree], { input: tar });
  return tree;
}

interface Figure {
  wallMs: number;
  cpuMs: number;
  rssKiB: number;
  /** What the run said (first line, or why it failed). */
  said: string;
}

const preload = join(dir, 'preload.mjs');
writeFileSync(preload, PRELOAD);

function runOnce(script: string, args: string[]): Figure {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', preload, script, ...args], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t0;
  const m = /@@usage (\d+) (\d+)/.exec(r.stderr ?? '');
  const firstError = (r.stderr ?? '').split('\n').find((l) => l.trim() !== '' && !l.startsWith('@@usage')) ?? '';
  const said = r.error ? `timed out after ${TIMEOUT_MS / 1000} s` : m ? (r.status === 0 ? (r.stdout.startsWith('refused:') ? r.stdout.trim().slice(0, 120) : 'ok') : `exit ${r.status}: ${firstError.slice(0, 80)}`) : `crashed (${r.signal ?? r.status}): ${(r.stderr ?? '').split('\n').find((l) => /Error|heap/i.test(l))?.slice(0, 80) ?? ''}`;
  return { wallMs, cpuMs: m ? Number(m[2]) / 1000 : NaN, rssKiB: m ? Number(m[1]) : NaN, said };
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const fmt = (f: Figure[]) => {
  const ok = f.filter((x) => !Number.isNaN(x.rssKiB));
  if (ok.length === 0) return f[0].said;
  const wall = median(ok.map((x) => x.wallMs)) / 1000;
  const cpu = median(ok.map((x) => x.cpuMs)) / 1000;
  const rss = median(ok.map((x) => x.rssKiB)) / 1024;
  const note = f[0].said === 'ok' ? '' : ` (${f[0].said})`;
  return `${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU, ${rss.toFixed(0)} MiB${note}`;
};

/** Inputs beside the generated ones that need the zstd / xz commands (skipped where missing). */
function compressedInputs(): { name: string; file: string }[] {
  const have = (cmd: string) => spawnSync(cmd, ['--version']).status === 0;
  const text = join(dir, 'inflate.txt');
  writeFileSync(text, `**** Xe Device Coredump ****\nkernel: 6.19.0\nReason: GPU hang\n${'a'.repeat(10_000_000)}\n`);
  const out: { name: string; file: string }[] = [];
  if (have('zstd')) {
    execFileSync('zstd', ['-q', '-19', '-f', text, '-o', join(dir, 'inflate.zst')]);
    out.push({ name: '.zst inflating to 10 MB (one line)', file: join(dir, 'inflate.zst') });
  }
  if (have('xz')) {
    execFileSync('xz', ['-k', '-9', '-f', text]);
    out.push({ name: 'the same text as .xz', file: `${text}.xz` });
    const dict = join(dir, 'dict.txt');
    writeFileSync(dict, 'x\n');
    execFileSync('xz', ['-k', '-f', '--lzma2=dict=1536MiB', dict]);
    out.push({ name: '.xz asking for a 1.5 GiB dictionary', file: `${dict}.xz` });
  }
  return out;
}

console.log(`building "before" (${before}) and "after" (this tree)…`);
const tools = {
  before: await bundle(checkout(before), join(dir, 'before')),
  after: await bundle(root, join(dir, 'after')),
};

const cases: { name: string; file: string; via: 'cli' | 'session' }[] = [];
for (const h of hostileInputs()) {
  const file = join(dir, h.file);
  writeFileSync(file, h.bytes());
  cases.push({ name: h.name, file, via: /\.(zst|xz)$/.test(h.file) ? 'session' : 'cli' });
}
for (const c of compressedInputs()) cases.push({ ...c, via: 'session' });

console.log(`${runs} runs each, before and after alternating; medians. CLI: inspect FILE --json; viewer: the worker's open path in Node.\n`);
console.log('| case | path | before | after |');
console.log('|---|---|---|---|');
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const fig: Record<'before' | 'after', Figure[]> = { before: [], after: [] };
  for (let i = 0; i < runs; i++) {
    for (const side of ['before', 'after'] as const) {
      const t = tools[side];
      fig[side].push(c.via === 'cli' ? runOnce(t.cli, ['inspect', c.file, '--json']) : runOnce(t.session, [c.file]));
    }
  }
  console.log(`| ${c.name} | ${c.via === 'cli' ? 'CLI' : 'viewer'} | ${fmt(fig.before)} | ${fmt(fig.after)} |`);
}
