// End-to-end tests of the Commands view (src/app/commands/): the hang summary's instruction at
// ACTHD, the instruction list with ACTHD marked, links into the second-level batch, the name
// filter, the c key and the cursor kept across Hex and Commands, and the context register table.
// What is expected comes from the generator's record of what it wrote (`g.hang`: the hung batch's
// instructions, ACTHD, the second-level batch, the LRC ring registers); the filter's count from
// the worker's listing code run in Node (src/worker/commands.ts, unit-tested).
import { expect, test, type Page } from '@playwright/test';
import { gotoOnDemand, openBytes } from './helpers.ts';
import { generateDump, type GenPlatform, type Layout } from '../src/gen/generate.ts';
import { findRangeAt } from '../src/format/addr.ts';
import { DumpParser } from '../src/format/parser.ts';
import { CommandService } from '../src/worker/commands.ts';

const hexA = (a: bigint) => '0x' + a.toString(16);
const pad16 = (a: bigint) => '0x' + a.toString(16).padStart(16, '0');
const hex8 = (v: number) => v.toString(16).padStart(8, '0');

function scenario(layout: Layout, seed = 1, platform?: GenPlatform) {
  const g = generateDump({ layout, seed, platform });
  const ins = g.hang.instructions;
  // The instruction ACTHD is in (the last one starting at or before it), and the one before it.
  const k = ins.findLastIndex((x) => x.address <= g.hang.acthd);
  return { g, at: ins[k], before: k > 0 ? ins[k - 1] : null };
}

/** The listing of the range holding `address`, decoded in Node by the worker's code. */
function listing(g: ReturnType<typeof generateDump>, address: bigint) {
  const parser = new DumpParser();
  parser.push(g.bytes);
  const model = parser.finish();
  const commands = new CommandService(() => model);
  const info = commands.open({ kind: 'range', index: model.ranges.indexOf(findRangeAt(model.ranges, address)!) }, null);
  const rows = [];
  for (let first = 0; first < info.count; first += 2048) rows.push(...commands.rows(info.key, null, first, 2048).rows);
  return { info, rows };
}

const list = (page: Page) => page.getByTestId('commands-list');
const cursorRow = (page: Page) => list(page).locator('[role="row"][aria-selected="true"]');

/**
 * From the ACTHD instruction of an open Commands view: walk the cursor with the keyboard to the
 * hung batch's MI_BATCH_BUFFER_START that calls the second-level batch, open it, follow the link,
 * and check where it lands: the range holding the second-level batch, cursor on its first instruction.
 */
async function followSecondLevelLink(page: Page, sc: ReturnType<typeof scenario>) {
  const second = sc.g.hang.secondLevel!;
  expect(second).not.toBeNull();
  // The hung batch's MI_BATCH_BUFFER_START that calls the second-level batch.
  const { rows } = listing(sc.g, sc.g.hang.batchAddr);
  const bbs = rows.find((r) => r.name === 'MI_BATCH_BUFFER_START' && r.fields.some((f) => f.address === second.address))!;
  expect(bbs).toBeDefined();
  const link = bbs.fields.find((f) => f.address === second.address)!;
  const targetRange = sc.g.expected.ranges.findIndex((r) => {
    const a = BigInt(r.address) & 0xffff_ffff_ffffn;
    return second.address >= a && second.address < a + BigInt(r.length);
  });
  await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(sc.at.address));
  // Walk the cursor to that instruction with the keyboard, open it and follow the link.
  await list(page).focus();
  const from = rows.findIndex((r) => r.address === sc.at.address);
  const to = rows.findIndex((r) => r.address === bbs.address);
  await page.keyboard.press(to < from ? 'ArrowUp' : 'ArrowDown');
  for (let k = 1; k < Math.abs(to - from); k++) await page.keyboard.press(to < from ? 'ArrowUp' : 'ArrowDown');
  await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(bbs.address));
  await page.keyboard.press('ArrowRight');
  await expect(cursorRow(page)).toHaveAttribute('aria-expanded', 'true');
  const fieldLink = list(page).getByRole('button', { name: `Go to ${hexA(second.address)} (${link.name})` });
  await expect(fieldLink).toBeVisible();
  await fieldLink.click();
  // The view shows the range holding the second-level batch, cursor on its first instruction.
  await expect(page.getByTestId('hex-header')).toContainText(`Range ${targetRange}`);
  await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(second.address));
  await expect(cursorRow(page)).toContainText(second.instructions[0].name);
  await expect(page.getByTestId('commands-status')).toContainText(`Cursor ${hexA(second.address)}: ${second.instructions[0].name}`);
  return { second, bbs, link };
}

test.describe('Commands view', () => {
  for (const [layout, platform] of [['6.19', 'bmg'], ['6.12', 'lnl'], ['6.14', 'dg2'], ['rfc', undefined]] as const) {
    test(`names and marks the instruction at ACTHD (${layout}${platform ? `, ${platform}` : ''})`, async ({ page }) => {
      const sc = scenario(layout, 1, platform);
      await page.goto('/');
      await openBytes(page, sc.g.bytes);
      // The hang summary names the instruction ACTHD is in, and the one before it.
      const hang = page.getByRole('region', { name: 'Hang summary' });
      await expect(hang.getByTestId('hang-acthd-instruction')).toContainText(`${sc.at.name} at ${hexA(sc.at.address)}`);
      if (sc.before) await expect(hang.getByTestId('hang-acthd-before')).toContainText(`${sc.before.name} at ${hexA(sc.before.address)}`);

      // c opens the Commands view of the batch range: the ACTHD instruction is marked and on screen.
      await page.getByTestId('hex-view').focus();
      await page.keyboard.press('c');
      await expect(page.getByRole('tab', { name: 'Commands' })).toHaveAttribute('aria-selected', 'true');
      const mark = list(page).locator('[data-testid="command-row"][data-acthd="true"]');
      await expect(mark).toHaveCount(1);
      await expect(mark).toHaveAttribute('data-address', hexA(sc.at.address));
      await expect(mark).toContainText(sc.at.name);
      await expect(mark).toBeInViewport();
      // IPEHR (the header the engine was parsing) is shown against it.
      const ipehr = Number(BigInt(sc.g.expected.engines[0].registers.IPEHR));
      await expect(mark.getByTestId('command-ipehr')).toContainText(`IPEHR ${hex8(ipehr)}`);
      // The cursor starts on it, and the list has the keyboard.
      await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(sc.at.address));
      await expect(list(page)).toBeFocused();
      // Only the ACTHD row is marked among those drawn; the rows around it are the generator's.
      const drawn = await list(page).locator('[data-testid="command-row"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-address'), r.getAttribute('data-acthd')]));
      expect(drawn.filter(([, a]) => a === 'true')).toHaveLength(1);
      const want = new Map(sc.g.hang.instructions.map((x) => [hexA(x.address), x.name]));
      const names = await list(page).locator('[data-testid="command-row"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-address'), r.querySelector('.cmd-name')?.textContent]));
      const known = names.filter(([a]) => want.has(a!));
      expect(known.length).toBeGreaterThan(3);
      for (const [a, n] of known) expect(n).toBe(want.get(a!));
    });
  }

  test('a second-level batch start is a link into the second-level batch', async ({ page }) => {
    const sc = scenario('6.19', 1, 'bmg');
    await page.goto('/');
    await openBytes(page, sc.g.bytes);
    await page.getByRole('tab', { name: 'Commands' }).click();
    const { second, bbs, link } = await followSecondLevelLink(page, sc);
    // Back returns to the batch start instruction; so does Enter on the field line, forward again.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(bbs.address));
    await list(page).focus();
    // Coming back to the range, its instructions start closed: → opens, → again enters the fields.
    await expect(cursorRow(page)).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowRight');
    await expect(cursorRow(page)).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(cursorRow(page)).toHaveAttribute('aria-level', '2');
    const fieldIndex = bbs.fields.indexOf(link);
    for (let k = 0; k < fieldIndex; k++) await page.keyboard.press('ArrowDown');
    await expect(cursorRow(page)).toContainText(link.name);
    await page.keyboard.press('Enter');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(second.address));
  });

  test('filters by name, toggles with c and keeps the cursor across Hex and Commands', async ({ page }) => {
    const sc = scenario('6.19', 2);
    const { info, rows: all } = listing(sc.g, sc.g.hang.acthd);
    await page.goto('/');
    await openBytes(page, sc.g.bytes);
    await page.getByTestId('hex-view').focus();
    await page.keyboard.press('c');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(sc.at.address));

    // Two instructions down, then back to Hex: the hex cursor is on that instruction's first byte.
    const i = all.findIndex((r) => r.address === sc.at.address);
    const two = all[i + 2];
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(two.address));
    await page.keyboard.press('c');
    await expect(page.getByRole('tab', { name: 'Hex' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('hex-status')).toContainText(`Cursor ${pad16(two.address)}`);
    await expect(page.getByTestId('hex-view')).toBeFocused();
    // In Hex, move the cursor into the last bytes of the next instruction; Commands shows that one.
    const three = all[i + 3];
    const mid = three.address + BigInt(three.length * 4 - 2);
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
    await expect(page.getByTestId('commands-count')).toHaveText(`${want} of ${info.count.toLocaleString('en-US')} instructions match`);
    const names = list(page).locator('[data-testid="command-row"] .cmd-name');
    await expect(names.first()).toHaveText('PIPE_CONTROL');
    expect(new Set(await names.allTextContents())).toEqual(new Set(['PIPE_CONTROL']));
    // Enter returns to the list; Escape in the box clears the filter.
    await box.press('Enter');
    await expect(list(page)).toBeFocused();
    await page.keyboard.press('/');
    await box.press('Escape');
    await expect(page.getByTestId('commands-count')).toHaveText(`${info.count.toLocaleString('en-US')} instructions`);
    // The ? help lists the Commands view's keys.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help.getByRole('table', { name: 'Commands view' })).toContainText('Hex / Commands view');
  });

  test('the context register table lists RING_HEAD beside the engine register', async ({ page }) => {
    const sc = scenario('6.19');
    const ctx = sc.g.hang.context;
    await page.goto('/');
    await openBytes(page, sc.g.bytes);
    await page.getByRole('tab', { name: /^Blobs/ }).click();
    const table = page.getByRole('region', { name: /^Context registers of HWCTX/ });
    await expect(table).toBeVisible();
    const row = table.getByTestId('context-register').filter({ has: page.getByRole('rowheader', { name: 'RING_HEAD', exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`0x${(ctx.mmioBase + 0x34).toString(16)}`); // RING_HEAD: engine base + 0x34
    await expect(row).toContainText(`0x${hex8(ctx.head)}`);
    await expect(table.getByTestId('context-register').filter({ has: page.getByRole('rowheader', { name: 'RING_TAIL', exact: true }) })).toContainText(`0x${hex8(ctx.tail)}`);
    // The LRC's ring head and tail beside the engine's RING_HEAD / RING_TAIL registers.
    const engine = sc.g.expected.engines[0].registers;
    const ringHead = table.getByTestId('context-ring-row').filter({ hasText: 'RING_HEAD' });
    await expect(ringHead).toContainText(`0x${hex8(ctx.head)}`);
    await expect(ringHead).toContainText(`0x${hex8(Number(BigInt(engine.RING_HEAD)))}`);
    await expect(table.getByTestId('context-ring-row').filter({ hasText: 'RING_TAIL' })).toContainText(`0x${hex8(Number(BigInt(engine.RING_TAIL)))}`);
  });
});

test.describe('Commands view on a dump decoded on demand', () => {
  test.beforeEach(async ({ page }) => gotoOnDemand(page));

  test('c lists the batch with ACTHD marked, the batch start link lands in the second-level batch, the context table has RING_HEAD', async ({ page }) => {
    const sc = scenario('6.19', 1, 'bmg');
    await openBytes(page, sc.g.bytes, 'ondemand.txt');
    expect(await page.evaluate(() => window.__devcoredump!.dump.getState().dump?.decoding ?? null)).toEqual({ mode: 'on-demand', spooled: false });
    // The hang summary names the instruction ACTHD is in, and the one before it.
    const hang = page.getByRole('region', { name: 'Hang summary' });
    await expect(hang.getByTestId('hang-acthd-instruction')).toContainText(`${sc.at.name} at ${hexA(sc.at.address)}`);
    await expect(hang.getByTestId('hang-acthd-before')).toContainText(`${sc.before!.name} at ${hexA(sc.before!.address)}`);
    // c: the Commands view of the batch range, the ACTHD instruction marked and on screen.
    await page.getByTestId('hex-view').focus();
    await page.keyboard.press('c');
    const mark = list(page).locator('[data-testid="command-row"][data-acthd="true"]');
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveAttribute('data-address', hexA(sc.at.address));
    await expect(mark).toContainText(sc.at.name);
    await expect(mark).toBeInViewport();
    // The MI_BATCH_BUFFER_START's link lands in the second-level batch (another range).
    await followSecondLevelLink(page, sc);
    // The context image's register table, read from its pages.
    await page.getByRole('tab', { name: /^Blobs/ }).click();
    const table = page.getByRole('region', { name: /^Context registers of HWCTX/ });
    const row = table.getByTestId('context-register').filter({ has: page.getByRole('rowheader', { name: 'RING_HEAD', exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`0x${hex8(sc.g.hang.context.head)}`);
  });

  test('a large range is walked in steps: the first rows at once, then the count grows to the whole listing', async ({ page }) => {
    const size = 8 << 20;
    const g = generateDump({ layout: '6.19', seed: 4, platform: 'bmg', bigRange: size });
    const big = g.expected.ranges.findIndex((r) => r.length === size);
    // The listing of the same range decoded whole, by the worker's code in Node.
    const parser = new DumpParser();
    parser.push(g.bytes);
    const model = parser.finish();
    const commands = new CommandService(() => model);
    const whole = commands.open({ kind: 'range', index: big }, null);
    const [last] = commands.rows(whole.key, null, whole.count - 1, 1).rows;
    await openBytes(page, g.bytes, 'big.txt');
    await page.evaluate((i) => window.__devcoredump!.view.getState().select({ kind: 'range', index: i }), big);
    await expect(page.getByTestId('hex-view').locator('[data-address]').first()).toBeVisible();
    // Every count the list shows, and whether the walk had ended then.
    await page.evaluate(() => {
      const w = window as unknown as { __counts: [number, boolean][] };
      w.__counts = [];
      window.__devcoredumpCommands!.subscribe((x) => {
        const c = w.__counts;
        if (x.info && (c.length === 0 || c[c.length - 1][0] !== x.count)) c.push([x.count, x.info.complete]);
      });
    });
    await page.getByTestId('hex-view').focus();
    await page.keyboard.press('c');
    await expect(list(page).locator('[data-testid="command-row"]').first()).toHaveAttribute('data-address', hexA(BigInt(g.expected.ranges[big].address)));
    await expect(page.getByTestId('commands-count')).toHaveText(`${whole.count.toLocaleString('en-US')} instructions`);
    const counts = await page.evaluate(() => (window as unknown as { __counts: [number, boolean][] }).__counts);
    expect(counts[0][1]).toBe(false);
    expect(counts[0][0]).toBeLessThan(whole.count);
    expect(counts[counts.length - 1]).toEqual([whole.count, true]);
    // End: the last instruction of the range, as decoded whole.
    await list(page).focus();
    await page.keyboard.press('End');
    await expect(cursorRow(page)).toHaveAttribute('data-address', hexA(last.address));
    await expect(cursorRow(page)).toContainText(last.name);
  });
});
