// `npm run bench:browser`: the viewer on a 1 GiB dump in Debian's Chromium, driven by Playwright.
// Prints: time from opening the file to the first hex row, total worker parse time and MB/s, peak
// memory of the renderer process (page + worker: VmHWM), the longest main-thread task, and frame
// times while scrolling the hex view, and memory search in the worker (4- and 16-byte patterns, and
// how long byte reads wait while a search runs), and the Commands view on a 64 MiB command stream
// (bench/commands-browser.ts). Figures only; nothing here fails on a slow machine.
//   BENCH_SIZE=bytes (default 1 GiB)
//   BENCH_HUGE_RANGE=bytes: add one range of that many bytes, zero but for its last 4 KiB (mostly
//     `z`: BENCH_SIZE=1M BENCH_HUGE_RANGE=10737418240 is a 10 GiB dump of 2.5 GiB text)
//   BENCH_DELETE=1: delete the generated dump afterwards (multi-GiB files)
// Dumps over 256 MiB of text are decoded on demand (src/format/paged.ts): the RSS target is
// <= 400 MiB whatever the size.
//   BENCH_ONLY=commands   only the Commands view figures (no 1 GiB dump)
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

/** Peak RSS (VmHWM) of Chromium renderer processes, in bytes: the largest one is our page's. */
function rendererPeakRss(): number {
  let max = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      if (m) max = Math.max(max, Number(m[1]) * 1024);
    } catch {
      // gone
    }
  }
  return max;
}

// In-page scripts as text: tsx would wrap named functions in a helper the page does not have.
const IN_PAGE_SETUP = `
window.__bench = { longTasks: [], t0: 0, firstRow: 0, parsed: 0 };
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
      mo.disconnect();
    }
  });
  mo.observe(document.body, { childList: true, subtree: true });
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

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'commands') {
    const server = startPreview();
    try {
      await waitForServer(`http://localhost:${PORT}/`);
      await commandsOnly();
    } finally {
      server.kill();
    }
    return;
  }
  const size = Number(process.env.BENCH_SIZE ?? 2 ** 30);
  const huge = Number(process.env.BENCH_HUGE_RANGE ?? 0);
  const dump = ensureLargeDump(size, 1, undefined, huge || undefined);
  const server = startPreview();
  try {
    await waitForServer(`http://localhost:${PORT}/`);
    const browser = await launch();
    // No service worker (its precaching would run during the measures) and no keeping of the
    // opened dump in the browser's storage (a background write of the whole file).
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
    await page.addInitScript(() => localStorage.setItem('devcoredump.recent.keep', '0'));
    page.on('pageerror', (e) => console.log('page error:', e.message));
    page.on('console', (m) => { if (m.type() === 'error' || m.text().startsWith('bench:')) console.log('console:', m.text()); });
    await page.goto(`http://localhost:${PORT}/`);
    await page.addScriptTag({ content: IN_PAGE_SETUP });
    let peak = 0;
    const poll = setInterval(() => { peak = Math.max(peak, rendererPeakRss()); }, 200);
    await page.setInputFiles('#bench-input', dump.file);
    await page.waitForFunction(() => (window as unknown as { __bench: { parsed: number } }).__bench.parsed > 0, null, { timeout: 120_000, polling: 100 });
    await page.waitForSelector('[data-testid="hex-view"] [data-address]', { timeout: 60_000 });
    const r = await page.evaluate(() => (window as unknown as { __bench: { firstRow: number; parsed: number; longTasks: number[] } }).__bench);
    const error = await page.evaluate(() => window.__devcoredump!.dump.getState().error);
    const timing = await page.evaluate(() => window.__devcoredump!.dump.getState().dump?.timing ?? null);
    if (error) throw new Error(`open failed: ${error.message}`);

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

    // Memory search in the worker: the 4- and 16-byte patterns of `npm run bench`, over every
    // range and blob. First straight through the client (the worker's own time and the page's wall
    // time), then once through the search pane's store while the page reads bytes every 10 ms (as
    // the hex view does): how long those reads wait, and the main thread's long tasks meanwhile.
    const searches = await page.evaluate(async () => {
      const client = window.__devcoredump!.dump.getState().client!;
      const out: { mode: string; workerMs: number; wallMs: number; bytes: number; count: number }[] = [];
      for (const [mode, text] of [['hex', 'c0 ff ee 11'], ['ascii', 'GuC log overflow']] as const) {
        for (let k = 0; k < 3; k++) {
          const t0 = performance.now();
          const done = await client.search(1000 + out.length, { mode, text, caseInsensitive: false, limit: 1_000_000 }, () => {});
          out.push({ mode, workerMs: done.elapsedMs, wallMs: performance.now() - t0, bytes: done.totalBytes, count: done.count });
        }
      }
      return out;
    });
    const longBeforeSearch = (await page.evaluate(() => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks)).length;
    const viaPane = await page.evaluate(async () => {
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
    clearInterval(poll);
    peak = Math.max(peak, rendererPeakRss());
    await browser.close();

    const parseMBs = dump.textBytes / 1e6 / (r.parsed / 1000);
    console.log(`== viewer in Chromium, ${(dump.textBytes / MiB).toFixed(0)} MiB dump (${(dump.decodedBytes / MiB).toFixed(0)} MiB decoded, ${dump.ranges} ranges) ==`);
    console.log(`open → first hex row:   ${r.firstRow.toFixed(0)} ms (target < 1500)`);
    console.log(`open → parsed (worker): ${r.parsed.toFixed(0)} ms = ${parseMBs.toFixed(0)} MB/s of input (target >= 300)`);
    if (timing) console.log(`  of which the worker parsed for ${timing.parseMs.toFixed(0)} ms (${(dump.textBytes / 1e6 / (timing.parseMs / 1000)).toFixed(0)} MB/s) and waited for file reads for ${timing.readWaitMs.toFixed(0)} ms`);
    const decoding = await page.evaluate(() => window.__devcoredump!.dump.getState().dump?.decoding ?? null).catch(() => null);
    console.log(`renderer peak RSS:      ${(peak / MiB).toFixed(0)} MiB (decoded ${(dump.decodedBytes / MiB).toFixed(0)} MiB; decoding ${decoding?.mode ?? 'memory'}; target <= 400 MiB past the threshold)`);
    console.log(`jump to the last range: ${lastJump.toFixed(0)} ms (select → its first row shown with its bytes; target < 200)`);
    const longest = longAll.length ? Math.max(...longAll) : 0;
    console.log(`main-thread long tasks: ${longAll.length} over 50 ms (${longBefore} while opening)${longAll.length ? `, longest ${longest.toFixed(0)} ms` : ''} (target: none)`);
    console.log(`go-to-address jumps in a ${(big.length / MiB).toFixed(0)} MiB range: ${jumps.map((x) => x.toFixed(0)).join(', ')} ms (Enter → row shown with its bytes; target < 100)`);
    console.log(`scroll frames (${frames.length}): p50 ${pct(frames, 50).toFixed(1)} ms, p95 ${pct(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms (target p95 < 20)`);
    const median = (a: number[]) => pct(a, 50);
    for (const mode of ['hex', 'ascii']) {
      const runs = searches.filter((x) => x.mode === mode);
      const gib = runs[0].bytes / 2 ** 30;
      const w = median(runs.map((x) => x.workerMs));
      console.log(
        `search in the worker, ${mode === 'hex' ? '4-byte' : '16-byte'} pattern over ${(runs[0].bytes / MiB).toFixed(0)} MiB: worker ${runs.map((x) => x.workerMs.toFixed(0)).join(', ')} ms ` +
          `(median ${w.toFixed(0)} ms = ${(w / gib).toFixed(0)} ms per GiB; target <= 1000 per GiB), page wall ${runs.map((x) => x.wallMs.toFixed(0)).join(', ')} ms, ${runs[0].count} matches`,
      );
    }
    console.log(
      `search through the pane: ${viaPane.wallMs.toFixed(0)} ms, ${viaPane.count} matches; ${viaPane.reads.length} byte reads meanwhile, ` +
        `p50 ${pct(viaPane.reads, 50).toFixed(1)} ms, max ${Math.max(...viaPane.reads).toFixed(1)} ms; main-thread long tasks meanwhile: ${longSearch.length}${longSearch.length ? ` (longest ${Math.max(...longSearch).toFixed(0)} ms)` : ''}`,
    );
    await commandsOnly();
  } finally {
    server.kill();
    if (process.env.BENCH_DELETE === '1') {
      rmSync(dump.file, { force: true });
      rmSync(`${dump.file}.meta.json`, { force: true });
    }
  }
}

await main();
