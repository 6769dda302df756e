// Hostile input and the app's own defences (issue 15): the built app runs under its
// Content-Security-Policy with no violation while a person opens a dump, searches and shares; a
// pane that throws shows what failed and can be reopened while the rest works; a dump whose
// .length lines do not fit shows the error on the range instead of a blank page.
import { expect, test, type Page } from '@playwright/test';
import { generateDump } from '../src/gen/generate.ts';

/** Records every CSP violation the page (or a frame of it) reports, from before the app loads. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

async function openFile(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
}

test.describe('Content-Security-Policy', () => {
  test('the built page carries the policy, and opening, searching and sharing break none of it', async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto('/');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    // No inline script in the page.
    expect(await page.locator('script:not([src])').count()).toBe(0);

    // The sample (a fetch), the parse worker and its WebAssembly decoder.
    await page.getByRole('banner').getByRole('button', { name: 'Try a sample' }).click();
    await expect(page.getByTestId('hex-view')).toBeVisible();
    await expect(page.locator('[data-testid="range-row"]').first()).toBeVisible();

    // Search.
    await page.keyboard.press('Control+f');
    const pane = page.getByRole('region', { name: 'Search memory' });
    await pane.getByLabel('Search mode').selectOption('hex');
    await pane.getByLabel('Search for').fill('00 00 00 00');
    await pane.getByLabel('Search for').press('Enter');
    await expect(pane.getByTestId('search-count')).toHaveText(/\d results?/);
    await page.keyboard.press('Escape');

    // Share: the link dialog, and opening the link in a fresh page under the same policy.
    await page.keyboard.press('Control+Shift+S');
    const dialog = page.getByRole('dialog', { name: 'Share a snapshot' });
    const url = await dialog.getByLabel('Share link').inputValue();
    expect(url).toMatch(/#s=/);
    await page.keyboard.press('Escape');
    const p2 = await page.context().newPage();
    const violations2 = await watchCsp(p2);
    await p2.goto(url);
    await expect(p2.getByTestId('snapshot-banner')).toBeVisible();
    await expect(p2.getByTestId('hex-view')).toBeVisible();

    expect(await violations()).toEqual([]);
    expect(await violations2()).toEqual([]);
  });
});

test.describe('error boundaries', () => {
  test('a pane that throws says what failed and reopens; the others keep working', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => { (window as unknown as { __devcoredumpBreakPane: string }).__devcoredumpBreakPane = 'Header'; });
    await page.getByRole('banner').getByRole('button', { name: 'Try a sample' }).click();
    const failed = page.getByRole('alert', { name: 'Header failed' });
    await expect(failed).toContainText('Header failed: Header was told to fail (test hook)');
    // The rest of the app works: the hex view shows bytes and takes keys.
    await expect(page.getByTestId('hex-view')).toBeVisible();
    await expect(page.locator('[data-testid="range-row"]').first()).toBeVisible();
    await page.locator('[data-testid="range-row"]').first().click();
    await expect(page.getByTestId('hex-view').locator('[data-address]').first()).toBeVisible();
    // Reopen: with the cause gone, the pane comes back.
    await page.evaluate(() => { delete (window as unknown as { __devcoredumpBreakPane?: string }).__devcoredumpBreakPane; });
    await failed.getByRole('button', { name: 'Reopen Header' }).click();
    await expect(failed).toBeHidden();
    await expect(page.getByRole('region', { name: 'Dump summary' })).toBeVisible();
  });

  test('a dump whose lengths do not fit opens with the error on its range, no blank page', async ({ page }) => {
    const g = generateDump({ layout: '6.19', seed: 2 });
    const text = new TextDecoder().decode(g.bytes);
    const bad = text.replace(/\[([0-9a-f]+)\]\.length: 0x[0-9a-f]+/, (_m, a: string) => `[${a}].length: ${'9'.repeat(400)}`)
      .replace(/(\[[0-9a-f]+\]\.length: )0x[0-9a-f]+/g, (m, k: string, off: number) => (off > text.length / 2 ? `${k}0x${'f'.repeat(300)}` : m));
    await page.goto('/');
    await openFile(page, new TextEncoder().encode(bad), 'bad-lengths.txt');
    await expect(page.getByTestId('hex-view')).toBeVisible();
    await expect(page.getByTestId('pane-failed')).toHaveCount(0);
    await page.keyboard.press('Alt+4');
    await expect(page.getByText(/out of range \(more than 2\^48 bytes\)/).first()).toBeVisible();
  });
});

test.describe('the decompressed-size cap is a setting', () => {
  test('a gzip dump over the chosen size is refused with the reason; the default opens it; the choice is kept', async ({ page }) => {
    test.setTimeout(240_000);
    const { gzipSync } = await import('node:zlib');
    // 80 MiB of text in a ~80 KB gzip: one long line (cut at 1 MiB with a warning) after the header.
    const text = `**** Xe Device Coredump ****\nkernel: 6.19.0\nReason: ${'x'.repeat(80 << 20)}\n`;
    const gz = new Uint8Array(gzipSync(Buffer.from(text, 'latin1')));
    await page.goto('/');
    const choice = page.getByLabel('Largest expanded size of a compressed dump');
    await expect(choice).toHaveValue(String(8 * 1024 ** 3));
    await choice.selectOption({ label: '64 MiB' });
    await openFile(page, gz, 'big.txt.gz');
    // Inflating 64 MiB takes a few seconds on a loaded machine.
    await expect(page.getByRole('alert').filter({ hasText: 'this gzip file expands to more than 64 MiB: not opened' })).toBeVisible({ timeout: 90_000 });
    await page.reload();
    await expect(page.getByLabel('Largest expanded size of a compressed dump')).toHaveValue(String(64 * 1024 ** 2));
    await page.getByLabel('Largest expanded size of a compressed dump').selectOption({ label: '8 GiB' });
    await openFile(page, gz, 'big.txt.gz');
    await expect(page.getByRole('region', { name: 'Dump summary' }).getByText('parsing…')).toBeHidden({ timeout: 90_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'expands to more than' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Dump summary' })).toContainText('6.19.0');
  });
});
