// End-to-end tests of the hex view's working tools (src/app/hex/): Go to address, the cursor and
// keyboard, selection by keys and mouse, jump history, display options, ARIA.
import { expect, test, type Page } from '@playwright/test';
import { sampleDump } from '../scripts/make-sample.ts';
import { jumpWithKeyboard, typeAddress } from './helpers.ts';

const g = sampleDump();
const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const pad16 = (a: bigint) => '0x' + a.toString(16).padStart(16, '0');
const R = 0x200000000n;
const RB = g.rangeBytes.get('0x200000000')!;

async function open(page: Page): Promise<void> {
  await page.goto('/');
  const ok = await page.evaluate(() => window.__devcoredump!.dump.getState().openSample());
  expect(ok).toBe(true);
  await expect(page.getByTestId('hex-view')).toBeVisible();
}

const grid = (page: Page) => page.getByTestId('hex-view');
const status = (page: Page) => page.getByTestId('hex-status');
const row = (page: Page, a: bigint) => page.locator(`[data-testid="hex-view"] [data-address="0x${a.toString(16)}"]`);

const goto = typeAddress;

/** The cursor cell is at `a` (16-byte rows), shows the right byte, is in view, and the status says so. */
async function expectCursor(page: Page, a: bigint, start = R, data = RB): Promise<void> {
  const off = Number(a - start);
  const cell = row(page, a - (a % 16n)).locator(`[data-offset="${off % 16}"]`);
  await expect(cell).toHaveClass(/hb-cursor/);
  await expect(cell).toHaveText(hex2(data[off]));
  await expect(cell).toBeInViewport();
  await expect(status(page)).toContainText(`Cursor ${pad16(a)}`);
  await expect(status(page)).toContainText(`offset 0x${off.toString(16)}`);
}

test.describe('hex view for real work', () => {
  test.beforeEach(async ({ page }) => {
    await open(page);
  });

  test('Go to address: hex, underscores, canonical form, +offset, outside every range', async ({ page }) => {
    await goto(page, '0x2_0000_0123');
    await expectCursor(page, R + 0x123n);
    await expect(grid(page)).toBeFocused();
    // The grid points at the cursor cell, whose name has address and value.
    const id = await grid(page).getAttribute('aria-activedescendant');
    expect(id).toBeTruthy();
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('aria-label', `${pad16(R + 0x123n)}: 0x${hex2(RB[0x123])}`);
    await expect(page.locator(`[id="${id}"]`)).toHaveAttribute('role', 'gridcell');

    // Without 0x, in another range.
    await goto(page, '1a0040');
    await expectCursor(page, 0x1a0040n, 0x1a0000n, g.rangeBytes.get('0x1a0000')!);
    await expect(page.getByRole('grid', { name: 'Hex view of range 0x1a0000' })).toBeVisible();

    // Canonical sign-extended form.
    const big = g.rangeBytes.get('0xfffeffe00000')!;
    await goto(page, '0xffff_fffe_ffe0_1234');
    await expect(page.getByRole('grid', { name: 'Hex view of range 0xfffeffe00000' })).toBeVisible();
    await expectCursor(page, 0xfffeffe01234n, 0xfffeffe00000n, big);

    // +offset in the current range: hex and decimal.
    await goto(page, '+0x40');
    await expectCursor(page, 0xfffeffe00040n, 0xfffeffe00000n, big);
    await goto(page, '+100');
    await expectCursor(page, 0xfffeffe00064n, 0xfffeffe00000n, big);
    await goto(page, '+0x200000');
    await expect(page.getByTestId('hex-goto-message')).toContainText('past the end');

    // Outside every range: the nearest ranges below and above.
    await goto(page, '0x300000000');
    const msg = page.getByTestId('hex-goto-message');
    await expect(msg).toHaveAttribute('role', 'status');
    await expect(msg).toContainText('0x300000000 is not in any captured range');
    await expect(msg).toContainText('Nearest below: 0x200000000–0x200040000');
    await expect(msg).toContainText('Nearest above: 0x7f3a2c400000–0x7f3a2c410000');
    await expect(page.getByLabel('Go to address')).toBeFocused();
    // Ctrl+G focuses the box from the grid.
    await grid(page).focus();
    await page.keyboard.press('Control+g');
    await expect(page.getByLabel('Go to address')).toBeFocused();
  });

  test('keyboard moves the cursor; Shift extends; status bar follows', async ({ page }) => {
    await goto(page, '0x200000123');
    await expectCursor(page, R + 0x123n);
    const k = page.keyboard;
    await k.press('ArrowRight');
    await expectCursor(page, R + 0x124n);
    await k.press('ArrowDown');
    await expectCursor(page, R + 0x134n);
    await k.press('ArrowLeft');
    await expectCursor(page, R + 0x133n);
    await k.press('ArrowUp');
    await expectCursor(page, R + 0x123n);
    await k.press('Home');
    await expectCursor(page, R + 0x120n);
    await k.press('End');
    await expectCursor(page, R + 0x12fn);
    const pageRows = await page.evaluate(() => Math.floor(document.querySelector('.hex-rowsview')!.clientHeight / 20));
    await k.press('PageDown');
    await expectCursor(page, R + 0x12fn + BigInt(pageRows * 16));
    await k.press('PageUp');
    await expectCursor(page, R + 0x12fn);
    await k.press('Control+End');
    await expectCursor(page, R + BigInt(RB.length - 1));
    await k.press('Control+Home');
    await expectCursor(page, R);
    // Many rows down: the view follows the cursor.
    for (let i = 0; i < 60; i++) await k.press('ArrowDown');
    await expectCursor(page, R + 60n * 16n);

    // Shift+Right ×3 selects 4 bytes.
    await jumpWithKeyboard(page, '0x200000123');
    for (let i = 0; i < 3; i++) await k.press('Shift+ArrowRight');
    await expect(status(page)).toContainText(`Selection ${pad16(R + 0x123n)}–${pad16(R + 0x126n)}`);
    await expect(status(page)).toContainText('4 bytes (0x4)');
    await expect(row(page, R + 0x120n).locator('.hb-sel')).toHaveCount(4);
    await expect(row(page, R + 0x120n).locator('.hx-ascii .ha-sel')).toHaveCount(4);
    // Escape drops the selection; a plain arrow too.
    await k.press('Escape');
    await expect(status(page)).not.toContainText('Selection');
    await k.press('Shift+ArrowDown');
    await expect(status(page)).toContainText('17 bytes (0x11)');
    await k.press('ArrowRight');
    await expect(status(page)).not.toContainText('Selection');
  });

  test('click sets the cursor, drag and Shift+click select', async ({ page }) => {
    await goto(page, '0x200000100');
    const a = row(page, R + 0x100n).locator('[data-offset="2"]');
    const b = row(page, R + 0x110n).locator('[data-offset="9"]');
    await a.click();
    await expectCursor(page, R + 0x102n);
    await expect(grid(page)).toBeFocused();
    const ab = (await a.boundingBox())!;
    const bb = (await b.boundingBox())!;
    await page.mouse.move(ab.x + ab.width / 2, ab.y + ab.height / 2);
    await page.mouse.down();
    await page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(status(page)).toContainText(`Selection ${pad16(R + 0x102n)}–${pad16(R + 0x119n)}`);
    await expect(status(page)).toContainText('24 bytes (0x18)');
    await expectCursor(page, R + 0x119n);
    // Shift+click extends from the anchor.
    await row(page, R + 0x120n).locator('[data-offset="1"]').click({ modifiers: ['Shift'] });
    await expect(status(page)).toContainText('32 bytes (0x20)');
    // A plain click drops the selection.
    await a.click();
    await expect(status(page)).not.toContainText('Selection');
  });

  test('Back/Forward (Alt+Left/Right and the buttons) return to previous jumps', async ({ page }) => {
    const small = g.rangeBytes.get('0x1a0000')!;
    await goto(page, '0x1a0040');
    await expectCursor(page, 0x1a0040n, 0x1a0000n, small);
    await goto(page, '0x200000123');
    await expectCursor(page, R + 0x123n);
    await expect(page).toHaveURL(/addr=0x200000123/);

    await page.keyboard.press('Alt+ArrowLeft');
    await expect(page).toHaveURL(/addr=0x1a0040/);
    await expectCursor(page, 0x1a0040n, 0x1a0000n, small);
    await page.keyboard.press('Alt+ArrowRight');
    await expect(page).toHaveURL(/addr=0x200000123/);
    await expectCursor(page, R + 0x123n);

    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page).toHaveURL(/addr=0x1a0040/);
    await expectCursor(page, 0x1a0040n, 0x1a0000n, small);
    await page.getByRole('button', { name: 'Forward' }).click();
    await expect(page).toHaveURL(/addr=0x200000123/);
    await expectCursor(page, R + 0x123n);
  });

  test('display options: bytes per row, persistence, big-endian groups, ASCII, offsets', async ({ page }) => {
    await goto(page, '0x200000000');
    await page.getByLabel('Bytes per row').selectOption('32');
    await expect(row(page, R)).toBeVisible();
    await expect(row(page, R + 0x20n)).toBeVisible();
    await expect(row(page, R + 0x10n)).toHaveCount(0);
    await expect(row(page, R).locator('[data-offset]')).toHaveText(Array.from(RB.subarray(0, 32), hex2));
    const addrs = await page.locator('[data-testid="hex-view"] [data-address]').evaluateAll((els) => els.slice(0, 4).map((e) => BigInt(e.getAttribute('data-address')!)));
    expect(addrs[1] - addrs[0]).toBe(0x20n);
    expect(addrs[2] - addrs[1]).toBe(0x20n);

    // Groups of 4 read as words: little-endian (the default) draws each word's bytes reversed
    // (the word's value), big-endian in memory order. The DOM stays in memory order.
    const x = async (k: number) => (await row(page, R).locator(`[data-offset="${k}"]`).boundingBox())!.x;
    await expect(page.getByLabel('Byte order in groups')).toHaveValue('le');
    expect(await x(3)).toBeLessThan(await x(0));
    expect(await x(7)).toBeLessThan(await x(4));
    expect(await x(0)).toBeLessThan(await x(7));
    await expect(row(page, R).locator('[data-offset]')).toHaveText(Array.from(RB.subarray(0, 32), hex2));
    await page.getByLabel('Byte order in groups').selectOption('be');
    expect(await x(0)).toBeLessThan(await x(3));
    for (const k of [0, 3, 5, 31]) await expect(row(page, R).locator(`[data-offset="${k}"]`)).toHaveText(hex2(RB[k]));

    // Group 1: memory order whatever the byte order.
    await page.getByLabel('Group size').selectOption('1');
    await expect(row(page, R).locator('[data-offset]')).toHaveText(Array.from(RB.subarray(0, 32), hex2));

    // ASCII off, offsets as labels.
    await page.getByLabel('ASCII column').uncheck();
    await expect(row(page, R).locator('.hx-ascii')).toHaveCount(0);
    await page.getByLabel('Row labels').selectOption('offset');
    await expect(row(page, R + 0x20n).locator('.hx-addr')).toHaveText('00000020');

    // Persisted across a reload.
    await page.reload();
    const ok = await page.evaluate(() => window.__devcoredump!.dump.getState().openSample());
    expect(ok).toBe(true);
    await expect(page.getByLabel('Bytes per row')).toHaveValue('32');
    await expect(page.getByLabel('Group size')).toHaveValue('1');
    await expect(page.getByLabel('Byte order in groups')).toHaveValue('be');
    await expect(page.getByLabel('ASCII column')).not.toBeChecked();
    await expect(page.getByLabel('Row labels')).toHaveValue('offset');
    await goto(page, '0x200000000');
    await expect(row(page, R + 0x20n)).toBeVisible();
    await expect(row(page, R + 0x10n)).toHaveCount(0);
  });
});

test('one-key shortcuts: display options, inspector, bookmarks, follow, Ctrl+S download', async ({ page }) => {
  await open(page);
  await jumpWithKeyboard(page, '0x1a0058');
  const key = async (k: string) => page.keyboard.press(k);
  await key('g');
  await expect(page.getByLabel('Group size')).toHaveValue('8');
  await key('e');
  await expect(page.getByLabel('Byte order in groups')).toHaveValue('be');
  await key('w');
  await expect(page.getByLabel('Bytes per row')).toHaveValue('32');
  await key('a');
  await expect(page.getByLabel('ASCII column')).not.toBeChecked();
  await key('z');
  await expect(page.getByLabel('Dim zero bytes')).not.toBeChecked();
  await key('o');
  await expect(page.getByLabel('Row labels')).toHaveValue('offset');
  // Back to the defaults for what follows.
  for (const k of ['g', 'g', 'g', 'e', 'w', 'w', 'a', 'z', 'o']) await key(k);
  await expect(page.getByLabel('Group size')).toHaveValue('4');
  await expect(page.getByLabel('Bytes per row')).toHaveValue('16');

  const inspectorToggle = page.getByRole('region', { name: 'Inspector' }).getByRole('button', { expanded: true }).or(page.getByRole('region', { name: 'Inspector' }).getByRole('button', { expanded: false }));
  const before = await inspectorToggle.first().getAttribute('aria-expanded');
  await key('i');
  await expect(inspectorToggle.first()).toHaveAttribute('aria-expanded', before === 'true' ? 'false' : 'true');

  // The batch holds MI_BATCH_BUFFER_START with a 64-bit address: at the cursor, `f` follows it.
  const batch = g.rangeBytes.get('0x1a0000')!;
  const dv = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  let at = -1;
  for (let o = 0; o + 12 <= batch.length; o += 4) if (dv.getUint32(o, true) === 0x18800101) { at = o + 4; break; }
  expect(at).toBeGreaterThan(0);
  const pointer = dv.getBigUint64(at, true);
  await goto(page, '0x' + (0x1a0000 + at).toString(16));
  // The inspector reads the 8 bytes at the cursor first (asynchronously), then `f` can follow them.
  await expect(page.getByTestId('insp-gpu')).toContainText('0x' + pointer.toString(16).padStart(12, '0'));
  await expect(grid(page)).toBeFocused(); // not the go-to box, where `f` is just a letter
  await key('f');
  await expect(status(page)).toContainText(`Cursor ${pad16(pointer)}`);

  // Ctrl+S downloads the byte under the cursor (no selection) as .bin.
  const download = page.waitForEvent('download');
  await key('Control+s');
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^0x[0-9a-f]+-1\.bin$/);

  await expect(page.getByRole('region', { name: 'Bookmarks' }).or(page.locator('.bookmarks')).first()).toBeVisible();
  const collapsedBefore = await page.locator('.bookmarks').evaluate((el) => el.classList.contains('collapsed'));
  await key('b');
  await expect(page.locator('.bookmarks')).toHaveClass(collapsedBefore ? /^(?!.*collapsed).*$/ : /collapsed/);
});
