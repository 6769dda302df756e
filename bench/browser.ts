// `npm run bench:browser`: the viewer on a large dump in Debian's Chromium, driven by Playwright.
// Each run opens the dump in a fresh browser and prints: time from opening the file to the first
// progress report in the page and to the first hex row (and that row shown with its bytes), time to fully indexed (the worker's parse
// time and its wait for file reads), the renderer process's peak RSS (VmHWM of page + worker, and
// its RSS once indexed, browsed and searched), jumps (Go to address; selecting the last range),
// frame times while scrolling the hex view, the main thread's long tasks, memory search in the
// worker (4- and 16-byte patterns: worker time, GiB/s, and GiB per CPU-second of the renderer), a
// search through the pane while the page reads bytes, and the worker's page cache (held, peak,
// budget). Then the Commands view on a 64 MiB command stream (bench/commands-browser.ts). Figures
// only; nothing here fails on a slow machine.
//   BENCH_SIZE=bytes (default 1 GiB); BENCH_RUNS=n runs, medians printed (default 1)
//   BENCH_HUGE_RANGE=bytes: add one range of that many bytes, zero but for its last 4 KiB (mostly
//     `z`: BENCH_SIZE=1M BENCH_HUGE_RANGE=10737418240 is a 10 GiB dump of 2.5 GiB text)
//   BENCH_OUT=dir: where the dumps are generated (default bench/out); BENCH_DELETE=1 deletes it after
//   BENCH_PRESET=large: issue 14's figures in one command: a 4 GiB dump (median of BENCH_RUNS,
//     default 3) and a 10 GiB mostly-`z` dump (once: BENCH_RUNS_10G), generated under /tmp (or
//     BENCH_OUT) and deleted after (BENCH_KEEP=1 keeps them); no Commands view part
//   BENCH_ONLY=commands   only the Commands view figures; BENCH_COMMANDS=0 skips them
// Dumps over 256 MiB of text are decoded on demand (src/format/paged.ts): the RSS target is
// <= 400 MiB whatever the size.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureLargeDump } from './parse.ts';
import { startPreview as startVitePreview, waitForServer } from '../scripts/preview-server.ts';
import { benchCommandsBrowser, printCommandsFigures } from './commands-browser.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const MiB = 2 ** 20;
const PORT = Number(process.env.BENCH_PORT ?? 4179);

function startPreview(): ChildProcess {
  if (!existsSync(join(root, 'dist', 'app', 'index.html')) || process.env.BENCH_BUILD !== '0') {
    const b = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('vite build failed');
  }
  return startVitePreview(PORT);
}

// In-page scripts as text: tsx would wrap named functions in a helper the page does not have.
const IN_PAGE_SETUP = `
window.__bench = { longTasks: [], t0: 0, firstRow: 0, firstBytes: 0, firstProgress: 0, parsed: 0 };
new PerformanceObserver(function (list) {
  for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });
const input = document.createElement('input');
input.type = 'file';
input.id = 'bench-input';
input.style.display = 'none';
document.body.append(input);
input.addEventListener('change', function () {
  window.__bench.t0 = performance.now();
  const mo = new MutationObserver(function () {
    if (!window.__bench.firstRow && document.querySelector('[data-testid="hex-view"] [data-address]')) {
      window.__bench.firstRow = performance.now() - window.__bench.t0;
    }
    if (!window.__bench.firstBytes && document.querySelector('[data-testid="hex-view"] [data-address] [data-offset="0"]:not(.hb-loading)')) {
      window.__bench.firstBytes = performance.now() - window.__bench.t0;
      mo.disconnect();
    }
  });
  mo.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  const unsub = window.__devcoredump.dump.subscribe(function (st) {
    if (!window.__bench.firstProgress && st.loading && st.loading.progress) {
      window.__bench.firstProgress = performance.now() - window.__bench.t0;
      unsub();
    }
  });
  console.log('bench: opening ' + input.files[0].name);
  window.__devcoredump.dump.getState().openFile(input.files[0]).then(function () {
    console.log('bench: opened');
    window.__bench.parsed = performance.now() - window.__bench.t0;
  });
});
`;

const JUMP_TIMER = `
window.__jump = 0;
(function () {
  const sel = '[data-testid="hex-view"] [data-address="ADDR"] [data-offset="0"]:not(.hb-loading)';
  const box = document.querySelector('.hex-goto input');
  const t0 = performance.now();
  const mo = new MutationObserver(function () {
    if (document.querySelector(sel)) { window.__jump = performance.now() - t0; mo.disconnect(); }
  });
  mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
})();
`;

const FRAME_RECORDER = `
window.__frames = [];
window.__raf = true;
let last = performance.now();
requestAnimationFrame(function tick(t) {
  window.__frames.push(t - last);
  last = t;
  if (window.__raf) requestAnimationFrame(tick);
});
`;

/** In the page: show the largest range. */
const selectLargest = () => {
  const s = window.__devcoredump!;
  const ranges = s.dump.getState().dump!.ranges;
  let best = 0;
  for (const x of ranges) if (x.length > ranges[best].length) best = x.index;
  s.view.getState().select({ kind: 'range', index: best });
};

const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });

/** The Commands view figures, in a browser of their own. */
async function commandsOnly(): Promise<void> {
  const browser = await launch();
  try {
    printCommandsFigures(await benchCommandsBrowser(browser, `http://localhost:${PORT}/`, root));
  } finally {
    await browser.close();
  }
}

interface RunFigures {
  firstProgress: number;
  firstRow: number;
  firstBytes: number;
  parsed: number;
  timing: { parseMs: number; readWaitMs: number } | null;
  decoding: string;
  peakRss: number;
  rssIndexed: number;
  rssLoaded: number;
  hwmIndexed: number;
  hwmBrowsed: number;
  rssBrowsed: number;
  rssSearched: number;
  lastJump: number;
  jumps: number[];
  bigLength: number;
  frames: number[];
  longAll: number[];
  longBefore: number;
  searches: { mode: string; workerMs: number; wallMs: number; cpuMs: number; bytes: number; count: number }[];
  viaPane: { wallMs: number; reads: number[]; count: number } | null;
  longSearch: number[];
  cache: { bytes: number; peak: number; budget: number } | null;
  /** VmHWM of the other processes of the browser, by kind (browser, gpu-process, utility). */
  others: Map<string, number>;
}

/** The processes this bench started: descendants of this Node process (Chromium and its children). */
function ownPids(): string[] {
  const parent = new Map<string, string>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      parent.set(pid, readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1].split(' ')[1]);
    } catch {
      // gone
    }
  }
  const self = String(process.pid);
  const mine = (pid: string): boolean => {
    for (let p = parent.get(pid), i = 0; p && i < 8; p = parent.get(p), i++) if (p === self) return true;
    return false;
  };
  return [...parent.keys()].filter(mine);
}

/**
 * Resident set (VmRSS), its peak (VmHWM) and CPU time (user + system, ms) of a Chromium renderer
 * process (page + worker: a dedicated worker is a thread of its page's renderer): `only` (a pid), or
 * else the one of this bench's browser with the largest resident set. Only processes this bench
 * started count: on a shared machine another session's Chromium may hold a larger renderer.
 */
function rendererRss(only?: string): { pid: string; rss: number; hwm: number; cpuMs: number } {
  let best = { pid: '', rss: 0, hwm: 0, cpuMs: 0 };
  for (const pid of only ? [only] : ownPids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      if (!cmd.includes('--type=renderer')) continue;
      const st = readFileSync(`/proc/${pid}/status`, 'latin1');
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(st)?.[1] ?? 0) * 1024;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(st)?.[1] ?? 0) * 1024;
      // /proc/PID/stat: utime and stime are fields 14 and 15 (clock ticks of 10 ms), after the ")".
      const f = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1].split(' ');
      if (rss > best.rss) best = { pid, rss, hwm, cpuMs: (Number(f[11]) + Number(f[12])) * 10 };
    } catch {
      // gone
    }
  }
  return best;
}

/** Peak resident set (VmHWM) of each kind of process this bench's browser runs (browser, gpu-process, utility, renderer), the largest of each kind. */
function processPeaks(): Map<string, number> {
  const peaks = new Map<string, number>();
  for (const pid of ownPids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      if (!cmd.includes('chrom')) continue;
      const kind = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0) * 1024;
      peaks.set(kind, Math.max(peaks.get(kind) ?? 0, hwm));
    } catch {
      // gone
    }
  }
  return peaks;
}

/** One run in a fresh browser: open the dump, browse it, search it. `paneSearch`: also the search through the pane. */
async function runOnce(file: string, paneSearch: boolean): Promise<RunFigures> {
  const browser = await launch();
  try {
    // No service worker (its precaching would run during the measures) and no keeping of the
    // opened dump in the browser's storage (a background write of the whole file).
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
    await page.addInitScript(() => localStorage.setItem('devcoredump.recent.keep', '0'));
    page.on('pageerror', (e) => console.log('page error:', e.message));
    page.on('console', (m) => { if (m.type() === 'error' || m.text().startsWith('bench:')) console.log('console:', m.text()); });
    // The app starts the first open's worker once idle on the welcome screen (as it is when a
    // person picks a file): wait for it, so that the figures do not count its start-up.
    const spare = page.waitForEvent('worker', { timeout: 10_000 }).catch(() => null);
    await page.goto(`http://localhost:${PORT}/`);
    await spare;
    await page.addScriptTag({ content: IN_PAGE_SETUP });
    // The page's renderer: the largest once the app has loaded; every figure below is of it.
    const loaded = rendererRss();
    const pid = loaded.pid;
    let peak = 0;
    const poll = setInterval(() => { peak = Math.max(peak, rendererRss(pid).hwm); }, 200);
    await page.setInputFiles('#bench-input', file);
    await page.waitForFunction(() => (window as unknown as { __bench: { parsed: number } }).__bench.parsed > 0, null, { timeout: 600_000, polling: 100 });
    await page.waitForSelector('[data-testid="hex-view"] [data-address]', { timeout: 60_000 });
    await page.waitForFunction(() => (window as unknown as { __bench: { firstBytes: number } }).__bench.firstBytes > 0, null, { timeout: 60_000, polling: 100 });
    const r = await page.evaluate(() => (window as unknown as { __bench: { firstRow: number; firstBytes: number; firstProgress: number; parsed: number; longTasks: number[] } }).__bench);
    const error = await page.evaluate(() => window.__devcoredump!.dump.getState().error);
    const timing = await page.evaluate(() => window.__devcoredump!.dump.getState().dump?.timing ?? null);
    if (error) throw new Error(`open failed: ${error.message}`);
    const { rss: rssIndexed, hwm: hwmIndexed } = rendererRss(pid);

    // Select the largest range and scroll it: frame times from requestAnimationFrame while wheeling.
    await page.evaluate(selectLargest);
    // Jumps with Go to address inside the largest range: in the page, from the Enter key to the
    // row shown with its bytes.
    const big = await page.evaluate(() => {
      const s = window.__devcoredump!;
      const r = s.dump.getState().dump!.ranges[s.view.getState().target!.index];
      return { start: '0x' + (BigInt(r.address) & 0xffffffffffffn).toString(16), length: r.length };
    });
    const jumps: number[] = [];
    for (const frac of [0.9, 0.1, 0.5, 0.99]) {
      const a = BigInt(big.start) + (BigInt(Math.floor(big.length * frac)) & ~15n);
      const box = page.getByLabel('Go to address');
      await box.fill('0x' + a.toString(16));
      await page.addScriptTag({ content: JUMP_TIMER.replace('ADDR', '0x' + a.toString(16)) });
      await page.waitForFunction(() => (window as unknown as { __jump: number }).__jump > 0, null, { polling: 50 });
      jumps.push(await page.evaluate(() => (window as unknown as { __jump: number }).__jump));
    }
    // Jump to the last range (the ranges table's way: select it), until its first row shows its bytes.
    const lastJump = await page.evaluate(async () => {
      const s = window.__devcoredump!;
      const ranges = s.dump.getState().dump!.ranges.filter((x) => x.hasData);
      const last = ranges[ranges.length - 1];
      const sel = '[data-testid="hex-view"] [data-address="0x' + (BigInt(last.address) & 0xffffffffffffn).toString(16) + '"] [data-offset="0"]:not(.hb-loading)';
      const t0 = performance.now();
      s.view.getState().select({ kind: 'range', index: last.index });
      while (!document.querySelector(sel)) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    });
    await page.evaluate(selectLargest);
    const grid = page.getByTestId('hex-view');
    await grid.hover();
    await page.waitForTimeout(300);
    const longBefore = r.longTasks.length;
    await page.addScriptTag({ content: FRAME_RECORDER });
    for (let i = 0; i < 240; i++) await page.mouse.wheel(0, 120);
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __raf: boolean };
      w.__raf = false;
      return w.__frames.slice(2);
    });
    const longAll = await page.evaluate(() => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks);
    const { rss: rssBrowsed, hwm: hwmBrowsed } = rendererRss(pid);

    // Memory search in the worker: the 4- and 16-byte patterns of `npm run bench`, over every
    // range and blob. First straight through the client (the worker's own time and the page's wall
    // time), then once through the search pane's store while the page reads bytes every 10 ms (as
    // the hex view does): how long those reads wait, and the main thread's long tasks meanwhile.
    // The renderer's CPU time across each search: GiB per CPU-second holds better than the wall
    // clock when other work shares the machine.
    const searches: RunFigures['searches'] = [];
    for (const [mode, text] of [['hex', 'c0 ff ee 11'], ['ascii', 'GuC log overflow']] as const) {
      const cpu0 = rendererRss(pid).cpuMs;
      const one = await page.evaluate(async ([mode, text, id]) => {
        const client = window.__devcoredump!.dump.getState().client!;
        const t0 = performance.now();
        const done = await client.search(id, { mode, text, caseInsensitive: false, limit: 1_000_000 }, () => {});
        return { mode, workerMs: done.elapsedMs, wallMs: performance.now() - t0, bytes: done.totalBytes, count: done.count };
      }, [mode, text, 1000 + searches.length] as const);
      searches.push({ ...one, cpuMs: rendererRss(pid).cpuMs - cpu0 });
    }
    const longBeforeSearch = (await page.evaluate(() => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks)).length;
    const viaPane = !paneSearch ? null : await page.evaluate(async () => {
      const s = window.__devcoredumpSearch!;
      const d = window.__devcoredump!.dump.getState();
      const r0 = d.dump!.ranges.find((r) => r.hasData)!;
      s.getState().setMode('hex');
      s.getState().setText('c0 ff ee 11');
      const reads: number[] = [];
      const t0 = performance.now();
      s.getState().run();
      while (s.getState().status === 'running') {
        const tr = performance.now();
        await d.client!.read({ kind: 'gpu' }, r0.address & 0xffff_ffff_ffffn, 256);
        reads.push(performance.now() - tr);
        await new Promise((r) => setTimeout(r, 10));
      }
      return { wallMs: performance.now() - t0, reads, count: s.getState().hits.length };
    });
    const longSearch = (await page.evaluate(() => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks)).slice(longBeforeSearch);
    const rssSearched = rendererRss(pid).rss;
    const decoding = await page.evaluate(() => window.__devcoredump!.dump.getState().dump?.decoding ?? null);
    const cache = await page.evaluate(() => window.__devcoredump!.dump.getState().client!.cacheStats?.() ?? null);
    clearInterval(poll);
    peak = Math.max(peak, rendererRss(pid).hwm);
    const others = processPeaks();
    others.delete('renderer');
    return {
      firstProgress: r.firstProgress, firstRow: r.firstRow, firstBytes: r.firstBytes, parsed: r.parsed, timing, decoding: decoding?.mode ?? 'memory',
      peakRss: peak, rssLoaded: loaded.rss, hwmIndexed, hwmBrowsed, rssIndexed, rssBrowsed, rssSearched, lastJump, jumps, bigLength: big.length, frames, longAll, longBefore,
      searches, viaPane, longSearch, cache, others,
    };
  } finally {
    await browser.close();
  }
}

const median = (a: number[]) => pct(a, 50);
const list = (a: number[], digits = 0) => a.map((x) => x.toFixed(digits)).join(', ');
const mib = (b: number) => (b / MiB).toFixed(0);

function printRuns(dump: { textBytes: number; decodedBytes: number; ranges: number }, runs: RunFigures[], label: string): void {
  const n = runs.length;
  const med = (f: (r: RunFigures) => number, digits = 0) => `${median(runs.map(f)).toFixed(digits)}${n > 1 ? ` (runs ${list(runs.map(f), digits)})` : ''}`;
  console.log(`== viewer in Chromium, ${label}: ${mib(dump.textBytes)} MiB text (${mib(dump.decodedBytes)} MiB decoded, ${dump.ranges} ranges), decoding ${runs[0].decoding}; ${n === 1 ? 'one run' : `median of ${n} runs, each in a fresh browser`} ==`);
  console.log(`open → first progress in the page: ${med((r) => r.firstProgress)} ms`);
  console.log(`open → first hex row:   ${med((r) => r.firstRow)} ms (target < 500); with its bytes ${med((r) => r.firstBytes)} ms`);
  console.log(`open → fully indexed:   ${med((r) => r.parsed)} ms = ${(dump.textBytes / 1e6 / (median(runs.map((r) => r.parsed)) / 1000)).toFixed(0)} MB/s of input`);
  const withTiming = runs.filter((r) => r.timing);
  if (withTiming.length) console.log(`  of which the worker parsed for ${med((r) => r.timing?.parseMs ?? 0)} ms and waited for file reads for ${med((r) => r.timing?.readWaitMs ?? 0)} ms`);
  console.log(`renderer peak RSS (VmHWM, page + worker): ${med((r) => r.peakRss / MiB)} MiB (target <= 400); RSS of the app before opening ${med((r) => r.rssLoaded / MiB)}, when indexed ${med((r) => r.rssIndexed / MiB)}, after browsing ${med((r) => r.rssBrowsed / MiB)}, after searching ${med((r) => r.rssSearched / MiB)} MiB; peak by then: indexed ${med((r) => r.hwmIndexed / MiB)}, browsed ${med((r) => r.hwmBrowsed / MiB)} MiB`);
  const kinds = [...runs[0].others.keys()].sort();
  console.log(`  the browser's other processes, peak RSS: ${kinds.map((k) => `${k} ${med((r) => (r.others.get(k) ?? 0) / MiB)}`).join(', ')} MiB (the File is read by the browser process)`);
  const c = runs[0].cache;
  if (c) console.log(`worker page cache after the run: ${list(runs.map((r) => (r.cache?.bytes ?? 0) / MiB))} MiB held, peak ${list(runs.map((r) => (r.cache?.peak ?? 0) / MiB))} MiB, budget ${mib(c.budget)} MiB`);
  console.log(`jump to the last range: ${med((r) => r.lastJump)} ms (select → its first row shown with its bytes; target < 200)`);
  console.log(`go-to-address jumps in a ${mib(runs[0].bigLength)} MiB range: ${runs.map((r) => list(r.jumps)).join('; ')} ms (Enter → row shown with its bytes; median ${median(runs.flatMap((r) => r.jumps)).toFixed(0)})`);
  const frames = runs.flatMap((r) => r.frames);
  console.log(`scroll frames (${frames.length}): p50 ${pct(frames, 50).toFixed(1)} ms, p95 ${pct(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms (target p95 < 20); per run p95 ${list(runs.map((r) => pct(r.frames, 95)), 1)} ms`);
  console.log(`main-thread long tasks: ${list(runs.map((r) => r.longAll.length))} over 50 ms (${list(runs.map((r) => r.longBefore))} while opening), longest ${list(runs.map((r) => (r.longAll.length ? Math.max(...r.longAll) : 0)))} ms`);
  for (const mode of ['hex', 'ascii']) {
    const s = runs.map((r) => r.searches.find((x) => x.mode === mode)!);
    const gib = s[0].bytes / 2 ** 30;
    const w = median(s.map((x) => x.workerMs));
    console.log(
      `search in the worker, ${mode === 'hex' ? '4-byte' : '16-byte'} pattern over ${mib(s[0].bytes)} MiB: worker ${list(s.map((x) => x.workerMs))} ms ` +
        `(median ${w.toFixed(0)} ms = ${(w / gib).toFixed(0)} ms per GiB = ${(gib / (w / 1000)).toFixed(2)} GiB/s; target >= 1 GiB/s), page wall ${list(s.map((x) => x.wallMs))} ms, ${s[0].count} matches; ` +
          `renderer CPU ${list(s.map((x) => x.cpuMs))} ms = ${(gib / (median(s.map((x) => x.cpuMs)) / 1000)).toFixed(2)} GiB per CPU-second`,
    );
  }
  for (const r of runs) {
    const p = r.viaPane;
    if (!p) continue;
    console.log(
      `search through the pane: ${p.wallMs.toFixed(0)} ms, ${p.count} matches; ${p.reads.length} byte reads meanwhile, ` +
        `p50 ${pct(p.reads, 50).toFixed(1)} ms, max ${Math.max(...p.reads).toFixed(1)} ms; main-thread long tasks meanwhile: ${r.longSearch.length}${r.longSearch.length ? ` (longest ${Math.max(...r.longSearch).toFixed(0)} ms)` : ''}`,
    );
  }
}

/** Generate (or reuse) a dump, run it `reps` times, print, and delete it if asked. */
async function benchDump(label: string, size: number, huge: number, reps: number, remove: boolean): Promise<void> {
  const dump = ensureLargeDump(size, 1, undefined, huge || undefined);
  try {
    const runs: RunFigures[] = [];
    for (let i = 0; i < reps; i++) runs.push(await runOnce(dump.file, i === 0));
    printRuns(dump, runs, label);
  } finally {
    if (remove) {
      rmSync(dump.file, { force: true });
      rmSync(`${dump.file}.meta.json`, { force: true });
    }
  }
}

async function main(): Promise<void> {
  const server = startPreview();
  try {
    await waitForServer(`http://localhost:${PORT}/`);
    if (process.env.BENCH_ONLY === 'commands') {
      await commandsOnly();
      return;
    }
    if (process.env.BENCH_PRESET === 'large') {
      // Issue 14's figures: a 4 GiB dump (median of BENCH_RUNS, default 3) and a 10 GiB dump that
      // is mostly `z` (one run: it takes minutes), both generated into BENCH_OUT and deleted after.
      process.env.BENCH_OUT ||= '/tmp/devcoredump-bench';
      const reps = Number(process.env.BENCH_RUNS ?? 3);
      await benchDump('4 GiB dump', 2 ** 32, 0, reps, process.env.BENCH_KEEP !== '1');
      await benchDump('10 GiB dump, mostly `z`', MiB, 10 * 2 ** 30, Number(process.env.BENCH_RUNS_10G ?? 1), process.env.BENCH_KEEP !== '1');
      return;
    }
    const size = Number(process.env.BENCH_SIZE ?? 2 ** 30);
    const huge = Number(process.env.BENCH_HUGE_RANGE ?? 0);
    await benchDump(`${mib(size)} MiB dump${huge ? ` + a ${mib(huge)} MiB range` : ''}`, size, huge, Number(process.env.BENCH_RUNS ?? 1), process.env.BENCH_DELETE === '1');
    if (process.env.BENCH_COMMANDS !== '0') await commandsOnly();
  } finally {
    server.kill();
  }
}

await main();
