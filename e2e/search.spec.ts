// End-to-end tests of memory search (src/app/search/, src/worker/search.ts) against the built app:
// Ctrl+F, queries in several modes checked against a plain scan of the same memory in Node,
// the results list, F3 / Shift+F3 and the hex cursor, highlights, the cap, an invalid query,
// Escape, and Cancel on a large dump.
import { expect, test, type Page } from '@playwright/test';
import { largeDumpFile, openBytes } from './helpers.ts';
import { generateDump } from '../src/gen/generate.ts';
import { DumpParser } from '../src/format/parser.ts';
import { foldAddress } from '../src/format/addr.ts';
import type { DumpModel } from '../src/format/model.ts';

interface Hit {
  kind: 'range' | 'blob';
  index: number;
  offset: number;
  /** Folded GPU address (range) or offset (blob). */
  address: bigint;
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const hexA = (a: bigint) => '0x' + a.toString(16);
const pad16 = (a: bigint) => '0x' + a.toString(16).padStart(16, '0');
const FOLD = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);

function parse(bytes: Uint8Array): DumpModel {
  const p = new DumpParser();
  p.push(bytes);
  return p.finish();
}

/** Every occurrence of `needle` (mask 0 = wildcard), ranges first, then blobs: what the app must list. */
function scan(model: DumpModel, needles: Uint8Array[], opts: { mask?: number[]; ci?: boolean } = {}): Hit[] {
  const out: Hit[] = [];
  const eq = (a: number, b: number) => (opts.ci ? FOLD(a) === FOLD(b) : a === b);
  const one = (kind: 'range' | 'blob', index: number, base: bigint, data: Uint8Array | null, n: number) => {
    if (!data) return;
    for (let s = 0; s < n; s++)
      for (const needle of needles) {
        if (s + needle.length > n) continue;
        let j = 0;
        while (j < needle.length && (opts.mask?.[j] === 0 || eq(data[s + j], needle[j]))) j++;
        if (j === needle.length) out.push({ kind, index, offset: s, address: base + BigInt(s) });
      }
  };
  model.ranges.forEach((r, i) => one('range', i, foldAddress(r.address), r.data, Math.min(r.length, r.decodedLength)));
  model.blobs.forEach((b, i) => one('blob', i, 0n, b.data, Math.min(b.length, b.decodedLength)));
  return out;
}

const le = (v: bigint, n: number) => Uint8Array.from({ length: n }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));

const count = (n: number) => `${n.toLocaleString('en-US')} result${n === 1 ? '' : 's'}`;

async function search(page: Page, mode: string, text: string, opts: { ci?: boolean } = {}) {
  const pane = page.getByRole('region', { name: 'Search memory' });
  await pane.getByLabel('Search mode').selectOption(mode);
  const ci = pane.getByLabel('Ignore case');
  if (await ci.isEnabled()) await ci.setChecked(!!opts.ci);
  const box = pane.getByLabel('Search for');
  await box.fill(text);
  await box.press('Enter');
  await expect(pane.getByTestId('search-count')).not.toHaveText(/Searching|^$/);
}

/** The hex status bar names the cursor of a hit, and its cell is marked as the current match. */
async function expectAt(page: Page, h: Hit) {
  const status = page.getByTestId('hex-status');
  if (h.kind === 'range') await expect(status).toContainText(`Cursor ${pad16(h.address)}`);
  else await expect(status).toContainText(new RegExp(`Cursor offset 0x0*${h.address.toString(16)}\\b`));
  const row = h.address - (h.address % 16n);
  const cell = page.locator(`[data-testid="hex-view"] [data-address="${hexA(row)}"] [data-offset="${Number(h.address % 16n)}"]`);
  await expect(cell).toHaveClass(/hb-cursor/);
  await expect(cell).toHaveClass(/hb-hit-cur/);
}

test.describe('memory search', () => {
  const g = generateDump({ layout: '6.19', seed: 1 });
  const model = parse(g.bytes);

  test('Ctrl+F, values in several modes, the results list, F3 / Shift+F3, highlights, Escape', async ({ page }) => {
    await page.goto('/');
    await openBytes(page, g.bytes);
    await page.getByTestId('hex-view').focus();
    await page.keyboard.press('Control+f');
    const pane = page.getByRole('region', { name: 'Search memory' });
    await expect(pane).toBeVisible();
    await expect(pane.getByLabel('Search for')).toBeFocused();

    // u32: a non-zero dword that occurs a few times, all in ranges (so the hex status shows addresses).
    const dwords = new Map<number, number>();
    for (const r of model.ranges) {
      if (!r.data) continue;
      const dv = new DataView(r.data.buffer, r.data.byteOffset, Math.min(r.length, r.decodedLength));
      for (let o = 0; o + 4 <= dv.byteLength; o += 4) {
        const v = dv.getUint32(o, true);
        if (v !== 0) dwords.set(v, (dwords.get(v) ?? 0) + 1);
      }
    }
    let value = -1;
    let want: Hit[] = [];
    for (const [v, n] of dwords) {
      if (n < 4 || n > 40) continue;
      const hits = scan(model, [le(BigInt(v), 4)]);
      if (hits.slice(0, 4).every((h) => h.kind === 'range')) {
        value = v;
        want = hits;
        break;
      }
    }
    expect(value, 'a dword that occurs 4–40 times').toBeGreaterThan(0);
    await search(page, 'u32', '0x' + value.toString(16));
    await expect(pane.getByTestId('search-count')).toHaveText(count(want.length));
    await expect(pane.getByTestId('search-position')).toContainText(`1 of ${want.length}`);
    const options = pane.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect(options.first()).toHaveAttribute('data-address', hexA(want[0].address));
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await expect(options.first()).toContainText(le(BigInt(value), 4).reduce((s, b) => s + (s ? ' ' : '') + hex2(b), ''));
    // The first match opened at once; F3 / Shift+F3 move through the matches.
    await expectAt(page, want[0]);
    await page.keyboard.press('F3');
    await expectAt(page, want[1]);
    await page.keyboard.press('F3');
    await expectAt(page, want[2]);
    await expect(pane.getByTestId('search-position')).toContainText(`3 of ${want.length}`);
    await page.keyboard.press('Shift+F3');
    await expectAt(page, want[1]);
    // Enter in the box (query unchanged) is the next match, Shift+Enter the previous.
    await pane.getByLabel('Search for').press('Enter');
    await expectAt(page, want[2]);
    await pane.getByLabel('Search for').press('Shift+Enter');
    await expectAt(page, want[1]);
    // Every byte of every match in view is highlighted, and no other byte.
    const h1 = want[1].address;
    for (let i = 0n; i < 4n; i++) {
      const a = h1 + i;
      await expect(page.locator(`[data-testid="hex-view"] [data-address="${hexA(a - (a % 16n))}"] [data-offset="${Number(a % 16n)}"]`)).toHaveClass(/hb-hit/);
    }
    const b = h1 + 4n;
    const nextIsHit = want.some((h) => h.kind === 'range' && h.address <= b && b < h.address + 4n);
    if (!nextIsHit) await expect(page.locator(`[data-testid="hex-view"] [data-address="${hexA(b - (b % 16n))}"] [data-offset="${Number(b % 16n)}"]`)).not.toHaveClass(/hb-hit/);
    // A click in the list, then the arrows in the list.
    await options.nth(3).click();
    await expectAt(page, want[3]);
    await page.keyboard.press('ArrowUp');
    await expectAt(page, want[2]);
    await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');

    // Hex bytes with a wildcard: 6 bytes from a random-looking part of a range, the 3rd one ??.
    const r = model.ranges.find((x) => x.data && x.length >= 0x1000)!;
    let at = 0x101;
    while (at + 6 <= r.length && new Set(r.data!.subarray(at, at + 6)).size < 5) at += 7;
    expect(at + 6).toBeLessThanOrEqual(r.length);
    const bytes = [...r.data!.subarray(at, at + 6)];
    const wantHex = scan(model, [Uint8Array.from(bytes)], { mask: [1, 1, 0, 1, 1, 1] });
    await search(page, 'hex', bytes.map((x, i) => (i === 2 ? '??' : hex2(x))).join(' '));
    await expect(pane.getByTestId('search-count')).toHaveText(count(wantHex.length));
    await expect(options.first()).toHaveAttribute('data-address', hexA(wantHex[0].address));
    await expectAt(page, wantHex[0]);

    // ASCII, case-insensitive: 3 letters found in memory, typed in the other case.
    let word = '';
    outer: for (const x of model.ranges) {
      if (!x.data) continue;
      for (let o = 0; o + 3 <= x.data.length; o++) {
        const w = String.fromCharCode(...x.data.subarray(o, o + 3));
        if (/^[a-z]{3}$/i.test(w)) {
          word = w;
          break outer;
        }
      }
    }
    expect(word).not.toBe('');
    const swapped = [...word].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    const wantCi = scan(model, [new TextEncoder().encode(word)], { ci: true });
    await search(page, 'ascii', swapped, { ci: true });
    await expect(pane.getByTestId('search-count')).toHaveText(count(wantCi.length));
    const wantCs = scan(model, [new TextEncoder().encode(swapped)]);
    await search(page, 'ascii', swapped, { ci: false });
    await expect(pane.getByTestId('search-count')).toHaveText(wantCs.length === 0 ? 'No results' : count(wantCs.length));

    // UTF-16LE: two letters stored as 16-bit units (a letter byte, then 0x00, twice), typed in the
    // other case with Ignore case, and in the same case without it.
    let pair = '';
    outer16: for (const x of model.ranges) {
      if (!x.data) continue;
      for (let o = 0; o + 4 <= x.data.length; o++) {
        const d = x.data;
        if (d[o + 1] === 0 && d[o + 3] === 0 && /^[a-z]{2}$/i.test(String.fromCharCode(d[o], d[o + 2]))) {
          pair = String.fromCharCode(d[o], d[o + 2]);
          break outer16;
        }
      }
    }
    expect(pair, 'two UTF-16LE letters in memory').not.toBe('');
    const u16 = (t: string) => Uint8Array.from([...t].flatMap((c) => [c.charCodeAt(0), 0]));
    const other = [...pair].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    await search(page, 'utf16le', other, { ci: true });
    await expect(pane.getByTestId('search-count')).toHaveText(count(scan(model, [u16(pair)], { ci: true }).length));
    await search(page, 'utf16le', pair, { ci: false });
    await expect(pane.getByTestId('search-count')).toHaveText(count(scan(model, [u16(pair)]).length));

    // GPU address: a 64-bit word in memory that points into a captured high range, typed in its
    // canonical (sign-extended) form; both the plain and the canonical word are found.
    let target = -1n;
    for (const x of model.ranges) {
      if (!x.data || target >= 0n) continue;
      const dv = new DataView(x.data.buffer, x.data.byteOffset, Math.min(x.length, x.decodedLength) & ~7);
      for (let o = 0; o + 8 <= dv.byteLength; o += 8) {
        const v = foldAddress(dv.getBigUint64(o, true));
        if (v !== 0n && model.ranges.some((y) => v >= foldAddress(y.address) && v < foldAddress(y.address) + BigInt(y.length))) {
          target = v;
          break;
        }
      }
    }
    expect(target, 'a pointer into a captured range').toBeGreaterThan(0n);
    const forms = [le(target, 8)];
    if ((target >> 47n) & 1n) forms.push(le(target | 0xffff_0000_0000_0000n, 8));
    const wantAddr = scan(model, forms);
    const typed = (target >> 47n) & 1n ? hexA(target | 0xffff_0000_0000_0000n) : hexA(target);
    await search(page, 'address', typed);
    await expect(pane.getByTestId('search-count')).toHaveText(count(wantAddr.length));
    expect(wantAddr.length).toBeGreaterThan(0);

    // An invalid hex query: the reason inline, no search.
    await pane.getByLabel('Search mode').selectOption('hex');
    await pane.getByLabel('Search for').fill('de ?');
    await expect(pane.getByTestId('search-invalid')).toHaveText(/odd number of digits/);
    await expect(pane.getByLabel('Search for')).toHaveAttribute('aria-invalid', 'true');
    await pane.getByLabel('Search for').press('Enter');
    await expect(pane.getByTestId('search-count')).toHaveText(count(wantAddr.length)); // the last results stay
    await pane.getByLabel('Search for').fill('de ad');
    await expect(pane.getByTestId('search-invalid')).toBeHidden();

    // Escape closes the pane, the hex view gets the focus back and the highlights go.
    await pane.getByLabel('Search for').press('Escape');
    await expect(pane).toBeHidden();
    await expect(page.getByTestId('hex-view')).toBeFocused();
    await expect(page.locator('[data-testid="hex-view"] .hb-hit')).toHaveCount(0);
    // Ctrl+F brings it back with the query.
    await page.keyboard.press('Control+f');
    await expect(pane.getByLabel('Search for')).toHaveValue('de ad');
  });

  test('blob matches open the blob; the cap says "first N results"; the list stays small', async ({ page }) => {
    await page.goto('/');
    await openBytes(page, g.bytes);
    const bi = model.blobs.findIndex((x) => x.name === 'LOG' && x.data);
    const blob = model.blobs[bi];
    // 12 random-looking bytes from the LOG blob.
    let at = 0xc0; // log entries start here (src/gen/content.ts gucLog)
    while (at + 12 <= blob.length && new Set(blob.data!.subarray(at, at + 12)).size < 8) at++;
    expect(at + 12, 'random-looking bytes in the LOG blob').toBeLessThanOrEqual(blob.length);
    const needle = blob.data!.slice(at, at + 12);
    const want = scan(model, [needle]);
    const inBlob = want.findIndex((h) => h.kind === 'blob' && h.index === bi && h.offset === at);
    expect(inBlob).toBeGreaterThanOrEqual(0);
    await page.getByTestId('hex-view').focus();
    await page.keyboard.press('Control+f');
    await search(page, 'hex', [...needle].map(hex2).join(''));
    const pane = page.getByRole('region', { name: 'Search memory' });
    await expect(pane.getByTestId('search-count')).toHaveText(count(want.length));
    const options = pane.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await options.nth(inBlob).click();
    await expect(page.getByTestId('hex-header')).toContainText('Blob LOG');
    await expectAt(page, want[inBlob]);
    await expect(options.nth(inBlob)).toContainText('blob LOG');

    // Zero bytes: far more than 10,000.
    await search(page, 'hex', '00');
    await expect(pane.getByTestId('search-count')).toHaveText('first 10,000 results (cap reached: there are more)');
    expect(await options.count()).toBeLessThan(60); // virtualized
    // End in the list goes to the last result.
    await pane.getByRole('listbox', { name: 'Search results' }).focus();
    await page.keyboard.press('End');
    await expect(pane.getByTestId('search-position')).toContainText('10,000 of 10,000');
    await expect(pane.getByRole('listbox', { name: 'Search results' }).getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '10000');
  });
});

test.describe('memory search, a large dump', () => {
  const TARGET = 200e6;
  // The same file as open.spec.ts's large-file tests (made once, kept in the temp folder).
  let path = '';

  test.beforeAll(() => {
    test.setTimeout(120_000);
    path = largeDumpFile(TARGET);
  });

  test('Cancel stops a running search part way; Find then searches to the end, answering byte reads meanwhile', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/');
    await page.getByTestId('file-input').setInputFiles(path);
    await expect(page.getByTestId('hex-view')).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => window.__devcoredump!.dump.getState().dump !== null), { timeout: 60_000 }).toBe(true);
    await page.keyboard.press('Control+f');
    const pane = page.getByRole('region', { name: 'Search memory' });
    await pane.getByLabel('Search mode').selectOption('ascii');
    await pane.getByLabel('Search for').fill('no such text in memory');
    // Click Cancel the moment it shows (a person is slower than a 200 MB search; the page is not).
    await page.evaluate(() => {
      const mo = new MutationObserver(() => {
        const b = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="search-pane"] button')].find((x) => x.textContent === 'Cancel');
        if (b) {
          mo.disconnect();
          b.click();
        }
      });
      mo.observe(document.body, { childList: true, subtree: true });
    });
    await pane.getByLabel('Search for').press('Enter');
    await expect(pane.getByTestId('search-count')).toHaveText(/^Stopped at \d+%: 0 results$/);
    await expect(pane.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
    // The worker's own answer: it stopped part way (the search needs many 12 ms slices).
    await expect(pane.getByTestId('search-time')).toBeVisible();
    const st = await page.evaluate(() => {
      const s = window.__devcoredumpSearch!.getState();
      return { scanned: s.scannedBytes, total: s.totalBytes, status: s.status };
    });
    expect(st.status).toBe('stopped');
    expect(st.scanned).toBeGreaterThan(0);
    expect(st.scanned).toBeLessThan(st.total);

    // Find searches again, to the end. A byte read (what the hex view does) started as the search
    // starts is answered before the search ends: the worker yields between slices.
    await page.evaluate(() => {
      const w = window as unknown as { __order: string[] };
      w.__order = [];
      const s = window.__devcoredump!.dump.getState();
      const r0 = s.dump!.ranges.find((r) => r.hasData)!;
      let started = false;
      const unsub = window.__devcoredumpSearch!.subscribe((st) => {
        if (st.status === 'running' && !started) {
          started = true;
          void s.client!.read({ kind: 'gpu' }, r0.address & 0xffff_ffff_ffffn, 16).then((r) => w.__order.push(`read ${r.bytes.length}`));
        }
        if (st.status === 'done') {
          w.__order.push('search done');
          unsub();
        }
      });
    });
    await pane.getByRole('button', { name: 'Find' }).click();
    await expect(pane.getByTestId('search-count')).toHaveText('No results', { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __order: string[] }).__order)).toEqual(['read 16', 'search done']);
    const done = await page.evaluate(() => {
      const s = window.__devcoredumpSearch!.getState();
      return { scanned: s.scannedBytes, total: s.totalBytes };
    });
    expect(done.scanned).toBe(done.total);
    expect(done.total).toBeGreaterThan(150e6);
  });
});
