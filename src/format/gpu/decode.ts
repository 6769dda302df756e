// The instruction decoder: compiles a family's table for one engine kind into flat lookup arrays,
// finds instruction lengths (also for instructions the tables lack) and decodes fields.
import { hex32 } from '../report.ts';
import { familyTable } from './tables/index.ts';
import { registerName } from './registers.ts';
import type { BatchStartTarget, DecodedField, EngineKind, Family, FieldFormat, FieldSpec, FormatKind, Instruction, InstrDef } from './types.ts';

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
  /** Compiled field lists of the rows, by slot (made when first decoded). */
  readonly rows: (CompiledRow | undefined)[];

  constructor(family: Family, engine: EngineKind) {
    this.family = family;
    this.engine = engine;
    this.lenMask = new Uint32Array(SLOTS);
    this.lenAdd = new Uint32Array(SLOTS);
    this.defs = new Array(SLOTS).fill(undefined);
    this.rows = new Array(SLOTS).fill(undefined);
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
// Decoding yields each field's value as a number (a GPU address is at most 48 bits, exact in a
// double) into the instruction's `values`, beside a shared format per field (`formats`: name,
// kind). The text a person reads ("0x2244", "TRIANGLELIST (4)"), the BigInt of a link and the
// field objects are made only when read, as are an instruction's address and raw dwords. So
// decoding every instruction of a stream allocates three small objects per instruction and no
// strings.

const f32buf = new DataView(new ArrayBuffer(4));
const MASK48 = (1n << 48n) - 1n;

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
function aluText(w: number): string {
  const op = (w >>> 20) & 0xfff;
  const o1 = (w >>> 10) & 0x3ff;
  const o2 = w & 0x3ff;
  const opName = ALU_OPS[op] ?? '0x' + op.toString(16);
  return (o1 === 0 && o2 === 0) || op === 0 ? opName : `${opName} ${aluOperand(o1)}, ${aluOperand(o2)}`;
}

function valueText(kind: FormatKind, values: Readonly<Record<number, string>> | undefined, x: number): string {
  switch (kind) {
    case 'uint':
    case 'sint':
      return String(x);
    case 'hex':
    case 'offset':
    case 'address':
      return '0x' + x.toString(16);
    case 'bool':
      return x ? 'true' : 'false';
    case 'enum': {
      const label = values?.[x];
      return label !== undefined ? `${label} (${x})` : String(x);
    }
    case 'register': {
      const reg = registerName(x);
      return '0x' + x.toString(16) + (reg ? ` (${reg})` : '');
    }
    case 'float':
      f32buf.setUint32(0, x, true);
      return String(f32buf.getFloat32(0, true));
    case 'hex32':
      return hex32(x);
    case 'regname':
      return registerName(x) ?? '0x' + x.toString(16);
    case 'alu':
      return aluText(x);
    default:
      return String(x);
  }
}

/** The text of a field's value `x` (a number from decoding), as the listing shows it. */
export function formatFieldValue(fmt: FieldFormat, x: number): string {
  // Small values repeat (flags, enumerations, counts): their texts are kept per format.
  if (x >= 0 && x < 256 && x === (x | 0)) {
    const memo = (fmt.memo ??= []);
    return (memo[x] ??= valueText(fmt.kind, fmt.values, x));
  }
  return valueText(fmt.kind, fmt.values, x);
}

/** One field as its format and number; name, text and link address are read from them. */
export class Field implements DecodedField {
  readonly fmt: FieldFormat;
  readonly num: number;
  constructor(fmt: FieldFormat, num: number) {
    this.fmt = fmt;
    this.num = num;
  }
  get name(): string {
    return this.fmt.name;
  }
  get value(): string {
    return formatFieldValue(this.fmt, this.num);
  }
  /** A link for a non-relative address field that is not zero (zero links nowhere). */
  get address(): bigint | undefined {
    return this.fmt.link && this.num !== 0 ? BigInt(this.num) : undefined;
  }
}

/** A field as plain data ({name, value, address?}): what crosses a worker boundary or goes into JSON. */
export function plainField(f: DecodedField): { name: string; value: string; address?: bigint } {
  const address = f.address;
  return address === undefined ? { name: f.name, value: f.value } : { name: f.name, value: f.value, address };
}

// Field extraction codes.
const C_BITS = 0; // bits lo..min(hi,31) of one dword
const C_SINT = 1; // the same, two's complement of the spec's width
const C_SCALED = 2; // bits lo..hi times 2^lo (byte offsets, register offsets)
const C_ADDRESS = 3; // bits lo..hi (≤ 47) of the u64 of dwords dw, dw+1

interface CompiledField {
  code: number;
  dw: number;
  lo: number;
  /** Mask of the bits taken after the shift by lo (0xffffffff: all 32). */
  mask: number;
  /** C_SCALED: 2^lo. C_SINT: 2^width when the width is below 32, else 0. */
  scale: number;
  /** C_ADDRESS: the bits taken from the first dword (in place) and from the second. */
  loMask: number;
  hiMask: number;
  fmt: FieldFormat;
}

function formatOf(spec: FieldSpec, name = spec.name): FieldFormat {
  return { name, kind: spec.kind, values: spec.values, link: spec.kind === 'address' && !spec.relative };
}

function compileSpec(spec: FieldSpec, fmt: FieldFormat): CompiledField {
  const { dw, kind } = spec;
  // A float is the whole dword's bits.
  const lo = kind === 'float' ? 0 : spec.lo;
  const hi = kind === 'float' ? 31 : spec.hi;
  const w = Math.min(hi, 31) - lo + 1;
  const mask = w >= 32 ? 0xffffffff : (1 << w) - 1;
  const width = hi - lo + 1;
  const code = kind === 'address' ? C_ADDRESS : kind === 'sint' ? C_SINT : kind === 'offset' || kind === 'register' ? C_SCALED : C_BITS;
  let loMask = 0;
  let hiMask = 0;
  if (code === C_ADDRESS) {
    // Bits lo..hi (at most 47) of the u64 made of dwords dw (low) and dw+1 (high).
    const top = Math.min(hi, 47);
    if (lo < 32) loMask = (top >= 31 ? -1 << lo : (-1 << lo) & ((1 << (top + 1)) - 1)) >>> 0;
    if (top >= 32) hiMask = ((1 << (top - 31)) - 1) & (lo > 32 ? -1 << (lo - 32) : -1);
  }
  const scale = code === C_SCALED ? 2 ** lo : code === C_SINT && width < 32 ? 2 ** width : 0;
  return { code, dw, lo, mask, scale, loMask, hiMask, fmt };
}

/** The number of a field whose first dword is words[at] (and words[at + 1] below `stop`, for an address). */
function extract(c: CompiledField, words: Uint32Array, at: number, stop: number): number {
  const v = words[at];
  const x = ((v >>> c.lo) & c.mask) >>> 0;
  switch (c.code) {
    case C_BITS:
      return x;
    case C_SINT:
      // Two's complement of the spec's width (a whole dword: as int32).
      return c.scale === 0 ? x | 0 : x >= c.scale / 2 ? x - c.scale : x;
    case C_SCALED:
      return x * c.scale;
    default:
      // Number arithmetic: exact below 2^53, and addresses are at most 48 bits.
      return (at + 1 < stop ? (words[at + 1] & c.hiMask) * 4294967296 : 0) + ((v & c.loMask) >>> 0);
  }
}

/** A row's own field list, compiled once. */
interface CompiledRow {
  fields: CompiledField[];
  formats: FieldFormat[];
  /** Highest dword index the fields read (an address reads the next dword too, when present). */
  lastDw: number;
  /** The repeated fields' extraction (their formats are per repetition). */
  repeatFields: CompiledField[];
  /** Formats of the repeated fields, per repetition (made when first met). */
  repeat: FieldFormat[][];
}
const rowCache = new WeakMap<InstrDef, CompiledRow>();

function compiledRow(def: InstrDef): CompiledRow {
  let c = rowCache.get(def);
  if (!c) {
    const specs = def.fields ?? [];
    const formats = specs.map((s) => formatOf(s));
    const fields = specs.map((s, k) => compileSpec(s, formats[k]));
    const repeatFields = (def.repeat?.fields ?? []).map((s) => compileSpec(s, formatOf(s)));
    rowCache.set(def, (c = { fields, formats, lastDw: specs.reduce((m, s) => Math.max(m, s.dw), -1), repeatFields, repeat: [] }));
  }
  return c;
}

/** The formats of repetition `k` of a row's repeated fields ("Name [label k]"). */
function repeatFormats(def: InstrDef, row: CompiledRow, k: number): FieldFormat[] {
  return (row.repeat[k] ??= def.repeat!.fields.map((s) => formatOf(s, `${s.name} [${def.repeat!.label} ${k}]`)));
}

/**
 * Decodes one field of a spec from an instruction's dwords `raw` (dword `base` + spec.dw); null when
 * that dword is past the data. `suffix` goes after the name.
 */
export function decodeField(spec: FieldSpec, raw: Uint32Array, base = 0, suffix = ''): Field | null {
  const at = base + spec.dw;
  if (at >= raw.length) return null;
  const fmt = formatOf(spec, spec.name + suffix);
  return new Field(fmt, extract(compileSpec(spec, fmt), raw, at, raw.length));
}

// The formats of the special decodes, per pair / operation number (made when first met).
const lriFormats: { offset: FieldFormat; register: FieldFormat; data: FieldFormat }[] = [];
function lriFormat(k: number) {
  const sfx = k === 0 ? '' : ` [${k}]`;
  return (lriFormats[k] ??= {
    offset: { name: 'Register Offset' + sfx, kind: 'hex', link: false },
    register: { name: 'Register' + sfx, kind: 'regname', link: false },
    data: { name: 'Data DWord' + sfx, kind: 'hex32', link: false },
  });
}
const aluFormats: FieldFormat[] = [];
const aluFormat = (k: number): FieldFormat => (aluFormats[k] ??= { name: `ALU ${k}`, kind: 'alu', link: false });

/** A decoded instruction. Its address, name, raw dwords and field objects are made when read. */
class DecodedInstruction implements Instruction {
  readonly index: number;
  readonly dwords: number;
  readonly known: boolean;
  values: number[];
  formats: FieldFormat[];
  truncated: boolean | undefined = undefined;
  batchStart: BatchStartTarget | undefined = undefined;
  batchEnd: boolean | undefined = undefined;
  private readonly words: Uint32Array;
  private readonly stop: number;
  private readonly base: bigint;
  private readonly def: InstrDef | undefined;
  private rawCopy: Uint32Array | null = null;
  private fieldList: Field[] | null = null;
  constructor(words: Uint32Array, index: number, stop: number, dwords: number, base: bigint, def: InstrDef | undefined, values: number[], formats: FieldFormat[]) {
    this.words = words;
    this.index = index;
    this.stop = stop;
    this.dwords = dwords;
    this.base = base;
    this.def = def;
    this.known = def !== undefined;
    this.values = values;
    this.formats = formats;
  }
  get address(): bigint {
    return this.base + BigInt(this.index * 4);
  }
  get name(): string {
    return this.def ? this.def.name : unknownName(this.words[this.index]);
  }
  get raw(): Uint32Array {
    return (this.rawCopy ??= this.words.slice(this.index, this.stop));
  }
  get fields(): Field[] {
    if (!this.fieldList) {
      const { values, formats } = this;
      const out: Field[] = new Array(values.length);
      for (let k = 0; k < values.length; k++) out[k] = new Field(formats[k], values[k]);
      this.fieldList = out;
    }
    return this.fieldList;
  }
  forget(): void {
    this.fieldList = null;
    this.rawCopy = null;
  }
}

const NONE: FieldFormat[] = [];

/**
 * Decodes the instruction whose header is words[index]; `baseAddress` is the GPU address of
 * words[0]. Every field's value is decoded (into `values`; texts on read). Never throws: an
 * instruction running past `end` is returned truncated.
 */
export function decodeAt(words: Uint32Array, index: number, baseAddress: bigint, dec: CommandDecoder, end = words.length): Instruction {
  const h = words[index] >>> 0;
  const slot = slotOf(h);
  const def = dec.defs[slot];
  const len = ((h & dec.lenMask[slot]) >>> 0) + dec.lenAdd[slot];
  const dwords = len > 0 ? len : 1;
  const stop = Math.min(end, words.length, index + dwords);
  if (!def) {
    const ins = new DecodedInstruction(words, index, stop, dwords, baseAddress, def, [], NONE);
    if (stop - index < dwords) ins.truncated = true;
    return ins;
  }
  const row = dec.rows[slot] ?? (dec.rows[slot] = compiledRow(def));
  const list = row.fields;
  let formats: FieldFormat[];
  let values: number[];
  if (index + row.lastDw < stop) {
    // Every field's dword is there (the usual case): the row's own format list.
    values = new Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const c = list[k];
      values[k] = c.code === C_BITS ? ((words[index + c.dw] >>> c.lo) & c.mask) >>> 0 : extract(c, words, index + c.dw, stop);
    }
    formats = row.formats;
  } else {
    values = [];
    formats = [];
    for (let k = 0; k < list.length; k++) {
      const c = list[k];
      const at = index + c.dw;
      if (at >= stop) continue;
      values.push(extract(c, words, at, stop));
      formats.push(c.fmt);
    }
  }
  const ins = new DecodedInstruction(words, index, stop, dwords, baseAddress, def, values, formats);
  if (stop - index < dwords) ins.truncated = true;
  if (def.repeat) {
    const { from, stride } = def.repeat;
    if (formats === row.formats) ins.formats = formats = formats.slice();
    const rl = row.repeatFields;
    const n = stop - index;
    for (let k = 0, at = from; at + stride <= n; k++, at += stride) {
      const fk = repeatFormats(def, row, k);
      for (let j = 0; j < rl.length; j++) {
        const c = rl[j];
        const w = index + at + c.dw;
        if (w >= stop) continue;
        values.push(c.code === C_BITS ? ((words[w] >>> c.lo) & c.mask) >>> 0 : extract(c, words, w, stop));
        formats.push(fk[j]);
      }
    }
  }
  switch (def.special) {
    case 'lri':
      if (formats === row.formats) ins.formats = formats = formats.slice();
      for (let k = 0, at = index + 1; at < stop; k++, at += 2) {
        const f = lriFormat(k);
        const off = words[at] & 0x7ffffc;
        values.push(off);
        formats.push(f.offset);
        if (registerName(off)) {
          values.push(off);
          formats.push(f.register);
        }
        if (at + 1 < stop) {
          values.push(words[at + 1] >>> 0);
          formats.push(f.data);
        }
      }
      break;
    case 'math':
      if (formats === row.formats) ins.formats = formats = formats.slice();
      for (let k = index + 1; k < stop; k++) {
        values.push(words[k] >>> 0);
        formats.push(aluFormat(k - index - 1));
      }
      break;
    case 'bbs':
      if (stop - index >= 2) {
        const lo = BigInt(words[index + 1] >>> 0) & ~3n;
        const hi = stop - index >= 3 ? BigInt(words[index + 2] >>> 0) : 0n;
        ins.batchStart = { address: ((hi << 32n) | lo) & MASK48, secondLevel: ((h >>> 22) & 1) === 1, ppgtt: ((h >>> 8) & 1) === 1 };
      }
      break;
    case 'bbe':
      ins.batchEnd = true;
      break;
    default:
      break;
  }
  return ins;
}
