// Side panels and header strip against the built app, on the bundled sample and a truncated dump.
import { expect, test, type Page } from '@playwright/test';
import { openBytes } from './helpers.ts';
import { sampleDump } from '../scripts/make-sample.ts';
import { generateDump } from '../src/gen/generate.ts';
import { parseDump } from '../src/format/parser.ts';
import { hostileInputs } from '../src/gen/hostile.ts';

const sample = sampleDump();
const expected = sample.expected;

async function openSample(page: Page): Promise<void> {
  await page.goto('/');
  const ok = await page.evaluate(() => window.__devcoredump!.dump.getState().openSample());
  expect(ok).toBe(true);
  await expect(page.getByTestId('range-row').first()).toBeVisible();
}

async function openBytesAfresh(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  await page.goto('/');
  await openBytes(page, bytes, name);
}

function target(page: Page) {
  return page.evaluate(() => window.__devcoredump!.view.getState().target);
}

/** Index (in the expected list) of the range holding `address`. */
function rangeHolding(address: bigint): number {
  const fold = (a: bigint) => (a >> 47n === (1n << 17n) - 1n ? a & ((1n << 48n) - 1n) : a);
  return expected.ranges.findIndex((r) => {
    const s = fold(BigInt(r.address));
    return fold(address) >= s && fold(address) < s + BigInt(r.length);
  });
}

test('the header shows file, kernel, reason, process, PCI, snapshot and the hung engine', async ({ page }) => {
  await openSample(page);
  const header = page.getByRole('region', { name: 'Dump summary' });
  // The header is one line (file, kernel, hung engine, ACTHD) until Details shows the rest.
  await header.getByRole('button', { name: 'Details' }).click();
  await expect(header.getByRole('button', { name: 'Details' })).toHaveAttribute('aria-expanded', 'true');
  await expect(header).toContainText(sample.header.kernel);
  await expect(header).toContainText(sample.header.reason!);
  await expect(header).toContainText(`${sample.header.process} [${sample.header.pid}]`);
  await expect(header).toContainText(`0x${sample.header.pciId!.toString(16).padStart(4, '0')}`);
  await expect(header).toContainText('xe-6.19-sample.txt');
  await expect(header).toContainText(/Snapshot\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  await expect(header).toContainText('Hung engine');
  await expect(header).toContainText(expected.engines[0].registers.ACTHD);
  await expect(header).toContainText(expected.batchAddresses[0]);
  await expect(header).not.toContainText('parsing…');
});

test('the ranges table lists every range with its address', async ({ page }) => {
  await openSample(page);
  const rows = page.getByTestId('range-row');
  await expect(rows).toHaveCount(expected.ranges.length);
  const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));
  const want = [...expected.ranges].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1)).map((r) => r.address);
  expect(shown).toEqual(want);
  // Errors and sparse ranges are spelled out; the batch and ACTHD ranges are marked.
  await expect(page.locator('[data-testid=range-row][data-address="0x7f3a2c400000"]')).toContainText('error -14 (EFAULT)');
  await expect(page.locator('[data-testid=range-row][data-address="0x100000000"]')).toContainText('null_sparse');
  const batch = expected.ranges[rangeHolding(BigInt(expected.batchAddresses[0]))].address;
  await expect(page.locator(`[data-testid=range-row][data-address="${batch}"]`)).toContainText('batch');
  await expect(page.locator('[data-testid=range-row]', { hasText: 'ACTHD' })).toHaveCount(1);
});

test('sorting by size, both ways', async ({ page }) => {
  await openSample(page);
  const lengthOf = new Map(expected.ranges.map((r) => [r.address, r.length]));
  const sizes = () => page.getByTestId('range-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-address')!))
    .then((a) => a.map((x) => lengthOf.get(x)!));
  const header = page.getByRole('columnheader', { name: 'Size' });
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const asc = await sizes();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const desc = await sizes();
  expect(desc).toEqual([...asc].sort((a, b) => b - a));
  await expect(page.getByRole('columnheader', { name: 'Start' })).toHaveAttribute('aria-sort', 'none');
});

test('filtering ranges by address, properties and status', async ({ page }) => {
  await openSample(page);
  const filter = page.getByRole('searchbox', { name: 'Filter ranges' });
  const rows = page.getByTestId('range-row');
  await filter.fill('7f3a');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-address', '0x7f3a2c400000');
  await filter.fill('null_sparse');
  await expect(rows).toHaveCount(expected.ranges.filter((r) => r.properties?.includes('null_sparse')).length);
  await filter.fill('0x1a0040'); // an address inside the batch range
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-address', '0x1a0000');
  await filter.fill('nothing like this');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No range matches the filter.')).toBeVisible();
  await filter.fill('');
  await expect(rows).toHaveCount(expected.ranges.length);
});

test('clicking a range row, or Enter on it, selects it', async ({ page }) => {
  await openSample(page);
  const row = page.locator('[data-testid=range-row][data-address="0x200000000"]');
  await row.click();
  const index = expected.ranges.findIndex((r) => r.address === '0x200000000');
  expect(await target(page)).toEqual({ kind: 'range', index });
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid=range-row][aria-selected=true]')).toHaveCount(1);
  // Keyboard: the next row down, then Enter.
  await page.keyboard.press('ArrowDown');
  const next = page.locator('[data-testid=range-row]:focus');
  await expect(next).not.toHaveAttribute('data-address', '0x200000000'); // focus has moved
  const nextAddress = await next.getAttribute('data-address');
  await page.keyboard.press('Enter');
  expect(await target(page)).toEqual({ kind: 'range', index: expected.ranges.findIndex((r) => r.address === nextAddress) });
});

test('clicking ACTHD in Engines selects the range holding it', async ({ page }) => {
  await openSample(page);
  // Start somewhere else, so that the jump has to change the target.
  await page.locator('[data-testid=range-row][data-address="0x200000000"]').click();
  await page.getByRole('tab', { name: /^Engines/ }).click();
  const engine = expected.engines[0];
  const acthd = engine.registers.ACTHD;
  const regs = page.getByRole('table', { name: `${engine.name} registers` });
  await expect(regs).toBeVisible();
  await regs.getByRole('button', { name: `Go to ${engine.name} ACTHD ${acthd}` }).click();
  const want = rangeHolding(BigInt(acthd));
  expect(want).toBeGreaterThanOrEqual(0);
  expect(await target(page)).toEqual({ kind: 'range', index: want });
  expect(await page.evaluate(() => window.__devcoredump!.view.getState().address)).toBe(BigInt(acthd));
  // RING_BBADDR jumps with its flag bits masked.
  await regs.getByRole('button', { name: new RegExp(`^Go to ${engine.name} RING_BBADDR`) }).click();
  expect(await page.evaluate(() => window.__devcoredump!.view.getState().address)).toBe(BigInt(engine.registers.RING_BBADDR) & ~7n);
  // RING_START is a GGTT address: no captured range holds it.
  if (rangeHolding(BigInt(engine.registers.RING_START)) < 0) {
    await regs.getByRole('button', { name: new RegExp(`^Go to ${engine.name} RING_START`) }).click();
    await expect(regs.getByText('outside captured ranges')).toBeVisible();
  }
});

test('tabs: Alt+digit shortcuts and arrow keys', async ({ page }) => {
  await openSample(page);
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('tab', { name: /^Engines/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('tab', { name: /^Sections/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: /^Sections/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^Engines/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /^Engines/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: /^Ranges/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+4');
  await expect(page.getByText('No problems found')).toBeVisible();
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('blob-row').first()).toBeVisible();
  await page.getByTestId('blob-row').first().click();
  expect(await target(page)).toEqual({ kind: 'blob', index: 0 });
});

test('sections: outline, entries, and a line number opens the source', async ({ page }) => {
  await openSample(page);
  await page.getByRole('tab', { name: /^Sections/ }).click();
  const outline = page.getByRole('listbox', { name: 'Sections' });
  const job = expected.sections.find((s) => s.title === 'Job')!;
  await outline.getByRole('option', { name: /^Job/ }).click();
  await expect(outline.getByRole('option', { name: /^Job/ })).toHaveAttribute('aria-selected', 'true');
  const entries = page.getByRole('table', { name: 'Entries of Job' });
  await expect(entries).toContainText('batch_addr[0]');
  await expect(entries).toContainText(expected.batchAddresses[0]);
  await entries.getByRole('button', { name: `Show source line ${job.line + 1}` }).click();
  const dialog = page.getByRole('dialog', { name: `Source line ${job.line + 1}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('li[aria-current=true]')).toContainText('batch_addr[0]');
});

test('a diagnostic opens the source line in context; Escape closes it', async ({ page }) => {
  const g = generateDump({ layout: '6.14', seed: 3, truncateAt: 300000 });
  await openBytesAfresh(page, g.bytes, 't.txt');
  const tab = page.getByRole('tab', { name: /^Diagnostics/ });
  // The same bytes parsed here: the tab counts what the parser reports (a truncated file: errors).
  const diags = parseDump(g.bytes).diagnostics;
  const errors = diags.filter((d) => d.severity === 'error').length;
  expect(errors).toBeGreaterThan(0);
  await expect(tab).toHaveAccessibleName(`Diagnostics, ${diags.length} problem${diags.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}`);
  await tab.click();
  const diag = page.getByTestId('diagnostic').first();
  await expect(diag).toContainText('error');
  const line = Number(await diag.getAttribute('data-line'));
  expect(line).toBeGreaterThan(0);
  await diag.click();
  const dialog = page.getByRole('dialog', { name: `Source line ${line}` });
  await expect(dialog).toBeVisible();
  expect(await page.evaluate(() => window.__devcoredump!.view.getState().sourceLine)).toBe(line);
  const current = dialog.locator('li[aria-current=true]');
  await expect(current).toHaveAttribute('data-line', String(line));
  const lines = new TextDecoder().decode(g.bytes).split('\n');
  await expect(current).toContainText(lines[line - 1].slice(0, 20).trim());
  // Five lines either side, clipped to the file.
  await expect(dialog.locator('li')).toHaveCount(Math.min(line + 5, lines.length) - Math.max(1, line - 5) + 1);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.evaluate(() => window.__devcoredump!.view.getState().sourceLine)).toBeNull();
  await expect(diag).toBeFocused();
  // The truncated range says so in the table.
  await page.keyboard.press('Alt+1');
  await expect(page.locator(`[data-testid=range-row][data-address="${g.truncated!.partial!.address}"]`)).toContainText(/truncated .* of 256 KiB/);
});

test('a dump with many ranges: the table is windowed, and filter, End and selection still work', async ({ page }) => {
  const g = generateDump({ layout: '6.19', seed: 7, extraRanges: 400, zeroFraction: 0.9 });
  const total = g.expected.ranges.length;
  expect(total).toBeGreaterThan(300);
  await openBytesAfresh(page, g.bytes, 'many.txt');
  const rows = page.getByTestId('range-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('grid', { name: 'VM ranges' })).toHaveAttribute('aria-rowcount', String(total + 1));
  expect(await rows.count()).toBeLessThan(total); // only the visible rows (and overscan) are in the DOM
  await expect(page.getByText(`${total} ranges`)).toBeVisible();
  // Keyboard to the last row: it is rendered, focused, and Enter selects it.
  await rows.first().focus();
  await page.keyboard.press('End');
  const last = [...g.expected.ranges].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? 1 : -1))[0];
  const lastRow = page.locator(`[data-testid=range-row][data-address="${last.address}"]`);
  await expect(lastRow).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await target(page)).toEqual({ kind: 'range', index: g.expected.ranges.findIndex((r) => r.address === last.address) });
  await expect(lastRow).toHaveAttribute('aria-selected', 'true');
  // The filter reaches every range.
  await page.getByRole('searchbox', { name: 'Filter ranges' }).fill(last.address);
  await expect(rows).toHaveCount(1);
});

test('a million sections: the list holds only a window of rows, and the keys reach the last one', async ({ page }) => {
  test.setTimeout(120_000);
  const input = hostileInputs().find((h) => h.name === '1,000,000 one-line sections')!;
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: input.file, mimeType: 'text/plain', buffer: Buffer.from(input.bytes()) });
  // Once parsed, the tab counts every section.
  const tab = page.getByRole('tab', { name: 'Sections (1000001)' });
  await expect(tab).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => window.__devcoredump!.dump.getState().dump?.sections.count ?? 0), { timeout: 60_000 }).toBe(1_000_001);
  await page.keyboard.press('Alt+2');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const list = page.getByRole('listbox', { name: 'Sections' });
  // Only the rows on screen are made.
  await expect(list.getByRole('option').first()).toBeVisible();
  await expect(list.getByRole('option', { name: /^S999999/ })).toHaveCount(0);
  const first = list.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-setsize', '1000001');
  await expect(first).toContainText('Xe Device Coredump');
  expect(await list.getByRole('option').count()).toBeLessThan(200);

  // Click the first section, then End: the last one is chosen, shown and its (empty) entries listed.
  await first.click();
  await expect(list).toBeFocused();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  const last = list.getByRole('option', { name: /^S999999/ });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-posinset', '1000001');
  await expect(last).toContainText('line 1000003');
  await expect(list).toHaveAttribute('aria-activedescendant', (await last.getAttribute('id'))!);
  await expect(page.getByRole('table', { name: 'Entries of S999999' })).toBeVisible();
  await expect(page.getByText('This section is empty.')).toBeVisible();
  expect(await list.getByRole('option').count()).toBeLessThan(200);
  // The row is inside the list's box (scrolled into view), not only in the DOM.
  const box = (await list.boundingBox())!;
  const row = (await last.boundingBox())!;
  expect(row.y).toBeGreaterThanOrEqual(box.y - 1);
  expect(row.y + row.height).toBeLessThanOrEqual(box.y + box.height + 1);

  // Up, PageUp and Home move from there.
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { name: /^S999998/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('table', { name: 'Entries of S999998' })).toBeVisible();
  await page.keyboard.press('PageUp');
  await expect(list.getByRole('option', { name: /^S999998/ })).toHaveAttribute('aria-selected', 'false');
  expect(await page.evaluate(() => window.__devcoredump!.view.getState().section)).toBeLessThan(999_999);
  await page.keyboard.press('Home');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first).toBeVisible();
  expect(await list.getByRole('option').count()).toBeLessThan(200);
});
