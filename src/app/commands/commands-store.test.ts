// The Commands view's store against the worker's own code run in-process (CommandService over a
// generated dump): the view switch, the cursor shared with the hex view, the filter, expansion,
// links, the platform override, and the reset when another dump opens.
import { beforeEach, describe, expect, it } from 'vitest';
import { generateDump } from '../../gen/generate.ts';
import { findRangeAt } from '../../format/addr.ts';
import { ParseSession } from '../../worker/session.ts';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import type { ByteSource } from '../byte-source.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { useHexStore } from '../hex/hex-store.ts';
import { openAnotherDump } from '../dump-lifecycle-testing.ts';
import { findShortcut } from '../shortcuts/keymap.ts';
import { SHORTCUTS } from '../shortcuts/registry.ts';
import { useFocusRequest } from '../shortcuts/focus-request.ts';
import { FILTER_DELAY_MS, installCommandsSync, useCommandsStore, type CommandsClient } from './commands-store.ts';

installCommandsSync();

const until = async (cond: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

async function openGenerated(seed = 1, big: { bigRange: number; eagerBytes: number } | null = null): Promise<{ summary: DumpSummary; session: ParseSession; g: ReturnType<typeof generateDump> }> {
  const g = generateDump({ layout: '6.19', seed, platform: 'bmg', ...(big ? { bigRange: big.bigRange } : {}) });
  const session = new ParseSession();
  const summary = await session.open({ kind: 'bytes', bytes: g.bytes, name: 'g.txt' }, () => {}, big ? { eagerBytes: big.eagerBytes } : {});
  const c = session.commands;
  const client: CommandsClient & ByteSource = {
    // The other stores (the inspector) read bytes at the cursor.
    read: async (space, address, length) => session.read(space, address, length),
    commandsOpen: async (t, p) => c.open(t, p),
    commandsGrow: async (k) => c.grow(k),
    commandsRows: async (k, f, first, n) => c.rows(k, f, first, n),
    commandsFilter: async (k, t) => c.filter(k, t),
    commandsPosOf: async (k, f, a) => c.posOf(k, f, a),
    instructionAt: async (a, p) => c.instructionAt(a, p),
    contextImage: async (b, p) => c.contextImage(b, p),
  };
  useDumpStore.setState({ client: client as never });
  openAnotherDump(summary);
  useViewStore.getState().reset(summary);
  return { summary, session, g };
}

const rowAt = (pos: number) => useCommandsStore.getState().rows!.row(pos);

beforeEach(() => {
  useCommandsStore.getState().reset();
  useHexStore.setState({ cursor: null, anchor: null });
});

describe('commands store', () => {
  it('opens on the ACTHD instruction, and the hex cursor follows the list cursor', async () => {
    const { g } = await openGenerated();
    const s = useCommandsStore.getState();
    s.setMode('commands');
    await until(() => useCommandsStore.getState().at !== null);
    const st = useCommandsStore.getState();
    expect(st.info!.acthd!.address).toBe(g.hang.acthd);
    const at = await rowAt(st.at!.pos);
    expect(at!.acthd).toBe(true);
    expect(at!.address <= g.hang.acthd).toBe(true);
    await until(() => useHexStore.getState().cursor === at!.address);
    // Two down, then Hex: the hex view is sent to that instruction.
    st.moveBy(2);
    const two = await rowAt(at!.pos + 2);
    await until(() => useHexStore.getState().cursor === two!.address);
    useCommandsStore.getState().setMode('hex');
    expect(useViewStore.getState().address).toBe(two!.address);
    // A hex cursor in the middle of the next instruction: Commands lands on that instruction.
    const three = (await rowAt(at!.pos + 3))!;
    useHexStore.getState().setCursor(three.address + BigInt(three.length * 4 - 1));
    useCommandsStore.getState().setMode('commands');
    await until(() => useCommandsStore.getState().at?.pos === at!.pos + 3);
  });

  it('filters by name, keeping the cursor near the instruction it was on', async () => {
    await openGenerated(2);
    useCommandsStore.getState().setMode('commands');
    await until(() => useCommandsStore.getState().at !== null);
    const total = useCommandsStore.getState().count;
    useCommandsStore.getState().setFilter('PIPE_control');
    expect(useCommandsStore.getState().filter).toBeNull(); // not before the delay
    await new Promise((r) => setTimeout(r, FILTER_DELAY_MS + 20));
    await until(() => useCommandsStore.getState().filter !== null && useCommandsStore.getState().at !== null);
    const st = useCommandsStore.getState();
    expect(st.count).toBe(st.filter!.count);
    expect(st.count).toBeGreaterThan(0);
    expect(st.count).toBeLessThan(total);
    for (let p = 0; p < Math.min(st.count, 20); p++) expect((await rowAt(p))!.name).toBe('PIPE_CONTROL');
    useCommandsStore.getState().setFilter('');
    await new Promise((r) => setTimeout(r, FILTER_DELAY_MS + 20));
    await until(() => useCommandsStore.getState().filter === null);
    expect(useCommandsStore.getState().count).toBe(total);
  });

  it('expands an instruction into its fields and follows an address into another range', async () => {
    const { g, summary } = await openGenerated();
    useCommandsStore.getState().setMode('commands');
    await until(() => useCommandsStore.getState().at !== null);
    const second = g.hang.secondLevel!.address;
    // The MI_BATCH_BUFFER_START calling the second-level batch.
    let pos = -1;
    for (let p = 0; p < useCommandsStore.getState().count && pos < 0; p++) {
      const r = (await rowAt(p))!;
      if (r.fields.some((f) => f.address === second)) pos = p;
    }
    expect(pos).toBeGreaterThanOrEqual(0);
    const row = (await rowAt(pos))!;
    useCommandsStore.getState().toggleExpand(pos);
    await until(() => useCommandsStore.getState().expanded.length > 0);
    expect(useCommandsStore.getState().expanded).toEqual([{ pos, extra: row.fields.length }]);
    expect(useCommandsStore.getState().follow(second)).toBe(true);
    const target = findRangeAt(summary.ranges, second)!;
    expect(useViewStore.getState().target).toEqual({ kind: 'range', index: target.index });
    await until(() => useCommandsStore.getState().info?.target.index === target.index && useCommandsStore.getState().at !== null);
    const there = (await rowAt(useCommandsStore.getState().at!.pos))!;
    expect(there.address).toBe(second);
    expect(there.name).toBe(g.hang.secondLevel!.instructions[0].name);
    expect(useCommandsStore.getState().expanded).toEqual([]);
  });

  it('decodes as the platform chosen; names the ACTHD instruction for the hang summary', async () => {
    const { g } = await openGenerated();
    useCommandsStore.getState().setMode('commands');
    await until(() => useCommandsStore.getState().info !== null);
    expect(useCommandsStore.getState().info!.platform).toBe('bmg');
    useCommandsStore.getState().setPlatform('tgl');
    await until(() => useCommandsStore.getState().info?.platform === 'tgl');
    expect(useCommandsStore.getState().info!.detected).toBe('bmg');
    useCommandsStore.getState().setPlatform(null);
    await useCommandsStore.getState().loadInstructionAt(g.hang.acthd);
    const r = useCommandsStore.getState().acthd[g.hang.acthd.toString(16)]!;
    const k = g.hang.instructions.findLastIndex((x) => x.address <= g.hang.acthd);
    expect(r.at.name).toBe(g.hang.instructions[k].name);
    expect(r.before!.name).toBe(g.hang.instructions[k - 1].name);
  });

  it('c (the keymap) toggles the view and gives the view switched to the keyboard; / p h only in Commands', async () => {
    await openGenerated();
    const key = (k: string) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: null });
    const env = { isTextField: () => false, inDialog: () => false };
    expect(findShortcut(SHORTCUTS, key('/'), env)).toBeNull();
    expect(findShortcut(SHORTCUTS, key('h'), env)).toBeNull();
    findShortcut(SHORTCUTS, key('c'), env)!.run!(new Event('keydown') as KeyboardEvent);
    expect(useCommandsStore.getState().mode).toBe('commands');
    expect(useFocusRequest.getState().pending).toBe('commands-list');
    findShortcut(SHORTCUTS, key('/'), env)!.run!(new Event('keydown') as KeyboardEvent);
    expect(useFocusRequest.getState().pending).toBe('commands-filter');
    findShortcut(SHORTCUTS, key('p'), env)!.run!(new Event('keydown') as KeyboardEvent);
    expect(useFocusRequest.getState().pending).toBe('commands-platform');
    findShortcut(SHORTCUTS, key('c'), env)!.run!(new Event('keydown') as KeyboardEvent);
    expect(useCommandsStore.getState().mode).toBe('hex');
    expect(useFocusRequest.getState().pending).toBe('hex-grid');
    // Typing in a text box leaves c alone.
    expect(findShortcut(SHORTCUTS, key('c'), { ...env, isTextField: () => true })).toBeNull();
  });

  it('starts over when another dump opens', async () => {
    await openGenerated();
    useCommandsStore.getState().setMode('commands');
    useCommandsStore.getState().setPlatform('dg2');
    useCommandsStore.getState().setFilter('MI_');
    await until(() => useCommandsStore.getState().info !== null);
    await openGenerated(3);
    const st = useCommandsStore.getState();
    expect(st.mode).toBe('hex');
    expect(st.platform).toBeNull();
    expect(st.filterText).toBe('');
    expect(st.info).toBeNull();
    expect(st.at).toBeNull();
    expect(st.acthd).toEqual({});
  });

  it('a large range decoded on demand: the first rows at once, the list grows to the whole listing', async () => {
    const size = 6 << 20;
    const { summary, g } = await openGenerated(3, { bigRange: size, eagerBytes: 0 });
    expect(summary.decoding?.mode).toBe('on-demand');
    const index = summary.ranges.findIndex((r) => r.length === size);
    useViewStore.getState().select({ kind: 'range', index });
    // Every count the list had, and whether the listing was complete then.
    const seen: [number, boolean][] = [];
    const stop = useCommandsStore.subscribe((x) => {
      if (x.info && (seen.length === 0 || seen[seen.length - 1][0] !== x.count)) seen.push([x.count, x.info.complete]);
    });
    useCommandsStore.getState().setMode('commands');
    await until(() => useCommandsStore.getState().info !== null && useCommandsStore.getState().at !== null);
    const first = useCommandsStore.getState().info!;
    expect((await rowAt(0))!.address).toBe(summary.ranges[index].address);
    // The store walks on in steps; the same info, its count growing to the end.
    await until(() => useCommandsStore.getState().info!.complete, 20_000);
    stop();
    const st = useCommandsStore.getState();
    expect(st.info).toBe(first);
    // The list showed a first part, then grew (more than once) to the end.
    expect(seen[0][0]).toBeGreaterThan(0);
    expect(seen[0][1]).toBe(false);
    expect(seen.length).toBeGreaterThan(2);
    for (let k = 1; k < seen.length; k++) expect(seen[k][0]).toBeGreaterThan(seen[k - 1][0]);
    expect(seen[seen.length - 1]).toEqual([st.count, true]);
    // As many as the listing of the dump decoded whole.
    const mem = new ParseSession();
    await mem.open({ kind: 'bytes', bytes: g.bytes, name: 'm.txt' }, () => {});
    expect(mem.commands.open({ kind: 'range', index }, null).complete).toBe(true);
    expect(st.count).toBe(mem.commands.open({ kind: 'range', index }, null).count);
    // The last row is there to be read.
    const last = (await rowAt(st.count - 1))!;
    expect(last.index).toBe(st.count - 1);
    expect(last.address + BigInt(last.length * 4)).toBe(summary.ranges[index].address + BigInt(size));
  }, 30_000);
});
