// End-to-end tests of the hex view (src/app/hex/HexPane.tsx) against the built app.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { goToAddress, openBytes } from './helpers.ts';
import { generateDump, type GeneratedDump } from '../src/gen/generate.ts';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const hexAddr = (a: bigint) => '0x' + a.toString(16);


/** Open a (large) dump file from disk through an <input type=file> made for the purpose. */
async function openPath(page: Page, path: string): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'hex-e2e-input';
    input.style.display = 'none';
    document.body.append(input);
  });
  await page.setInputFiles('#hex-e2e-input', path);
  const ok = await page.evaluate(() => {
    const input = document.getElementById('hex-e2e-input') as HTMLInputElement;
    const file = input.files![0];
    input.remove();
    return window.__devcoredump!.dump.getState().open({ kind: 'file', file, name: file.name });
  });
  expect(ok).toBe(true);
}

const goTo = goToAddress;

async function selectRange(page: Page, index: number): Promise<void> {
  await page.evaluate((index) => window.__devcoredump!.view.getState().select({ kind: 'range', index }), index);
}

/** data-address of the first row with a visible pixel in the rows viewport. */
function firstVisible(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const view = document.querySelector('[data-testid="hex-view"] .hex-rowsview');
    if (!view) return null;
    const top = view.getBoundingClientRect().top;
    for (const r of document.querySelectorAll<HTMLElement>('[data-testid="hex-view"] [data-address]')) {
      if (r.getBoundingClientRect().bottom > top + 0.5) return r.dataset.address ?? null;
    }
    return null;
  });
}

/** data-address of the last row with a visible pixel in the rows viewport. */
function lastVisible(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const view = document.querySelector('[data-testid="hex-view"] .hex-rowsview');
    if (!view) return null;
    const bottom = view.getBoundingClientRect().bottom;
    let last: string | null = null;
    for (const r of document.querySelectorAll<HTMLElement>('[data-testid="hex-view"] [data-address]')) {
      if (r.getBoundingClientRect().top < bottom - 0.5) last = r.dataset.address ?? null;
    }
    return last;
  });
}

const storeAddress = (page: Page) => page.evaluate(() => '0x' + (window.__devcoredump!.view.getState().address ?? -1n).toString(16));

/** Expect all 16 byte cells of the row at `rowAddr` to show `bytes` (from `data`, offset `off`). */
async function expectRow(page: Page, rowAddr: bigint, data: Uint8Array, off: number): Promise<void> {
  const row = page.locator(`[data-testid="hex-view"] [data-address="${hexAddr(rowAddr)}"]`);
  await expect(row).toHaveCount(1);
  const want = Array.from(data.subarray(off, off + 16), hex2);
  await expect(row.locator('[data-offset]')).toHaveText(want);
}

test.describe('hex view, small dump', () => {
  let g: GeneratedDump;
  test.beforeAll(() => {
    g = generateDump({ layout: '6.19', seed: 1 });
  });

  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await openBytes(page, g.bytes);
    await expect(page.getByTestId('hex-view')).toBeVisible();
  });

  test('bytes at several addresses equal the generator bytes', async ({ page }) => {
    const cases: [string, number][] = [
      ['0x1a0000', 0x40],
      ['0x1a0000', 0xff0],
      ['0x13f780000', 0x1234],
      ['0x200000000', 0x3fff0],
      ['0xfffeffa00000', 0x20008],
      ['0xfffeffe00000', 0x100005],
    ];
    for (const [range, off] of cases) {
      const data = g.rangeBytes.get(range)!;
      expect(data, range).toBeDefined();
      const start = BigInt(range);
      const address = start + BigInt(off);
      await goTo(page, address);
      const rowOff = off - (off % 16);
      await expectRow(page, start + BigInt(rowOff), data, rowOff);
      // The other rows around it too.
      await expectRow(page, start + BigInt(Math.max(0, rowOff - 16)), data, Math.max(0, rowOff - 16));
      // The jumped-to byte is marked and visible.
      const cell = page.locator(`[data-testid="hex-view"] [data-address="${hexAddr(start + BigInt(rowOff))}"] [data-offset="${off % 16}"]`);
      await expect(cell).toHaveClass(/hb-mark/);
      await expect(cell).toBeInViewport();
      await expect(cell).toHaveText(hex2(data[off]));
    }
    // Header and grid labels.
    await expect(page.getByTestId('hex-header')).toContainText('0xfffeffe00000–0xffff00000000');
    await expect(page.getByTestId('hex-header')).toContainText('2 MiB');
    const grid = page.getByRole('grid', { name: 'Hex view of range 0xfffeffe00000' });
    await expect(grid).toHaveAttribute('aria-rowcount', String(2097152 / 16));
  });

  test('ASCII column and row structure', async ({ page }) => {
    await selectRange(page, 0);
    const data = g.rangeBytes.get('0x1a0000')!;
    const row = page.locator('[data-testid="hex-view"] [data-address="0x1a0000"]');
    await expect(row).toHaveAttribute('role', 'row');
    await expect(row).toHaveAttribute('aria-rowindex', '1');
    await expect(row.getByRole('gridcell')).toHaveCount(17);
    const ascii = Array.from(data.subarray(0, 16), (b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
    await expect(row.locator('.hx-ascii')).toHaveText(ascii);
    await expect(row.locator('.hx-addr')).toHaveText('00000000001a0000');
  });

  test('keyboard navigation moves by rows and reports the address', async ({ page }) => {
    const start = 0x200000000n;
    const len = 262144;
    await goTo(page, start);
    const grid = page.getByTestId('hex-view');
    await grid.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start + 0x10n));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start + 0x30n));
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start + 0x20n));
    // The store follows the scroll (throttled) and the view does not re-centre on its own report.
    await expect.poll(() => storeAddress(page)).toBe(hexAddr(start + 0x20n));
    // Once the grid has taken in that store address (and has no report waiting), it has not moved.
    await expect(grid).toHaveAttribute('data-synced-address', hexAddr(start + 0x20n));
    await expect(grid).not.toHaveAttribute('data-report-pending');
    expect(await firstVisible(page)).toBe(hexAddr(start + 0x20n));

    const pageRows = await page.evaluate(() => Math.floor(document.querySelector('.hex-rowsview')!.clientHeight / 20));
    await page.keyboard.press('PageDown');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start + 0x20n + BigInt(pageRows * 16)));
    await page.keyboard.press('PageUp');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start + 0x20n));
    await page.keyboard.press('Control+End');
    await expect.poll(() => lastVisible(page)).toBe(hexAddr(start + BigInt(len - 16)));
    await expectRow(page, start + BigInt(len - 16), g.rangeBytes.get('0x200000000')!, len - 16);
    await page.keyboard.press('Control+Home');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start));
    await page.keyboard.press('End');
    await expect.poll(() => lastVisible(page)).toBe(hexAddr(start + BigInt(len - 16)));
    await page.keyboard.press('Home');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(start));
  });

  test('an address set from outside is centred and marked', async ({ page }) => {
    const start = 0x13f780000n;
    const data = g.rangeBytes.get('0x13f780000')!;
    // The hang strip gains its "executing … after …" line when the worker has decoded the batch,
    // which makes the hex pane shorter: measure the centring once the layout has settled.
    await expect(page.getByRole('button', { name: 'Show in Commands' })).toBeVisible();
    await goTo(page, start + 0x8007n);
    const row = page.locator(`[data-testid="hex-view"] [data-address="${hexAddr(start + 0x8000n)}"]`);
    await expect(row).toBeInViewport();
    const [rb, vb] = await Promise.all([row.boundingBox(), page.locator('.hex-rowsview').boundingBox()]);
    const centre = vb!.y + vb!.height / 2;
    expect(Math.abs(rb!.y + rb!.height / 2 - centre)).toBeLessThanOrEqual(20);
    await expect(row.locator('[data-offset="7"]')).toHaveClass(/hb-mark/);
    await expect(row.locator('[data-offset="7"]')).toHaveText(hex2(data[0x8007]));
    // The store keeps the address that was asked for (no feedback from the view): the grid has
    // taken it in and has no scroll report waiting that could replace it.
    const grid = page.getByTestId('hex-view');
    await expect(grid).toHaveAttribute('data-synced-address', hexAddr(start + 0x8007n));
    await expect(grid).not.toHaveAttribute('data-report-pending');
    expect(await storeAddress(page)).toBe(hexAddr(start + 0x8007n));
  });

  test('selecting another range shows it; a range without data says so', async ({ page }) => {
    await selectRange(page, 1); // 0x100000000, null_sparse
    await expect(page.getByTestId('hex-view')).toHaveCount(0);
    await expect(page.getByTestId('hex-nodata')).toContainText('null (sparse) mapping');
    await expect(page.getByTestId('hex-header')).toContainText('0x100000000–0x100200000');
    await expect(page.getByTestId('hex-header')).toContainText('null_sparse');

    await selectRange(page, 5); // 0x7f3a2c400000, error -14
    await expect(page.getByTestId('hex-nodata')).toContainText('error -14');

    await selectRange(page, 3); // 0x1ff7ef000
    const grid = page.getByRole('grid', { name: 'Hex view of range 0x1ff7ef000' });
    await expect(grid).toBeVisible();
    await expect(grid).toHaveAttribute('aria-rowcount', String(65536 / 16));
    await expectRow(page, 0x1ff7ef000n, g.rangeBytes.get('0x1ff7ef000')!, 0);
    await expect(page.locator('[data-testid="hex-view"] [data-address="0x1ff7ef000"]')).toHaveAttribute('aria-rowindex', '1');

    await page.evaluate(() => window.__devcoredump!.view.getState().select({ kind: 'blob', index: 0 }));
    await expect(page.getByRole('grid', { name: /^Hex view of blob / })).toBeVisible();
    await expect(page.locator('[data-testid="hex-view"] [data-address="0x0"] [data-offset="0"]')).toHaveText(/^[0-9a-f]{2}$/);
    await expect(page.locator('[data-testid="hex-view"] [data-address="0x0"] .hx-addr')).toHaveText('00000000');
  });
});

test.describe('hex view, 256 MiB range', () => {
  test.describe.configure({ timeout: 240_000 });
  const START = 0x400000000n;
  const LEN = 256 << 20;
  const LAST = START + BigInt(LEN - 16);
  let dir: string;
  let path: string;
  let big: Uint8Array;

  test.beforeAll(() => {
    const g = generateDump({ layout: '6.19', seed: 1, bigRange: LEN });
    big = g.rangeBytes.get('0x400000000')!;
    dir = mkdtempSync(join(tmpdir(), 'hex-e2e-'));
    path = join(dir, 'big-6.19.txt');
    writeFileSync(path, g.bytes);
  });
  test.afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('last row is reachable by Ctrl+End, thumb and wheel; rows stay constant; frame times', async ({ page }, info) => {
    await page.goto('/');
    await openPath(page, path);
    await goTo(page, START);
    const grid = page.getByRole('grid', { name: 'Hex view of range 0x400000000' });
    await expect(grid).toBeVisible();
    await expect(grid).toHaveAttribute('aria-rowcount', String(LEN / 16));
    await expectRow(page, START, big, 0);

    // Ctrl+End
    await grid.focus();
    await page.keyboard.press('Control+End');
    await expect.poll(() => lastVisible(page)).toBe(hexAddr(LAST));
    await expectRow(page, LAST, big, LEN - 16);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => lastVisible(page)).toBe(hexAddr(LAST - 16n));
    await page.keyboard.press('Control+Home');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(START));

    // Thumb drag to the bottom (scrollbars are hidden headless: set scrollTop to its max).
    await grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(() => lastVisible(page)).toBe(hexAddr(LAST));
    await expectRow(page, LAST, big, LEN - 16);
    expect(await grid.evaluate((el) => el.scrollHeight)).toBeLessThanOrEqual(10_000_100);

    // Thumb to the middle lands in the middle (scaled), bytes right there.
    await grid.evaluate((el) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
    await expect.poll(() => lastVisible(page)).not.toBe(hexAddr(LAST));
    const mid = BigInt((await firstVisible(page))!);
    const midOff = Number(mid - START);
    expect(Math.abs(midOff - LEN / 2)).toBeLessThan(LEN / 1000);
    await expectRow(page, mid, big, midOff);

    // Wheel: 1:1 (100 px = 5 rows of 20 px) at the top …
    await page.keyboard.press('Home');
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(START));
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 100);
    await expect.poll(() => firstVisible(page)).toBe(hexAddr(START + 5n * 16n));
    // … and wheel down from near the bottom reaches the last row and stops there.
    await grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight - el.clientHeight - 3;
    });
    await expect.poll(() => lastVisible(page)).not.toBe(hexAddr(LAST));
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 400);
    await expect.poll(() => lastVisible(page)).toBe(hexAddr(LAST));
    await expectRow(page, LAST, big, LEN - 16);
    await expect.poll(() => storeAddress(page)).toBe(await firstVisible(page));

    // Constant DOM: a handful of rows whatever the range size.
    const domRows = await page.locator('[data-testid="hex-view"] [data-address]').count();
    expect(domRows).toBeGreaterThan(5);
    expect(domRows).toBeLessThanOrEqual(60);

    // Frame times while scrolling: wheel 40 px per frame, then a thumb drag across the range.
    await page.keyboard.press('Home');
    const stats = await grid.evaluate(async (el) => {
      const run = (step: (i: number) => void, frames: number) =>
        new Promise<{ frame: number[]; handler: number[] }>((resolve) => {
          const frame: number[] = [];
          const handler: number[] = [];
          let last = performance.now();
          let i = 0;
          const tick = (now: number) => {
            frame.push(now - last);
            last = now;
            const t0 = performance.now();
            step(i);
            handler.push(performance.now() - t0);
            if (++i < frames) requestAnimationFrame(tick);
            else resolve({ frame: frame.slice(2), handler });
          };
          requestAnimationFrame(tick);
        });
      const q = (a: number[], p: number) => {
        const s = [...a].sort((x, y) => x - y);
        return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
      };
      const sum = (r: { frame: number[]; handler: number[] }) => ({
        frameP50: q(r.frame, 0.5),
        frameP95: q(r.frame, 0.95),
        frameMax: q(r.frame, 1),
        handlerP50: q(r.handler, 0.5),
        handlerP95: q(r.handler, 0.95),
        handlerMax: q(r.handler, 1),
      });
      const wheel = await run(() => {
        el.dispatchEvent(new WheelEvent('wheel', { deltaY: 40, cancelable: true, bubbles: true }));
      }, 240);
      const maxTop = el.scrollHeight - el.clientHeight;
      const drag = await run((i) => {
        el.scrollTop = (maxTop * i) / 240;
        el.dispatchEvent(new Event('scroll')); // handled now, so that its work is measured here
      }, 240);
      return { wheel: sum(wheel), thumb: sum(drag) };
    });
    console.log('hex view frame times (ms):', JSON.stringify(stats));
    info.annotations.push({ type: 'frame-times', description: JSON.stringify(stats) });
    // Timing is reported, not asserted (a slow machine is not a failure; `npm run bench:browser`
    // measures it): here only check that every frame was handled.
    expect(stats.wheel.frameMax).toBeGreaterThan(0);
    expect(stats.thumb.frameMax).toBeGreaterThan(0);
  });
});
