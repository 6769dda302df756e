// Shorthands for writing instruction tables compactly: header opcodes per command type, length
// rules and field specs. The tables (gen12.ts, gen125.ts, xe2.ts, xe3.ts) are written with these.
import type { EngineKind, FieldSpec, InstrDef, LengthRule } from './types.ts';

// ---- header layout (PRM "Command Header" / kernel xe instructions/xe_instr_defs.h) ----
// bits 31:29 command type: 0 MI, 2 blitter (2D), 3 GFXPIPE (3D / compute / media, or video on VCS/VECS).
// MI: opcode bits 28:23. Blitter: opcode bits 28:22. GFXPIPE and video: pipeline (sub-type) 28:27,
// opcode 26:24, sub-opcode 23:16.
export const TYPE_MI = 0;
export const TYPE_BLT = 2;
export const TYPE_GFX = 3;

/** DWord Length in bits 7:0 with the usual bias of 2. */
export const L8: LengthRule = { bits: 8, bias: 2 };
export const L6: LengthRule = { bits: 6, bias: 2 };
export const L9: LengthRule = { bits: 9, bias: 2 };
export const L10: LengthRule = { bits: 10, bias: 2 };
export const L16: LengthRule = { bits: 16, bias: 2 };
export const L12: LengthRule = { bits: 12, bias: 2 };
export const ONE: LengthRule = { fixed: 1 };
export const fixed = (n: number): LengthRule => ({ fixed: n });

type Extra = Partial<Pick<InstrDef, 'special' | 'engines' | 'repeat'>>;

/** An MI command: opcode is the 6-bit MI opcode (bits 28:23). */
export function mi(name: string, opcode: number, length: LengthRule, fields?: FieldSpec[], extra?: Extra): InstrDef {
  return { name, opcode: (opcode << 23) >>> 0, mask: 0xff800000, length, fields, ...extra };
}

/** A GFXPIPE command: pipeline (0 common, 1 single-dword, 2 compute/media, 3 3D), opcode, sub-opcode. */
export function gfx(name: string, pipeline: number, opcode: number, sub: number, length: LengthRule, fields?: FieldSpec[], extra?: Extra): InstrDef {
  return {
    name,
    opcode: ((3 << 29) | (pipeline << 27) | (opcode << 24) | (sub << 16)) >>> 0,
    mask: 0xffff0000,
    length,
    fields,
    ...extra,
  };
}

/** A 3DSTATE_* / 3D command (pipeline 3). */
export const g3d = (name: string, opcode: number, sub: number, length: LengthRule, fields?: FieldSpec[], extra?: Extra) =>
  gfx(name, 3, opcode, sub, length, fields, extra);

/** A blitter command: 7-bit opcode in bits 28:22. */
export function blt(name: string, opcode: number, length: LengthRule, fields?: FieldSpec[]): InstrDef {
  return { name, opcode: ((2 << 29) | (opcode << 22)) >>> 0, mask: 0xffc00000, length, fields, engines: ['copy'] };
}

const VIDEO: EngineKind[] = ['video', 'video-enhance'];
/** A video-engine command (MFX/HCP/VDENC/HUC/AVP/VEBOX…): pipeline 28:27, opcode 26:24, sub-opcode 23:16. */
export function vid(name: string, pipeline: number, opcode: number, sub: number, length: LengthRule = L12, fields?: FieldSpec[]): InstrDef {
  return { ...gfx(name, pipeline, opcode, sub, length, fields), engines: VIDEO };
}

// ---- fields ----
export const u = (name: string, dw: number, lo: number, hi: number): FieldSpec => ({ name, dw, lo, hi, kind: 'uint' });
export const h = (name: string, dw: number, lo: number, hi: number): FieldSpec => ({ name, dw, lo, hi, kind: 'hex' });
export const b = (name: string, dw: number, bit: number): FieldSpec => ({ name, dw, lo: bit, hi: bit, kind: 'bool' });
export const e = (name: string, dw: number, lo: number, hi: number, values: Record<number, string>): FieldSpec => ({ name, dw, lo, hi, kind: 'enum', values });
export const s = (name: string, dw: number, lo: number, hi: number): FieldSpec => ({ name, dw, lo, hi, kind: 'sint' });
/** A 48-bit GPU address in dwords dw (low) and dw+1 (high), bits lo..hi of that pair. */
export const a = (name: string, dw: number, lo: number, hi = 47): FieldSpec => ({ name, dw, lo, hi, kind: 'address' });
/** An address relative to a state base (shown, not linked). */
export const ra = (name: string, dw: number, lo: number, hi: number): FieldSpec => ({ name, dw, lo, hi, kind: 'offset', relative: true });
export const r = (name: string, dw: number, lo = 2, hi = 22): FieldSpec => ({ name, dw, lo, hi, kind: 'register' });
export const f32 = (name: string, dw: number): FieldSpec => ({ name, dw, lo: 0, hi: 31, kind: 'float' });
/** A whole dword as hex. */
export const d = (name: string, dw: number): FieldSpec => h(name, dw, 0, 31);

// Common enumerations.
export const MOCS_NOTE = 'MOCS';
export const COMPARE_OPS: Record<number, string> = {
  0: 'SAD_GREATER_THAN_SDD',
  1: 'SAD_GREATER_THAN_OR_EQUAL_SDD',
  2: 'SAD_LESS_THAN_SDD',
  3: 'SAD_LESS_THAN_OR_EQUAL_SDD',
  4: 'SAD_EQUAL_SDD',
  5: 'SAD_NOT_EQUAL_SDD',
};
export const POST_SYNC_OPS: Record<number, string> = {
  0: 'No Write',
  1: 'Write Immediate Data',
  2: 'Write PS Depth Count',
  3: 'Write Timestamp',
};
export const ADDRESS_SPACE: Record<number, string> = { 0: 'GGTT', 1: 'PPGTT' };
