// End-to-end tests of on-demand decoding (src/format/paged.ts): dumps over the eager threshold keep
// only an index in the worker and decode the bytes a view reads. The threshold is lowered through
// its setting (localStorage) instead of writing gigabytes; one test opens a real 4 GiB + 4 KiB range.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { goToAddress, gotoOnDemand, openBytes } from './helpers.ts';
import { generateDump, generateLargeDump, type GeneratedDump } from '../src/gen/generate.ts';
import { DumpParser } from '../src/format/parser.ts';
import { foldAddress } from '../src/format/addr.ts';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const hexAddr = (a: bigint) => '0x' + a.toString(16);

const goTo = goToAddress;

/** Expect the 16 byte cells of the row at `rowAddr` to show data[off, off + 16). */
async function expectRow(page: Page, rowAddr: bigint, data: Uint8Array, off: number): Promise<void> {
  const row = page.locator(`[data-testid="hex-view"] [data-address="${hexAddr(rowAddr)}"]`);
  await expect(row).toHaveCount(1);
  await expect(row.locator('[data-offset]')).toHaveText(Array.from(data.subarray(off, off + 16), hex2));
}

const decoding = (page: Page) => page.evaluate(() => window.__devcoredump!.dump.getState().dump?.decoding ?? null);

/** Bytes at the start, in the middle and at the end of the largest range. */
async function expectStartMiddleEnd(page: Page, g: GeneratedDump): Promise<void> {
  const [addr, data] = [...g.rangeBytes].sort((a, b) => b[1].length - a[1].length)[0];
  const start = BigInt(addr);
  for (const off of [0, (data.length >> 1) & ~15, data.length - 16]) {
    await goTo(page, start + BigInt(off));
    await expectRow(page, start + BigInt(off), data, off);
  }
}

test.describe('on-demand decoding', () => {
  test.beforeEach(async ({ page }) => gotoOnDemand(page));

  test('a dump over the threshold is read at its start, middle and end', async ({ page }) => {
    const g = generateDump({ layout: '6.19', seed: 3 });
    await openBytes(page, g.bytes, 'ondemand.txt');
    await expect(page.getByTestId('hex-view')).toBeVisible();
    expect(await decoding(page)).toEqual({ mode: 'on-demand', spooled: false });
    await expectStartMiddleEnd(page, g);
  });

  test('a compressed dump over the threshold is decompressed into a temporary file and read from it', async ({ page }) => {
    const g = generateDump({ layout: '6.14', seed: 9 });
    await openBytes(page, gzipSync(g.bytes), 'ondemand.txt.gz');
    await expect(page.getByTestId('hex-view')).toBeVisible();
    expect(await decoding(page)).toEqual({ mode: 'on-demand', spooled: true });
    await expectStartMiddleEnd(page, g);
  });

  test('a search streams through the text (the file, or its decompressed temporary file) and finds every match; the page cache stays within its budget', async ({ page }) => {
    // A few MiB of ranges (many 64 KiB pages, more than the 256 KiB cache holds).
    const chunks: Uint8Array[] = [];
    generateLargeDump({ targetBytes: 3 << 20, seed: 6 }, (c) => void chunks.push(c.slice()));
    const bytes = Buffer.concat(chunks);
    const parser = new DumpParser();
    parser.push(bytes);
    const model = parser.finish();
    const big = model.ranges.reduce((a, b) => ((b.data?.length ?? 0) > (a.data?.length ?? 0) ? b : a));
    expect(big.length).toBeGreaterThan(1 << 20);
    // 8 bytes from the middle of the largest range, past its zero dwords; planted nowhere else.
    const dv = new DataView(big.data!.buffer, big.data!.byteOffset);
    let at = (big.length >> 1) & ~3;
    while (dv.getUint32(at, true) === 0 || dv.getUint32(at + 4, true) === 0) at += 4;
    const needle = big.data!.subarray(at, at + 8);
    let want = 0;
    for (const r of [...model.ranges, ...model.blobs]) {
      const d = r.data;
      if (!d) continue;
      for (let i = d.indexOf(needle[0]); i >= 0 && i + 8 <= d.length; i = d.indexOf(needle[0], i + 1)) if (needle.every((x, j) => d[i + j] === x)) want++;
    }
    expect(want).toBeGreaterThan(0);

    // Plain (the File's stream) and gzip (the temporary file's).
    for (const gz of [false, true]) {
      await openBytes(page, gz ? gzipSync(bytes) : bytes, gz ? 'ondemand-search.txt.gz' : 'ondemand-search.txt');
      await expect(page.getByTestId('hex-view')).toBeVisible();
      expect(await decoding(page)).toEqual({ mode: 'on-demand', spooled: gz });
      // Reads all over the largest range go through the cache.
      const start = foldAddress(big.address);
      for (const off of [0, big.length >> 2, big.length >> 1, big.length - 16]) {
        const o = off & ~15;
        await goTo(page, start + BigInt(o));
        await expectRow(page, start + BigInt(o), big.data!, o);
      }
      await page.getByTestId('hex-view').focus();
      await page.keyboard.press('Control+f');
      const pane = page.getByRole('region', { name: 'Search memory' });
      await pane.getByLabel('Search mode').selectOption('hex');
      const box = pane.getByLabel('Search for');
      await box.fill(Array.from(needle, hex2).join(' '));
      await box.press('Enter');
      await expect(pane.getByTestId('search-count')).toHaveText(`${want} result${want === 1 ? '' : 's'}`);
      const stats = await page.evaluate(() => window.__devcoredump!.dump.getState().client!.cacheStats());
      expect(stats.budget).toBe(256 << 10);
      expect(stats.peak).toBeGreaterThan(0);
      expect(stats.peak).toBeLessThanOrEqual(stats.budget);
      expect(stats.bytes).toBeLessThanOrEqual(stats.budget);
    }
  });

  test('an RFC-layout dump over the threshold is read at its start, middle and end', async ({ page }) => {
    // The 2023 layout: memory as lines of 16 hex words; over the threshold each range keeps a
    // checkpoint a page and its words are read again from the text (src/format/rfc.ts).
    const g = generateDump({ layout: 'rfc', seed: 4, bigRange: 256 << 10 });
    await openBytes(page, g.bytes, 'ondemand-rfc.txt');
    await expect(page.getByTestId('hex-view')).toBeVisible();
    expect(await decoding(page)).toEqual({ mode: 'on-demand', spooled: false });
    await expectStartMiddleEnd(page, g);
  });
});

test.describe('a range of 4 GiB + 4 KiB', () => {
  test.use({ serviceWorkers: 'block' });
  const LENGTH = 2 ** 32 + 4096;
  const START = 0x100000000000n;
  let path = '';
  let tail: Uint8Array;

  test.beforeAll(() => {
    test.setTimeout(300_000);
    path = join(tmpdir(), `devcoredump-e2e-huge-${process.pid}.txt`);
    const fd = openSync(path, 'w');
    try {
      const res = generateLargeDump({ targetBytes: 1 << 20, seed: 5, hugeRange: { length: LENGTH, address: START } }, (c) => { writeSync(fd, c); });
      tail = res.hugeTail!;
    } finally {
      closeSync(fd);
    }
  });

  test.afterAll(() => {
    rmSync(path, { force: true });
  });

  test('opens (default threshold: on demand), its first, middle and last rows show the right bytes', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto('/');
    await page.getByTestId('file-input').setInputFiles(path);
    await expect.poll(() => page.evaluate(() => window.__devcoredump!.dump.getState().dump?.done ?? false), { timeout: 240_000 }).toBe(true);
    expect(await decoding(page)).toEqual({ mode: 'on-demand', spooled: false });
    const range = await page.evaluate((a) => {
      const r = window.__devcoredump!.dump.getState().dump!.ranges.find((x) => '0x' + x.address.toString(16) === a)!;
      return { length: r.length, decodedLength: r.decodedLength, complete: r.complete, hasData: r.hasData };
    }, hexAddr(START));
    expect(range).toEqual({ length: LENGTH, decodedLength: LENGTH, complete: true, hasData: true });
    await goTo(page, START);
    await expectRow(page, START, new Uint8Array(16), 0);
    await goTo(page, START + 0x80000000n);
    await expectRow(page, START + 0x80000000n, new Uint8Array(16), 0);
    await goTo(page, START + BigInt(LENGTH - 4096));
    await expectRow(page, START + BigInt(LENGTH - 4096), tail, 0);
    const last = START + BigInt(LENGTH - 16);
    await goTo(page, last);
    await expectRow(page, last, tail, tail.length - 16);
  });
});
