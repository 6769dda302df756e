// The Commands view in Chromium (part of `npm run bench:browser`): a generated Battlemage dump with
// one more range holding 64 MiB of Xe2 command stream (src/gen/content.ts commandStream). Each
// run opens the dump in a fresh worker, shows that range, presses `c` and times:
//   - open the Commands view → first instruction rows in the DOM (in-page timer; the listing is
//     built then, cold), and again once it is built (warm: c twice); side by side, the same dump
//     decoded whole (under the on-demand threshold) and on demand (threshold set to 0: the listing
//     reads the range through the decoded-page cache, pages decoded from the file's text, and is
//     walked in steps: its first part at once, the rest after the first rows), and the time until
//     the whole listing is walked;
//   - the worker's instruction-boundary scan of the 64 MiB (its own clock) → MB/s;
//   - the full field decode of every instruction in the worker, asked for in windows of 2,048 rows
//     (the worker's clock), and the same seen from the page (the rows' structured clone included).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { generateDump } from '../src/gen/generate.ts';
import { commandStream, Rng } from '../src/gen/content.ts';
import { DumpParser } from '../src/format/parser.ts';
import { writeDumpText } from '../src/format/write.ts';
import { foldAddress } from '../src/format/addr.ts';

const MiB = 2 ** 20;
const BIG = 0x300000000n;

/** Writes the dump to bench/out/ and returns its path and the index of the 64 MiB range. */
export function commandsDump(root: string, size = 64 * MiB): { file: string; bytes: number } {
  const g = generateDump({ layout: '6.19', seed: 1, platform: 'bmg' });
  const parser = new DumpParser();
  parser.push(g.bytes);
  const model = parser.finish();
  const words = new Uint32Array(size / 4);
  commandStream(words, 0, words.length, BIG, new Rng(13), 'xe2');
  model.ranges.push({ address: BIG, length: size, line: 0, properties: null, data: new Uint8Array(words.buffer), decodedLength: size, complete: true, error: null });
  const chunks = writeDumpText(model, { pieces: model.ranges.filter((r) => r.data).map((r) => ({ address: foldAddress(r.address), length: r.length })), blobs: true, uncaptured: true });
  const dir = join(root, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `commands-${size}.txt`);
  writeFileSync(file, Buffer.concat(chunks));
  return { file, bytes: size };
}

// In-page: time from the `c` key to the first command row (text: tsx would wrap a function).
const FIRST_ROWS = `
window.__cmd = 0;
window.__cmdAll = 0;
(function () {
  const grid = document.querySelector('[data-testid="hex-view"]');
  grid.focus();
  const t0 = performance.now();
  const mo = new MutationObserver(function () {
    if (document.querySelector('[data-testid="command-row"][data-address]')) { window.__cmd = performance.now() - t0; mo.disconnect(); }
  });
  mo.observe(document.body, { childList: true, subtree: true, attributes: true });
  // The whole listing walked (a range decoded on demand is walked in steps after its first rows).
  const stop = window.__devcoredumpCommands.subscribe(function (s) {
    if (s.info && s.info.complete && s.mode === 'commands') { window.__cmdAll = performance.now() - t0; stop(); }
  });
  grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true, cancelable: true }));
})();
`;

/** Open → first rows and the boundary scan, for one way of holding the dump's bytes. */
export interface OpenFigures {
  coldMs: number[];
  /** `c` → the whole listing walked (on demand, after the first rows; decoded whole, at once). */
  allMs: number[];
  warmMs: number[];
  scanMBps: number[];
}

export interface CommandsFigures extends OpenFigures {
  bytes: number;
  instructions: number;
  decodeMBps: number[];
  decodePageMBps: number[];
  /** The same dump over the on-demand threshold (set to 0): the listing reads through the page cache. */
  onDemand: OpenFigures;
}

/** Time `c` → first rows, and → the whole listing walked, in-page. */
async function timeFirstRows(page: Page): Promise<{ first: number; all: number }> {
  await page.addScriptTag({ content: FIRST_ROWS });
  await page.waitForFunction(() => (window as unknown as { __cmd: number; __cmdAll: number }).__cmd > 0 && (window as unknown as { __cmdAll: number }).__cmdAll > 0, null, { timeout: 60_000, polling: 20 });
  return page.evaluate(() => ({ first: (window as unknown as { __cmd: number }).__cmd, all: (window as unknown as { __cmdAll: number }).__cmdAll }));
}

async function newPage(browser: Browser, url: string, onDemand: boolean): Promise<Page> {
  // bypassCSP: the timer is an inline script, which the app's Content-Security-Policy forbids.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
  await page.addInitScript((lazy) => {
    localStorage.setItem('devcoredump.recent.keep', '0');
    if (lazy) localStorage.setItem('devcoredump.eagerBytes', '0');
  }, onDemand);
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(url);
  return page;
}

/**
 * One run on `page`: open the dump in a fresh worker (the listing is built anew), show the big
 * range, time `c` → first rows cold, then warm (c twice). Leaves the Commands view open.
 */
async function openRun(page: Page, file: string, into: OpenFigures, onDemand: boolean): Promise<{ count: number; bytes: number }> {
  const gen = await page.evaluate(() => window.__devcoredump!.dump.getState().generation);
  await page.locator('input[type="file"]').first().setInputFiles(file);
  await page.waitForFunction((g) => window.__devcoredump!.dump.getState().generation > g, gen, { timeout: 120_000 });
  const mode = await page.evaluate(() => window.__devcoredump!.dump.getState().dump?.decoding?.mode);
  if (mode !== (onDemand ? 'on-demand' : 'memory')) throw new Error(`the dump was decoded ${mode}, not as asked`);
  await page.evaluate((big) => {
    const s = window.__devcoredump!;
    const i = s.dump.getState().dump!.ranges.findIndex((r) => (BigInt(r.address) & 0xffff_ffff_ffffn) === BigInt(big));
    s.view.getState().select({ kind: 'range', index: i });
  }, '0x' + BIG.toString(16));
  await page.waitForSelector('[data-testid="hex-view"] [data-address]');
  const cold = await timeFirstRows(page);
  into.coldMs.push(cold.first);
  into.allMs.push(cold.all);
  const info = await page.evaluate(() => {
    const i = window.__devcoredumpCommands!.getState().info!;
    return { scanMs: i.scanMs, count: i.count, bytes: i.bytes };
  });
  into.scanMBps.push(info.bytes / 1e6 / (info.scanMs / 1000));
  // Warm: back to Hex, and Commands again (the listing is kept).
  await page.keyboard.press('c');
  await page.waitForSelector('[data-testid="hex-view"] [data-address]');
  into.warmMs.push((await timeFirstRows(page)).first);
  return info;
}

export async function benchCommandsBrowser(browser: Browser, url: string, root: string, runs = 5): Promise<CommandsFigures> {
  const dump = commandsDump(root);
  const out: CommandsFigures = { bytes: dump.bytes, instructions: 0, coldMs: [], warmMs: [], scanMBps: [], decodeMBps: [], decodePageMBps: [], allMs: [], onDemand: { coldMs: [], allMs: [], warmMs: [], scanMBps: [] } };
  // Side by side: each run opens the dump decoded whole in one page, then on demand in another.
  const page = await newPage(browser, url, false);
  const lazy = await newPage(browser, url, true);
  for (let k = 0; k < runs; k++) {
    const info = await openRun(page, dump.file, out, false);
    out.instructions = info.count;
    if (k < 3) {
      const d = await page.evaluate(async () => {
        const st = window.__devcoredumpCommands!.getState();
        const client = window.__devcoredump!.dump.getState().client!;
        const t0 = performance.now();
        let worker = 0;
        for (let first = 0; first < st.info!.count; first += 2048) worker += (await client.commandsRows(st.info!.key, null, first, 2048)).decodeMs;
        return { page: performance.now() - t0, worker };
      });
      out.decodeMBps.push(info.bytes / 1e6 / (d.worker / 1000));
      out.decodePageMBps.push(info.bytes / 1e6 / (d.page / 1000));
    }
    await page.keyboard.press('c');
    const l = await openRun(lazy, dump.file, out.onDemand, true);
    if (l.count !== info.count) throw new Error(`on demand: ${l.count} instructions, decoded whole: ${info.count}`);
    await lazy.keyboard.press('c');
  }
  await page.close();
  await lazy.close();
  return out;
}

export function printCommandsFigures(f: CommandsFigures): void {
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const list = (a: number[]) => a.map((x) => x.toFixed(0)).join(', ');
  console.log(`== Commands view, ${(f.bytes / MiB).toFixed(0)} MiB command stream (${f.instructions.toLocaleString('en-US')} instructions, Xe2) ==`);
  console.log(`open Commands → first rows, listing built then: ${list(f.coldMs)} ms (median ${med(f.coldMs).toFixed(0)}; target < 100)`);
  console.log(`open Commands → first rows, listing kept:       ${list(f.warmMs)} ms (median ${med(f.warmMs).toFixed(0)})`);
  const o = f.onDemand;
  console.log(`  on demand (over the threshold): listing built then ${list(o.coldMs)} ms (median ${med(o.coldMs).toFixed(0)}; target < 100), kept ${list(o.warmMs)} ms (median ${med(o.warmMs).toFixed(0)})`);
  console.log(`  ratio on demand / decoded whole, listing built then: ${(med(o.coldMs) / med(f.coldMs)).toFixed(2)}x`);
  console.log(`open Commands → whole listing walked:          decoded whole ${list(f.allMs)} ms (median ${med(f.allMs).toFixed(0)}); on demand, in steps after the first rows ${list(o.allMs)} ms (median ${med(o.allMs).toFixed(0)})`);
  console.log(`worker: instruction-boundary scan:             ${list(f.scanMBps)} MB/s (median ${med(f.scanMBps).toFixed(0)}; target >= 100)`);
  console.log(`  on demand (pages decoded from the text):     ${list(o.scanMBps)} MB/s (median ${med(o.scanMBps).toFixed(0)})`);
  console.log(`worker: full field decode, 2,048-row windows:  ${list(f.decodeMBps)} MB/s (median ${med(f.decodeMBps).toFixed(0)}; worker clock)`);
  console.log(`page: every row fetched in 2,048-row windows:  ${list(f.decodePageMBps)} MB/s (median ${med(f.decodePageMBps).toFixed(0)}; page clock, the rows' structured clone included)`);
}
