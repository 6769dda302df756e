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
  /** hex: the field's value in hex; address/bytes: the bits in place (value << lo) in hex; pages: a ring length. */
  format?: 'hex' | 'address' | 'bytes' | 'pages';
}

export interface RegisterSpec {
  name: string;
  /** The printed names in dumps that mean this register (all kernels). */
  aliases: readonly string[];
  fields: readonly BitField[];
  /** Masked register: bits 31:16 are write masks of bits 15:0. */
  masked?: boolean;
  /** Which bits mean trouble when SET (error registers) / when CLEAR (INSTDONE: 1 = done). */
  polarity?: 'set-is-error' | 'clear-is-busy';
  /** The value is an instruction header (IPEHR). */
  instructionHeader?: boolean;
  note?: string;
}

const ERROR_BITS: BitField[] = [
  { name: 'Instruction Error', lo: 0, hi: 0, meaning: 'the command parser met an invalid or unsupported instruction (IPEHR holds its header)' },
  { name: 'Memory Refresh Error', lo: 1, hi: 1, meaning: 'memory refresh error' },
  { name: 'Page Table Error', lo: 4, hi: 4, meaning: 'page table (GTT) fault on a command streamer access' },
];

export const REGISTER_SPECS: readonly RegisterSpec[] = [
  { name: 'RING_ESR', aliases: ['RING_ESR', 'ESR'], fields: ERROR_BITS, polarity: 'set-is-error', note: 'error status: errors latched since reset' },
  { name: 'RING_EIR', aliases: ['RING_EIR', 'EIR'], fields: ERROR_BITS, polarity: 'set-is-error', note: 'error identity: errors reported (not masked by EMR)' },
  { name: 'RING_EMR', aliases: ['RING_EMR', 'EMR'], fields: ERROR_BITS, note: 'error mask: a set bit keeps that error out of EIR' },
  { name: 'RING_IPEHR', aliases: ['IPEHR', 'RING_IPEHR'], fields: [], instructionHeader: true, note: 'header of the instruction the parser was on' },
  {
    name: 'RING_CTL', aliases: ['RING_CTL'],
    fields: [
      { name: 'Ring Buffer Enable', lo: 0, hi: 0, meaning: 'ring valid' },
      { name: 'Automatic Report Head Pointer', lo: 1, hi: 2, values: { 0: 'off', 1: 'every 64 KiB', 2: 'every 4 KiB', 3: 'every 128 KiB' } },
      { name: 'Semaphore Wait', lo: 10, hi: 10, meaning: 'the ring is waiting on a semaphore' },
      { name: 'Wait', lo: 11, hi: 11, meaning: 'the ring is waiting on an event' },
      { name: 'Buffer Length', lo: 12, hi: 20, format: 'pages', meaning: 'ring size = (value + 1) × 4 KiB' },
    ],
  },
  {
    name: 'RING_HEAD', aliases: ['RING_HEAD'],
    fields: [{ name: 'Head Offset', lo: 2, hi: 20, format: 'bytes' }, { name: 'Wrap Count', lo: 21, hi: 31 }],
  },
  { name: 'RING_TAIL', aliases: ['RING_TAIL'], fields: [{ name: 'Tail Offset', lo: 3, hi: 20, format: 'bytes' }] },
  {
    name: 'RING_MODE', aliases: ['RING_MODE'], masked: true,
    fields: [
      { name: 'Disable Legacy Mode (execlists)', lo: 3, hi: 3 },
      { name: 'Forward VBlank', lo: 5, hi: 6 },
      { name: '48-bit PPGTT', lo: 7, hi: 7 },
      { name: 'PPGTT Enable', lo: 9, hi: 9 },
      { name: 'PSMI Granularity', lo: 10, hi: 10 },
      { name: 'Replay Mode', lo: 11, hi: 11 },
      { name: 'Surface Fault Enable', lo: 12, hi: 12 },
      { name: 'TLB Invalidate Explicit', lo: 13, hi: 13 },
      { name: 'Interrupt Steering', lo: 14, hi: 14 },
      { name: 'Run List Enable', lo: 15, hi: 15 },
    ],
  },
  {
    name: 'RING_MI_MODE', aliases: ['RING_MI_MODE', 'MI_MODE'], masked: true,
    fields: [
      { name: 'Stop Ring', lo: 8, hi: 8, meaning: 'the driver asked the ring to stop' },
      { name: 'Mode Idle', lo: 9, hi: 9, meaning: 'the ring is idle (stopped)' },
    ],
  },
  {
    // Low-dword layout as the Gen8+ PRMs give it; later parts keep the context ID in the high dword.
    name: 'RING_EXECLIST_STATUS', aliases: ['RING_EXECLIST_STATUS', 'RING_EXECLIST_STATUS_LO', 'EXECLIST_STATUS'],
    note: 'execlist (submission queue) state of the engine; the high dword is the running context',
    fields: [
      { name: 'Current Execlist Pointer', lo: 0, hi: 0 },
      { name: 'Execlist Write Pointer', lo: 1, hi: 1 },
      { name: 'Execlist Queue Full', lo: 2, hi: 2, meaning: 'no room for another submission' },
      { name: 'Execlist 0 Valid', lo: 3, hi: 3 },
      { name: 'Execlist 1 Valid', lo: 4, hi: 4 },
      { name: 'Current Context ID', lo: 32, hi: 63, format: 'hex' },
    ],
  },
  {
    name: 'RING_EXECLIST_SQ_CONTENTS', aliases: ['RING_EXECLIST_SQ_CONTENTS', 'RING_EXECLIST_SQ_CONTENTS_LO', 'EXECLIST_SQ_CONTENTS'],
    note: 'the context descriptor submitted to the engine',
    fields: [
      { name: 'Valid', lo: 0, hi: 0 },
      { name: 'Force Page Directory Restore', lo: 1, hi: 1 },
      { name: 'Force Restore', lo: 2, hi: 2 },
      { name: 'Addressing Mode', lo: 3, hi: 4, values: { 0: 'advanced context', 1: 'legacy 32-bit', 2: 'advanced A/D', 3: 'legacy 64-bit (48-bit PPGTT)' } },
      { name: 'Privilege', lo: 8, hi: 8 },
      { name: 'Logical Ring Context Address (GGTT)', lo: 12, hi: 31, format: 'address' },
      { name: 'Context ID', lo: 32, hi: 47, format: 'hex' },
      { name: 'Engine Instance', lo: 48, hi: 53 },
      { name: 'Engine Class', lo: 61, hi: 63, values: { 0: 'render', 1: 'video', 2: 'video enhance', 3: 'copy', 4: 'other', 5: 'compute' } },
    ],
  },
  {
    name: 'RCU_MODE', aliases: ['RCU_MODE'], masked: true,
    fields: [
      { name: 'CCS Enable', lo: 0, hi: 0, meaning: 'compute engines enabled (render/compute unit shared)' },
      { name: 'Fixed Slice CCS Mode', lo: 1, hi: 1 },
    ],
  },
  {
    name: 'RING_CONTEXT_CONTROL', aliases: ['RING_CONTEXT_CONTROL', 'CTX_CONTROL'], masked: true,
    fields: [
      { name: 'Engine Context Restore Inhibit', lo: 0, hi: 0 },
      { name: 'RS Context Enable', lo: 1, hi: 1 },
      { name: 'Inhibit Synchronous Context Switch', lo: 3, hi: 3 },
    ],
  },
  {
    name: 'RING_BBADDR', aliases: ['RING_BBADDR', 'BBADDR'],
    fields: [{ name: 'Batch Buffer Valid', lo: 0, hi: 0 }, { name: 'Batch Buffer Head Address', lo: 2, hi: 47, format: 'address' }],
  },
  ...['RING_INSTDONE', 'INSTDONE', 'SC_INSTDONE', 'SC_INSTDONE_EXTRA', 'SC_INSTDONE_EXTRA2', 'SAMPLER_INSTDONE', 'ROW_INSTDONE', 'INSTDONE_GEOM_SVGUNIT', 'GEOM_INSTDONE'].map(
    (n): RegisterSpec => ({
      name: n,
      aliases: [n],
      fields: [],
      polarity: 'clear-is-busy',
      note: 'one bit per unit, 1 = idle (done); a clear bit is a unit still busy',
    }),
  ),
];

/** The spec of a register by its printed name ("SAMPLER_INSTDONE[1]" matches SAMPLER_INSTDONE). */
export function registerSpec(printedName: string): RegisterSpec | undefined {
  const base = printedName.replace(/\[\d+\]$/, '');
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
export function decodeRegister(printedName: string, value: bigint, headerName?: (h: number) => string): DecodedRegister | undefined {
  const spec = registerSpec(printedName);
  if (!spec) return undefined;
  const fields: DecodedBitField[] = [];
  const named = new Set<number>();
  for (const f of spec.fields) {
    for (let i = f.lo; i <= f.hi; i++) named.add(i);
    const x = fieldValue(value, f);
    let text: string;
    if (f.values) text = `${f.values[Number(x)] ?? 'reserved'} (${x})`;
    else if (f.format === 'hex') text = '0x' + x.toString(16);
    else if (f.format === 'address' || f.format === 'bytes') text = '0x' + (x << BigInt(f.lo)).toString(16);
    else if (f.format === 'pages') text = `${x} (${(Number(x) + 1) * 4} KiB)`;
    else if (f.hi === f.lo) text = x ? 'true' : 'false';
    else text = String(x);
    fields.push({ name: f.name, value: text, set: x !== 0n, meaning: x !== 0n ? f.meaning : undefined });
  }
  const width = value > 0xffffffffn || spec.fields.some((f) => f.hi > 31) ? 64 : 32;
  const otherBits: number[] = [];
  const lowBits = spec.masked ? 16 : width;
  for (let i = 0; i < lowBits; i++) {
    if (named.has(i)) continue;
    const bit = (value >> BigInt(i)) & 1n;
    if (spec.polarity === 'clear-is-busy' ? bit === 0n : bit === 1n) otherBits.push(i);
  }
  let summary: string;
  if (spec.instructionHeader) {
    const hdr = Number(value & 0xffffffffn);
    summary = headerName ? headerName(hdr) : hex32(hdr);
    fields.push({ name: 'Instruction', value: summary, set: true });
  } else if (spec.polarity === 'clear-is-busy') {
    summary = otherBits.length === 0 ? 'all units done' : `${otherBits.length} unit${otherBits.length === 1 ? '' : 's'} busy: bit${otherBits.length === 1 ? '' : 's'} ${otherBits.join(', ')}`;
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
