// Engine registers: names by MMIO offset (engine-relative, per engine MMIO base) and bitfields.
// The one place that the engines panel, the context image and MI_LOAD_REGISTER_IMM fields share.
// Facts from the Linux kernel (drivers/gpu/drm/xe/regs/xe_engine_regs.h, xe_gt_regs.h,
// xe_hw_engine.c, xe_lrc.c and i915's intel_engine_regs.h) and Intel's Gen12 PRM, written
// in this project's own format.

import { hex32 } from '../report.ts';

/** MMIO base of each engine (kernel: xe_hw_engine.c engine_infos). */
export const ENGINE_MMIO_BASES: Readonly<Record<string, number>> = {
  rcs0: 0x002000,
  bcs0: 0x022000, bcs1: 0x3e0000, bcs2: 0x3e2000, bcs3: 0x3e4000, bcs4: 0x3e6000, bcs5: 0x3e8000, bcs6: 0x3ea000, bcs7: 0x3ec000, bcs8: 0x3ee000,
  vcs0: 0x1c0000, vcs1: 0x1c4000, vcs2: 0x1d0000, vcs3: 0x1d4000, vcs4: 0x1e0000, vcs5: 0x1e4000, vcs6: 0x1f0000, vcs7: 0x1f4000,
  vecs0: 0x1c8000, vecs1: 0x1d8000, vecs2: 0x1e8000, vecs3: 0x1f8000,
  ccs0: 0x01a000, ccs1: 0x01c000, ccs2: 0x01e000, ccs3: 0x026000,
  gsccs0: 0x11a000,
};

/** Media GT registers sit at this offset on Meteor Lake and later (kernel: MEDIA_GT_GSI_OFFSET). */
export const MEDIA_GT_GSI_OFFSET = 0x380000;

/** Engine registers, relative to the engine's MMIO base. */
export const ENGINE_REGISTERS: Readonly<Record<number, string>> = (() => {
  const t: Record<number, string> = {
    0x030: 'RING_TAIL', 0x034: 'RING_HEAD', 0x038: 'RING_START', 0x03c: 'RING_CTL', 0x048: 'RING_START_UDW',
    0x050: 'RING_PSMI_CTL', 0x054: 'RING_PWRCTX_MAXCNT', 0x05c: 'RING_ACTHD_UDW', 0x060: 'RING_DMA_FADD_UDW',
    0x064: 'RING_IPEIR', 0x068: 'RING_IPEHR', 0x06c: 'RING_INSTDONE', 0x074: 'RING_ACTHD', 0x078: 'RING_DMA_FADD',
    0x080: 'RING_HWS_PGA', 0x084: 'RING_CMD_BUF_CCTL', 0x088: 'IPEIR', 0x08c: 'IPEHR', 0x094: 'RING_NOPID', 0x098: 'RING_HWSTAM',
    0x09c: 'RING_MI_MODE', 0x0a8: 'RING_IMR', 0x0b0: 'RING_EIR', 0x0b4: 'RING_EMR', 0x0b8: 'RING_ESR', 0x0c4: 'RING_CMD_CCTL',
    0x0c8: 'R_PWR_CLK_STATE', 0x110: 'RING_BBSTATE', 0x114: 'RING_SBBADDR', 0x118: 'RING_SBBSTATE', 0x11c: 'RING_SBBADDR_UDW',
    0x140: 'RING_BBADDR', 0x158: 'RING_BB_OFFSET', 0x168: 'RING_BBADDR_UDW', 0x180: 'RING_CCID', 0x1c0: 'RING_BB_PER_CTX_PTR',
    0x1c4: 'RING_INDIRECT_CTX', 0x1c8: 'RING_INDIRECT_CTX_OFFSET', 0x204: 'BLIT_CCTL', 0x234: 'RING_EXECLIST_STATUS_LO',
    0x238: 'RING_EXECLIST_STATUS_HI', 0x244: 'RING_CONTEXT_CONTROL', 0x29c: 'RING_MODE', 0x358: 'RING_TIMESTAMP',
    0x35c: 'RING_TIMESTAMP_UDW', 0x3a8: 'RING_CTX_TIMESTAMP', 0x3ac: 'RING_CTX_TIMESTAMP_UDW',
    0x510: 'RING_EXECLIST_SQ_CONTENTS_LO', 0x514: 'RING_EXECLIST_SQ_CONTENTS_HI', 0x550: 'RING_EXECLIST_CONTROL',
  };
  // Page directory pointers (PDP0 is the PML4 pointer with 48-bit PPGTT).
  for (let i = 0; i < 4; i++) {
    t[0x270 + i * 8] = `RING_PDP${i}_LDW`;
    t[0x274 + i * 8] = `RING_PDP${i}_UDW`;
  }
  for (let i = 0; i < 12; i++) t[0x4d0 + i * 4] = `RING_FORCE_TO_NONPRIV[${i}]`;
  for (let i = 0; i < 16; i++) {
    t[0x600 + i * 8] = `CS_GPR${i}_LDW`;
    t[0x604 + i * 8] = `CS_GPR${i}_UDW`;
  }
  return t;
})();

/** Registers outside the engines (absolute offsets). */
export const GLOBAL_REGISTERS: Readonly<Record<number, string>> = {
  0x14800: 'RCU_MODE',
  0x0a188: 'FORCEWAKE_GT',
  0x07004: 'CACHE_MODE_1',
  0x07010: 'COMMON_SLICE_CHICKEN1',
  0x0e194: 'HALF_SLICE_CHICKEN7',
  0x0e4f0: 'ROW_CHICKEN',
  0x02580: 'CS_CHICKEN1',
  0x020d8: 'CS_DEBUG_MODE2',
};

/** Engine name → MMIO base for every engine whose base a register offset could be relative to. */
function baseCandidates(engine?: string): { name: string; base: number }[] {
  const out: { name: string; base: number }[] = [];
  if (engine && ENGINE_MMIO_BASES[engine] !== undefined) out.push({ name: engine, base: ENGINE_MMIO_BASES[engine] });
  for (const [name, base] of Object.entries(ENGINE_MMIO_BASES)) if (name !== engine) out.push({ name, base });
  return out;
}

/**
 * Name of a register at an absolute MMIO offset: an engine register (relative to the given
 * engine's base first, then any engine's, also at the media GT offset) or a global one; null if unknown.
 * Engine registers are named with their engine unless it is the given one: "RING_HEAD", "bcs0 RING_HEAD".
 */
const nameCache = new Map<string, string | null>();
export function registerName(offset: number, engine?: string): string | null {
  const key = (engine ?? '') + ':' + offset;
  let hit = nameCache.get(key);
  if (hit === undefined) {
    hit = lookupRegisterName(offset, engine);
    if (nameCache.size > 65536) nameCache.clear();
    nameCache.set(key, hit);
  }
  return hit;
}

function lookupRegisterName(offset: number, engine?: string): string | null {
  const g = GLOBAL_REGISTERS[offset];
  if (g) return g;
  for (const { name, base } of baseCandidates(engine)) {
    for (const b of [base, base + MEDIA_GT_GSI_OFFSET]) {
      const rel = offset - b;
      if (rel >= 0 && rel < 0x1000) {
        const r = ENGINE_REGISTERS[rel];
        if (r) return name === engine || (engine === undefined && name === 'rcs0') ? r : `${name} ${r}`;
      }
    }
  }
  return null;
}

/** Engine-relative offset of a named engine register (e.g. "RING_HEAD" → 0x34). */
export function engineRegisterOffset(name: string): number | undefined {
  for (const [k, v] of Object.entries(ENGINE_REGISTERS)) if (v === name) return Number(k);
  return undefined;
}

// ---- bitfields ----

export interface BitField {
  name: string;
  lo: number;
  hi: number;
  /** What a set bit (or the value) means, for the explanation. */
  meaning?: string;
  values?: Readonly<Record<number, string>>;
  /**
   * hex: the field's value in hex; address/bytes: the bits in place (value << lo) in hex; pages: a
   * ring length; flag: a one-bit state that is not a unit (INSTDONE's ring enable).
   */
  format?: 'hex' | 'address' | 'bytes' | 'pages' | 'flag';
}

/**
 * A register's fields written as a small text table, one field a line:
 *   `bits  Name  [format]  {value name | value name …}  -- meaning`
 * bits: `N` or `hi:lo`; format (optional): hex, address, bytes, pages or flag; the enumeration and
 * the meaning are optional too. Every register below is written this one way.
 */
export function bitTable(table: string): BitField[] {
  const out: BitField[] = [];
  for (const raw of table.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d+)(?::(\d+))?\s+(.+?)(?:\s+\[(hex|address|bytes|pages|flag)\])?(?:\s+\{([^}]*)\})?(?:\s+--\s+(.*))?$/.exec(line);
    if (!m) throw new Error(`bad register field line: ${line}`);
    const x = Number(m[1]);
    const y = m[2] === undefined ? x : Number(m[2]);
    const f: BitField = { name: m[3], lo: Math.min(x, y), hi: Math.max(x, y) };
    if (m[4]) f.format = m[4] as BitField['format'];
    if (m[5]) {
      const values: Record<number, string> = {};
      for (const v of m[5].split('|')) {
        const [, k, label] = /^\s*(\d+)\s+(.*?)\s*$/.exec(v) ?? [];
        if (k !== undefined) values[Number(k)] = label;
      }
      f.values = values;
    }
    if (m[6]) f.meaning = m[6];
    out.push(f);
  }
  return out;
}

/** A later family's table: the base without the fields at bits `removed`, plus the lines of `added`. */
function withChanges(base: readonly BitField[], removed: number[], added: string): BitField[] {
  return [...base.filter((f) => !removed.includes(f.lo)), ...bitTable(added)].sort((x, y) => x.lo - y.lo);
}

export interface RegisterSpec {
  name: string;
  /** The printed names in dumps that mean this register (all kernels). */
  aliases: readonly string[];
  fields: readonly BitField[];
  /**
   * Fields per platform family where they differ (INSTDONE and its siblings), and per engine class
   * for RING_INSTDONE (`render`, `compute`, `video`): the first match of family+class, family, then
   * `fields`.
   */
  byFamily?: Readonly<Partial<Record<string, readonly BitField[]>>>;
  /** Masked register: bits 31:16 are write masks of bits 15:0. */
  masked?: boolean;
  /** Which bits mean trouble when SET (error registers) / when CLEAR (INSTDONE: 1 = done). */
  polarity?: 'set-is-error' | 'clear-is-busy';
  /** The value is an instruction header (IPEHR). */
  instructionHeader?: boolean;
  note?: string;
}

// ESR/EIR/EMR of a command streamer (same layout in the three). Bit 0 and bit 2 as the kernel's
// i915 execlists code describes them for Gen8 and later (intel_execlists_submission.c,
// enable_error_interrupt); bits 3 and 4 as i915_reg.h names the per-ring error bits since Ironlake
// (GT_ERROR_MPE, GT_ERROR_PTE). No public source names the other bits for Gen12 and later: they are
// shown as bit numbers.
const ERROR_BITS = bitTable(`
  0  Instruction Error  -- the command parser met an invalid or unsupported instruction (IPEHR holds its header); fatal, the parser stops
  2  Command Privilege Violation  -- a privileged command in a non-privileged batch was replaced by a no-op (also writes into read-only pages); parsing goes on
  3  Memory Privilege Violation  -- a command accessed memory it is not allowed to
  4  Page Table Error  -- page table (GTT) fault on a command streamer access
`);

// INSTDONE and its siblings: one bit per unit, 1 = the unit is idle (done). Unit names and bits from
// Mesa's genxml register definitions: gen110.xml (INSTDONE_1 = the render engine's RING_INSTDONE,
// VCS_INSTDONE = a video engine's; Gen12 keeps them), gen120.xml (SC_INSTDONE, SAMPLER_INSTDONE,
// ROW_INSTDONE of Gen12), gen125.xml (the same re-laid-out for Gen12.5, SC_INSTDONE_EXTRA/EXTRA2,
// INSTDONE_GEOM, CCS_INSTDONE); xe2.xml and xe3.xml change none of them.
const RCS_INSTDONE = bitTable(`
  0   Ring Enable [flag]  -- the ring is enabled
  1   VFG
  2   VS
  3   HS
  4   TE
  5   DS
  6   GS
  7   SOL
  8   CL
  9   SF
  11  TDG1
  12  TDG0
  13  URBM
  14  SVG
  15  GAFS
  16  VFE
  17  TSG0
  18  GAFM
  19  GAM
  20  RS
  21  CS
  22  SDE
  23  RCCFBC CS
  24  TSG1
`);
const CCS_INSTDONE = bitTable(`
  0   Ring Enable [flag]  -- the ring is enabled
  16  VFE
  17  TSG
  21  CS
`);
const VCS_INSTDONE = bitTable(`
  0   Ring Enable [flag]  -- the ring is enabled
  1   USB
  2   QRC
  3   SEC
  4   MPC
  5   VFT
  6   BSP
  7   VLF
  8   VOP
  9   VMC
  10  VIP
  11  VIT
  12  VDS
  13  VMX
  14  VCP
  15  VCD
  16  VAD
  17  VMD
  18  VIS
  19  VAC
  20  VAM
  21  JPG
  22  VBP
  23  VHR
  24  VCI
  26  VIN
  27  VPR
  28  VTQ
  30  VCS
  31  GAC
`);
const SC_INSTDONE_12 = bitTable(`
  0   SVL
  1   WMFE
  2   WMBE
  3   HIZ
  4   IZBE
  5   IZFE
  6   SBE
  9   RCC
  10  RCPBE
  11  RCPFE
  12  DAPB
  13  DAPRBE
  15  SARB
  16  DC0
  17  DC1
  18  DC2
  20  GW0
  21  GW1
  22  GW2
  24  TDC
  25  SFBE
  26  PSS
  27  AMFS
`);
// Gen12.5: IZBE gone, DC3 and GW3 new.
const SC_INSTDONE_125 = withChanges(SC_INSTDONE_12, [4], `
  19  DC3
  23  GW3
`);
const SC_INSTDONE_EXTRA_125 = bitTable(`
  9   RCC1
  10  RCPBE1
  11  RCPFE1
  12  DAPB1
  13  DAPRBE1
  16  DC4
  17  DC5
  18  DC6
  19  DC7
  20  GW4
  21  GW5
  22  GW6
  23  GW7
  24  TDC1
  26  PSS
`);
const SC_INSTDONE_EXTRA2_125 = bitTable(`
  9   RCC2
  10  RCPBE2
  11  RCPFE2
  12  DAPB2
  13  DAPRBE2
`);
const SAMPLER_INSTDONE_12 = bitTable(`
  0   IME
  1   PL0
  2   SO0
  3   DG0
  4   FT0
  5   DM0
  6   SC
  7   FL0
  8   ST
  9   SVSM
  10  SI0
  11  MT0
  12  AVS
  13  VAFE
  14  CRE
  15  Media Sampler Arb
  16  SVSM ARB2
  17  SVSM ARB1
  18  SVSM Adapter
  19  BDM
  22  SO1
  23  FL1
  24  DG1
  25  PL1
  26  SI1
  27  Media Sampler ARB2
  28  Media Sampler ARB1
  29  MS Subsliced Fork
  30  VMESC
  31  RDE
`);
const SAMPLER_INSTDONE_125 = bitTable(`
  0   SI
  1   SVSM Adapter
  2   SVSM ARB
  3   SVSM
  4   PL
  5   DG
  6   SSLA
  7   ST ARB
  8   ST
  9   FT
  11  MT
  12  DM
  13  BDM
  14  SC
  15  FL
  16  SO
  18  LSC L1 bank 0
  19  LSC L1 bank 1
  20  LSC L1 bank 2
  21  LSC L1 bank 3
  22  LSC SEQ0
  23  LSC SEQ1
  24  LSC SEQ2
  25  LSC SEQ3
  26  LSC SEQ interface
  27  LSC L3 interface
  28  VMEM SOARB0
  29  VMEM SOARB1
  30  VMEM L3REQARB0
  31  VMEM L3REQARB1
`);
const ROW_INSTDONE_12 = bitTable(`
  0   BC
  1   PSD
  2   TDP
  3   DAPR
  4   CPSS
  6   TDL
  7   EU00 (SS1)
  8   EU01 (SS1)
  9   EU02 (SS1)
  10  EU03 (SS1)
  11  MA0 (SS1)
  12  IC
  15  MA0 (SS0)
  16  EU00 (SS0)
  17  EU01 (SS0)
  18  EU02 (SS0)
  19  EU03 (SS0)
  21  EU10 (SS0)
  22  EU11 (SS0)
  23  EU12 (SS0)
  24  EU13 (SS0)
  27  EU10 (SS1)
  28  EU11 (SS1)
  29  EU12 (SS1)
  30  EU13 (SS1)
`);
// Gen12.5 adds the ray-tracing (RT), bindless thread dispatch (BTD) and TSL units.
const ROW_INSTDONE_125 = withChanges(ROW_INSTDONE_12, [], `
  5   RT (render)
  13  BTD (render)
  14  RT (compute)
  20  BTD (compute)
  26  TSL
`);
// Gen12.5 moves the geometry units of the render engine's INSTDONE into a register of their own
// (same bits; VFL where VFG was).
const GEOM_INSTDONE_125 = withChanges(RCS_INSTDONE.filter((f) => [2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 17, 22].includes(f.lo)), [], `1 VFL`);

/** The same fields for Gen12.5 and every later family. */
const from125 = (f: readonly BitField[]) => ({ 'gen12.5': f, xe2: f, xe3: f });

const INSTDONE_NOTE = 'one bit per unit, 1 = idle (done); a clear bit is a unit still busy';
const instdone = (name: string, aliases: string[], fields: readonly BitField[], byFamily?: RegisterSpec['byFamily']): RegisterSpec => ({
  name, aliases, fields, byFamily, polarity: 'clear-is-busy', note: INSTDONE_NOTE,
});

export const REGISTER_SPECS: readonly RegisterSpec[] = [
  { name: 'RING_ESR', aliases: ['RING_ESR', 'ESR'], fields: ERROR_BITS, polarity: 'set-is-error', note: 'error status: errors latched since reset' },
  { name: 'RING_EIR', aliases: ['RING_EIR', 'EIR'], fields: ERROR_BITS, polarity: 'set-is-error', note: 'error identity: errors reported (not masked by EMR)' },
  { name: 'RING_EMR', aliases: ['RING_EMR', 'EMR'], fields: ERROR_BITS, note: 'error mask: a set bit keeps that error out of EIR' },
  { name: 'RING_IPEHR', aliases: ['IPEHR', 'RING_IPEHR'], fields: [], instructionHeader: true, note: 'header of the instruction the parser was on' },
  {
    name: 'RING_CTL', aliases: ['RING_CTL'],
    fields: bitTable(`
      0      Ring Buffer Enable  -- ring valid
      2:1    Automatic Report Head Pointer  {0 off | 1 every 64 KiB | 2 every 4 KiB | 3 every 128 KiB}
      10     Semaphore Wait  -- the ring is waiting on a semaphore
      11     Wait  -- the ring is waiting on an event
      20:12  Buffer Length [pages]  -- ring size = (value + 1) × 4 KiB
    `),
  },
  { name: 'RING_HEAD', aliases: ['RING_HEAD'], fields: bitTable(`
      20:2   Head Offset [bytes]
      31:21  Wrap Count
    `) },
  { name: 'RING_TAIL', aliases: ['RING_TAIL'], fields: bitTable(`20:3 Tail Offset [bytes]`) },
  {
    name: 'RING_MODE', aliases: ['RING_MODE'], masked: true,
    fields: bitTable(`
      3   Disable Legacy Mode (execlists)
      6:5 Forward VBlank
      7   48-bit PPGTT
      9   PPGTT Enable
      10  PSMI Granularity
      11  Replay Mode
      12  Surface Fault Enable
      13  TLB Invalidate Explicit
      14  Interrupt Steering
      15  Run List Enable
    `),
  },
  {
    name: 'RING_MI_MODE', aliases: ['RING_MI_MODE', 'MI_MODE'], masked: true,
    fields: bitTable(`
      8  Stop Ring  -- the driver asked the ring to stop
      9  Mode Idle  -- the ring is idle (stopped)
    `),
  },
  {
    // Low-dword layout as the Gen8+ PRMs give it; later parts keep the context ID in the high dword.
    name: 'RING_EXECLIST_STATUS', aliases: ['RING_EXECLIST_STATUS', 'RING_EXECLIST_STATUS_LO', 'EXECLIST_STATUS'],
    note: 'execlist (submission queue) state of the engine; the high dword is the running context',
    fields: bitTable(`
      0      Current Execlist Pointer
      1      Execlist Write Pointer
      2      Execlist Queue Full  -- no room for another submission
      3      Execlist 0 Valid
      4      Execlist 1 Valid
      63:32  Current Context ID [hex]
    `),
  },
  {
    name: 'RING_EXECLIST_SQ_CONTENTS', aliases: ['RING_EXECLIST_SQ_CONTENTS', 'RING_EXECLIST_SQ_CONTENTS_LO', 'EXECLIST_SQ_CONTENTS'],
    note: 'the context descriptor submitted to the engine',
    fields: bitTable(`
      0      Valid
      1      Force Page Directory Restore
      2      Force Restore
      4:3    Addressing Mode  {0 advanced context | 1 legacy 32-bit | 2 advanced A/D | 3 legacy 64-bit (48-bit PPGTT)}
      8      Privilege
      31:12  Logical Ring Context Address (GGTT) [address]
      47:32  Context ID [hex]
      53:48  Engine Instance
      63:61  Engine Class  {0 render | 1 video | 2 video enhance | 3 copy | 4 other | 5 compute}
    `),
  },
  {
    name: 'RCU_MODE', aliases: ['RCU_MODE'], masked: true,
    fields: bitTable(`
      0  CCS Enable  -- compute engines enabled (render/compute unit shared)
      1  Fixed Slice CCS Mode
    `),
  },
  {
    name: 'RING_CONTEXT_CONTROL', aliases: ['RING_CONTEXT_CONTROL', 'CTX_CONTROL'], masked: true,
    fields: bitTable(`
      0  Engine Context Restore Inhibit
      1  RS Context Enable
      3  Inhibit Synchronous Context Switch
    `),
  },
  { name: 'RING_BBADDR', aliases: ['RING_BBADDR', 'BBADDR'], fields: bitTable(`
      0     Batch Buffer Valid
      47:2  Batch Buffer Head Address [address]
    `) },
  instdone('RING_INSTDONE', ['RING_INSTDONE', 'INSTDONE', 'INSTDONE_1'], RCS_INSTDONE, {
    video: VCS_INSTDONE, 'video-enhance': [], 'gen12.5/compute': CCS_INSTDONE, 'xe2/compute': CCS_INSTDONE, 'xe3/compute': CCS_INSTDONE,
  }),
  instdone('SC_INSTDONE', ['SC_INSTDONE'], SC_INSTDONE_12, from125(SC_INSTDONE_125)),
  instdone('SC_INSTDONE_EXTRA', ['SC_INSTDONE_EXTRA'], [], from125(SC_INSTDONE_EXTRA_125)),
  instdone('SC_INSTDONE_EXTRA2', ['SC_INSTDONE_EXTRA2'], [], from125(SC_INSTDONE_EXTRA2_125)),
  instdone('SAMPLER_INSTDONE', ['SAMPLER_INSTDONE'], SAMPLER_INSTDONE_12, from125(SAMPLER_INSTDONE_125)),
  instdone('ROW_INSTDONE', ['ROW_INSTDONE'], ROW_INSTDONE_12, from125(ROW_INSTDONE_125)),
  instdone('INSTDONE_GEOM_SVGUNIT', ['INSTDONE_GEOM_SVGUNIT', 'GEOM_INSTDONE', 'INSTDONE_GEOM'], [], from125(GEOM_INSTDONE_125)),
];

/** Where a register value was read: the platform family and the engine's class (for RING_INSTDONE). */
export interface RegisterContext {
  family?: string;
  engineClass?: string;
}

/** The fields of a spec for a family and engine class (see RegisterSpec.byFamily). */
export function specFields(spec: RegisterSpec, ctx: RegisterContext = {}): readonly BitField[] {
  const t = spec.byFamily;
  if (!t) return spec.fields;
  const fam = ctx.family ?? 'gen12';
  const cls = ctx.engineClass ?? 'render';
  return t[`${fam}/${cls}`] ?? t[cls] ?? t[fam] ?? spec.fields;
}

/** The spec of a register by its printed name ("SAMPLER_INSTDONE[1]" matches SAMPLER_INSTDONE). */
export function registerSpec(printedName: string): RegisterSpec | undefined {
  const base = printedName.replace(/(\[\d+\])+$/, '');
  return REGISTER_SPECS.find((s) => s.aliases.includes(base));
}

export interface DecodedBitField {
  name: string;
  value: string;
  /** The bits are set (for one-bit fields) / non-zero. */
  set: boolean;
  meaning?: string;
}

export interface DecodedRegister {
  name: string;
  note?: string;
  fields: DecodedBitField[];
  /** Bits set (or, for INSTDONE registers, clear) that no field names. */
  otherBits: number[];
  /** A one-line summary: "Instruction Error", "3 units busy: bits 4, 9, 17", … */
  summary: string;
}

function fieldValue(v: bigint, f: BitField): bigint {
  return (v >> BigInt(f.lo)) & ((1n << BigInt(f.hi - f.lo + 1)) - 1n);
}

/**
 * Decodes a register value by its printed name; `headerName` names an instruction header (for
 * IPEHR: pass the decoder's nameOf). Undefined when the register has no spec.
 */
export function decodeRegister(printedName: string, value: bigint, headerName?: (h: number) => string, ctx?: RegisterContext): DecodedRegister | undefined {
  const spec = registerSpec(printedName);
  if (!spec) return undefined;
  const units = spec.polarity === 'clear-is-busy';
  const table = specFields(spec, ctx);
  const fields: DecodedBitField[] = [];
  const busy: string[] = [];
  const named = new Set<number>();
  for (const f of table) {
    for (let i = f.lo; i <= f.hi; i++) named.add(i);
    const x = fieldValue(value, f);
    let text: string;
    if (f.values) text = `${f.values[Number(x)] ?? 'reserved'} (${x})`;
    else if (f.format === 'hex') text = '0x' + x.toString(16);
    else if (f.format === 'address' || f.format === 'bytes') text = '0x' + (x << BigInt(f.lo)).toString(16);
    else if (f.format === 'pages') text = `${x} (${(Number(x) + 1) * 4} KiB)`;
    else if (units && f.format !== 'flag') {
      // An INSTDONE unit: 1 = done.
      text = x ? 'done' : 'busy';
      if (!x) busy.push(f.name);
    } else if (f.hi === f.lo) text = x ? 'true' : 'false';
    else text = String(x);
    fields.push({ name: f.name, value: text, set: x !== 0n, meaning: x !== 0n ? f.meaning : undefined });
  }
  const width = value > 0xffffffffn || table.some((f) => f.hi > 31) ? 64 : 32;
  const otherBits: number[] = [];
  const lowBits = spec.masked ? 16 : width;
  for (let i = 0; i < lowBits; i++) {
    if (named.has(i)) continue;
    const bit = (value >> BigInt(i)) & 1n;
    if (units ? bit === 0n : bit === 1n) otherBits.push(i);
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  let summary: string;
  if (spec.instructionHeader) {
    const hdr = Number(value & 0xffffffffn);
    summary = headerName ? headerName(hdr) : hex32(hdr);
    fields.push({ name: 'Instruction', value: summary, set: true });
  } else if (units && table.length === 0) {
    // No unit names for this register on this platform: the clear bits.
    summary = otherBits.length === 0 ? 'all units done' : `${plural(otherBits.length, 'unit')} busy: bit${otherBits.length === 1 ? '' : 's'} ${otherBits.join(', ')}`;
  } else if (units) {
    const clear = otherBits.length ? `unnamed bit${otherBits.length === 1 ? '' : 's'} clear: ${otherBits.join(', ')}` : '';
    if (busy.length) summary = `${plural(busy.length, 'unit')} busy: ${busy.join(', ')}${clear ? `; ${clear}` : ''}`;
    else summary = clear ? `all named units done; ${clear}` : 'all units done';
  } else if (spec.polarity === 'set-is-error') {
    const names = fields.filter((f) => f.set).map((f) => f.name);
    for (const b of otherBits) names.push(`bit ${b}`);
    summary = names.length ? names.join(', ') : 'no errors';
  } else {
    const names = fields.filter((f) => f.set).map((f) => (f.value === 'true' ? f.name : `${f.name} ${f.value}`));
    summary = names.join(', ') || 'none set';
  }
  return { name: spec.name, note: spec.note, fields, otherBits, summary };
}
