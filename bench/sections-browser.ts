// `npm run bench:sections`: the viewer on the hostile input "1,000,000 one-line sections"
// (src/gen/hostile.ts) in Debian's Chromium, driven by Playwright. Each run opens the file in a
// fresh browser and prints: time from choosing the file to parsed and to the Sections panel
// showing its first row, the main thread's long tasks meanwhile (count, longest, sum), the
// renderer process's RSS and peak RSS (VmHWM), the number of section rows in the DOM, and the time
// from pressing End in the list to the last section shown. Figures only; it asserts nothing.
//   BENCH_RUNS=n (default 3, medians printed); BENCH_SECTIONS=n (default 1,000,000);
//   BENCH_TIMEOUT_MS: a page that has not shown the panel by then is reported as stalled (-1)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview, waitForServer } from '../scripts/preview-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const COUNT = Number(process.env.BENCH_SECTIONS ?? 1_000_000);
const MiB = 2 ** 20;
/** A page that has not shown the panel after this long is taken for stalled. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);

/** The hostile input's shape, with COUNT sections. */
function makeFile(dir: string): string {
  const parts = ['**** Xe Device Coredump ****\nkernel: 6.19.0\nReason: GPU hang\n'];
  for (let i = 0; i < COUNT; i++) parts.push(`**** S${i} ****\n`);
  const file = join(dir, 'sections.txt');
  writeFileSync(file, parts.join(''));
  return file;
}

// In-page script as text (tsx would wrap named functions in a helper the page does not have). The
// clock starts when the app's own file input (the Open dump button's) changes, as a person picks the file.
const IN_PAGE_SETUP = `
const b = (window.__bench = { longTasks: [], t0: 0, parsed: 0, panel: 0 });
new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
document.addEventListener('change', (ev) => {
  if (ev.target.type !== 'file') return;
  b.longTasks.length = 0;
  b.t0 = performance.now();
  const s = window.__devcoredump;
  const tick = () => {
    if (!b.parsed && s.dump.getState().dump) {
      b.parsed = performance.now() - b.t0;
      s.view.getState().setPanel('sections');
    }
    if (b.parsed && document.querySelector('.outline-item')) b.panel = performance.now() - b.t0;
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}, true);
`;

/** Parent pid of a process (field 4 of /proc/PID/stat, after the ")"). */
function parentOf(pid: string): string {
  return readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1].split(' ')[1];
}

/** The renderer with the largest resident set among the descendants of `browserPid` (other sessions run Chromium too). */
function rendererMem(browserPid: string): { rss: number; hwm: number } {
  let best = { rss: 0, hwm: 0 };
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('--type=renderer')) continue;
      let up = p;
      for (let i = 0; i < 6 && up !== browserPid && up !== '1' && up !== '0'; i++) up = parentOf(up);
      if (up !== browserPid) continue;
      const st = readFileSync(`/proc/${p}/status`, 'latin1');
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(st)?.[1] ?? 0) * 1024;
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(st)?.[1] ?? 0) * 1024;
      if (rss > best.rss) best = { rss, hwm };
    } catch {
      // gone
    }
  }
  return best;
}

/** The pid of the browser process Playwright started (a child of this process). */
function browserPid(): string {
  const mine = String(process.pid);
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (parentOf(p) === mine && readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('chrom')) return p;
    } catch {
      // gone
    }
  }
  return '';
}

interface Run { parsed: number; panel: number; longCount: number; longMax: number; longSum: number; rss: number; hwm: number; rows: number; endMs: number }

async function runOnce(file: string): Promise<Run> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
    await page.addInitScript(() => localStorage.setItem('devcoredump.recent.keep', '0'));
    page.on('pageerror', (e) => console.log('page error:', e.message));
    await page.goto(`http://localhost:${PORT}/`);
    await page.addScriptTag({ content: IN_PAGE_SETUP });
    const pid = browserPid();
    await page.getByTestId('file-input').setInputFiles(file);
    try {
      await page.waitForFunction(() => (window as unknown as { __bench: { panel: number } }).__bench.panel > 0, null, { timeout: TIMEOUT_MS, polling: 100 });
    } catch {
      // The page stalled (the section list before it was windowed): say so with its memory then.
      const mem = rendererMem(pid);
      return { parsed: -1, panel: -1, longCount: -1, longMax: -1, longSum: -1, rss: mem.rss, hwm: mem.hwm, rows: -1, endMs: -1 };
    }
    const b = await page.evaluate(() => (window as unknown as { __bench: { parsed: number; panel: number; longTasks: number[] } }).__bench);
    const rows = await page.locator('.outline-item').count();
    // End in the list: until the last section's row is on screen.
    await page.locator('.outline-item').first().click();
    const endMs = await page.evaluate(async (last) => {
      const t0 = performance.now();
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      for (let i = 0; i < 600; i++) {
        if ([...document.querySelectorAll('.outline-item')].some((e) => e.textContent!.startsWith(last))) return performance.now() - t0;
        await new Promise((r) => requestAnimationFrame(r));
      }
      return -1;
    }, `S${COUNT - 1}`);
    const mem = rendererMem(pid);
    const long = b.longTasks;
    return {
      parsed: b.parsed, panel: b.panel, longCount: long.length, longMax: Math.max(0, ...long),
      longSum: long.reduce((a, x) => a + x, 0), rss: mem.rss, hwm: mem.hwm, rows, endMs,
    };
  } finally {
    await browser.close();
  }
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function main(): Promise<void> {
  const b = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  if (b.status !== 0) throw new Error('vite build failed');
  const dir = mkdtempSync(join(tmpdir(), 'devcoredump-sections-bench-'));
  const server = startPreview(PORT);
  try {
    await waitForServer(`http://localhost:${PORT}/`);
    const file = makeFile(dir);
    console.log(`${COUNT.toLocaleString('en')} one-line sections (${(readFileSync(file).length / MiB).toFixed(1)} MiB), load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runOnce(file);
      runs.push(r);
      console.log(`run ${i + 1}: parsed ${r.parsed.toFixed(0)} ms, panel ${r.panel.toFixed(0)} ms, long tasks ${r.longCount} (longest ${r.longMax.toFixed(0)} ms, sum ${r.longSum.toFixed(0)} ms), renderer RSS ${(r.rss / MiB).toFixed(0)} MiB (peak ${(r.hwm / MiB).toFixed(0)}), section rows in the DOM ${r.rows}, End → last section ${r.endMs.toFixed(0)} ms`);
    }
    const m = (k: keyof Run) => median(runs.map((r) => r[k]));
    console.log(`median: parsed ${m('parsed').toFixed(0)} ms, panel ${m('panel').toFixed(0)} ms, long tasks ${m('longCount')} (longest ${m('longMax').toFixed(0)} ms, sum ${m('longSum').toFixed(0)} ms), renderer RSS ${(m('rss') / MiB).toFixed(0)} MiB (peak ${(m('hwm') / MiB).toFixed(0)}), rows ${m('rows')}, End ${m('endMs').toFixed(0)} ms`);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
