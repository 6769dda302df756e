// The installed, offline app (issue 7): the service worker precaches the app so that it reloads and
// opens dumps with no network; "Reload to update" for a new version; the manifest is installable;
// "Open with" (launchQueue); recent dumps kept in the browser.
//
// The offline and update tests serve dist/app from a server of their own (e2e/static-server.ts) on
// its own origin, so that going offline is real (the server stops) and a "next version" can be
// served. The other tests use the shared `vite preview`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { generateDump } from '../src/gen/generate.ts';
import { goOffline, waitForServiceWorker } from './helpers.ts';
import { parseDump } from '../src/format/parser.ts';
import { foldAddress } from '../src/format/addr.ts';
import { snapshotUrl } from '../src/app/share/link.ts';
import { hangFacts } from '../src/app/share/snapshot-dump.ts';
import { DEFAULT_OPTIONS } from '../src/app/hex/options.ts';
import { serveApp, type AppServer } from './static-server.ts';

const tiny = readFileSync(new URL('./fixtures/tiny.txt', import.meta.url));
const TINY_KERNEL = '6.19.0-tiny-fixture';
const SAMPLE_KERNEL = '6.19.0-rc3+';

const summaryStrip = (page: Page) => page.getByRole('region', { name: 'Dump summary' });
const recentList = (page: Page) => page.getByTestId('recent-dumps').getByRole('listitem');

/** The open dump, once nothing is loading. */
async function opened(page: Page, name: string): Promise<{ kernel: string | null; error: unknown }> {
  await page.waitForFunction((n) => {
    const s = window.__devcoredump!.dump.getState();
    return s.loading === null && (s.error !== null || s.dump?.fileName === n);
  }, name);
  return page.evaluate(() => {
    const s = window.__devcoredump!.dump.getState();
    return { kernel: s.dump?.header.kernel ?? null, error: s.error };
  });
}

/** Wait until the recent-dumps store has finished storing and lists `count` dumps. */
async function kept(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => {
    const s = window.__devcoredumpRecent!.getState();
    return s.saving === null && s.entries.length === n;
  }, count);
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

test.describe('offline', () => {
  let server: AppServer;
  test.beforeEach(async () => {
    server = await serveApp();
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('with the network gone the app reloads, opens a dump, the sample and a share link, and reopens a recent dump', async ({ page }) => {
    await page.goto(server.url);
    await waitForServiceWorker(page);
    await expect(page.getByTestId('offline-ready')).toBeVisible();

    // Opened online, kept in the browser.
    await chooseFile(page, 'tiny.txt', tiny);
    expect((await opened(page, 'tiny.txt')).kernel).toBe(TINY_KERNEL);
    await kept(page, 1);

    await goOffline(page, server);
    const before = server.requests.length;
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' })).toBeVisible();
    // Some Chromium builds (150) drop the offline emulation across a reload of a page the service
    // worker controls; the server is already closed, so apply it again before checking.
    if (await page.evaluate(() => navigator.onLine)) {
      await page.context().setOffline(false);
      await page.context().setOffline(true);
    }
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // The recent dump reopens with one click.
    await expect(recentList(page)).toHaveCount(1);
    await expect(recentList(page)).toContainText('tiny.txt');
    await expect(recentList(page)).toContainText(`kernel ${TINY_KERNEL}`);
    await page.getByRole('button', { name: 'Reopen tiny.txt' }).click();
    expect(await opened(page, 'tiny.txt')).toEqual({ kernel: TINY_KERNEL, error: null });
    await expect(summaryStrip(page)).toContainText(TINY_KERNEL);

    // A new file opens (a compressed one: the parse worker and its decompressors come from the cache).
    const g = generateDump({ layout: '6.14', seed: 7 });
    await chooseFile(page, 'offline.txt.gz', gzipSync(g.bytes));
    expect(await opened(page, 'offline.txt.gz')).toEqual({ kernel: g.header.kernel, error: null });
    await expect(summaryStrip(page)).toContainText(g.header.kernel);

    // The bundled sample is precached.
    await page.getByRole('banner').getByRole('button', { name: 'Try a sample' }).click();
    expect(await opened(page, 'xe-6.19-sample.txt')).toEqual({ kernel: SAMPLE_KERNEL, error: null });

    // Another page of the app (a link with a query) opens offline too.
    await page.goto(`${server.url}?range=0x1a0000`);
    await expect(page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' })).toBeVisible();

    // A share link opens offline: the snapshot's bytes at their addresses.
    const m = parseDump(g.bytes);
    const r = m.ranges.find((x) => x.data && x.length >= 64)!;
    const at = foldAddress(r.address);
    const link = snapshotUrl(server.url, {
      file: { name: 'offline.txt', size: g.bytes.length, fingerprint: null },
      layout: m.format,
      hang: hangFacts(m),
      range: { address: r.address, length: r.length, properties: r.properties?.raw ?? null },
      address: at,
      bytes: r.data!.slice(0, 64),
      view: { cursor: at, selection: null, top: at, options: DEFAULT_OPTIONS },
      bookmarks: [],
    });
    await page.goto(link);
    await expect(page.getByTestId('snapshot-banner')).toContainText(`Snapshot of offline.txt: 64 bytes at 0x${at.toString(16)}`);
    await expect(page.locator(`[data-testid="hex-view"] [data-address="0x${at.toString(16)}"] [data-offset="0"]`)).toHaveText(r.data![0].toString(16).padStart(2, '0'));
    expect(server.requests.length).toBe(before); // nothing reached the server
  });

  test('a new version waits for "Reload to update" and never reloads the page by itself', async ({ page }) => {
    const marker = () => page.evaluate(() => (window as unknown as { marker?: number }).marker);
    const setMarker = () => page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const sw = readFileSync(new URL('../dist/app/sw.js', import.meta.url), 'utf8');
    /** The same build with index.html at another revision: a new sw.js, as a new version has. */
    const version = (tag: string) => {
      const next = sw.replace(/(url:"index\.html",revision:")([0-9a-f]+)"/, `$1$2${tag}"`);
      expect(next).not.toBe(sw);
      server.override('/sw.js', next);
    };
    const checkForUpdate = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const waiting = () => page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed');
    /** The page is controlled by the version whose index.html revision ends in `tag`. */
    const runs = (tag: string) =>
      page.waitForFunction(async (t) => {
        const reg = await navigator.serviceWorker.getRegistration();
        if (!reg?.active || reg.waiting || !navigator.serviceWorker.controller) return false;
        for (const name of await caches.keys()) {
          for (const req of await (await caches.open(name)).keys()) if (new RegExp(`index\\.html\\?__WB_REVISION__=[0-9a-f]+${t}$`).test(req.url)) return true;
        }
        return false;
      }, tag);
    const welcome = page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' });
    const prompt = page.getByTestId('update-prompt');

    // First visit: the app installs; a dump is open (work in progress).
    await page.goto(server.url);
    await waitForServiceWorker(page);
    const g = generateDump({ layout: '6.19', seed: 3 });
    await chooseFile(page, 'work.txt', Buffer.from(g.bytes));
    await opened(page, 'work.txt');
    await setMarker();

    // A new version turns up: it installs and waits; the page and its dump are untouched.
    version('next');
    await checkForUpdate();
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('A new version of Devcoredump Viewer is ready');
    await waiting();
    expect(await marker()).toBe(42);
    await expect(summaryStrip(page)).toContainText(g.header.kernel);

    // Reload to update: the new version takes over and the page reloads once.
    const navigated = page.waitForEvent('framenavigated');
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await navigated;
    await expect(welcome).toBeVisible();
    expect(await marker()).toBeUndefined();
    await expect(prompt).toBeHidden();
    await runs('next');

    // Another version, on a page that loaded under a service worker: "Later" puts it off, the
    // page's own reload does not install it, and it is offered again.
    await setMarker();
    version('third');
    await checkForUpdate();
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Update later' }).click();
    await expect(prompt).toBeHidden();
    await waiting();
    expect(await marker()).toBe(42);
    await page.reload();
    await expect(welcome).toBeVisible();
    await expect(prompt).toBeVisible();
    await runs('next');
    await setMarker();
    const again = page.waitForEvent('framenavigated');
    await prompt.getByRole('button', { name: 'Reload to update' }).click();
    await again;
    await expect(welcome).toBeVisible();
    expect(await marker()).toBeUndefined();
    await runs('third');
  });
});

test('the manifest is installable: fields, icons of the right sizes, file handlers', async ({ page, baseURL }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.request.get(new URL(href!, baseURL).toString());
  expect(res.ok()).toBe(true);
  const m = await res.json();
  expect(m).toMatchObject({
    name: 'Devcoredump Viewer',
    short_name: 'Devcoredump',
    display: 'standalone',
    start_url: './',
    scope: './',
    theme_color: '#1f3a5f',
  });
  expect(m.description.length).toBeGreaterThan(20);
  const exts = m.file_handlers.flatMap((h: { accept: Record<string, string[]> }) => Object.values(h.accept).flat());
  expect(exts.sort()).toEqual(['.devcoredump', '.gz', '.txt', '.xz', '.zst']);

  // Every PNG icon loads and has the size it claims; maskable ones at 192 and 512 px.
  const icons = m.icons as { src: string; sizes: string; type: string; purpose: string }[];
  for (const size of ['192x192', '512x512']) {
    expect(icons.some((i) => i.sizes === size && i.purpose === 'any' && i.type === 'image/png')).toBe(true);
    expect(icons.some((i) => i.sizes === size && i.purpose === 'maskable' && i.type === 'image/png')).toBe(true);
  }
  for (const icon of icons) {
    const url = new URL(icon.src, new URL(href!, baseURL)).toString();
    const dims = await page.evaluate(async (u) => {
      const img = new Image();
      img.src = u;
      const ok = await img.decode().then(() => true, () => false);
      return ok ? `${img.naturalWidth}x${img.naturalHeight}` : 'unreadable';
    }, url);
    if (icon.type === 'image/png') expect(dims, icon.src).toBe(icon.sizes);
    else expect(dims, icon.src).not.toBe('unreadable');
  }

  // The service worker precaches the shell, the parse worker, the styles, the icons and the sample.
  const sw = await (await page.request.get(new URL('sw.js', baseURL).toString())).text();
  const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
  for (const want of [/^index\.html$/, /^assets\/index-.*\.js$/, /^assets\/parse-worker-.*\.js$/, /^assets\/index-.*\.css$/, /^samples\/xe-6\.19-sample\.txt$/, /^maskable-icon-512x512\.png$/, /^manifest\.webmanifest$/]) {
    expect(precached.some((u) => want.test(u)), String(want)).toBe(true);
  }

  // Chromium's own verdict. The test browser context is off the record, which alone keeps an app
  // from being installed; every other check must pass.
  await waitForServiceWorker(page);
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});

test('"Open with": a file given to the installed app through launchQueue opens', async ({ page }) => {
  await page.addInitScript((text) => {
    // What Chromium gives an installed app that declares file_handlers: launch params whose files
    // are FileSystemFileHandles.
    let consumer: ((params: unknown) => void) | null = null;
    // (Chromium has a launchQueue of its own, a getter: it is replaced, not assigned.)
    Object.defineProperty(window, 'launchQueue', {
      configurable: true,
      value: {
        setConsumer(c: (params: unknown) => void) {
          consumer = c;
          consumer({ files: [{ kind: 'file', name: 'launched.devcoredump', getFile: async () => new File([text], 'launched.devcoredump') }] });
        },
      },
    });
  }, tiny.toString('utf8'));
  await page.goto('/');
  expect((await opened(page, 'launched.devcoredump')).kernel).toBe(TINY_KERNEL);
  await expect(summaryStrip(page)).toContainText('launched.devcoredump');
});

test('recent dumps: listed with size and kernel, reopened, forgotten, with the storage used and a setting', async ({ page }) => {
  await page.goto('/');
  const a = generateDump({ layout: '6.12', seed: 11 });
  const b = generateDump({ layout: '6.19', seed: 12 });
  await chooseFile(page, 'first.txt', Buffer.from(a.bytes));
  await opened(page, 'first.txt');
  await kept(page, 1);
  await chooseFile(page, 'second.txt.gz', gzipSync(b.bytes));
  await opened(page, 'second.txt.gz');
  await kept(page, 2);
  // The same dump again: not kept twice.
  await chooseFile(page, 'first-again.txt', Buffer.from(a.bytes));
  await opened(page, 'first-again.txt');
  await kept(page, 2);

  // While a dump is open: the Recent dialog (r).
  await page.getByRole('region', { name: 'Dump summary' }).click();
  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: 'Recent dumps' });
  await expect(dialog).toBeVisible();
  const items = dialog.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('first-again.txt');
  await expect(items.nth(0)).toContainText(`kernel ${a.header.kernel}`);
  await expect(items.nth(1)).toContainText('second.txt.gz');
  await expect(items.nth(1)).toContainText('(gzip)');
  await expect(dialog.getByTestId('recent-usage')).toHaveText(/^[\d.]+ (B|KiB|MiB|GiB) used of [\d.]+ (KiB|MiB|GiB|TiB)$/);

  // One click reopens, and closes the dialog.
  await dialog.getByRole('button', { name: 'Reopen second.txt.gz' }).click();
  await expect(dialog).toBeHidden();
  expect((await opened(page, 'second.txt.gz')).kernel).toBe(b.header.kernel);

  // Forget one (the one open: it leaves the list; its bytes go when it is closed).
  await page.getByRole('banner').getByRole('button', { name: 'Recent' }).click();
  await dialog.getByRole('button', { name: 'Forget second.txt.gz' }).click();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toContainText('first-again.txt');

  // Keeping off: a new dump is not kept; the setting persists.
  await dialog.getByRole('checkbox', { name: 'Keep recent dumps in this browser' }).uncheck();
  // Unticking offers to forget what is kept; leaving it keeps the list.
  await expect(dialog.getByTestId('recent-offer-forget')).toContainText('Forget the dump already kept?');
  await dialog.getByRole('button', { name: 'Leave them' }).click();
  await expect(dialog.getByTestId('recent-offer-forget')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await chooseFile(page, 'tiny.txt', tiny);
  await opened(page, 'tiny.txt');
  await page.reload();
  await expect(page.getByTestId('recent-dumps').getByRole('checkbox', { name: 'Keep recent dumps in this browser' })).not.toBeChecked();
  await expect(recentList(page)).toHaveCount(1);
  await expect(recentList(page)).toContainText('first-again.txt');

  // Forget all: nothing left in the list, nor in the browser's storage.
  await page.getByTestId('recent-dumps').getByRole('button', { name: 'Forget all' }).click();
  await expect(recentList(page)).toHaveCount(0);
  await expect(page.getByTestId('recent-dumps')).toContainText('No dumps kept.');
  const files = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('recent-dumps');
    const names: string[] = [];
    for await (const n of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(n);
    return names;
  });
  expect(files).toEqual([]);
});

test('the dev server runs no service worker', async ({ page }) => {
  const devPort = Number(process.env.E2E_PORT ?? 4173) + 1006;
  await page.goto(`http://localhost:${devPort}/`);
  await expect(page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' })).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});
