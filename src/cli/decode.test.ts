// `devcoredump decode`: the listing with <- ACTHD, --json in exactly the shape, --address,
// --context and --platform.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDump } from '../gen/generate.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'devcoredump-decode-'));
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}
const hex = (v: bigint) => '0x' + v.toString(16);

describe('devcoredump decode', () => {
  const g = generateDump({ layout: '6.19', seed: 5, platform: 'mtl' });
  const file = join(dir, 'mtl.txt');
  writeFileSync(file, g.bytes);

  it('--json: exactly the documented shape, every instruction of both batches, ACTHD marked', async () => {
    const r = await run('decode', file, '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['platform', 'engine', 'batches', 'context', 'diagnostics']);
    expect(j.platform).toBe('gen12.5');
    expect(j.engine).toBe('rcs0');
    expect(j.context).toEqual([]);
    expect(j.batches.map((b: { address: string; reason: string }) => [b.address, b.reason])).toEqual([
      [hex(g.hang.batchAddr), 'batch_addr'],
      [hex(g.hang.secondLevel!.address), 'chained'],
    ]);
    const first = j.batches[0].instructions;
    for (const ins of first) expect(Object.keys(ins)).toEqual(['address', 'name', 'dwords', 'acthd', 'fields']);
    expect(first.map((i: { address: string; name: string }) => [i.address, i.name])).toEqual(g.hang.instructions.slice(0, -1).map((i) => [hex(i.address), i.name]));
    const marked = first.filter((i: { acthd: boolean }) => i.acthd);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ address: hex(g.hang.acthd), name: 'MI_BATCH_BUFFER_START', dwords: 3 });
    expect(marked[0].fields['Batch Buffer Start Address']).toBe(hex(g.hang.batchAddr));
    const lri = first.find((i: { name: string }) => i.name === 'MI_LOAD_REGISTER_IMM');
    expect(lri.dwords).toBe(7);
    expect(lri.fields['Register Offset']).toBe('0x2358');
    expect(lri.fields['Register Offset [1]']).toBe('0x7010');
    expect(lri.fields['Data DWord [2]']).toBe('0x00100010');
    expect(j.diagnostics).toEqual([{ address: hex(g.hang.acthd), message: `batch at ${hex(g.hang.batchAddr)} was already decoded: not followed again (a loop, or a batch called twice)` }]);
  });

  it('text: a listing with <- ACTHD on the hung instruction and the second-level batch', async () => {
    const r = await run('decode', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('platform: gen12.5 (Meteor Lake), from IP ver 12.70.4 of GT0 (main)');
    expect(r.out).toContain('IPEHR: 0x18800101 = MI_BATCH_BUFFER_START (the header of the instruction at ACTHD)');
    expect(r.out).toContain('RING_ESR: 0x00000000 = no errors');
    const line = r.out.split('\n').find((l) => l.includes('<- ACTHD'))!;
    expect(line).toMatch(new RegExp(`^ +${hex(g.hang.acthd)}  18800101 .* MI_BATCH_BUFFER_START  <- ACTHD$`));
    expect(r.out).toContain(`batch ${hex(g.hang.secondLevel!.address)} (second-level from `);
    expect(r.out).toContain('COMPUTE_WALKER');
  });

  it('--context: every register of the context image, RING_HEAD with the LRC head', async () => {
    const r = await run('decode', file, '--context', '--json');
    const j = JSON.parse(r.out);
    expect(j.context).toHaveLength(1);
    expect(j.context[0].name).toBe('HWCTX');
    const regs = j.context[0].registers;
    for (const reg of regs) expect(Object.keys(reg)).toEqual(['offset', 'name', 'value']);
    expect(regs).toContainEqual({ offset: '0x2034', name: 'RING_HEAD', value: '0x' + g.hang.context.head.toString(16).padStart(8, '0') });
    expect(regs).toContainEqual({ offset: '0x22b4', name: null, value: '0x00000000' });
    const t = await run('decode', file, '--context');
    expect(t.out).toContain(`ring head/tail: LRC 0x${g.hang.context.head.toString(16)}/0x${g.hang.context.tail.toString(16)}, image 0x${g.hang.context.head.toString(16)}/`);
    expect(t.out).toContain('is not in this dump: xe captures the context image, not the ring');
  });

  it('--address decodes from there; --platform overrides the family', async () => {
    const second = g.hang.secondLevel!.address;
    const r = await run('decode', file, '--address', hex(second), '--json');
    const j = JSON.parse(r.out);
    expect(j.batches).toHaveLength(1);
    expect(j.batches[0]).toMatchObject({ address: hex(second), reason: 'address' });
    expect(j.batches[0].instructions.map((i: { name: string }) => i.name)).toEqual(['MI_LOAD_REGISTER_IMM', '3DSTATE_CONSTANT_PS', 'PIPE_CONTROL', 'MI_BATCH_BUFFER_END']);
    const p = JSON.parse((await run('decode', file, '--json', '--platform', 'tgl')).out);
    expect(p.platform).toBe('gen12');
    // On Gen12 the Gen12.5 compute commands are unknown, their lengths still right.
    const names = p.batches[0].instructions.map((i: { name: string }) => i.name);
    expect(names).toContain('unknown instruction 0x72080025');
    expect(names.at(-1)).toBe('MI_BATCH_BUFFER_START');
    const bad = await run('decode', file, '--platform', 'nope');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown platform "nope"');
    const badAddr = await run('decode', file, '--address', 'zz');
    expect(badAddr.code).toBe(1);
  });

  it('an address outside every range is a diagnostic, not a failure', async () => {
    const j = JSON.parse((await run('decode', file, '--address', '0x7000000000', '--json')).out);
    expect(j.batches).toEqual([]);
    expect(j.diagnostics).toEqual([{ address: '0x7000000000', message: 'batch at 0x7000000000 is outside every captured range' }]);
  });
});

describe('devcoredump decode on a dump decoded on demand', () => {
  // Over the threshold (DEVCOREDUMP_EAGER_BYTES=0): the index is kept, the batches and the context
  // image are read through the ranges' ByteStores. The output must be the one of the whole decode.
  const withThreshold = async (bytes: string, argv: string[]) => {
    const before = process.env.DEVCOREDUMP_EAGER_BYTES;
    process.env.DEVCOREDUMP_EAGER_BYTES = bytes;
    try {
      return await run(...argv);
    } finally {
      if (before === undefined) delete process.env.DEVCOREDUMP_EAGER_BYTES;
      else process.env.DEVCOREDUMP_EAGER_BYTES = before;
    }
  };
  for (const [layout, platform] of [['6.19', 'bmg'], ['6.14', 'dg2'], ['6.12', 'lnl'], ['6.19', 'tgl'], ['6.19', 'ptl']] as const) {
    it(`gives the JSON and the listing of the whole decode (${layout}, ${platform})`, async () => {
      const g = generateDump({ layout, seed: 7, platform, splitBlobs: platform === 'dg2' });
      const f = join(dir, `ondemand-${layout}-${platform}.txt`);
      writeFileSync(f, g.bytes);
      for (const argv of [['decode', f, '--json', '--context'], ['decode', f, '--context'], ['decode', f, '--json', '--address', hex(g.hang.secondLevel!.address)]]) {
        const whole = await withThreshold(String(Number.MAX_SAFE_INTEGER), [...argv, '--timing']);
        const lazy = await withThreshold('0', [...argv, '--timing']);
        expect(whole.code).toBe(0);
        expect(lazy.code).toBe(0);
        expect(lazy.out).toEqual(whole.out);
        // The first decoded every payload into memory, the second none.
        expect(whole.err).toMatch(/, 0 of \d+ payloads decoded on demand\n$/);
        const [, n, of] = /, (\d+) of (\d+) payloads decoded on demand\n$/.exec(lazy.err)!;
        expect(Number(n)).toBe(Number(of));
      }
      const j = JSON.parse((await withThreshold('0', ['decode', f, '--json', '--context'])).out);
      expect(j.batches.map((b: { address: string }) => b.address)).toEqual([hex(g.hang.batchAddr), hex(g.hang.secondLevel!.address)]);
      expect(j.batches[0].instructions.filter((i: { acthd: boolean }) => i.acthd).map((i: { address: string }) => i.address)).toEqual([hex(g.hang.acthd)]);
      expect(j.context[0].registers).toContainEqual({ offset: '0x2034', name: 'RING_HEAD', value: '0x' + g.hang.context.head.toString(16).padStart(8, '0') });
    });
  }
});
