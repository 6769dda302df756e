// Context images, engine register bitfields and platform detection.
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../gen/generate.ts';
import { emptyHeader } from '../model.ts';
import { parseDump } from '../parser.ts';
import { decodeContextImage, decodeRegister, detectPlatform, hangContext, instructionName, registerName, PLATFORMS } from './index.ts';

function image(words: number[]): Uint8Array {
  return new Uint8Array(new Uint32Array(words).buffer);
}

describe('decodeContextImage', () => {
  it('lists every pair of every LRI, named per engine, unknown offsets too; stops at MI_BATCH_BUFFER_END', () => {
    const img = decodeContextImage(image([0, 0x11081005, 0x22244, 0x00090008, 0x22034, 0x40, 0x22abc, 7, 0, 0, 0x11001003, 0x22030, 0x48, 0x14800, 1, 0x05000000, 0x11000001, 0x2034, 9]), 'bcs0');
    expect(img.blocks).toBe(2);
    expect(img.registers.map((r) => [r.offset, r.name, r.value])).toEqual([
      [0x22244, 'RING_CONTEXT_CONTROL', 0x00090008],
      [0x22034, 'RING_HEAD', 0x40],
      [0x22abc, null, 7],
      [0x22030, 'RING_TAIL', 0x48],
      [0x14800, 'RCU_MODE', 1],
    ]);
    expect(img.registers[1].at).toBe(5 * 4);
    expect(img.end).toBe(15 * 4);
    expect(img.diagnostics).toEqual([]);
  });

  it('reports what is not register state, and an LRI cut by the end', () => {
    const a = decodeContextImage(image([0x11000001, 0x2034, 1, 0x7a000004]));
    expect(a.registers).toHaveLength(1);
    expect(a.diagnostics[0].message).toBe('0x7a000004 is not MI_LOAD_REGISTER_IMM or MI_NOOP: register state ends here');
    const b = decodeContextImage(image([0x11000005, 0x2034, 1, 0x2030]));
    expect(b.registers.map((r) => r.name)).toEqual(['RING_HEAD']);
    expect(b.diagnostics[0].message).toMatch(/runs past the end/);
  });

  it('names registers of any engine, media-GT offsets included', () => {
    expect(registerName(0x1c0034)).toBe('vcs0 RING_HEAD');
    expect(registerName(0x1c0034 + 0x380000)).toBe('vcs0 RING_HEAD');
    expect(registerName(0x1a0038, 'ccs0')).toBe(null);
    expect(registerName(0x1a038, 'ccs0')).toBe('RING_START');
    expect(registerName(0x2600)).toBe('CS_GPR0_LDW');
    expect(registerName(0x2270)).toBe('RING_PDP0_LDW');
    expect(registerName(0x123)).toBe(null);
  });
});

describe('generated context images', () => {
  for (const platform of ['tgl', 'mtl', 'bmg', 'ptl'] as const) {
    it(`${platform}: RING_HEAD/TAIL/START in the image match the LRC lines; the ring is said to be absent`, () => {
      const g = generateDump({ layout: '6.19', seed: 4, platform });
      const h = hangContext(parseDump(g.bytes));
      expect(h.contexts).toHaveLength(1);
      const c = h.contexts[0];
      expect(c.saved).toEqual({ head: g.hang.context.head, tail: g.hang.context.tail, start: g.hang.context.ringStart, ctl: 0x3001 });
      expect(c.lrc).toEqual({ head: g.hang.context.head, tail: g.hang.context.tail, ringStart: g.hang.context.ringStart });
      expect(c.engine).toEqual({ name: 'rcs0', head: g.hang.context.head, tail: g.hang.context.tail });
      const names = c.image.registers.map((r) => r.name);
      for (const n of ['RING_CONTEXT_CONTROL', 'RING_BBADDR', 'RING_BBADDR_UDW', 'RING_CTX_TIMESTAMP', 'RING_PDP0_LDW', 'R_PWR_CLK_STATE', 'CS_GPR15_UDW']) expect(names).toContain(n);
      // Offsets the tables do not name are listed, not skipped (0x2b4 relative to rcs0).
      expect(c.image.registers.find((r) => r.offset === 0x22b4)?.name).toBeNull();
      const bb = c.image.registers.find((r) => r.name === 'RING_BBADDR')!.value;
      expect(BigInt(bb)).toBe(g.hang.batchAddr & 0xffffffffn);
      expect(c.ring.instructions).toBeNull();
      expect(c.ring.note).toBe(`the ring buffer (GGTT 0x${g.hang.context.ringStart.toString(16)}) is not in this dump: xe captures the context image, not the ring`);
      expect(c.ring.size).toBe(16 * 1024);
    });
  }
});

describe('decodeRegister', () => {
  it('ESR/EIR: set bits named and explained', () => {
    const d = decodeRegister('RING_EIR', 0x11n)!;
    expect(d.summary).toBe('Instruction Error, Page Table Error');
    expect(d.fields.find((f) => f.name === 'Instruction Error')).toMatchObject({ value: 'true', set: true });
    expect(d.fields.find((f) => f.name === 'Instruction Error')!.meaning).toMatch(/invalid or unsupported instruction/);
    expect(decodeRegister('ESR', 0n)!.summary).toBe('no errors');
    expect(decodeRegister('EMR', 0xffffffffn)!.otherBits).toHaveLength(28); // bits 0, 2, 3 and 4 are named
    expect(decodeRegister('RING_ESR', 0x100n)!.summary).toBe('bit 8');
  });

  it('IPEHR is decoded as an instruction header', () => {
    const d = decodeRegister('IPEHR', 0x18800101n, (h) => instructionName(h, 'xe2'))!;
    expect(d.summary).toBe('MI_BATCH_BUFFER_START');
    expect(decodeRegister('IPEHR', 0x7a000004n, (h) => instructionName(h, 'gen12'))!.summary).toBe('PIPE_CONTROL');
  });

  it('INSTDONE: clear bits are busy units, named by unit', () => {
    expect(decodeRegister('SC_INSTDONE', 0xffffffffn)!.summary).toBe('all units done');
    expect(decodeRegister('SAMPLER_INSTDONE[1]', 0xffdefffen)!.summary).toBe('2 units busy: IME, SVSM ARB2; unnamed bit clear: 21');
    expect(decodeRegister('SC_INSTDONE_EXTRA', 0xfffffffen)!.summary).toBe('1 unit busy: bit 0'); // no unit names on Gen12
  });

  it('RING_CTL, RING_MODE, RING_HEAD, EXECLIST_SQ_CONTENTS, RCU_MODE', () => {
    const ctl = decodeRegister('RING_CTL', 0x3001n)!;
    expect(ctl.fields.find((f) => f.name === 'Buffer Length')!.value).toBe('3 (16 KiB)');
    expect(ctl.fields.find((f) => f.name === 'Ring Buffer Enable')!.value).toBe('true');
    expect(decodeRegister('RING_MODE', 0x00080008n)!.summary).toBe('Disable Legacy Mode (execlists)');
    expect(decodeRegister('RING_HEAD', 0x00200040n)!.fields.map((f) => f.value)).toEqual(['0x40', '1']);
    const sq = decodeRegister('RING_EXECLIST_SQ_CONTENTS', (2n << 32n) | 0x01f23019n)!;
    expect(sq.fields.find((f) => f.name === 'Valid')!.value).toBe('true');
    expect(sq.fields.find((f) => f.name === 'Addressing Mode')!.value).toBe('legacy 64-bit (48-bit PPGTT) (3)');
    expect(sq.fields.find((f) => f.name === 'Logical Ring Context Address (GGTT)')!.value).toBe('0x1f23000');
    expect(sq.fields.find((f) => f.name === 'Context ID')!.value).toBe('0x2');
    expect(decodeRegister('RCU_MODE', 0x00010001n)!.summary).toBe('CCS Enable');
    const st = decodeRegister('RING_EXECLIST_STATUS', (0x2an << 32n) | 0x19n)!;
    expect(st.fields.filter((f) => f.set).map((f) => `${f.name}=${f.value}`)).toEqual(['Current Execlist Pointer=true', 'Execlist 0 Valid=true', 'Execlist 1 Valid=true', 'Current Context ID=0x2a']);
    expect(decodeRegister('RING_BBADDR', 0x13f780041n)!.fields.map((f) => f.value)).toEqual(['true', '0x13f780040']);
    expect(decodeRegister('NOT_A_REGISTER', 1n)).toBeUndefined();
  });
});

describe('detectPlatform', () => {
  const header = (pciId: number | null, ipVer?: string) => ({
    ...emptyHeader(),
    pciId,
    gts: ipVer === undefined ? [] : [{ id: 0, line: 1, tile: 0, type: 'main', ipVersion: ipVer, csReferenceClock: 19200000 }],
  });
  it('IP ver wins when non-zero; else the PCI ID; else Gen12, said', () => {
    expect(detectPlatform(header(0xe20b, '20.1.4'))).toMatchObject({ family: 'xe2', source: 'ip-ver', platform: { id: 'bmg' } });
    expect(detectPlatform(header(0x7d55, '12.70.4'))).toMatchObject({ family: 'gen12.5', platform: { id: 'mtl' } });
    expect(detectPlatform(header(0xb080, '30.0.4'))).toMatchObject({ family: 'xe3', platform: { id: 'ptl' } });
    expect(detectPlatform(header(0x9a49, '0.0.0'))).toMatchObject({ family: 'gen12', source: 'pci-id', platform: { id: 'tgl' }, detail: 'PCI ID 0x9a49' });
    expect(detectPlatform(header(0x56a0, '0.0.0'))).toMatchObject({ family: 'gen12.5', source: 'pci-id', platform: { id: 'dg2' } });
    expect(detectPlatform(header(0x4905))).toMatchObject({ family: 'gen12', platform: { id: 'dg1' } });
    expect(detectPlatform(header(0x1234, '0.0.0'))).toMatchObject({ family: 'gen12', source: 'default', platform: null, detail: 'unknown PCI ID 0x1234: Gen12 assumed' });
    // An IP version wins over a PCI ID of another family.
    expect(detectPlatform(header(0x9a49, '20.4.4'))).toMatchObject({ family: 'xe2', platform: { id: 'lnl' } });
  });
  it('lists every platform for an override menu', () => {
    expect(PLATFORMS.map((p) => p.id)).toEqual(['tgl', 'rkl', 'adl-s', 'adl-p', 'adl-n', 'dg1', 'dg2', 'mtl', 'arl', 'lnl', 'bmg', 'ptl']);
  });
});
