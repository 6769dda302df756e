// Share links and snapshot files (src/app/share/), as people use them: open a dump, select bytes,
// Share (Ctrl+Shift+S), copy the link, open it in a fresh browser with no dump, see the bytes at
// their addresses and the hang; drop the full dump and land at the same place; hostile links;
// the budget; Export snapshot and open the file it writes.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sampleDump } from '../scripts/make-sample.ts';
import { generateDump } from '../src/gen/generate.ts';
import { parseDump } from '../src/format/parser.ts';
import { foldAddress } from '../src/format/addr.ts';
import { jumpWithKeyboard, typeAddress } from './helpers.ts';

const g = sampleDump();
const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const pad16 = (a: bigint) => '0x' + a.toString(16).padStart(16, '0');
const R = 0x200000000n;
const RB = g.rangeBytes.get('0x200000000')!;

const row = (page: Page, a: bigint) => page.locator(`[data-testid="hex-view"] [data-address="0x${a.toString(16)}"]`);
const status = (page: Page) => page.getByTestId('hex-status');

async function openFile(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
}

async function openDump(page: Page): Promise<void> {
  await page.goto('/');
  await openFile(page, g.bytes, 'hang.txt');
  await expect(page.getByTestId('hex-view')).toBeVisible();
}

const goto = typeAddress;

/** Select `n` bytes from `a` with the keyboard. */
async function selectBytes(page: Page, a: bigint, n: number): Promise<void> {
  await jumpWithKeyboard(page, '0x' + a.toString(16));
  const k = page.keyboard;
  for (let i = 1; i < n; i++) await k.press('Shift+ArrowRight');
  await expect(status(page)).toContainText(`${n} bytes`);
}

async function openShare(page: Page) {
  await page.keyboard.press('Control+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Share a snapshot' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function shareLink(page: Page): Promise<string> {
  const dialog = await openShare(page);
  const url = await dialog.getByLabel('Share link').inputValue();
  expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);
  return url;
}

async function freshPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  return ctx.newPage();
}

test.describe('share links', () => {
  test('select, share, open in a new browser without the dump, then drop the dump', async ({ page, browser }) => {
    await openDump(page);
    const at = R + 0x120n;
    await selectBytes(page, at, 40);
    const url = await shareLink(page);
    const dialog = page.getByRole('dialog', { name: 'Share a snapshot' });
    await expect(dialog.getByTestId('share-bytes')).toContainText(`40 bytes at 0x${at.toString(16)} (the selection)`);
    await expect(dialog.getByTestId('share-length')).toContainText(`${url.length.toLocaleString('en-US')} characters`);
    await expect(dialog).toContainText('hang.txt');
    await expect(dialog).toContainText(g.header.kernel);
    // Copy link puts it on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByTestId('share-status')).toHaveText('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await dialog.getByRole('button', { name: 'Copy for bug report' }).click();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).toContain(`[Open the snapshot in Devcoredump Viewer](${url})`);
    expect(md).toContain('**GPU hang**');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // A fresh browser, no dump: the snapshot.
    const p2 = await freshPage(browser);
    await p2.goto(url);
    await expect(p2.getByTestId('snapshot-banner')).toContainText(`Snapshot of hang.txt: 40 bytes at 0x${at.toString(16)}`);
    await expect(p2.getByTestId('hang-summary')).toContainText(g.header.reason!.slice(0, 20));
    // The bytes at their real GPU addresses, with the selection of the link.
    const first = row(p2, at - (at % 16n));
    await expect(first.locator('[data-offset="0"]')).toHaveText(hex2(RB[0x120]));
    await expect(row(p2, at + 0x10n).locator('[data-offset]')).toHaveText(Array.from(RB.subarray(0x130, 0x140), hex2));
    await expect(status(p2)).toContainText(`Selection ${pad16(at)}–${pad16(at + 39n)}`);
    // Offsets count from the start of the source's range, which the header names.
    await expect(p2.getByTestId('hex-part')).toContainText('part of range 0x200000000 (256 KiB)');
    await expect(status(p2)).toContainText('offset 0x147');
    // Keys in a dialog stay there: `w` in the shortcuts help does not change the hex view behind it.
    await p2.keyboard.press('?');
    await expect(p2.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    const bpr = await p2.evaluate(() => window.__devcoredump_hex!.getState().options.bytesPerRow);
    await p2.keyboard.press('w');
    expect(await p2.evaluate(() => window.__devcoredump_hex!.getState().options.bytesPerRow)).toBe(bpr);
    await p2.keyboard.press('Escape');

    // Dropping the full dump with the same fingerprint: same place, and the banner goes.
    await openFile(p2, g.bytes, 'hang-copy.txt');
    await expect(p2.getByRole('status').filter({ hasText: 'Opened the full dump hang-copy.txt' })).toBeVisible();
    await expect(p2.getByTestId('snapshot-banner')).toBeHidden();
    await expect(status(p2)).toContainText(`Selection ${pad16(at)}–${pad16(at + 39n)}`);
    expect(await p2.evaluate(() => window.__devcoredump!.dump.getState().dump!.ranges.length)).toBe(g.expected.ranges.length);
    expect(p2.url()).not.toContain('#s=');
    await p2.context().close();
  });

  test('a share link pasted onto the page (Paste button) opens its snapshot', async ({ page, browser }) => {
    await openDump(page);
    await selectBytes(page, R + 0x40n, 8);
    const url = await shareLink(page);
    const p2 = await freshPage(browser);
    await p2.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await p2.goto('/');
    await p2.evaluate((t) => navigator.clipboard.writeText(t), url);
    await p2.getByRole('banner').getByRole('button', { name: 'Paste' }).click();
    await expect(p2.getByTestId('snapshot-banner')).toContainText(`Snapshot of hang.txt: 8 bytes at 0x${(R + 0x40n).toString(16)}`);
    await p2.context().close();
  });

  test('a truncated range: the bytes not decoded are not offered', async ({ page }) => {
    const cut = generateDump({ layout: '6.19', seed: 2026, extraRanges: 2, truncateAt: 700000 });
    const m = parseDump(cut.bytes);
    const r = m.ranges.find((x) => x.data && !x.complete && x.decodedLength > 64)!;
    await page.goto('/');
    await openFile(page, cut.bytes, 'cut.txt');
    await expect(page.getByTestId('hex-view')).toBeVisible();
    const past = foldAddress(r.address) + BigInt((r.decodedLength & ~15) + 16);
    await goto(page, '0x' + past.toString(16));
    let dialog = await openShare(page);
    await expect(dialog.getByRole('alert')).toContainText('were not decoded: the dump is cut short in this range');
    await page.keyboard.press('Escape');
    // Straddling the cut: only the decoded bytes, and the dialog says so.
    const before = foldAddress(r.address) + BigInt((r.decodedLength & ~15) - 32);
    await goto(page, '0x' + before.toString(16));
    dialog = await openShare(page);
    await expect(dialog.getByTestId('share-bytes')).toContainText(`${(r.decodedLength - Number(before - foldAddress(r.address))) & ~3} bytes at 0x${before.toString(16)}`);
    await expect(dialog).toContainText('were decoded (the dump is cut short in this range)');
  });

  test('a different dump is named as not the one', async ({ page, browser }) => {
    await openDump(page);
    await selectBytes(page, R, 16);
    const url = await shareLink(page);
    const p2 = await freshPage(browser);
    await p2.goto(url);
    await expect(p2.getByTestId('snapshot-banner')).toBeVisible();
    const other = generateDump({ layout: '6.19', seed: 77 });
    await openFile(p2, other.bytes, 'other.txt');
    await expect(p2.getByRole('alert').filter({ hasText: 'other.txt is not the dump the snapshot was taken from' })).toBeVisible();
    await expect(p2.getByTestId('snapshot-banner')).toBeHidden();
    await p2.context().close();
  });

  test('with nothing selected the link holds the rows on screen; bookmarks and options travel', async ({ page, browser }) => {
    await openDump(page);
    await jumpWithKeyboard(page, '0x200000400');
    await page.keyboard.press('Control+d');
    const form = page.getByRole('form', { name: 'New bookmark' });
    await expect(form.getByLabel('Name')).toBeFocused();
    await form.getByLabel('Name').fill('loop here');
    await form.getByLabel('Name').press('Enter');
    await expect(form).toHaveCount(0);
    await page.getByTestId('hex-view').press('g'); // group size: the next one
    const url = await shareLink(page);
    const dialog = page.getByRole('dialog', { name: 'Share a snapshot' });
    await expect(dialog.getByTestId('share-bytes')).toContainText('(the rows on screen)');
    await expect(dialog).toContainText('1 bookmark');
    const p2 = await freshPage(browser);
    await p2.goto(url);
    await expect(p2.getByTestId('snapshot-banner')).toBeVisible();
    await expect(row(p2, R + 0x400n).locator('[data-offset="0"]')).toHaveText(hex2(RB[0x400]));
    const marks = await p2.evaluate(() => (window as unknown as { __devcoredump_bookmarks?: { getState(): { bookmarks: { address: bigint; name: string }[] } } }).__devcoredump_bookmarks?.getState().bookmarks.map((b) => [b.address.toString(16), b.name]));
    expect(marks).toContainEqual(['200000400', 'loop here']);
    const group = await p2.evaluate(() => window.__devcoredump_hex!.getState().options.group);
    expect(group).toBe(await page.evaluate(() => window.__devcoredump_hex!.getState().options.group));
    await p2.context().close();
  });

  test('over the budget: trim to fit, or export a snapshot file', async ({ page }) => {
    await openDump(page);
    // Select 128 KiB (the whole 256 KiB range is there) with Shift+Ctrl+End from the start.
    await jumpWithKeyboard(page, '0x200000000');
    await page.keyboard.press('Shift+Control+End');
    const dialog = await openShare(page);
    await expect(dialog.getByTestId('share-over')).toContainText('a link holds at most 64 KiB');
    await dialog.getByRole('button', { name: 'Trim to fit' }).click();
    const url = await dialog.getByLabel('Share link').inputValue();
    expect(url.length).toBeLessThanOrEqual(16 * 1024);
    await expect(dialog).toContainText(/Trimmed to the first [\d,]+ of 262,144 bytes to fit/);
    // Export instead: the dialog of the snapshot file, with the selection chosen.
    await page.keyboard.press('Escape');
    await openShare(page);
    await dialog.getByRole('button', { name: 'Export snapshot file instead' }).click();
    const exp = page.getByRole('dialog', { name: 'Export snapshot' });
    await expect(exp.getByRole('radio', { name: /The selection/ })).toBeChecked();
    const download = page.waitForEvent('download');
    await exp.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('hang.snapshot.txt');
    const text = readFileSync((await file.path())!);
    const m = parseDump(new Uint8Array(text));
    expect(m.ranges.map((r) => [foldAddress(r.address), r.length]).filter(([, l]) => l === RB.length)).toEqual([[R, RB.length]]);
    expect(m.ranges.find((r) => r.address === R)!.data).toEqual(RB);
  });

  test('hostile links: a clear message, the page stays usable', async ({ page }) => {
    for (const [hash, msg] of [
      ['#s=abc$$', /not base64url/],
      ['#s=AQ', /cut short/],
      ['#s=AXic', /cut short|damaged/],
      ['#s=' + 'A'.repeat(33), /another version|damaged|cut short/],
    ] as const) {
      await page.goto('/' + hash);
      const alert = page.getByRole('alert').filter({ hasText: 'Cannot open this share link' });
      await expect(alert).toContainText(msg);
      await expect(page.getByRole('button', { name: 'Try a sample' }).first()).toBeEnabled();
    }
    // A decompression bomb: 64 MiB of zeros in a few KB.
    const { deflateSync } = await import('fflate');
    const z = deflateSync(new Uint8Array(64 << 20), { level: 9 });
    const bomb = Buffer.concat([Buffer.from([1]), Buffer.from(z)]).toString('base64url');
    await page.goto('/#s=' + bomb);
    await expect(page.getByRole('alert').filter({ hasText: 'Cannot open this share link' })).toContainText('inflates to more than 2 MiB');
    // Then a good sample still opens.
    await page.getByRole('button', { name: 'Try a sample' }).first().click();
    await expect(page.getByTestId('hex-view')).toBeVisible();
  });
});

test.describe('snapshot files', () => {
  test('Export snapshot (Ctrl+Shift+E) writes a dump this app opens to the same bytes', async ({ page }) => {
    await openDump(page);
    await jumpWithKeyboard(page, '0x200000000');
    await page.keyboard.press('Control+Shift+E');
    const exp = page.getByRole('dialog', { name: 'Export snapshot' });
    await exp.getByRole('radio', { name: /The ranges the hang names/ }).check();
    await exp.getByRole('checkbox', { name: /Keep the blobs/ }).check();
    const download = page.waitForEvent('download');
    await exp.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    const bytes = new Uint8Array(readFileSync((await file.path())!));
    const m = parseDump(bytes);
    expect(m.diagnostics).toEqual([]);
    expect(m.blobs.length).toBeGreaterThan(0);
    const batch = m.ranges.find((r) => foldAddress(r.address) <= foldAddress(m.batchAddresses[0]) && foldAddress(m.batchAddresses[0]) < foldAddress(r.address) + BigInt(r.length));
    expect(batch?.data).toEqual(g.rangeBytes.get('0x' + batch!.address.toString(16)));
    // And the viewer opens it.
    await openFile(page, bytes, 'hang.snapshot.txt');
    await expect(page.getByRole('region', { name: 'Dump summary' })).toContainText('hang.snapshot.txt');
    await goto(page, '0x' + batch!.address.toString(16));
    await expect(row(page, foldAddress(batch!.address)).locator('[data-offset="0"]')).toHaveText(hex2(batch!.data![0]));
  });
});
