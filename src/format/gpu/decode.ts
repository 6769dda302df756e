// The instruction decoder: compiles a family's table for one engine kind into flat lookup arrays,
// finds instruction lengths (also for instructions the tables lack) and decodes fields.
import { hex32, hexAddress } from '../report.ts';
import { familyTable } from './tables/index.ts';
import { registerName } from './registers.ts';
import type { DecodedField, EngineKind, Family, FieldSpec, Instruction, InstrDef } from './types.ts';

// Lookup slots: 0..63 MI opcodes, 64..191 blitter opcodes, 192..8383 GFXPIPE (pipeline, opcode,
// sub-opcode = header bits 28:16), 8384 any other command type.
const SLOT_BLT = 64;
const SLOT_GFX = 192;
const SLOT_OTHER = SLOT_GFX + 8192;
const SLOTS = SLOT_OTHER + 1;

/** The slot of a header dword. */
export function slotOf(h: number): number {
  switch (h >>> 29) {
    case 0: return (h >>> 23) & 0x3f;
    case 2: return SLOT_BLT + ((h >>> 22) & 0x7f);
    case 3: return SLOT_GFX + ((h >>> 16) & 0x1fff);
    default: return SLOT_OTHER;
  }
}

/**
 * The slots a row occupies: one, or several when its mask leaves some opcode bits free (e.g.
 * COMPUTE_WALKER's sub-opcode variant bits 17:16).
 */
function slotsOf(def: InstrDef): number[] {
  const type = def.opcode >>> 29;
  const keyMask = type === 0 ? 0xff800000 : type === 2 ? 0xffc00000 : type === 3 ? 0xffff0000 : 0xe0000000;
  const free = (keyMask & ~def.mask) >>> 0;
  if (free === 0) return [slotOf(def.opcode)];
  const out: number[] = [];
  // Every combination of the free bits (few: a row frees at most a handful).
  const bitsFree: number[] = [];
  for (let b = 0; b < 32; b++) if ((free >>> b) & 1) bitsFree.push(b);
  for (let m = 0; m < 1 << bitsFree.length; m++) {
    let h = def.opcode >>> 0;
    bitsFree.forEach((b, i) => { if ((m >>> i) & 1) h = (h | (1 << b)) >>> 0; });
    out.push(slotOf(h));
  }
  return out;
}

/** A family's table compiled for one engine kind. */
export class CommandDecoder {
  readonly family: Family;
  readonly engine: EngineKind;
  /** length = (header & lenMask[slot]) + lenAdd[slot] */
  readonly lenMask: Uint32Array;
  readonly lenAdd: Uint32Array;
  readonly defs: (InstrDef | undefined)[];

  constructor(family: Family, engine: EngineKind) {
    this.family = family;
    this.engine = engine;
    this.lenMask = new Uint32Array(SLOTS);
    this.lenAdd = new Uint32Array(SLOTS);
    this.defs = new Array(SLOTS).fill(undefined);
    // Rules for instructions the tables lack: MI opcodes below 0x10 are one dword, others carry a
    // DWord Length in bits 7:0 (bias 2); blitter and GFXPIPE the same, except GFXPIPE pipeline 1
    // (the single-dword commands); other command types: one dword.
    for (let i = 0; i < 64; i++) {
      if (i < 0x10) this.lenAdd[i] = 1;
      else { this.lenMask[i] = 0xff; this.lenAdd[i] = 2; }
    }
    for (let i = SLOT_BLT; i < SLOT_GFX; i++) { this.lenMask[i] = 0xff; this.lenAdd[i] = 2; }
    for (let k = 0; k < 8192; k++) {
      if (k >>> 11 === 1) this.lenAdd[SLOT_GFX + k] = 1;
      else { this.lenMask[SLOT_GFX + k] = 0xff; this.lenAdd[SLOT_GFX + k] = 2; }
    }
    this.lenAdd[SLOT_OTHER] = 1;
    const video = engine === 'video' || engine === 'video-enhance';
    for (const def of familyTable(family)) {
      const type = def.opcode >>> 29;
      const onEngine = def.engines
        ? def.engines.includes(engine) || (engine === 'other' && !def.engines.includes('video'))
        : type === 0 || !video; // MI everywhere; GFXPIPE rows without a list: not on video engines
      if (!onEngine) continue;
      for (const slot of slotsOf(def)) {
        this.defs[slot] = def;
        if ('fixed' in def.length) {
          this.lenMask[slot] = 0;
          this.lenAdd[slot] = def.length.fixed;
        } else {
          this.lenMask[slot] = def.length.bits >= 32 ? 0xffffffff : (1 << def.length.bits) - 1;
          this.lenAdd[slot] = def.length.bias;
        }
      }
    }
  }

  /** Length in dwords of the instruction with header `h` (always ≥ 1). */
  lengthOf(h: number): number {
    const slot = slotOf(h);
    const n = ((h & this.lenMask[slot]) >>> 0) + this.lenAdd[slot];
    return n > 0 ? n : 1;
  }

  /** The table row for header `h`, or undefined. */
  lookup(h: number): InstrDef | undefined {
    return this.defs[slotOf(h)];
  }

  /** Name of the instruction with header `h` (`unknown instruction 0x…` when the tables lack it). */
  nameOf(h: number): string {
    return this.lookup(h)?.name ?? unknownName(h);
  }
}

export function unknownName(h: number): string {
  return `unknown instruction ${hex32(h)}`;
}

const cache = new Map<string, CommandDecoder>();
/** The (cached) decoder of a family for an engine kind. */
export function getDecoder(family: Family, engine: EngineKind = 'render'): CommandDecoder {
  const key = family + '/' + engine;
  let d = cache.get(key);
  if (!d) cache.set(key, (d = new CommandDecoder(family, engine)));
  return d;
}

/**
 * Instruction start offsets (dword indices) in words[start, end): the fast scan a virtualized
 * list needs. Every step advances at least one dword, so it ends after at most end-start steps.
 * `limit` caps the number of starts returned.
 */
export function scanInstructions(words: Uint32Array, dec: CommandDecoder, start = 0, end = words.length, limit = Infinity): Uint32Array {
  let out = new Uint32Array(Math.min(1024, Math.max(16, end - start)));
  let n = 0;
  const { lenMask, lenAdd } = dec;
  let i = start;
  while (i < end && n < limit) {
    if (n === out.length) {
      const grown = new Uint32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = i;
    const h = words[i];
    const t = h >>> 29;
    const slot = t === 0 ? (h >>> 23) & 0x3f : t === 3 ? SLOT_GFX + ((h >>> 16) & 0x1fff) : t === 2 ? SLOT_BLT + ((h >>> 22) & 0x7f) : SLOT_OTHER;
    const len = ((h & lenMask[slot]) >>> 0) + lenAdd[slot];
    i += len > 0 ? len : 1;
  }
  return out.subarray(0, n);
}

// ---- field decoding ----

/** Bits lo..hi of one dword (bits above 31 belong to the next dword and are not taken). */
function bits(v: number, lo: number, hi: number): number {
  const width = Math.min(hi, 31) - lo + 1;
  if (width >= 32) return v >>> 0;
  return ((v >>> lo) & ((1 << width) - 1)) >>> 0;
}

const f32buf = new DataView(new ArrayBuffer(4));
const MASK48 = (1n << 48n) - 1n;

/** Decodes one field; null when its dwords are past the data. */
export function decodeField(spec: FieldSpec, raw: Uint32Array, nameSuffix = '', base = 0): DecodedField | null {
  const dw = base + spec.dw;
  if (dw >= raw.length) return null;
  const name = spec.name + nameSuffix;
  const v = raw[dw] >>> 0;
  switch (spec.kind) {
    case 'address': {
      // Number arithmetic (exact below 2^53; addresses are 48-bit), one BigInt for the link.
      const hi = Math.min(spec.hi, 47);
      const loBits = spec.lo >= 32 ? 0 : v - (v % 2 ** spec.lo);
      let lowPart = loBits;
      if (hi < 31) lowPart = loBits % 2 ** (hi + 1);
      let highPart = 0;
      if (hi >= 32 && dw + 1 < raw.length) {
        const hw = raw[dw + 1] >>> 0;
        const hiMask = 2 ** (hi - 31) - 1;
        highPart = (hw & hiMask) >>> 0;
        if (spec.lo > 32) highPart -= highPart % 2 ** (spec.lo - 32);
      }
      const x = highPart * 4294967296 + lowPart;
      const text = '0x' + x.toString(16);
      return spec.relative ? { name, value: text } : { name, value: text, address: BigInt(x) };
    }
    case 'offset': {
      const x = bits(v, spec.lo, spec.hi) * 2 ** spec.lo;
      return { name, value: '0x' + x.toString(16) };
    }
    case 'bool':
      return { name, value: bits(v, spec.lo, spec.hi) ? 'true' : 'false' };
    case 'enum': {
      const x = bits(v, spec.lo, spec.hi);
      const label = spec.values?.[x];
      return { name, value: label !== undefined ? `${label} (${x})` : String(x) };
    }
    case 'sint': {
      const width = spec.hi - spec.lo + 1;
      let x = bits(v, spec.lo, spec.hi);
      if (width < 32 && x >= 2 ** (width - 1)) x -= 2 ** width;
      else if (width >= 32) x = x | 0;
      return { name, value: String(x) };
    }
    case 'hex':
      return { name, value: '0x' + bits(v, spec.lo, spec.hi).toString(16) };
    case 'register': {
      const off = bits(v, spec.lo, spec.hi) * 2 ** spec.lo;
      const reg = registerName(off);
      return { name, value: '0x' + off.toString(16) + (reg ? ` (${reg})` : '') };
    }
    case 'float': {
      f32buf.setUint32(0, v, true);
      return { name, value: String(f32buf.getFloat32(0, true)) };
    }
    default:
      return { name, value: String(bits(v, spec.lo, spec.hi)) };
  }
}

type FieldFn = (raw: Uint32Array) => DecodedField | null;
const compiledCache = new WeakMap<InstrDef, FieldFn[]>();

/**
 * A def's field list as small specialised functions (built once per row): one-dword booleans and
 * enumerations return shared, frozen field objects, so decoding allocates little.
 */
function compiled(def: InstrDef): FieldFn[] {
  let fns = compiledCache.get(def);
  if (fns) return fns;
  fns = (def.fields ?? []).map((spec): FieldFn => {
    const { dw, lo, hi } = spec;
    const width = hi - lo + 1;
    if (width < 32 && (spec.kind === 'bool' || spec.kind === 'enum')) {
      const mask = (1 << width) - 1;
      const memo = new Map<number, DecodedField>();
      return (raw) => {
        if (dw >= raw.length) return null;
        const x = (raw[dw] >>> lo) & mask;
        let f = memo.get(x);
        if (!f) {
          f = Object.freeze(decodeField(spec, raw)!) as DecodedField;
          if (memo.size < 64) memo.set(x, f);
        }
        return f;
      };
    }
    if (hi <= 31 && (spec.kind === 'uint' || spec.kind === 'hex')) {
      const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
      const name = spec.name;
      const hexKind = spec.kind === 'hex';
      const zero = Object.freeze({ name, value: hexKind ? '0x0' : '0' });
      return (raw) => {
        if (dw >= raw.length) return null;
        const x = ((raw[dw] >>> lo) & mask) >>> 0;
        if (x === 0) return zero;
        return { name, value: hexKind ? '0x' + x.toString(16) : String(x) };
      };
    }
    if (spec.kind === 'address') {
      // A zero address links nowhere: one shared field object for it.
      const zero = Object.freeze({ name: spec.name, value: '0x0' });
      return (raw) => {
        if (dw >= raw.length) return null;
        if (raw[dw] === 0 && (dw + 1 >= raw.length || raw[dw + 1] === 0)) return zero;
        return decodeField(spec, raw);
      };
    }
    return (raw) => decodeField(spec, raw);
  });
  compiledCache.set(def, fns);
  return fns;
}

const ALU_OPS: Record<number, string> = {
  0x000: 'NOOP', 0x080: 'LOAD', 0x480: 'LOADINV', 0x081: 'LOAD0', 0x481: 'LOAD1', 0x100: 'ADD', 0x101: 'SUB', 0x102: 'AND',
  0x103: 'OR', 0x104: 'XOR', 0x180: 'STORE', 0x580: 'STOREINV', 0x105: 'SHL', 0x106: 'SHR', 0x10b: 'SAR', 0x082: 'FENCE_RD', 0x083: 'FENCE_WR',
};
const ALU_OPERANDS: Record<number, string> = {
  0x20: 'SRCA', 0x21: 'SRCB', 0x31: 'ACCU', 0x32: 'ZF', 0x33: 'CF',
};
function aluOperand(x: number): string {
  if (x < 16) return `R${x}`;
  return ALU_OPERANDS[x] ?? '0x' + x.toString(16);
}

/**
 * Decodes the instruction whose header is words[index]; `baseAddress` is the GPU address of
 * words[0]. Never throws: an instruction running past `end` is returned truncated.
 */
export function decodeAt(words: Uint32Array, index: number, baseAddress: bigint, dec: CommandDecoder, end = words.length): Instruction {
  const h = words[index] >>> 0;
  const slot = slotOf(h);
  const def = dec.defs[slot];
  const len = ((h & dec.lenMask[slot]) >>> 0) + dec.lenAdd[slot];
  const dwords = len > 0 ? len : 1;
  const stop = Math.min(end, index + dwords);
  const raw = words.slice(index, stop);
  const ins: Instruction = {
    address: baseAddress + BigInt(index * 4),
    index,
    dwords,
    name: def ? def.name : unknownName(h),
    known: !!def,
    raw,
    fields: [],
  };
  if (stop - index < dwords) ins.truncated = true;
  if (!def) return ins;
  const fields = ins.fields;
  for (const fn of compiled(def)) {
    const f = fn(raw);
    if (f) fields.push(f);
  }
  if (def.repeat) {
    const { from, stride, fields: rf, label } = def.repeat;
    for (let k = 0, at = from; at + stride <= raw.length; k++, at += stride) {
      for (const spec of rf) {
        const f = decodeField(spec, raw, ` [${label} ${k}]`, at);
        if (f) fields.push(f);
      }
    }
  }
  switch (def.special) {
    case 'lri':
      for (let k = 0, at = 1; at < raw.length; k++, at += 2) {
        const suffix = k === 0 ? '' : ` [${k}]`;
        const off = raw[at] & 0x7ffffc;
        fields.push({ name: 'Register Offset' + suffix, value: '0x' + off.toString(16) });
        const reg = registerName(off);
        if (reg) fields.push({ name: 'Register' + suffix, value: reg });
        if (at + 1 < raw.length) fields.push({ name: 'Data DWord' + suffix, value: hex32(raw[at + 1]) });
      }
      break;
    case 'math':
      for (let k = 1; k < raw.length; k++) {
        const w = raw[k] >>> 0;
        const op = (w >>> 20) & 0xfff;
        const o1 = (w >>> 10) & 0x3ff;
        const o2 = w & 0x3ff;
        const opName = ALU_OPS[op] ?? '0x' + op.toString(16);
        fields.push({ name: `ALU ${k - 1}`, value: (o1 === 0 && o2 === 0) || op === 0 ? opName : `${opName} ${aluOperand(o1)}, ${aluOperand(o2)}` });
      }
      break;
    case 'bbs': {
      if (raw.length >= 2) {
        const lo = BigInt(raw[1] >>> 0) & ~3n;
        const hi = raw.length >= 3 ? BigInt(raw[2] >>> 0) : 0n;
        ins.batchStart = { address: ((hi << 32n) | lo) & MASK48, secondLevel: ((h >>> 22) & 1) === 1, ppgtt: ((h >>> 8) & 1) === 1 };
      }
      break;
    }
    case 'bbe':
      ins.batchEnd = true;
      break;
    default:
      break;
  }
  return ins;
}
