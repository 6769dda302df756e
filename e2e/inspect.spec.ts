// End-to-end tests of the inspector panel (src/app/inspect/) against the built app: the data
// inspector at the cursor, following a GPU address, copy formats, shortcuts and downloads.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { sampleDump } from '../scripts/make-sample.ts';
import { findRangeAt } from '../src/format/addr.ts';
import { formatCArray, formatHexDump } from '../src/app/inspect/copy.ts';
import type { GeneratedDump } from '../src/gen/generate.ts';

const hexAddr = (a: bigint) => '0x' + a.toString(16);
const hex2 = (b: number) => b.toString(16).padStart(2, '0');

let g: GeneratedDump;
test.beforeAll(() => {
  g = sampleDump();
});

async function openSample(page: Page): Promise<void> {
  await page.goto('/');
  const ok = await page.evaluate(() => window.__devcoredump!.dump.getState().openSample());
  expect(ok).toBe(true);
  const panel = page.getByRole('region', { name: 'Inspector' });
  await expect(panel).toBeVisible();
  // At the test window's width the panel starts folded.
  const toggle = panel.getByRole('button', { name: 'Show' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(panel.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-expanded', 'true');
}

const setCursor = (page: Page, a: bigint) => page.evaluate((a) => window.__devcoredump_hex!.getState().setCursor(BigInt(a)), hexAddr(a));
const select = (page: Page, s: bigint, e: bigint) =>
  page.evaluate(([s, e]) => window.__devcoredump_hex!.getState().select(BigInt(s), BigInt(e)), [hexAddr(s), hexAddr(e)] as const);
const goTo = async (page: Page, a: bigint) => expect(await page.evaluate((a) => window.__devcoredump!.view.getState().goTo(BigInt(a)), hexAddr(a))).toBe(true);
const viewState = (page: Page) =>
  page.evaluate(() => {
    const v = window.__devcoredump!.view.getState();
    const d = window.__devcoredump!.dump.getState().dump!;
    const t = v.target;
    return {
      range: t && t.kind === 'range' ? '0x' + d.ranges[t.index].address.toString(16) : null,
      address: v.address === null ? null : '0x' + v.address.toString(16),
    };
  });

const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

test.describe('data inspector', () => {
  test.beforeEach(async ({ page }) => openSample(page));

  test('values at the cursor equal the bytes read in Node', async ({ page }) => {
    const panel = page.getByRole('region', { name: 'Inspector' });
    await expect(panel.getByRole('heading', { name: 'Inspector' })).toBeVisible();
    const data = g.rangeBytes.get('0x1a0000')!;
    for (const off of [0, 84, 88, 0x40, 0x123]) {
      await setCursor(page, 0x1a0000n + BigInt(off));
      await expect(panel.getByTestId('insp-at')).toContainText(`at ${hexAddr(0x1a0000n + BigInt(off))}`);
      const d = dv(data.subarray(off, off + 8));
      const cell = (id: string) => panel.getByTestId(`insp-${id}`);
      await expect(cell('u8').locator('.insp-dec')).toHaveText(String(d.getUint8(0)));
      await expect(cell('u8').locator('.insp-hex')).toHaveText('0x' + hex2(d.getUint8(0)));
      await expect(cell('i8')).toHaveText(String(d.getInt8(0)));
      for (const [le, sfx] of [[true, 'le'], [false, 'be']] as const) {
        await expect(cell(`u16-${sfx}`).locator('.insp-dec')).toHaveText(String(d.getUint16(0, le)));
        await expect(cell(`i16-${sfx}`)).toHaveText(String(d.getInt16(0, le)));
        await expect(cell(`u32-${sfx}`).locator('.insp-dec')).toHaveText(String(d.getUint32(0, le)));
        await expect(cell(`u32-${sfx}`).locator('.insp-hex')).toHaveText('0x' + d.getUint32(0, le).toString(16).padStart(8, '0'));
        await expect(cell(`i32-${sfx}`)).toHaveText(String(d.getInt32(0, le)));
        await expect(cell(`u64-${sfx}`).locator('.insp-dec')).toHaveText(d.getBigUint64(0, le).toString());
        await expect(cell(`i64-${sfx}`)).toHaveText(d.getBigInt64(0, le).toString());
        const f64 = d.getFloat64(0, le);
        await expect(cell(`f64-${sfx}`)).toHaveText(Object.is(f64, -0) ? '-0' : String(f64));
      }
      await expect(cell('bin8')).toHaveText(d.getUint8(0).toString(2).padStart(8, '0'));
      const b32 = d.getUint32(0, true).toString(2).padStart(32, '0');
      await expect(cell('bin32')).toHaveText(b32.match(/.{8}/g)!.join(' '));
    }
  });

  test('values past the end of the range show a dash', async ({ page }) => {
    const panel = page.getByRole('region', { name: 'Inspector' });
    const data = g.rangeBytes.get('0x1a0000')!;
    await setCursor(page, 0x1a0000n + BigInt(data.length - 3));
    await expect(panel.getByTestId('insp-u16-le').locator('.insp-dec')).toHaveText(String(dv(data).getUint16(data.length - 3, true)));
    await expect(panel.getByTestId('insp-u32-le')).toHaveText('—');
    await expect(panel.getByTestId('insp-u64-be')).toHaveText('—');
    await expect(panel.getByTestId('insp-f64-le')).toHaveText('—');
    await expect(panel.getByTestId('insp-gpu')).toHaveText('—');
  });

  test('following the MI_BATCH_BUFFER_START address is a history entry', async ({ page }) => {
    const data = g.rangeBytes.get('0x1a0000')!;
    const d = dv(data);
    let at = -1;
    for (let i = 0; i + 12 <= data.length; i += 4) if (d.getUint32(i, true) === 0x18800101) at = i + 4;
    expect(at).toBeGreaterThan(0);
    const target = d.getBigUint64(at, true) & ((1n << 48n) - 1n);
    expect(findRangeAt(g.expected.ranges.map((r) => ({ address: BigInt(r.address), length: r.length })), target)).toBeDefined();
    await goTo(page, 0x1a0040n);
    await setCursor(page, 0x1a0000n + BigInt(at));
    const panel = page.getByRole('region', { name: 'Inspector' });
    await expect(panel.getByTestId('insp-gpu')).toContainText(target.toString(16).padStart(12, '0'));
    await panel.getByRole('button', { name: 'Follow' }).click();
    expect(await viewState(page)).toEqual({ range: '0x1a0000', address: hexAddr(target) });
    expect(await page.evaluate(() => '0x' + window.__devcoredump_hex!.getState().cursor!.toString(16))).toBe(hexAddr(target));
    await page.goBack();
    await expect.poll(() => viewState(page)).toEqual({ range: '0x1a0000', address: '0x1a0040' });
  });

  test('following an address into another range changes the target; Back returns', async ({ page }) => {
    // A u64 in a captured range that points into another captured range with data.
    const ranges = g.expected.ranges.map((r) => ({ address: BigInt(r.address), length: r.length }));
    let from: { range: bigint; off: number; to: bigint; toRange: bigint } | null = null;
    for (const [k, v] of g.rangeBytes) {
      const d = dv(v);
      for (let i = 0; i + 8 <= v.length && !from; i += 8) {
        const x = d.getBigUint64(i, true);
        const r = x !== 0n && x < 1n << 48n ? findRangeAt(ranges, x) : undefined;
        if (r && r.address !== BigInt(k) && g.rangeBytes.has(hexAddr(r.address))) from = { range: BigInt(k), off: i, to: x, toRange: r.address };
      }
      if (from) break;
    }
    expect(from).not.toBeNull();
    const f = from!;
    await goTo(page, f.range + BigInt(f.off));
    await setCursor(page, f.range + BigInt(f.off));
    const panel = page.getByRole('region', { name: 'Inspector' });
    await panel.getByRole('button', { name: 'Follow' }).click();
    await expect.poll(() => viewState(page)).toEqual({ range: hexAddr(f.toRange), address: hexAddr(f.to) });
    await expect.poll(() => page.evaluate(() => '0x' + window.__devcoredump_hex!.getState().cursor!.toString(16))).toBe(hexAddr(f.to));
    await page.goBack();
    await expect.poll(() => viewState(page)).toEqual({ range: hexAddr(f.range), address: hexAddr(f.range + BigInt(f.off)) });
  });
});

test.describe('copy and download', () => {
  test.beforeEach(async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openSample(page);
  });

  const start = 0x1a0040n;
  const len = 62; // not a multiple of 4: the C array pads
  const bytes = () => g.rangeBytes.get('0x1a0000')!.subarray(0x40, 0x40 + len);
  const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

  test('copy formats give the exact text', async ({ page }) => {
    await select(page, start, start + BigInt(len));
    const panel = page.getByRole('region', { name: 'Inspector' });
    const status = panel.getByRole('status');

    await panel.getByRole('button', { name: 'Copy hex', exact: true }).click();
    await expect(status).toHaveText(`Copied ${len} bytes as hex`);
    expect(await clipboard(page)).toBe(Array.from(bytes(), hex2).join(' '));

    await panel.getByRole('button', { name: 'Copy hex dump' }).click();
    await expect(status).toHaveText(`Copied ${len} bytes as hex dump`);
    const dump = await clipboard(page);
    expect(dump).toBe(formatHexDump(bytes(), start));
    const lines = dump.split('\n');
    expect(lines).toHaveLength(5); // 4 lines of ≤ 16 bytes, then the final newline
    expect(lines[0].startsWith('00000000001a0040  ' + Array.from(bytes().subarray(0, 16), hex2).join(' '))).toBe(true);

    await panel.getByRole('button', { name: 'Copy as C array' }).click();
    await expect(status).toHaveText(`Copied ${len} bytes as C array`);
    const c = await clipboard(page);
    expect(c).toBe(formatCArray(bytes(), start));
    expect(c).toContain('static const uint32_t data_0x1a0040[] = {');
    expect(c).toContain('padded with 2 zero bytes');
    const d = dv(bytes());
    expect(c).toContain('0x' + d.getUint32(0, true).toString(16).padStart(8, '0') + ', ');

    await panel.getByRole('button', { name: 'Copy base64' }).click();
    await expect(status).toHaveText(`Copied ${len} bytes as base64`);
    expect(await clipboard(page)).toBe(Buffer.from(bytes()).toString('base64'));
  });

  test('without a selection, copies take the cursor byte; with nothing, buttons are disabled', async ({ page }) => {
    const panel = page.getByRole('region', { name: 'Inspector' });
    await page.evaluate(() => window.__devcoredump_hex!.getState().setCursor(null));
    await expect(panel.getByRole('button', { name: 'Copy hex', exact: true })).toBeDisabled();
    await expect(panel.getByRole('button', { name: 'Download .bin' })).toBeDisabled();
    await setCursor(page, 0x1a0054n);
    await panel.getByRole('button', { name: 'Copy hex', exact: true }).click();
    await expect(panel.getByRole('status')).toHaveText('Copied 1 byte as hex');
    expect(await clipboard(page)).toBe(hex2(g.rangeBytes.get('0x1a0000')![0x54]));
  });

  test('Ctrl+C copies a hex dump of the selection, Ctrl+Shift+C hex', async ({ page }) => {
    await select(page, start, start + BigInt(len));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+c');
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(`Copied ${len} bytes as hex dump`);
    expect(await clipboard(page)).toBe(formatHexDump(bytes(), start));
    await page.keyboard.press('Control+Shift+C');
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(`Copied ${len} bytes as hex`);
    expect(await clipboard(page)).toBe(Array.from(bytes(), hex2).join(' '));
  });

  test('Download .bin saves the selection; Download range the whole range', async ({ page }) => {
    await select(page, start, start + BigInt(len));
    const panel = page.getByRole('region', { name: 'Inspector' });
    const [dl] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download .bin' }).click()]);
    expect(dl.suggestedFilename()).toBe(`0x1a0040-${len}.bin`);
    expect(new Uint8Array(readFileSync(await dl.path()))).toEqual(new Uint8Array(bytes()));

    const [dl2] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download range' }).click()]);
    expect(dl2.suggestedFilename()).toBe('range-0x1a0000.bin');
    expect(new Uint8Array(readFileSync(await dl2.path()))).toEqual(new Uint8Array(g.rangeBytes.get('0x1a0000')!));

    // A 2 MiB range in chunks.
    await goTo(page, 0xfffeffe00000n);
    const [dl3] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download range' }).click()]);
    expect(dl3.suggestedFilename()).toBe('range-0xfffeffe00000.bin');
    const big = new Uint8Array(readFileSync(await dl3.path()));
    expect(big.length).toBe(2097152);
    expect(Buffer.compare(big, g.rangeBytes.get('0xfffeffe00000')!)).toBe(0);
  });

  test('Download range of a blob is named after the blob', async ({ page }) => {
    const index = await page.evaluate(() => {
      const d = window.__devcoredump!.dump.getState().dump!;
      const i = d.blobs.findIndex((b) => b.name === 'HWCTX' && b.hasData);
      window.__devcoredump!.view.getState().select({ kind: 'blob', index: i });
      return i;
    });
    expect(index).toBeGreaterThanOrEqual(0);
    const size = await page.evaluate((i) => window.__devcoredump!.dump.getState().dump!.blobs[i].length, index);
    const panel = page.getByRole('region', { name: 'Inspector' });
    const [dl] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download range' }).click()]);
    expect(dl.suggestedFilename()).toBe(`blob-HWCTX-${index}.bin`);
    expect(readFileSync(await dl.path()).length).toBe(size);
  });
});
