// End-to-end tests of the Commands view (src/app/commands/): the hang summary's instruction at
// ACTHD, the instruction list with ACTHD marked, links into the second-level batch, the name
// filter, the c key and the cursor kept across Hex and Commands, and the context register table.
// Expected names and addresses come from the generator's dump decoded in Node by the same worker
// code (src/worker/commands.ts), whose decoding has its own unit tests.
import { expect, test, type Page } from '@playwright/test';
import { openBytes } from './helpers.ts';
import { generateDump, type Layout } from '../src/gen/generate.ts';
import { findRangeAt, foldAddress } from '../src/format/addr.ts';
import { DumpParser } from '../src/format/parser.ts';
import { CommandService } from '../src/worker/commands.ts';

const hexA = (a: bigint) => '0x' + a.toString(16);
const pad16 = (a: bigint) => '0x' + a.toString(16).padStart(16, '0');

async function scenario(layout: Layout, seed = 1) {
  const g = generateDump({ layout, seed });
  const parser = new DumpParser();
  parser.push(g.bytes);
  const summary = parser.finish();
  const s = { commands: new CommandService(() => summary) };
  const acthd = foldAddress(BigInt(g.expected.engines[0].registers.ACTHD));
  const at = s.commands.instructionAt(acthd, null)!;
  const range = { index: summary.ranges.indexOf(findRangeAt(summary.ranges, acthd)!) };
  const info = s.commands.open({ kind: 'range', index: range.index }, null);
  return { g, s, summary, acthd, at, range, info };
}

const list = (page: Page) => page.getByTestId('commands-list');
const cursorRow = (page: Page) => list(page).locator('[role="row"][aria-selected="true"]');

test.describe('Commands view', () => {
  for (const layout of ['6.19', 'rfc'] as const) {
    test(`names and marks the instruction at ACTHD (${layout})`, async ({ page }) => {
      const sc = await scenario(layout);
      await page.goto('/');
      await openBytes(page, sc.g.bytes);
      // The hang summary names the instruction ACTHD is in, and the one before it.
      const hang = page.getByRole('region', { name: 'Hang summary' });
      await expect(hang.getByTestId('hang-acthd-instruction')).toContainText(`${sc.at.at.name} at ${hexA(sc.at.at.address)}`);
      if (sc.at.before) await expect(hang.getByTestId('hang-acthd-before')).toContainText(`${sc.at.before.name} at ${hexA(sc.at.before.address)}`);

      // c opens the Commands view of the batch range: the ACTHD instruction is marked and on screen.
      await page.getByTestId('hex-view').focus();
      await page.keyboard.press('c');
      await expect(page.getByRole('tab', { name: 'Commands' })).toHaveAttribute('aria-selected', 'true');
      const mark = list(page).locator('[data-testid="command-row"][data-acthd="true"]');
      await expect(mark).toHaveCount(1);
      await expect(mark).toHaveAttribute('data-address', hexA(sc.at.at.address));
      await expect(mark).toContainText(sc.at.at.name);
      await expect(mark).toBeInViewport();
      if (sc.info.acthd?.ipehr != null) await expect(mark.getByTestId('command-ipehr')).toContainText(`IPEHR ${sc.info.acthd.ipehr.toString(16).padStart(8, '0')}`);
      // The cursor starts on it, and the list has the keyboard.
      await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(sc.at.at.address));
      await expect(list(page)).toBeFocused();
      // Only the ACTHD row is marked among those drawn.
      const marked = await list(page).locator('[data-testid="command-row"]').evaluateAll((rows) => rows.filter((r) => r.getAttribute('data-acthd') === 'true').length);
      expect(marked).toBe(1);
    });
  }

  test('a batch start is a link into the batch it starts', async ({ page }) => {
    const sc = await scenario('6.19');
    // The MI_BATCH_BUFFER_START instructions of the batch range, with their targets.
    const rows = sc.s.commands.rows(sc.info.key, null, 0, 2048).filter((r) => r.name === 'MI_BATCH_BUFFER_START' && r.fields.some((f) => f.address !== undefined));
    expect(rows.length).toBeGreaterThan(0);
    const bbs = rows.find((r) => r.acthd) ?? rows[0];
    const link = bbs.fields.find((f) => f.address !== undefined)!;
    const target = link.address!;
    const targetRange = { index: sc.summary.ranges.indexOf(findRangeAt(sc.summary.ranges, target)!) };
    await page.goto('/');
    await openBytes(page, sc.g.bytes);
    await page.getByRole('tab', { name: 'Commands' }).click();
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(sc.at.at.address));
    // Walk the cursor to the batch start instruction with the keyboard, open it, follow its link.
    await page.evaluate((a) => {
      const s = window.__devcoredumpCommands!.getState();
      return s.follow(BigInt(a));
    }, hexA(bbs.address));
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(bbs.address));
    await list(page).focus();
    await page.keyboard.press('ArrowRight');
    await expect(cursorRow(page)).toHaveAttribute('aria-expanded', 'true');
    const fieldLink = list(page).getByRole('button', { name: `Go to ${hexA(target)} (${link.name})` });
    await expect(fieldLink).toBeVisible();
    await fieldLink.click();
    // The view now shows the range holding the target, cursor on the instruction there.
    await expect(page.getByTestId('hex-header')).toContainText(`Range ${targetRange.index}`);
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(target));
    await expect(page.getByTestId('commands-status')).toContainText(`Cursor ${hexA(target)}`);
    // Back returns to the batch start instruction.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(bbs.address));
  });

  test('filters by name, toggles with c and keeps the cursor across Hex and Commands', async ({ page }) => {
    const sc = await scenario('6.19', 2);
    await page.goto('/');
    await openBytes(page, sc.g.bytes);
    await page.getByTestId('hex-view').focus();
    await page.keyboard.press('c');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(sc.at.at.address));

    // Two instructions down, then back to Hex: the hex cursor is on that instruction's first byte.
    const all = [];
    for (let first = 0; first < sc.info.count; first += 2048) all.push(...sc.s.commands.rows(sc.info.key, null, first, 2048));
    const i = all.findIndex((r) => r.address === sc.at.at.address);
    const two = all[i + 2];
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(two.address));
    await page.keyboard.press('c');
    await expect(page.getByRole('tab', { name: 'Hex' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('hex-status')).toContainText(`Cursor ${pad16(two.address)}`);
    // In Hex, move the cursor into the middle of the next instruction; Commands shows that one.
    const three = all[i + 3];
    const mid = three.address + BigInt(Math.max(0, three.length * 4 - 2));
    for (let a = two.address; a < mid; a++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('hex-status')).toContainText(`Cursor ${pad16(mid)}`);
    await page.keyboard.press('c');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(three.address));

    // The name filter: / focuses it; only matching instructions are listed.
    await page.keyboard.press('/');
    const box = page.getByTestId('commands-filter');
    await expect(box).toBeFocused();
    await box.fill('pipe_control');
    const want = all.filter((r) => r.name === 'PIPE_CONTROL').length;
    expect(want).toBeGreaterThan(0);
    await expect(page.getByTestId('commands-count')).toHaveText(new RegExp(`^${want} of [\\d,]+ instructions match$`));
    const names = list(page).locator('[data-testid="command-row"] .cmd-name');
    await expect(names.first()).toHaveText('PIPE_CONTROL');
    expect(new Set(await names.allTextContents())).toEqual(new Set(['PIPE_CONTROL']));
    // Enter returns to the list; Escape in the box clears the filter.
    await box.press('Enter');
    await expect(list(page)).toBeFocused();
    await page.keyboard.press('/');
    await box.press('Escape');
    await expect(page.getByTestId('commands-count')).toHaveText(`${sc.info.count.toLocaleString('en-US')} instructions`);
  });

  test('the context register table lists RING_HEAD beside the engine register', async ({ page }) => {
    const sc = await scenario('6.19');
    const blob = sc.summary.blobs.findIndex((b) => /HWCTX/.test(b.name) && b.data !== null);
    const img = sc.s.commands.contextImage(blob, null)!;
    const head = img.registers.find((r) => r.name === 'RING_HEAD')!;
    expect(head).toBeDefined();
    await page.goto('/');
    await openBytes(page, sc.g.bytes);
    await page.getByRole('tab', { name: /^Blobs/ }).click();
    const table = page.getByRole('region', { name: /^Context registers of HWCTX/ });
    await expect(table).toBeVisible();
    const row = table.getByTestId('context-register').filter({ has: page.getByRole('rowheader', { name: 'RING_HEAD', exact: true }) });
    await expect(row.first()).toContainText(`0x${head.offset.toString(16)}`);
    await expect(row.first()).toContainText(`0x${head.value.toString(16).padStart(8, '0')}`);
    const engineHead = sc.g.expected.engines[0].registers.RING_HEAD;
    const ring = table.getByTestId('context-ring-row').filter({ hasText: 'RING_HEAD' });
    await expect(ring).toContainText(`0x${head.value.toString(16).padStart(8, '0')}`);
    if (engineHead) await expect(ring).toContainText(`0x${BigInt(engineHead).toString(16).padStart(8, '0')}`);
  });
});
