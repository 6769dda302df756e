// The context image (the LRC's register state, the `[HWCTX]` blob): MI_LOAD_REGISTER_IMM blocks
// of (offset, value) pairs between MI_NOOP padding, ended by MI_BATCH_BUFFER_END. Every pair of
// every LRI is listed, named from the register tables when the offset is known.
import { hex32 } from '../report.ts';
import { bytesOf, type DumpModel, type Engine } from '../model.ts';
import { DwordReader, dwordsOf, dwordsView } from '../dwords.ts';
import { getDecoder } from './decode.ts';
import { registerName } from './registers.ts';
import type { EngineKind, Family, Instruction } from './types.ts';
import { decodeLinear } from './walk.ts';
import { entriesOf } from '../entries.ts';

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
 * Decodes a register state image: its bytes, or its dwords read window by window (a blob decoded
 * on demand). `engine` (e.g. "rcs0") names engine registers relative to that engine's MMIO base
 * first. Never throws.
 */
export function decodeContextImage(image: Uint8Array | DwordReader, engine?: string): ContextImage {
  const words = image instanceof DwordReader ? image : new DwordReader(dwordsView(image));
  const n = words.length;
  const out: ContextImage = { registers: [], blocks: 0, end: n * 4, diagnostics: [] };
  let i = 0;
  while (i < n) {
    const h = words.at(i);
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
        const offset = words.at(k) & 0x7ffffc;
        out.registers.push({ offset, name: registerName(offset, engine), value: words.at(k + 1), at: (k + 1) * 4, block });
      }
      if ((len - 1) % 2 !== 0) out.diagnostics.push({ at: i * 4, message: `MI_LOAD_REGISTER_IMM with an odd number of dwords (${len - 1}) after its header` });
      i += len;
      continue;
    }
    out.diagnostics.push({ at: i * 4, message: `${hex32(h)} is not MI_LOAD_REGISTER_IMM or MI_NOOP: register state ends here` });
    out.end = i * 4;
    return out;
  }
  return out;
}

/** The value of the first register of the image with this engine-relative name ("RING_HEAD"). */
export function contextValue(img: ContextImage, name: string): number | undefined {
  return img.registers.find((r) => r.name === name || (r.name !== null && r.name.endsWith(' ' + name)))?.value;
}

// ---- contexts of a dump: each [HWCTX] with its LRC lines, the engine's ring registers and the ring ----

export interface ContextInfo {
  /** Blob name ("HWCTX"). */
  name: string;
  /** GuC ID of the exec queue it belongs to. */
  gucId: number | null;
  /** Source line of the blob. */
  line: number;
  image: ContextImage;
  /** The LRC text lines of the same exec queue: `LRC Head: (memory) N`, `LRC Tail: … (memory) N`, `Ring start`. */
  lrc: { head: number | null; tail: number | null; ringStart: number | null };
  /** RING_HEAD / RING_TAIL / RING_START / RING_CTL as saved in the image. */
  saved: { head: number | null; tail: number | null; start: number | null; ctl: number | null };
  /** The engine's live registers. */
  engine: { name: string; head: number | null; tail: number | null } | null;
  /** The ring buffer: decoded between head and tail where the dump holds it, else why not. */
  ring: { address: number | null; size: number | null; instructions: Instruction[] | null; note: string };
}

const lastNumber = (s: string): number | null => {
  const m = /(0x[0-9a-f]+|-?\d+)\s*$/i.exec(s.trim());
  return m ? Number(m[1]) : null;
};

/**
 * Every context image of the dump with its LRC lines, the hung engine's RING_HEAD/RING_TAIL and
 * the ring buffer (decoded between head and tail when a blob named RING holds it; xe dumps do
 * not capture the ring, and that is said).
 */
export function decodeContexts(model: DumpModel, family: Family, engine: Engine | null, engineKind: EngineKind = 'render'): ContextInfo[] {
  const out: ContextInfo[] = [];
  const ringBlob = model.blobs.find((b) => b.name === 'RING' && bytesOf(b));
  for (const blob of model.blobs) {
    if (blob.name !== 'HWCTX') continue;
    const words = dwordsOf(blob);
    const image = words
      ? decodeContextImage(words, engine?.name)
      : { registers: [], blocks: 0, end: 0, diagnostics: [{ at: 0, message: blob.error ? `no data (error ${blob.error})` : 'no data' }] };
    const lrc = { head: null as number | null, tail: null as number | null, ringStart: null as number | null };
    const section = model.sections.find((s) => s.title === blob.section && s.line <= blob.line);
    if (section) {
      for (const e of entriesOf(model.entries, section)) {
        if (e.line >= blob.line) break;
        if (e.key === 'GuC ID') { lrc.head = lrc.tail = lrc.ringStart = null; continue; }
        if (e.key === 'LRC Head') lrc.head = lastNumber(e.value);
        else if (e.key === 'LRC Tail') lrc.tail = lastNumber(e.value);
        else if (e.key === 'Ring start' || (e.key === 'HW Ring address' && lrc.ringStart === null)) lrc.ringStart = lastNumber(e.value);
      }
    }
    const val = (n: string) => contextValue(image, n) ?? null;
    const saved = { head: val('RING_HEAD'), tail: val('RING_TAIL'), start: val('RING_START'), ctl: val('RING_CTL') };
    const reg = (n: string) => {
      const r = engine?.registers.find((x) => x.name === n);
      return r ? Number(r.value & 0xffffffffn) : null;
    };
    const eng = engine ? { name: engine.name, head: reg('RING_HEAD'), tail: reg('RING_TAIL') } : null;
    const address = lrc.ringStart ?? saved.start;
    const size = saved.ctl !== null ? ((saved.ctl >>> 12) & 0x1ff) * 4096 + 4096 : null;
    let ring: ContextInfo['ring'];
    const head = (saved.head ?? lrc.head ?? 0) & 0x1ffffc;
    const tail = (saved.tail ?? lrc.tail ?? 0) & 0x1ffff8;
    const ringStore = ringBlob ? bytesOf(ringBlob) : null;
    if (ringBlob && ringStore) {
      const n = Math.min(ringStore.length, ringBlob.decodedLength) & ~3;
      const words = new Uint32Array(ringStore.read(0, n).slice(0, n).buffer, 0, n >>> 2);
      const dec = getDecoder(family, engineKind);
      const base = BigInt(address ?? 0);
      const instructions = head <= tail
        ? decodeLinear(words, base, dec, head >>> 2, Math.min(words.length, tail >>> 2))
        : [...decodeLinear(words, base, dec, head >>> 2, words.length), ...decodeLinear(words, base, dec, 0, Math.min(words.length, tail >>> 2))];
      ring = { address, size, instructions, note: `ring buffer decoded from head 0x${head.toString(16)} to tail 0x${tail.toString(16)}` };
    } else {
      ring = {
        address, size, instructions: null,
        note: `the ring buffer${address !== null ? ` (GGTT 0x${address.toString(16)})` : ''} is not in this dump: xe captures the context image, not the ring`,
      };
    }
    out.push({ name: blob.name, gucId: blob.gucId, line: blob.line, image, lrc, saved, engine: eng, ring });
  }
  return out;
}
