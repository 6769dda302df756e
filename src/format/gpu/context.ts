// The context image (the LRC's register state, the `[HWCTX]` blob): MI_LOAD_REGISTER_IMM blocks
// of (offset, value) pairs between MI_NOOP padding, ended by MI_BATCH_BUFFER_END. Every pair of
// every LRI is listed, named from the register tables when the offset is known.
import { registerName } from './registers.ts';

export interface ContextRegister {
  /** MMIO offset as written in the image. */
  offset: number;
  /** Name from the register tables, or null (unknown offsets are listed too). */
  name: string | null;
  value: number;
  /** Byte offset of the value dword in the image. */
  at: number;
  /** Which LRI block (0-based). */
  block: number;
}

export interface ContextImage {
  registers: ContextRegister[];
  /** Number of MI_LOAD_REGISTER_IMM blocks. */
  blocks: number;
  /** Byte offset where decoding stopped (MI_BATCH_BUFFER_END, an unexpected dword, or the end). */
  end: number;
  diagnostics: { at: number; message: string }[];
}

const MI_NOOP = 0x00;
const MI_BATCH_BUFFER_END = 0x0a;
const MI_LOAD_REGISTER_IMM = 0x22;

/**
 * Decodes a register state image. `engine` (e.g. "rcs0") names engine registers relative to that
 * engine's MMIO base first. Never throws.
 */
export function decodeContextImage(bytes: Uint8Array, engine?: string): ContextImage {
  const n = bytes.byteLength >>> 2;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, n * 4);
  const out: ContextImage = { registers: [], blocks: 0, end: n * 4, diagnostics: [] };
  let i = 0;
  while (i < n) {
    const h = dv.getUint32(i * 4, true);
    const type = h >>> 29;
    const op = (h >>> 23) & 0x3f;
    if (h === 0 || (type === 0 && op === MI_NOOP)) {
      i++;
      continue;
    }
    if (type === 0 && op === MI_BATCH_BUFFER_END) {
      out.end = i * 4;
      return out;
    }
    if (type === 0 && op === MI_LOAD_REGISTER_IMM) {
      const len = (h & 0xff) + 2;
      const block = out.blocks++;
      const stop = Math.min(n, i + len);
      if (i + len > n) out.diagnostics.push({ at: i * 4, message: `MI_LOAD_REGISTER_IMM of ${len} dwords runs past the end of the image` });
      for (let k = i + 1; k + 1 < stop; k += 2) {
        const offset = dv.getUint32(k * 4, true) & 0x7ffffc;
        out.registers.push({ offset, name: registerName(offset, engine), value: dv.getUint32((k + 1) * 4, true), at: (k + 1) * 4, block });
      }
      if ((len - 1) % 2 !== 0) out.diagnostics.push({ at: i * 4, message: `MI_LOAD_REGISTER_IMM with an odd number of dwords (${len - 1}) after its header` });
      i += len;
      continue;
    }
    out.diagnostics.push({ at: i * 4, message: `0x${h.toString(16).padStart(8, '0')} is not MI_LOAD_REGISTER_IMM or MI_NOOP: register state ends here` });
    out.end = i * 4;
    return out;
  }
  return out;
}

/** The value of the first register of the image with this engine-relative name ("RING_HEAD"). */
export function contextValue(img: ContextImage, name: string): number | undefined {
  return img.registers.find((r) => r.name === name || (r.name !== null && r.name.endsWith(' ' + name)))?.value;
}
