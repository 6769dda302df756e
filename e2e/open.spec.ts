// Opening dumps, as a person does it: drop, Open dump, paste, Try a sample, compressed files,
// files that are not dumps, a large file with progress and Cancel, and a crashed worker.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type FileChooser, type Page } from '@playwright/test';
import { generateDump, LAYOUTS } from '../src/gen/generate.ts';
import { largeDumpFile } from './helpers.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const tiny = readFileSync(new URL('tiny.txt', fixtures));
const TINY_KERNEL = '6.19.0-tiny-fixture';
const KERNEL_LOG = '| xe 0000:00:02.0: [drm] *ERROR* H2G CTB\n';

interface Snapshot {
  fileName: string | null;
  kernel: string | null;
  ranges: number;
  compression: string | null;
  byteCount: number;
  loading: string | null;
  error: { kind: string; message: string } | null;
}

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const s = window.__devcoredump!.dump.getState();
    return {
      fileName: s.dump?.fileName ?? null,
      kernel: s.dump?.header.kernel ?? null,
      ranges: s.dump?.ranges.length ?? -1,
      compression: s.dump?.compression ?? null,
      byteCount: s.dump?.byteCount ?? -1,
      loading: s.loading?.name ?? null,
      error: s.error,
    };
  });
}

/** Waits until nothing is loading and either `fileName` is open or an error is shown. */
async function settled(page: Page, fileName?: string): Promise<Snapshot> {
  await page.waitForFunction((name) => {
    const s = window.__devcoredump!.dump.getState();
    return s.loading === null && (s.error !== null || name === undefined || s.dump?.fileName === name);
  }, fileName);
  return snapshot(page);
}

/** Drops files on the page the way a browser does (dragenter, dragover, drop on the window). */
async function drop(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const dt = await page.evaluateHandle((list) => {
    const d = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
      d.items.add(new File([u], f.name));
    }
    return d;
  }, files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })));
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
  await expect(page.getByRole('status').filter({ hasText: 'Drop a devcoredump to open it' })).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page.getByText('Drop a devcoredump to open it')).toBeHidden();
  await dt.dispose();
}

/** A paste (Ctrl+V) outside any text field, carrying `text`. */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const d = new DataTransfer();
    d.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
  }, text);
}

const topBar = (page: Page) => page.getByRole('banner');
const alert = (page: Page) => page.getByRole('alert');

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' })).toBeVisible();
});

test.describe('drop', () => {
  for (const layout of LAYOUTS) {
    test(`a generated ${layout} dump dropped on the window opens`, async ({ page }) => {
      const g = generateDump({ layout, seed: 1 });
      const name = `xe-${layout}.txt`;
      await drop(page, [{ name, bytes: g.bytes }]);
      const s = await settled(page, name);
      expect(s.error).toBeNull();
      await expect(page.getByText(g.header.kernel, { exact: true }).first()).toBeVisible();
      expect(await page.evaluate(() => window.__devcoredump!.dump.getState().dump!.ranges.length)).toBe(g.expected.ranges.length);
      await expect(page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' })).toBeHidden();
    });
  }

  test('several files: the first opens and the page says so', async ({ page }) => {
    await drop(page, [
      { name: 'tiny.txt', bytes: tiny },
      { name: 'other.txt', bytes: new TextEncoder().encode(KERNEL_LOG) },
    ]);
    const s = await settled(page, 'tiny.txt');
    expect(s.kernel).toBe(TINY_KERNEL);
    await expect(page.getByRole('status').filter({ hasText: '2 files were dropped: only the first one, tiny.txt, is opened.' })).toBeVisible();
  });

  test('the overlay goes away when the drag leaves the window', async ({ page }) => {
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['x'], 'x.txt'));
      return d;
    });
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await expect(page.getByText('Drop a devcoredump to open it')).toBeVisible();
    await page.dispatchEvent('body', 'dragleave', { dataTransfer: dt });
    await expect(page.getByText('Drop a devcoredump to open it')).toBeHidden();
    expect((await snapshot(page)).loading).toBeNull();
  });
});

test('Open dump: a file chosen with the file input opens, and Ctrl+O shows the chooser', async ({ page }) => {
  // Listening from the start turns on file-chooser interception before any key is pressed.
  const choosers: FileChooser[] = [];
  page.on('filechooser', (c) => choosers.push(c));
  const g = generateDump({ layout: '6.14', seed: 2 });
  await page.getByTestId('file-input').setInputFiles({ name: 'chosen.txt', mimeType: 'text/plain', buffer: Buffer.from(g.bytes) });
  const s = await settled(page, 'chosen.txt');
  expect(s.ranges).toBe(g.expected.ranges.length);
  await expect(page.getByText(g.header.kernel, { exact: true }).first()).toBeVisible();

  await page.keyboard.press('Control+O');
  await expect.poll(() => choosers.length).toBe(1);
  await choosers[0].setFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: tiny });
  expect((await settled(page, 'tiny.txt')).kernel).toBe(TINY_KERNEL);

  // The top-bar button opens the same chooser.
  await topBar(page).getByRole('button', { name: 'Open dump' }).click();
  await expect.poll(() => choosers.length).toBe(2);
  await choosers[1].setFiles({ name: 'again.txt', mimeType: 'text/plain', buffer: tiny });
  await settled(page, 'again.txt');
});

test.describe('paste', () => {
  test('pasting dump text anywhere on the page opens it', async ({ page }) => {
    const g = generateDump({ layout: '6.12', seed: 4 });
    await pasteText(page, new TextDecoder().decode(g.bytes));
    const s = await settled(page, 'pasted text');
    expect(s.ranges).toBe(g.expected.ranges.length);
    await expect(page.getByText(g.header.kernel, { exact: true }).first()).toBeVisible();
  });

  test('the Paste button and Ctrl+Shift+V read the clipboard', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((t) => navigator.clipboard.writeText(t), tiny.toString('utf8'));
    await topBar(page).getByRole('button', { name: 'Paste' }).click();
    expect((await settled(page, 'pasted text')).kernel).toBe(TINY_KERNEL);

    const g = generateDump({ layout: '6.9', seed: 5 });
    await page.evaluate((t) => navigator.clipboard.writeText(t), new TextDecoder().decode(g.bytes));
    await page.keyboard.press('Control+Shift+V');
    await page.waitForFunction((k) => window.__devcoredump!.dump.getState().dump?.header.kernel === k, g.header.kernel);
    expect((await settled(page)).ranges).toBe(g.expected.ranges.length);
  });

  test('a refused clipboard says so and how to paste instead', async ({ page }) => {
    await page.evaluate(() => {
      Object.defineProperty(navigator.clipboard, 'readText', {
        value: () => Promise.reject(new DOMException('Read permission denied.', 'NotAllowedError')),
      });
    });
    await topBar(page).getByRole('button', { name: 'Paste' }).click();
    await expect(alert(page)).toContainText('Clipboard access was refused');
    await expect(alert(page)).toContainText('Ctrl+V');
    expect((await snapshot(page)).fileName).toBeNull();
  });
});

test('Try a sample opens the bundled sample', async ({ page }) => {
  await page.getByRole('main').getByRole('button', { name: 'Try a sample' }).click();
  const s = await settled(page, 'xe-6.19-sample.txt');
  expect(s.error).toBeNull();
  expect(s.kernel).toBe('6.19.0-rc3+');
  await expect(page.getByText('6.19.0-rc3+', { exact: true }).first()).toBeVisible();
  // The top-bar button is there too once a dump is open.
  await topBar(page).getByRole('button', { name: 'Try a sample' }).click();
  await settled(page, 'xe-6.19-sample.txt');
});

test.describe('compressed dumps', () => {
  const cases = [
    { kind: 'gzip', name: 'tiny.txt.gz', bytes: () => gzipSync(tiny) },
    { kind: 'zstd', name: 'tiny.txt.zst', bytes: () => readFileSync(new URL('tiny.txt.zst', fixtures)) },
    { kind: 'xz', name: 'tiny.txt.xz', bytes: () => readFileSync(new URL('tiny.txt.xz', fixtures)) },
  ];
  for (const c of cases) {
    test(`a ${c.kind} file opens like a plain one`, async ({ page }) => {
      const packed = c.bytes();
      await page.getByTestId('file-input').setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: packed });
      const s = await settled(page, c.name);
      expect(s.error).toBeNull();
      expect(s).toMatchObject({ kernel: TINY_KERNEL, ranges: 4, compression: c.kind, byteCount: tiny.length });
      await expect(page.getByText(TINY_KERNEL, { exact: true }).first()).toBeVisible();
    });
  }

  test('a gzipped generated dump dropped on the window opens', async ({ page }) => {
    const g = generateDump({ layout: '6.19', seed: 6 });
    await drop(page, [{ name: 'xe.txt.gz', bytes: gzipSync(g.bytes) }]);
    const s = await settled(page, 'xe.txt.gz');
    expect(s).toMatchObject({ compression: 'gzip', ranges: g.expected.ranges.length, byteCount: g.bytes.length });
  });

  test('a corrupt gzip file is a read error', async ({ page }) => {
    const broken = gzipSync(tiny).subarray(0, 60);
    broken.fill(0x55, 20);
    await page.getByTestId('file-input').setInputFiles({ name: 'broken.gz', mimeType: 'application/gzip', buffer: broken });
    const s = await settled(page);
    expect(s.error?.kind).toBe('read-error');
    await expect(alert(page)).toContainText('Could not read the file');
  });
});

test('a kernel log is "Not a devcoredump", with the reason; an open dump stays open', async ({ page }) => {
  await page.getByTestId('file-input').setInputFiles({ name: 'dmesg.txt', mimeType: 'text/plain', buffer: Buffer.from(KERNEL_LOG) });
  let s = await settled(page);
  expect(s.error?.kind).toBe('not-a-dump');
  await expect(alert(page)).toContainText('Not a devcoredump');
  await expect(alert(page)).toContainText('this is a kernel log (dmesg) excerpt, not a devcoredump');
  await alert(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert(page)).toBeHidden();

  await page.getByTestId('file-input').setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: tiny });
  await settled(page, 'tiny.txt');
  await pasteText(page, KERNEL_LOG);
  s = await settled(page);
  expect(s.error?.kind).toBe('not-a-dump');
  expect(s.fileName).toBe('tiny.txt');
  await expect(alert(page)).toContainText('Not a devcoredump');
  await expect(alert(page)).toContainText('kernel log');
  await expect(page.getByText(TINY_KERNEL, { exact: true }).first()).toBeVisible();
});

test('a crashed parse worker is an internal error; the open dump stays', async ({ page }) => {
  await page.getByTestId('file-input').setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: tiny });
  await settled(page, 'tiny.txt');
  const workers = page.workers().filter((w) => w.url().includes('parse-worker'));
  expect(workers).toHaveLength(1);
  await workers[0].evaluate(() => {
    setTimeout(() => {
      throw new Error('crash test');
    });
  });
  await expect(alert(page)).toContainText('Internal error');
  await expect(alert(page)).toContainText('the parse worker crashed');
  await expect(alert(page)).toContainText('crash test');
  const s = await snapshot(page);
  expect(s.fileName).toBe('tiny.txt');
  await expect(page.getByText(TINY_KERNEL, { exact: true }).first()).toBeVisible();
});

test.describe('a large file', () => {
  // The crash test swaps the worker script with page.route, which a service worker answering
  // from its cache would bypass.
  test.use({ serviceWorkers: 'block' });
  const TARGET = 200e6;
  let path = '';

  test.beforeAll(() => {
    test.setTimeout(120_000);
    path = largeDumpFile(TARGET);
  });

  async function startLarge(page: Page) {
    await page.getByTestId('file-input').setInputFiles(path);
    const bar = page.getByRole('progressbar', { name: /Opening devcoredump-e2e/ });
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { intervals: [20] }).toBeGreaterThan(0);
    return bar;
  }

  test('shows progress, and Cancel (Escape) stops it and ends its worker', async ({ page }) => {
    test.setTimeout(60_000);
    const workers = () => page.workers().filter((w) => w.url().includes('parse-worker'));
    const progress = page.getByTestId('progress');
    const bar = await startLarge(page);
    // The parse runs at a few hundred MB/s: read what the bar shows and cancel at once.
    const closed = new Promise<'closed'>((resolve) => workers()[0].once('close', () => resolve('closed')));
    const [text, now] = await Promise.all([progress.textContent(), bar.getAttribute('aria-valuenow')]);
    await page.keyboard.press('Escape');
    expect(await Promise.race([closed, page.waitForTimeout(10_000).then(() => 'still running')])).toBe('closed');
    expect(workers()).toHaveLength(0); // the worker was terminated: the work really stopped
    expect(text).toContain('Opening devcoredump-e2e');
    expect(text).toMatch(/of 190\.7 MiB/);
    expect(text).toMatch(/\d MB\/s/);
    expect(Number(now)).toBeGreaterThan(0);
    expect(Number(now)).toBeLessThan(100);
    await expect(progress).toBeHidden();
    const s = await snapshot(page);
    expect(s).toMatchObject({ loading: null, fileName: null, error: null });
    await expect(page.getByRole('heading', { name: 'Look inside an Intel xe GPU crash dump' })).toBeVisible();

    // The Cancel button does the same.
    await startLarge(page);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toBeHidden();
    expect(await snapshot(page)).toMatchObject({ loading: null, fileName: null });
    await expect.poll(() => workers().length).toBe(0);
  });

  test('an open dump stays while another loads, and is replaced only when a dump parses', async ({ page }) => {
    test.setTimeout(60_000);
    await page.getByTestId('file-input').setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: tiny });
    await settled(page, 'tiny.txt');
    await startLarge(page);
    let s = await snapshot(page);
    expect(s.fileName).toBe('tiny.txt');
    expect(s.loading).toMatch(/devcoredump-e2e/);
    await expect(page.getByText(TINY_KERNEL, { exact: true }).first()).toBeVisible();

    // A second drop while the large file loads: it replaces the load, and then the open dump.
    const g = generateDump({ layout: '6.14', seed: 7 });
    await drop(page, [{ name: 'second.txt', bytes: g.bytes }]);
    s = await settled(page, 'second.txt');
    expect(s).toMatchObject({ loading: null, error: null, ranges: g.expected.ranges.length, kernel: g.header.kernel });
    await expect(page.getByTestId('progress')).toBeHidden();
    // The large file's worker and the first dump's are ended (termination is reported a bit later).
    await expect.poll(() => page.workers().filter((w) => w.url().includes('parse-worker')).length).toBe(1);

    // A drop that does not parse leaves it open.
    await drop(page, [{ name: 'dmesg.txt', bytes: new TextEncoder().encode(KERNEL_LOG) }]);
    s = await settled(page);
    expect(s).toMatchObject({ fileName: 'second.txt', error: { kind: 'not-a-dump' } });
  });

  test('opens fully, and the progress bar shows its speed', async ({ page }) => {
    test.setTimeout(120_000);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(path);
    const shown: string[] = [];
    for (;;) {
      // Read in one go: a locator would wait for the bar once it is gone.
      const [loading, r] = await page.evaluate(() => [
        window.__devcoredump!.dump.getState().loading !== null,
        document.querySelector('[data-testid="progress-rate"]')?.textContent ?? null,
      ] as const);
      if (!loading) break;
      if (r) shown.push(r);
      await page.waitForTimeout(50);
    }
    const wall = Date.now() - t0;
    expect(shown.length).toBeGreaterThan(0);
    const s = await settled(page);
    expect(s.error).toBeNull();
    expect(s.fileName).toMatch(/devcoredump-e2e/);
    const size = statSync(path).size;
    expect(s.byteCount).toBe(size);
    const note = `${(size / 1e6).toFixed(1)} MB in ${wall} ms wall (${(size / 1e3 / wall).toFixed(0)} MB/s incl. setInputFiles); bar showed ${shown.slice(-3).join(', ')}`;
    console.log(`large file: ${note}`);
    test.info().annotations.push({ type: 'measured', description: note });
  });

  test('a worker crash while loading is an internal error; the open dump stays', async ({ page }) => {
    test.setTimeout(60_000);
    await page.getByTestId('file-input').setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: tiny });
    await settled(page, 'tiny.txt');
    // The next parse worker throws an uncaught error when its first message (the open) comes in.
    // (worker.evaluate would be too late: the parse keeps the worker's thread busy, and ends in
    // well under a second.)
    let routed = 0;
    await page.route('**/assets/parse-worker-*.js', async (route) => {
      routed++;
      const res = await route.fetch();
      const crash = "self.addEventListener('message', () => { throw new Error('crash test'); }, { once: true });\n";
      await route.fulfill({ response: res, body: crash + (await res.text()) });
    });
    await page.getByTestId('file-input').setInputFiles(path);
    const s = await settled(page);
    expect(routed).toBe(1);
    expect(s).toMatchObject({ fileName: 'tiny.txt', loading: null, error: { kind: 'internal' } });
    await expect(alert(page)).toContainText('Internal error');
    await expect(page.getByTestId('progress')).toBeHidden();
    await expect(page.getByText(TINY_KERNEL, { exact: true }).first()).toBeVisible();
  });
});
