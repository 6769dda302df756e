// The other GPU crash dumps (src/format/i915.ts, msm.ts, amdgpu.ts) in the app, as a person uses
// them: drop an i915 error state or an msm devcoredump, see each object's bytes at its address, the
// hang summary (ACTHD in the batch object; the ring at RPTR and the bo holding the fault), a share
// link that reopens as the same format; the welcome screen's sample of each format.
import { expect, test, type Page } from '@playwright/test';
import { jumpWithKeyboard, openBytes, showMap, typeAddress } from './helpers.ts';
import { generateI915 } from '../src/gen/i915.ts';
import { generateMsm } from '../src/gen/msm.ts';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const hexA = (a: bigint | number) => '0x' + a.toString(16);
const row = (page: Page, a: bigint) => page.locator(`[data-testid="hex-view"] [data-address="${hexA(a)}"]`);

const goto = typeAddress;

/** Each named range's first and last 16 bytes, at their addresses in the hex view. */
async function seeRanges(page: Page, ranges: { address: string; name: string; length: number; sha256: string | null }[], bytes: Map<string, Uint8Array>) {
  for (const r of ranges) {
    const b = bytes.get(r.name);
    if (!b) continue;
    const start = BigInt(r.address);
    await goto(page, r.address);
    await expect(row(page, start).locator('[data-offset]')).toHaveText(Array.from(b.subarray(0, 16), hex2));
    const last = start + BigInt(b.length - 16);
    await goto(page, hexA(last));
    await expect(row(page, last).locator('[data-offset]')).toHaveText(Array.from(b.subarray(b.length - 16), hex2));
  }
}

test('an i915 error state: objects at their GTT addresses, the hang in the batch, a share link that stays i915', async ({ page, browser }) => {
  const g = generateI915({ variant: 'compressed', userObjects: [8192] });
  await page.goto('/');
  await openBytes(page, g.bytes, 'i915-error.txt');
  const header = page.getByRole('region', { name: 'Dump summary' });
  await expect(header).toContainText('i915 error state');
  await expect(header).toContainText('Hung engine');
  await expect(page.getByTestId('range-row')).toHaveCount(g.expected.ranges.length);
  await expect(page.getByTestId('range-row').filter({ hasText: 'rcs0 batch' })).toHaveCount(1);
  await showMap(page);
  await expect(page.getByText('GPU address space (GTT) (48-bit)')).toBeVisible();
  await seeRanges(page, g.expected.ranges, g.rangeBytes);

  const hang = page.getByRole('region', { name: 'Hang summary' });
  await expect(hang.getByTestId('hang-engine')).toHaveText('rcs0');
  await expect(hang.getByTestId('hang-batch')).toContainText('0x100100000');
  const acthd = g.expected.registers.rcs0.ACTHD;
  const item = hang.getByTestId('hang-acthd');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('hang-acthd-offset')).toHaveText(`+${hexA(acthd - 0x100100000n)}`);
  await expect(item.getByTestId('hang-acthd-place')).toContainText('in the batch range');
  // Tiger Lake (PCI ID 0x9a49) is Gen12: the command tables name the instruction at ACTHD, the hung loop's jump.
  await expect(item.getByTestId('hang-acthd-instruction')).toContainText('executing MI_BATCH_BUFFER_START');
  await item.getByRole('button', { name: 'Open at ACTHD' }).click();
  await expect(page.getByTestId('hex-status')).toContainText(`Cursor 0x${acthd.toString(16).padStart(16, '0')}`);

  // Share 16 bytes from ACTHD; the link opens in a fresh browser as an i915 error state.
  await jumpWithKeyboard(page, hexA(acthd));
  for (let i = 0; i < 16; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('hex-status')).toContainText(`Selection 0x${acthd.toString(16).padStart(16, '0')}–`);
  await page.keyboard.press('Control+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Share a snapshot' });
  const url = await dialog.getByLabel('Share link').inputValue();
  expect(url).toMatch(/#s=/);
  await page.keyboard.press('Escape');
  const p2 = await (await browser.newContext()).newPage();
  await p2.goto(url);
  await expect(p2.getByTestId('snapshot-banner')).toContainText('Snapshot of i915-error.txt');
  await expect(p2.getByRole('region', { name: 'Dump summary' })).toContainText('i915 error state');
  await expect(p2.getByTestId('range-row').filter({ hasText: 'rcs0 batch' })).toHaveCount(1);
  const batch = g.rangeBytes.get('rcs0 batch')!;
  // The snapshot's range starts at ACTHD (rows count from it), as a part of the batch object.
  const off = Number(acthd - 0x100100000n);
  await expect(row(p2, acthd).locator('[data-offset]')).toHaveText(Array.from(batch.subarray(off, off + 16), hex2));
  await expect(p2.getByTestId('hang-acthd').getByTestId('hang-acthd-place')).toContainText('in the batch range');
  await expect(p2.getByTestId('hang-summary').getByTestId('hang-engine')).toHaveText('rcs0');
  await p2.context().close();
});

test('an msm devcoredump: rings and bos at their IOVAs, the ring at RPTR, the bo holding the fault', async ({ page }) => {
  const g = generateMsm();
  await page.goto('/');
  await openBytes(page, g.bytes, 'msm.devcore');
  await expect(page.getByRole('region', { name: 'Dump summary' })).toContainText('msm devcoredump');
  await expect(page.getByTestId('range-row')).toHaveCount(g.expected.ranges.length);
  await showMap(page);
  await expect(page.getByText('GPU address space (IOVA) (48-bit)')).toBeVisible();
  await seeRanges(page, g.expected.ranges, g.rangeBytes);
  const hang = page.getByRole('region', { name: 'Hang summary' });
  await expect(hang.getByTestId('hang-engine')).toHaveText('ringbuffer 0');
  const item = hang.getByTestId('hang-acthd');
  await expect(item).toContainText('RPTR');
  await expect(item.getByTestId('hang-acthd-offset')).toHaveText('+0xa0');
  const ring = g.rangeBytes.get('ringbuffer 0')!;
  const dv = new DataView(ring.buffer, ring.byteOffset, ring.byteLength);
  await expect(item.locator('.hang-dword-at')).toHaveText(dv.getUint32(0xa0, true).toString(16).padStart(8, '0'));
  const fault = hang.getByTestId('hang-fault');
  await expect(fault).toContainText('0x100021234');
  await expect(fault.getByTestId('hang-fault-place')).toHaveText('== bo vertex-buffer +0x1234');
  await fault.getByRole('button', { name: /^Go to fault address/ }).click();
  await expect(page.getByTestId('hex-status')).toContainText('Cursor 0x0000000100021234');
});

test('the welcome screen opens a sample of each other format', async ({ page }) => {
  for (const [label, format] of [['i915 error state', 'i915 error state'], ['msm devcoredump', 'msm devcoredump'], ['amdgpu devcoredump', 'amdgpu devcoredump']]) {
    await page.goto('/');
    await page.getByTestId('other-samples').getByRole('button', { name: label }).click();
    await expect(page.getByRole('region', { name: 'Dump summary' })).toContainText(format);
    if (format.startsWith('amdgpu')) await expect(page.getByTestId('hang-no-memory')).toBeVisible();
    else await expect(page.getByTestId('range-row').first()).toBeVisible();
  }
});

test('a pre-2015 i915 error state (per-dword lines): a 32-bit GTT, its objects\' bytes', async ({ page }) => {
  const g = generateI915({ variant: 'legacy' });
  await page.goto('/');
  await openBytes(page, g.bytes, 'i915_error_state');
  await expect(page.getByRole('region', { name: 'Dump summary' })).toContainText('i915 error state');
  await showMap(page);
  await expect(page.getByText('GPU address space (GTT) (32-bit)')).toBeVisible();
  await seeRanges(page, g.expected.ranges, g.rangeBytes);
  await expect(page.getByRole('region', { name: 'Hang summary' }).getByTestId('hang-engine')).toHaveText('render ring');
});
