// Engine register bitfields with hand values: every ESR/EIR/EMR field, and INSTDONE and its
// siblings per platform family and engine class, unit by unit (unit bits as Mesa's genxml
// register definitions give them; error bits as the kernel's i915 names them).
import { describe, expect, it } from 'vitest';
import { bitTable, decodeRegister, REGISTER_SPECS, specFields } from './registers.ts';

const busy = (name: string, value: bigint, family?: string, engineClass?: string) =>
  decodeRegister(name, value, undefined, { family, engineClass })!.fields.filter((f) => f.value === 'busy').map((f) => f.name);

describe('bitTable', () => {
  it('reads bits, names, formats, enumerations and meanings', () => {
    expect(bitTable(`
      0      One
      20:12  Length [pages]  -- ring size
      2:1    Mode  {0 off | 3 every 128 KiB}
    `)).toEqual([
      { name: 'One', lo: 0, hi: 0 },
      { name: 'Length', lo: 12, hi: 20, format: 'pages', meaning: 'ring size' },
      { name: 'Mode', lo: 1, hi: 2, values: { 0: 'off', 3: 'every 128 KiB' } },
    ]);
    expect(() => bitTable('x Name')).toThrow(/bad register field line/);
  });
  it('no field of a register overlaps another', () => {
    for (const spec of REGISTER_SPECS) {
      for (const table of [spec.fields, ...Object.values(spec.byFamily ?? {})]) {
        const seen = new Set<number>();
        for (const f of table ?? []) for (let b = f.lo; b <= f.hi; b++) {
          expect(seen.has(b), `${spec.name} bit ${b}`).toBe(false);
          seen.add(b);
        }
      }
    }
  });
});

describe('ESR / EIR / EMR', () => {
  it('every named error bit, alone', () => {
    const names: [bigint, string][] = [[0x1n, 'Instruction Error'], [0x4n, 'Command Privilege Violation'], [0x8n, 'Memory Privilege Violation'], [0x10n, 'Page Table Error']];
    for (const reg of ['RING_ESR', 'RING_EIR', 'EIR', 'ESR']) for (const [v, n] of names) expect(decodeRegister(reg, v)!.summary).toBe(n);
  });
  it('a mix with an unnamed bit; EMR masks', () => {
    expect(decodeRegister('RING_EIR', 0x1dn)!.summary).toBe('Instruction Error, Command Privilege Violation, Memory Privilege Violation, Page Table Error');
    expect(decodeRegister('RING_ESR', 0x3n)!.summary).toBe('Instruction Error, bit 1');
    const emr = decodeRegister('RING_EMR', 0xfffffffen)!;
    expect(emr.fields.map((f) => `${f.name}=${f.value}`)).toEqual(['Instruction Error=false', 'Command Privilege Violation=true', 'Memory Privilege Violation=true', 'Page Table Error=true']);
    expect(decodeRegister('RING_EIR', 0x4n)!.fields.find((f) => f.set)!.meaning).toMatch(/replaced by a no-op/);
  });
});

describe('INSTDONE and its siblings, by family', () => {
  it('RING_INSTDONE of the render engine: geometry and command streamer units', () => {
    // All done but VS (bit 2), CS (bit 21) and TSG1 (bit 24); ring enabled (bit 0).
    const v = 0xffffffffn & ~((1n << 2n) | (1n << 21n) | (1n << 24n));
    expect(busy('RING_INSTDONE', v, 'gen12', 'render')).toEqual(['VS', 'CS', 'TSG1']);
    expect(decodeRegister('RING_INSTDONE', v, undefined, { family: 'xe2' })!.summary).toBe('3 units busy: VS, CS, TSG1');
    // Bit 0 is the ring's enable, not a unit.
    expect(decodeRegister('RING_INSTDONE', 0xfffffffen)!.fields.find((f) => f.name === 'Ring Enable')!.value).toBe('false');
    expect(busy('RING_INSTDONE', 0xfffffffen)).toEqual([]);
  });
  it('RING_INSTDONE of a compute engine (Gen12.5 and later) and of a video engine', () => {
    expect(busy('RING_INSTDONE', 0xffffffffn & ~(1n << 17n), 'gen12.5', 'compute')).toEqual(['TSG']);
    expect(busy('RING_INSTDONE', 0xffffffffn & ~((1n << 16n) | (1n << 21n)), 'xe3', 'compute')).toEqual(['VFE', 'CS']);
    expect(busy('RING_INSTDONE', 0xffffffffn & ~((1n << 6n) | (1n << 21n) | (1n << 31n)), 'xe2', 'video')).toEqual(['BSP', 'JPG', 'GAC']);
  });
  it('SC_INSTDONE: Gen12 and Gen12.5 differ (IZBE gone, DC3/GW3 new)', () => {
    expect(busy('SC_INSTDONE', 0xffffffffn & ~((1n << 4n) | (1n << 27n)), 'gen12')).toEqual(['IZBE', 'AMFS']);
    const d = decodeRegister('SC_INSTDONE', 0xffffffffn & ~((1n << 4n) | (1n << 19n)), undefined, { family: 'gen12.5' })!;
    expect(d.summary).toBe('1 unit busy: DC3; unnamed bit clear: 4');
  });
  it('SC_INSTDONE_EXTRA / EXTRA2 (Gen12.5 and later)', () => {
    expect(busy('SC_INSTDONE_EXTRA', 0xffffffffn & ~((1n << 9n) | (1n << 24n)), 'xe2')).toEqual(['RCC1', 'TDC1']);
    expect(busy('SC_INSTDONE_EXTRA2', 0xffffffffn & ~(1n << 13n), 'xe3')).toEqual(['DAPRBE2']);
  });
  it('SAMPLER_INSTDONE: Gen12 and Gen12.5 layouts', () => {
    expect(busy('SAMPLER_INSTDONE[0][1]', 0xffffffffn & ~((1n << 8n) | (1n << 31n)), 'gen12')).toEqual(['ST', 'RDE']);
    expect(busy('SAMPLER_INSTDONE[2]', 0xffffffffn & ~((1n << 8n) | (1n << 18n) | (1n << 31n)), 'xe2')).toEqual(['ST', 'LSC L1 bank 0', 'VMEM L3REQARB1']);
  });
  it('ROW_INSTDONE: EUs per subslice; Gen12.5 adds RT, BTD and TSL', () => {
    expect(busy('ROW_INSTDONE[3]', 0xffffffffn & ~((1n << 16n) | (1n << 30n)), 'gen12')).toEqual(['EU00 (SS0)', 'EU13 (SS1)']);
    expect(busy('ROW_INSTDONE[3]', 0xffffffffn & ~((1n << 5n) | (1n << 26n)), 'gen12.5')).toEqual(['RT (render)', 'TSL']);
    expect(decodeRegister('ROW_INSTDONE', 0xffffffffn & ~(1n << 5n), undefined, { family: 'gen12' })!.summary).toBe('all named units done; unnamed bit clear: 5');
  });
  it('INSTDONE_GEOM_SVGUNIT (Gen12.5 and later)', () => {
    expect(busy('INSTDONE_GEOM_SVGUNIT[0]', 0xffffffffn & ~((1n << 1n) | (1n << 22n)), 'xe2')).toEqual(['VFL', 'SDE']);
    expect(specFields(REGISTER_SPECS.find((s) => s.name === 'INSTDONE_GEOM_SVGUNIT')!, { family: 'gen12' })).toEqual([]);
  });
});
