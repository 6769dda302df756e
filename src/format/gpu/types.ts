// Types of the command-stream decoder: instruction table rows, decoded instructions, fields.
// Pure data types; no DOM, no Node APIs.

/** Platform families with one instruction table each (each lists what changed from its predecessor). */
export type Family = 'gen12' | 'gen12.5' | 'xe2' | 'xe3';
export const FAMILIES: readonly Family[] = ['gen12', 'gen12.5', 'xe2', 'xe3'];

/**
 * Engine kinds, as the model's `Engine.engineClass` names them. The command set depends on it: a
 * type-3 header is a 3D/compute command on render/compute engines and a video command on video ones.
 */
export type EngineKind = 'render' | 'compute' | 'copy' | 'video' | 'video-enhance' | 'other';

/** How a field's bits are shown. */
export type FieldKind =
  | 'uint' // unsigned decimal
  | 'hex' // 0x… hex
  | 'bool' // one bit: "true"/"false"
  | 'enum' // a value name from `values` (else the number)
  | 'sint' // two's complement signed decimal
  | 'address' // a GPU address: bits lo..hi of the little-endian u64 made of dwords dw and dw+1 (bits below lo are zero)
  | 'offset' // a byte offset/address that fits one dword (bits lo..hi, bits below lo zero), shown as hex
  | 'register' // an MMIO register offset (named from the register tables)
  | 'float'; // IEEE float32 of the whole dword

export interface FieldSpec {
  name: string;
  /** Dword index inside the instruction (0 = header). */
  dw: number;
  /** Lowest bit. For 'address' it indexes into the 64-bit pair (dw, dw+1). */
  lo: number;
  /** Highest bit (inclusive). */
  hi: number;
  kind: FieldKind;
  /** Names of enum values. */
  values?: Readonly<Record<number, string>>;
  /** For 'address': the address is relative to a base (e.g. "Instruction Base Address"); only shown, not linked. */
  relative?: boolean;
}

/** How an instruction's length (in dwords) is found. */
export type LengthRule =
  | { fixed: number } // always this many dwords
  | { bits: number; bias: number }; // DWord Length field bits (bits-1..0) of the header, plus bias

/** One row of an instruction table. */
export interface InstrDef {
  name: string;
  /** Header bits that identify it (the bits of `mask`). */
  opcode: number;
  mask: number;
  length: LengthRule;
  /** Field-by-field decode; absent = name and length only. */
  fields?: readonly FieldSpec[];
  /** Engines it exists on (default: by command type). */
  engines?: readonly EngineKind[];
  /** Special decoding beyond the field list. */
  special?: 'lri' | 'bbs' | 'bbe' | 'math' | 'srm' | 'lrm' | 'lrr' | 'sdi' | 'vertex-buffers' | 'vertex-elements';
  /** Fields repeat every `stride` dwords from dword `from` to the end (e.g. vertex buffer states). */
  repeat?: { from: number; stride: number; fields: readonly FieldSpec[]; label: string };
}

/** A table edit: rows a family adds or replaces (by name), and names it removes. */
export interface FamilyTable {
  family: Family;
  /** The family this one starts from (null for the first). */
  base: Family | null;
  /** Rows new in this family or changed from the base (replaces the base row of the same name). */
  changed: readonly InstrDef[];
  /** Names of base rows that this family no longer has. */
  removed?: readonly string[];
  /** Where the facts come from. */
  source: string;
}

/** Kinds of field text: the table kinds, and those of special decodes (LRI pairs, MI_MATH). */
export type FormatKind = FieldKind | 'hex32' | 'regname' | 'alu';

/**
 * How one field of a decoded instruction is named and shown; shared by every instruction that has
 * the field (made once per table row, LRI pair number, …).
 */
export interface FieldFormat {
  /** The field's full name ("Register Offset [2]", "Buffer Starting Address [VERTEX_BUFFER_STATE 1]"). */
  readonly name: string;
  readonly kind: FormatKind;
  readonly values?: Readonly<Record<number, string>>;
  /** The value is a GPU address the UI links (through openAt) when it is not zero. */
  readonly link: boolean;
  /** Texts of small values, made on first use. */
  memo?: string[];
}

/**
 * One decoded field. Decoding yields `num`; `name`, `value` and `address` may be made when read
 * (see decode.ts `Field`), so a field is not plain data: `plainField` copies it for a worker
 * boundary or JSON.
 */
export interface DecodedField {
  readonly name: string;
  /** Display text: "0x2244", "true", "TRIANGLELIST (4)", "0x1000". */
  readonly value: string;
  /** A GPU address the UI can link (through openAt); set for non-relative address fields. */
  readonly address?: bigint;
  /** The value as a number: the field's bits (signed for sint, scaled for offsets, the whole address for addresses, the float's bits). */
  readonly num: number;
}

/** Target of an MI_BATCH_BUFFER_START. */
export interface BatchStartTarget {
  address: bigint;
  /** Second level: returns to the caller at MI_BATCH_BUFFER_END. False: chained (never returns). */
  secondLevel: boolean;
  /** Address space: PPGTT (true) or GGTT. */
  ppgtt: boolean;
}

export interface Instruction {
  /** GPU virtual address of the header dword. */
  address: bigint;
  /** Dword index of the header inside the window decoded. */
  index: number;
  /** Length in dwords (≥ 1), from the header; may run past the data (see `truncated`). */
  dwords: number;
  /** Command name, or `unknown instruction 0x…`. */
  name: string;
  /** True when the tables know this command. */
  known: boolean;
  /** The instruction's dwords as read (a copy, made on first read; shorter than `dwords` when truncated). */
  readonly raw: Uint32Array;
  /** Every field's value as a number, in field order (what decoding yields; `fields` shows them). */
  readonly values: readonly number[];
  /** Every field's name and kind, in the same order. */
  readonly formats: readonly FieldFormat[];
  /** The fields with their names, texts and links (made on first read from `values` and `formats`). */
  readonly fields: DecodedField[];
  /** MI_BATCH_BUFFER_START target. */
  batchStart?: BatchStartTarget;
  /** MI_BATCH_BUFFER_END (or MI_CONDITIONAL_BATCH_BUFFER_END, which may end it). */
  batchEnd?: boolean;
  /** The data ended before the instruction did. */
  truncated?: boolean;
  /** Drops the field objects and raw copy made on read (made again if read again): a long listing written out line by line keeps only values. */
  forget?(): void;
}
