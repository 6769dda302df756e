// Bookmarks (src/app/bookmarks/) and the keyboard shortcuts help (src/app/shortcuts/) against the built app.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { generateDump } from '../src/gen/generate.ts';

type HexHook = { getState(): { cursor: bigint | null; setCursor(a: bigint | null): void } };
type BookmarksHook = { getState(): { fingerprint: string | null } };

async function openSample(page: Page): Promise<string> {
  const ok = await page.evaluate(() => window.__devcoredump!.dump.getState().openSample());
  expect(ok).toBe(true);
  // The side panes mount one render after the dump: wait for the bookmarks pane (and its keys), as a
  // person sees it before pressing Ctrl+D.
  await expect(page.getByRole('complementary', { name: 'Bookmarks' })).toBeAttached();
  return waitFingerprint(page);
}

async function waitFingerprint(page: Page): Promise<string> {
  await page.waitForFunction(() => !!window.__devcoredump!.dump.getState().dump?.fingerprint);
  const fp = await page.evaluate(() => window.__devcoredump!.dump.getState().dump!.fingerprint!);
  // The bookmarks list follows the dump.
  await page.waitForFunction(
    (fp) => (window as unknown as { __devcoredump_bookmarks: BookmarksHook }).__devcoredump_bookmarks.getState().fingerprint === fp,
    fp,
  );
  return fp;
}

async function openOther(page: Page): Promise<string> {
  const b64 = Buffer.from(generateDump({ layout: '6.14', seed: 9 }).bytes).toString('base64');
  const ok = await page.evaluate((b64) => {
    const bin = atob(b64);
    const u = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    return window.__devcoredump!.dump.getState().open({ kind: 'file', file: new Blob([u]), name: 'other.txt' });
  }, b64);
  expect(ok).toBe(true);
  return waitFingerprint(page);
}

/** Put the hex cursor `offset` bytes into the range shown; returns the address as "0x…". */
async function cursorInRange(page: Page, offset: number): Promise<string> {
  return page.evaluate((offset) => {
    const d = window.__devcoredump!.dump.getState().dump!;
    const t = window.__devcoredump!.view.getState().target!;
    const r = d.ranges[t.index];
    let a = BigInt(r.address);
    if (a >> 47n === (1n << 17n) - 1n) a &= (1n << 48n) - 1n; // folded
    a += BigInt(offset);
    (window as unknown as { __devcoredump_hex: HexHook }).__devcoredump_hex.getState().setCursor(a);
    return '0x' + a.toString(16);
  }, offset);
}

async function addBookmark(page: Page, name: string, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Add bookmark' }).click();
  const form = page.getByRole('form', { name: 'New bookmark' });
  await expect(form).toBeVisible();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Note').fill(note);
  await form.getByLabel('Note').press('Enter');
  await expect(form).toHaveCount(0);
}

const pane = (page: Page) => page.getByRole('complementary', { name: 'Bookmarks' });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('devcoredump.bookmarks.')) localStorage.removeItem(k);
    localStorage.setItem('devcoredump.bookmarksPane.collapsed', '0'); // unfolded (it starts folded: tested below)
  });
});

test('the pane starts folded; unfolding it is remembered', async ({ page }) => {
  await page.evaluate(() => localStorage.removeItem('devcoredump.bookmarksPane.collapsed'));
  await page.reload();
  await openSample(page);
  const expand = page.getByRole('button', { name: 'Bookmarks', exact: true });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Add bookmark' })).toHaveCount(0);
  await expand.click();
  await expect(pane(page).getByRole('heading', { name: 'Bookmarks' })).toBeVisible();
  await expect(pane(page).getByRole('button', { name: 'Hide bookmarks' })).toBeFocused();
  await page.reload();
  await openSample(page);
  await expect(page.getByRole('button', { name: 'Add bookmark' })).toBeVisible();
});

test('add a bookmark with a name and note; it lists, jumps, and persists per dump', async ({ page }) => {
  const fp = await openSample(page);
  await expect(pane(page).getByRole('heading', { name: 'Bookmarks' })).toBeVisible();
  await expect(pane(page)).toContainText('No bookmarks for this dump yet');

  const addr = await cursorInRange(page, 0x40);
  // The form offers the cursor address as the name.
  await page.getByRole('button', { name: 'Add bookmark' }).click();
  await expect(page.getByRole('form', { name: 'New bookmark' }).getByLabel('Name')).toHaveValue(addr);
  await expect(page.getByRole('form', { name: 'New bookmark' }).getByLabel('Name')).toBeFocused();
  await page.keyboard.press('Escape'); // cancels
  await expect(page.getByRole('form', { name: 'New bookmark' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add bookmark' })).toBeFocused();

  await addBookmark(page, 'hung batch', 'MI_BATCH_BUFFER_START here');
  const item = pane(page).getByRole('listitem').filter({ hasText: 'hung batch' });
  await expect(item).toContainText(addr);
  await expect(item).toContainText('MI_BATCH_BUFFER_START here');
  const stored = await page.evaluate((fp) => localStorage.getItem(`devcoredump.bookmarks.${fp}`), fp);
  expect(JSON.parse(stored!).bookmarks[0]).toMatchObject({ address: addr, name: 'hung batch', note: 'MI_BATCH_BUFFER_START here' });

  // Move elsewhere (another range), then jump back through the bookmark.
  const before = await page.evaluate(() => window.__devcoredump!.view.getState().target!.index);
  const other = await page.evaluate((before) => {
    const d = window.__devcoredump!.dump.getState().dump!;
    const r = d.ranges.find((x) => x.hasData && x.index !== before)!;
    window.__devcoredump!.view.getState().select({ kind: 'range', index: r.index });
    return r.index;
  }, before);
  expect(other).not.toBe(before);
  await page.evaluate(() => (window as unknown as { __devcoredump_hex: HexHook }).__devcoredump_hex.getState().setCursor(null));
  await pane(page).getByRole('button', { name: `Go to bookmark hung batch ${addr}` }).click();
  const view = await page.evaluate(() => {
    const v = window.__devcoredump!.view.getState();
    const c = (window as unknown as { __devcoredump_hex: HexHook }).__devcoredump_hex.getState().cursor;
    return { index: v.target!.index, kind: v.target!.kind, address: '0x' + v.address!.toString(16), cursor: c === null ? null : '0x' + c.toString(16) };
  });
  expect(view).toEqual({ index: before, kind: 'range', address: addr, cursor: addr });

  // Reload: the same sample shows the bookmark again.
  await page.reload();
  expect(await openSample(page)).toBe(fp);
  await expect(pane(page).getByRole('listitem').filter({ hasText: 'hung batch' })).toContainText(addr);

  // Another dump: none of this one's bookmarks.
  const fp2 = await openOther(page);
  expect(fp2).not.toBe(fp);
  await expect(pane(page)).toContainText('No bookmarks for this dump yet');
  await expect(pane(page).getByRole('listitem')).toHaveCount(0);
  await expect(pane(page)).not.toContainText('hung batch');

  // And back.
  await openSample(page);
  await expect(pane(page).getByRole('listitem')).toHaveCount(1);
});

test('edit and delete a bookmark', async ({ page }) => {
  await openSample(page);
  await cursorInRange(page, 8);
  await page.keyboard.press('Control+d'); // the shortcut opens the same form
  const form = page.getByRole('form', { name: 'New bookmark' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByLabel('Name').fill('first');
  await form.getByLabel('Name').press('Enter');
  await expect(pane(page).getByRole('listitem')).toHaveCount(1);

  await pane(page).getByRole('button', { name: 'Edit bookmark first' }).click();
  const edit = page.getByRole('form', { name: 'Edit bookmark first' });
  await edit.getByLabel('Name').fill('renamed');
  await edit.getByLabel('Note').fill('a note');
  await edit.getByLabel('Note').press('Enter');
  await expect(pane(page).getByRole('listitem')).toContainText('renamed');
  await expect(pane(page).getByRole('listitem')).toContainText('a note');
  await expect(pane(page).getByRole('button', { name: 'Edit bookmark renamed' })).toBeFocused();

  await pane(page).getByRole('button', { name: 'Delete bookmark renamed' }).click();
  await expect(pane(page).getByRole('listitem')).toHaveCount(0);
  await expect(pane(page).getByRole('status')).toContainText('Deleted bookmark renamed');

  // The pane folds away to a strip, and Ctrl+D unfolds it.
  await pane(page).getByRole('button', { name: 'Hide bookmarks' }).click();
  const expand = page.getByRole('button', { name: 'Bookmarks', exact: true });
  await expect(expand).toBeFocused();
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Add bookmark' })).toHaveCount(0);
  await page.locator('body').press('Control+d');
  await expect(page.getByRole('form', { name: 'New bookmark' }).getByLabel('Name')).toBeFocused();
});

test('export downloads the bookmarks as JSON; import restores them', async ({ page }) => {
  const fp = await openSample(page);
  const addr = await cursorInRange(page, 0x10);
  await addBookmark(page, 'ring head', 'RING_HEAD points here');

  const [download] = await Promise.all([page.waitForEvent('download'), pane(page).getByRole('button', { name: 'Export bookmarks' }).click()]);
  expect(download.suggestedFilename()).toBe('bookmarks-xe-6.19-sample.txt.json');
  // Read at once (the artifacts folder is shared with other runs), and import from memory.
  const text = readFileSync(await download.path(), 'utf8');
  const doc = JSON.parse(text);
  expect(doc).toEqual({ fingerprint: fp, fileName: 'xe-6.19-sample.txt', bookmarks: [{ address: addr, name: 'ring head', note: 'RING_HEAD points here' }] });

  await pane(page).getByRole('button', { name: 'Delete bookmark ring head' }).click();
  await expect(pane(page).getByRole('listitem')).toHaveCount(0);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pane(page).getByRole('button', { name: 'Import bookmarks' }).click()]);
  await chooser.setFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(pane(page).getByRole('status')).toContainText('Imported 1 bookmark');
  const item = pane(page).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('ring head');
  await expect(item).toContainText(addr);
  await expect(item).toContainText('RING_HEAD points here');

  // Junk is refused with a message, and changes nothing.
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), pane(page).getByRole('button', { name: 'Import bookmarks' }).click()]);
  await chooser2.setFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(pane(page).getByRole('status')).toContainText('Not imported');
  await expect(item).toHaveCount(1);
});

test('? opens the keyboard shortcuts; Escape closes it and focus returns', async ({ page }) => {
  const open = page.getByRole('banner').getByRole('button', { name: 'Open dump' });
  await open.focus();
  await page.keyboard.press('Shift+Slash');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('row').filter({ hasText: 'Go to address' })).toContainText('Ctrl+G');
  await expect(dialog.locator('kbd', { hasText: 'Ctrl' }).first()).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Bookmarks' })).toContainText('Bookmark the byte under the cursor');
  await expect(dialog.getByRole('button', { name: 'Close keyboard shortcuts' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();

  // The "?" button opens it too; typing ? in a text field does not.
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();

  await openSample(page);
  const filter = page.getByRole('searchbox', { name: 'Filter ranges' });
  await filter.fill('');
  await filter.press('Shift+Slash');
  await expect(filter).toHaveValue('?');
  await expect(dialog).toHaveCount(0);
});
