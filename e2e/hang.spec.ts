// End-to-end tests of the hang summary, the hex view's cross-reference marks and the pointer
// scan (src/app/hang/) against the built app, for a dump of every generator layout.
import { expect, test, type Page } from '@playwright/test';
import { openBytes } from './helpers.ts';
import { generateDump, LAYOUTS } from '../src/gen/generate.ts';
import { foldAddress } from '../src/format/addr.ts';

const hexA = (a: bigint | number) => '0x' + a.toString(16);
const pad16 = (a: bigint) => '0x' + a.toString(16).padStart(16, '0');
const hex2 = (b: number) => b.toString(16).padStart(2, '0');


/** The captured range (start, bytes) holding `a`, from the generator. */
function rangeOf(rangeBytes: Map<string, Uint8Array>, a: bigint): { start: bigint; bytes: Uint8Array } | null {
  for (const [k, bytes] of rangeBytes) {
    const start = foldAddress(BigInt(k));
    if (a >= start && a < start + BigInt(bytes.length)) return { start, bytes };
  }
  return null;
}

const cell = (page: Page, a: bigint) =>
  page.locator(`[data-testid="hex-view"] [data-address="${hexA(a - (a % 16n))}"] [data-offset="${Number(a % 16n)}"]`);

test.describe('hang summary', () => {
  for (const layout of LAYOUTS) {
    test(`shows where the GPU was (${layout})`, async ({ page }) => {
      const g = generateDump({ layout, seed: 1 });
      const engine = g.expected.engines[0];
      const acthd = foldAddress(BigInt(engine.registers.ACTHD));
      const batch = foldAddress(BigInt(g.expected.batchAddresses[0]));
      const br = rangeOf(g.rangeBytes, batch)!;
      expect(br).not.toBeNull();
      await page.goto('/');
      await openBytes(page, g.bytes);

      const hang = page.getByRole('region', { name: 'Hang summary' });
      await expect(hang).toBeVisible();
      if (g.header.reason) await expect(hang.getByTestId('hang-reason')).toHaveText(g.header.reason);
      else await expect(hang.getByTestId('hang-reason')).toHaveCount(0);
      await expect(hang.getByTestId('hang-engine')).toContainText(engine.name);

      // The batch range: start–end.
      const end = br.start + BigInt(br.bytes.length);
      await expect(hang.getByTestId('hang-batch-range')).toContainText(`${hexA(br.start)}–${hexA(end)}`);
      await expect(hang.getByTestId('hang-batch')).toContainText(hexA(batch));

      // ACTHD offset in the batch range.
      const item = hang.getByTestId('hang-acthd');
      await expect(item.getByTestId('hang-acthd-offset')).toHaveText(`+${hexA(acthd - br.start)}`);
      await expect(item.getByTestId('hang-acthd-place')).toContainText('in the batch range');

      // The dwords around ACTHD: 4 before, ACTHD's, 3 after, from the generator's bytes.
      const off = Number(acthd - br.start);
      const want: string[] = [];
      const first = Math.max(0, off - 16);
      const last = Math.min(br.bytes.length - 4, off + 12);
      const dv = new DataView(br.bytes.buffer, br.bytes.byteOffset, br.bytes.byteLength);
      for (let o = first; o <= last; o += 4) want.push(dv.getUint32(o, true).toString(16).padStart(8, '0'));
      const words = item.getByTestId('hang-dword');
      await expect(words).toHaveText(want);
      await expect(item.locator('.hang-dword-at')).toHaveText(dv.getUint32(off, true).toString(16).padStart(8, '0'));

      // Open at ACTHD: the hex cursor lands on it.
      await item.getByRole('button', { name: 'Open at ACTHD' }).click();
      await expect(page.getByTestId('hex-status')).toContainText(`Cursor ${pad16(acthd)}`);
      await expect(cell(page, acthd)).toHaveClass(/hb-cursor/);
      await expect(cell(page, acthd)).toHaveText(hex2(br.bytes[off]));

      // The ACTHD dword cells carry the xref class and title; the batch start byte its mark.
      for (let i = 0n; i < 4n; i++) {
        await expect(cell(page, acthd + i)).toHaveClass(/hb-xref-acthd/);
        await expect(cell(page, acthd + i)).toHaveAttribute('title', `ACTHD (${engine.name})`);
      }
      await expect(cell(page, acthd + 4n)).not.toHaveClass(/hb-xref-acthd/);
      await hang.getByTestId('hang-batch').getByRole('button', { name: /^Go to batch_addr\[0\]/ }).click();
      await expect(cell(page, batch)).toHaveClass(/hb-xref-batch/);
      await expect(page.getByTestId('hex-status')).toContainText(`Cursor ${pad16(batch)}`);

      // A register value in the Engines panel lands on the right byte.
      await page.keyboard.press('Alt+3');
      const regs = page.getByRole('table', { name: `${engine.name} registers` });
      await regs.getByRole('button', { name: `Go to ${engine.name} ACTHD ${engine.registers.ACTHD}` }).click();
      expect(await page.evaluate(() => window.__devcoredump!.view.getState().address)).toBe(acthd);
      await expect(cell(page, acthd)).toHaveClass(/hb-mark/);
      await expect(cell(page, acthd)).toHaveText(hex2(br.bytes[off]));

      // Pointer scan of the batch range: the MI_BATCH_BUFFER_START operand points at the batch.
      // Its 64-bit operand is only dword-aligned: scan dword-aligned unless it sits at 8n.
      const bbsAt = off + 4;
      if (bbsAt % 8 !== 0) await hang.getByLabel(/dword-aligned/).check();
      const scan = page.getByRole('region', { name: 'Pointers' });
      await scan.getByRole('button', { name: /^Pointers in range/ }).click();
      await expect(scan.getByTestId('pointer-status')).toBeVisible();
      const row = scan.locator(`[data-testid="pointer-row"][data-target="${batch.toString(16)}"]`).first();
      await expect(row).toBeVisible();
      await expect(row).toContainText(hexA(br.start + BigInt(bbsAt)));
      await row.getByRole('button', { name: `Go to pointer target ${hexA(batch)}` }).click();
      await expect(page.getByTestId('hex-status')).toContainText(`Cursor ${pad16(batch)}`);
    });
  }

  test('an ACTHD outside every captured range says so plainly', async ({ page }) => {
    const g = generateDump({ layout: '6.19', seed: 1 });
    const acthd = g.expected.engines[0].registers.ACTHD;
    const text = new TextDecoder().decode(g.bytes);
    const bogus = '0x00000000dead0000';
    const bytes = new TextEncoder().encode(text.replace(new RegExp(`(ACTHD: )${acthd}`), `$1${bogus}`));
    await page.goto('/');
    await openBytes(page, bytes);
    const item = page.getByRole('region', { name: 'Hang summary' }).getByTestId('hang-acthd');
    await expect(item).toContainText('outside every captured range');
    await expect(item.getByTestId('hang-dwords')).toHaveCount(0);
  });
});
