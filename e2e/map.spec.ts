// End-to-end tests of the address map (src/app/map/AddressMap.tsx) on the bundled sample dump.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { sampleDump } from '../scripts/make-sample.ts';
import { foldAddress } from '../src/format/addr.ts';
import { showMap } from './helpers.ts';

const expected = sampleDump().expected;
const hexAddr = (a: bigint) => '0x' + a.toString(16);
const folded = (a: string) => hexAddr(foldAddress(BigInt(a)));
/** Index of the expected range holding an address. */
const rangeOf = (a: bigint) =>
  expected.ranges.findIndex((r) => {
    const s = foldAddress(BigInt(r.address));
    return a >= s && a < s + BigInt(r.length);
  });

async function openSample(page: Page): Promise<void> {
  await page.goto('/');
  expect(await page.evaluate(() => window.__devcoredump!.dump.getState().openSample())).toBe(true);
  await showMap(page);
}

const target = (page: Page) => page.evaluate(() => window.__devcoredump!.view.getState().target);
const block = (page: Page, index: number) => page.locator(`[data-testid="map-block"][data-index="${index}"]`);

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

/** The marker's x lies inside the block. */
async function expectInside(page: Page, what: Locator, index: number): Promise<void> {
  const [w, b] = [await box(what), await box(block(page, index))];
  const x = w.x + w.width / 2;
  expect(x).toBeGreaterThanOrEqual(b.x - 1);
  expect(x).toBeLessThanOrEqual(b.x + b.width + 1);
}

test.describe('address map', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await openSample(page);
  });

  test('one block per captured range, in address order, with aria-labels and a legend', async ({ page }) => {
    const blocks = page.getByTestId('map-block');
    await expect(blocks).toHaveCount(expected.ranges.length);
    const addrs = await blocks.evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));
    expect(addrs).toEqual(expected.ranges.map((r) => folded(r.address)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    for (const [i, r] of expected.ranges.entries()) {
      const label = await block(page, i).getAttribute('aria-label');
      expect(label).toContain(`Range ${folded(r.address)}–${hexAddr(foldAddress(BigInt(r.address)) + BigInt(r.length))}`);
    }
    await expect(block(page, 0)).toHaveAttribute('aria-label', 'Range 0x1a0000–0x1a1000, 4 KiB, bo, read_only');
    const err = expected.ranges.findIndex((r) => r.error);
    await expect(block(page, err)).toHaveAttribute('data-kind', 'error');
    await expect(block(page, err)).toHaveAttribute('aria-label', /error -14/);
    const sparse = expected.ranges.findIndex((r) => r.properties?.includes('null_sparse'));
    await expect(block(page, sparse)).toHaveAttribute('data-kind', 'null_sparse');
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('userptr');
    // Gaps are labelled with their size.
    await expect(page.locator('.am-gap').first()).toContainText(/…/);
  });

  test('a tiny range stays visible beside a huge one; the strip stays compact', async ({ page }) => {
    const widths = await page.getByTestId('map-block').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(12);
    const small = expected.ranges.findIndex((r) => r.length === 4096);
    const big = expected.ranges.findIndex((r) => r.length === 2 * 1024 * 1024 && !r.properties?.includes('null_sparse'));
    const [s, b] = [await box(block(page, small)), await box(block(page, big))];
    expect(s.width).toBeGreaterThanOrEqual(12);
    expect(b.width).toBeGreaterThan(s.width);
    expect((await box(page.getByTestId('address-map'))).height).toBeLessThanOrEqual(100);
  });

  test('click opens the range in the hex view; the hex-position marker moves into its block', async ({ page }) => {
    const i = expected.ranges.findIndex((r) => r.address === '0x200000000');
    await block(page, i).click();
    expect(await target(page)).toEqual({ kind: 'range', index: i });
    await expect(block(page, i)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('map-marker')).toHaveAttribute('data-range', String(i));
    await expectInside(page, page.getByTestId('map-marker'), i);
    await expect(page.locator('[data-testid="hex-view"] [data-address="0x200000000"]')).toBeVisible();
    // A jump deeper in the range moves the marker right, still inside the block.
    const x0 = (await box(page.getByTestId('map-marker'))).x;
    await page.evaluate(() => window.__devcoredump!.view.getState().goTo(0x200030000n));
    await expect.poll(async () => (await box(page.getByTestId('map-marker'))).x).toBeGreaterThan(x0 + 2);
    await expectInside(page, page.getByTestId('map-marker'), i);
  });

  test('keyboard: arrows move between blocks, Enter opens, focus is visible', async ({ page }) => {
    await block(page, 0).click();
    await block(page, 0).focus();
    await page.keyboard.press('ArrowRight');
    await expect(block(page, 1)).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(block(page, 2)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(block(page, 1)).toBeFocused();
    await page.keyboard.press('End');
    const last = expected.ranges.length - 1;
    await expect(block(page, last)).toBeFocused();
    await page.keyboard.press('Enter');
    expect(await target(page)).toEqual({ kind: 'range', index: last });
    // Roving tabindex: one block in the tab order.
    expect(await page.locator('[data-testid="map-block"][tabindex="0"]').count()).toBe(1);
    const outline = await block(page, last).evaluate((e) => getComputedStyle(e).outlineStyle);
    expect(outline).not.toBe('none');
    // The tooltip shows the focused block.
    await expect(page.getByTestId('map-tip')).toContainText(folded(expected.ranges[last].address));
  });

  test('hover shows start, end, size and properties', async ({ page }) => {
    await block(page, 2).hover();
    const tip = page.getByTestId('map-tip');
    await expect(tip).toContainText('0x13f780000');
    await expect(tip).toContainText('0x13f7a0000');
    await expect(tip).toContainText('128 KiB');
    await expect(tip).toContainText('read_write|bo');
  });

  test('batch and ACTHD ticks sit in the batch block', async ({ page }) => {
    const batch = foldAddress(BigInt(expected.batchAddresses[0]));
    const bi = rangeOf(batch);
    expect(bi).toBeGreaterThanOrEqual(0);
    const tick = page.locator(`[data-testid="map-tick"][data-kinds~="batch"]`).first();
    await expect(tick).toHaveAttribute('data-range', String(bi));
    await expect(tick).toContainText('batch');
    await expectInside(page, tick, bi);
    const acthd = page.locator(`[data-testid="map-tick"][data-kinds~="acthd"]`).first();
    await expect(acthd).toContainText('ACTHD');
    const ai = Number(await acthd.getAttribute('data-range'));
    expect(ai).toBe(rangeOf(foldAddress(BigInt(expected.engines[0].registers.ACTHD))));
    await expectInside(page, acthd, ai);
  });

  test('zoom (buttons, keys, wheel), pan (drag) and reset', async ({ page }) => {
    const map = page.getByTestId('address-map');
    const w0 = (await box(block(page, 2))).width;
    await map.getByRole('button', { name: 'Zoom in map' }).click();
    await expect.poll(async () => (await box(block(page, 2))).width).toBeGreaterThan(w0 * 1.3);
    await map.getByRole('button', { name: 'Reset map zoom' }).click();
    await expect.poll(async () => (await box(block(page, 2))).width).toBeCloseTo(w0, 0);

    await block(page, 2).focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(async () => (await box(block(page, 2))).width).toBeGreaterThan(w0 * 2);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(async () => (await box(block(page, 2))).width).toBeCloseTo(w0, 0);

    // Wheel zoom around the pointer: the block under it stays under it.
    const b = await box(block(page, 4));
    const cx = b.x + b.width / 2;
    await page.mouse.move(cx, b.y + b.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await box(block(page, 4))).width).toBeGreaterThan(b.width * 1.5);
    const b2 = await box(block(page, 4));
    expect(b2.x).toBeLessThanOrEqual(cx);
    expect(b2.x + b2.width).toBeGreaterThanOrEqual(cx);

    // Drag pans, and does not select.
    const before = await target(page);
    const x1 = b2.x;
    await page.mouse.move(cx, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(cx - 150, b.y + b.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await box(block(page, 4))).x).toBeLessThan(x1 - 100);
    expect(await target(page)).toEqual(before);
    await map.getByRole('button', { name: 'Reset map zoom' }).click();
    await expect(map.getByText('whole space')).toBeVisible();
  });
});
