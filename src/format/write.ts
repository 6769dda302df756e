// Writes a dump model back as devcoredump text, in the layout it was read from, keeping only chosen
// ranges (or parts of ranges): the snapshot file. Every section and every line the parser kept as an
// entry is written again (header, GTs, GuC state, contexts, the job, the engines, VM.uapi_flags);
// the VM section holds only the chosen pieces; blobs are written when asked for. The parser reads
// the result back to the same bytes at the same addresses. Pure: no DOM, no Node APIs.
import { foldAddress } from './addr.ts';
import { encodeAscii85 } from './ascii85-encode.ts';
import { bytesOf, forEachPiece, hasBytes, type Blob, type ByteStore, type DumpModel, type Entry, type MemoryRange } from './model.ts';
import { TextWriter } from './text-writer.ts';
import { writeOtherText } from './write-other.ts';
import { entriesOf } from './entries.ts';

/** Bytes encoded at once (dword-aligned pieces encode to the same text as the whole). */
const PAYLOAD_PIECE = 16 << 20;

/** A piece of captured memory to keep: GPU address (either form) and byte count. */
export interface Piece {
  address: bigint;
  length: number;
}

export interface WriteOptions {
  /** Memory to keep; each piece is clipped to the range that holds its start. */
  pieces: readonly Piece[];
  /** Keep the blobs (HWSP, HWCTX, LOG, CTB) with their data. */
  blobs: boolean;
  /**
   * Keep ranges the kernel could not capture (`.error`, `Unable to capture range`, null_sparse)
   * as they were printed: they cost a line each and say what the GPU had mapped.
   */
  uncaptured?: boolean;
}

/** A chosen piece, resolved: the range it lies in and the offsets kept. */
export interface ResolvedPiece {
  range: MemoryRange;
  offset: number;
  length: number;
}

const RANGE_KEY = /^\[(?:0x)?([0-9a-fA-F]{1,16})\](?:\.([A-Za-z_][A-Za-z0-9_]*))?$/;
const BLOB_KEY = /^\[([^\]]{1,64})\]\.([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Resolve pieces against the ranges: clipped to their range, aligned to whole dwords (ascii85 and
 * the RFC lines carry dwords), merged where they overlap or touch. Pieces in no range, or in a range
 * without data, are dropped. Sorted by address.
 */
export function resolvePieces(ranges: readonly MemoryRange[], pieces: readonly Piece[]): ResolvedPiece[] {
  const out: ResolvedPiece[] = [];
  for (const p of pieces) {
    if (p.length <= 0) continue;
    const a = foldAddress(p.address);
    const range = ranges.find((r) => {
      const s = foldAddress(r.address);
      return a >= s && a < s + BigInt(r.length);
    });
    if (!range || !hasBytes(range)) continue;
    const start = Number(a - foldAddress(range.address));
    const lo = start & ~3;
    const hi = Math.min(range.length, Math.ceil(Math.min(range.length, start + p.length) / 4) * 4);
    if (hi > lo) out.push({ range, offset: lo, length: hi - lo });
  }
  out.sort((x, y) => {
    const ax = foldAddress(x.range.address) + BigInt(x.offset);
    const ay = foldAddress(y.range.address) + BigInt(y.offset);
    return ax < ay ? -1 : ax > ay ? 1 : 0;
  });
  const merged: ResolvedPiece[] = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    if (last && last.range === p.range && p.offset <= last.offset + last.length) {
      last.length = Math.max(last.length, p.offset + p.length - last.offset);
    } else merged.push({ ...p });
  }
  return merged;
}

/** Text out, in chunks: a large payload is a chunk of its own, staged lines are copied out. */
export class Out {
  readonly chunks: Uint8Array[] = [];
  private readonly w = new TextWriter((chunk, stable) => this.chunks.push(stable ? chunk : chunk.slice()), {
    crlf: false, spaces: false, splitWidth: 0, splitMode: 'exact',
  });

  private readonly enc = new TextEncoder();

  line(text: string, indent = 0): void {
    // A value never starts a new line: line breaks and other control characters in it (from a
    // hostile share link, say) are written as spaces, so the text reads back as the same lines.
    const s = sanitizeLine(text);
    // Dump text is ASCII but for what a process or a driver put in it (a process name): that goes as UTF-8.
    // eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
    if (/[^\x00-\x7f]/.test(s)) this.w.lineBytes(this.enc.encode('\t'.repeat(indent) + s), true);
    else this.w.line(s, indent);
  }

  /** A payload line of encoded text. */
  bytes(prefix: string, payload: Uint8Array, indent = 0): void {
    this.w.beginPayload(prefix, indent);
    this.w.payload(payload, true);
    this.w.endPayload();
  }

  /** A payload line of `length` bytes of `store` from `offset` (a multiple of 4), encoded piece by piece. */
  storeBytes(prefix: string, store: ByteStore, offset: number, length: number, indent = 0): void {
    this.w.beginPayload(prefix, indent);
    forEachPiece(store, offset, length, PAYLOAD_PIECE, (b) => this.w.payload(encodeAscii85(b), true));
    this.w.endPayload();
  }

  flush(): void {
    this.w.flush();
  }
}

const hex = (v: bigint | number) => v.toString(16);

/** Control characters but TAB (LF, CR, NUL, VT, FF, …, DEL, and the Unicode line separators). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f\u0085\u2028\u2029]/g;

/** One line of text as it may be written: every control character but TAB becomes a space. */
export function sanitizeLine(text: string): string {
  return text.replace(CONTROL, ' ');
}

export function entryText(e: Entry): string {
  return e.bare ? e.key : `${e.key}: ${e.value}`;
}

/** The printed address of the byte `offset` into a range: same form (canonical or plain) as the range's. */
function pieceAddress(r: MemoryRange, offset: number): bigint {
  return r.address + BigInt(offset);
}

function writeXePiece(out: Out, p: ResolvedPiece): void {
  const r = p.range;
  const a = hex(pieceAddress(r, p.offset));
  out.line(`[${a}].length: 0x${hex(p.length)}`);
  if (r.properties) out.line(`[${a}].properties: ${r.properties.raw}`);
  // A range cut short in the source is written as far as it was decoded (and reads back as short).
  const end = Math.min(p.offset + p.length, r.decodedLength & ~3);
  out.storeBytes(`[${a}].data: `, bytesOf(r)!, p.offset, Math.max(0, end - p.offset));
}

function writeRfcPiece(out: Out, p: ResolvedPiece): void {
  const r = p.range;
  const store = bytesOf(r)!;
  const base = pieceAddress(r, p.offset);
  for (let i = 0; i < p.length; i += 64) {
    const words: string[] = [];
    const line = store.read(p.offset + i, Math.min(64, p.length - i));
    const view = new DataView(line.buffer, line.byteOffset, line.byteLength);
    for (let j = 0; j + 4 <= line.length; j += 4) words.push(view.getUint32(j, true).toString(16).padStart(8, '0'));
    out.line(`[${hex(base + BigInt(i))}] = { ${words.join(', ')} }`);
  }
}

function writeUncaptured(out: Out, r: MemoryRange, rfc: boolean): void {
  const a = hex(r.address);
  if (rfc) {
    out.line(`Unable to capture range [${a}-${hex(r.address + BigInt(r.length) - 1n)}]`);
    return;
  }
  out.line(`[${a}].length: 0x${hex(r.length)}`);
  if (r.properties) out.line(`[${a}].properties: ${r.properties.raw}`);
  if (r.error !== null) out.line(`[${a}].error: ${r.error}`);
}

/**
 * The dump as text with only the chosen memory. Returns the text in chunks (a large piece's ascii85
 * is one chunk of its own), ready for a Blob or a file.
 */
export function writeDumpText(model: DumpModel, opts: WriteOptions): Uint8Array[] {
  const pieces = resolvePieces(model.ranges, opts.pieces);
  // The other formats are written in their own text: a snapshot keeps the source's format.
  if (model.format === 'i915' || model.format === 'msm' || model.format === 'amdgpu') return writeOtherText(model, opts, pieces);
  const out = new Out();
  const rfc = model.format === 'xe-rfc';
  const rangeByName = new Map<string, MemoryRange>();
  for (const r of model.ranges) rangeByName.set(hex(r.address), r);
  const rangesDone = { done: false };
  const writeRanges = () => {
    if (rangesDone.done) return;
    rangesDone.done = true;
    const items: { at: bigint; write: () => void }[] = pieces.map((p) => ({
      at: foldAddress(p.range.address) + BigInt(p.offset),
      write: () => (rfc ? writeRfcPiece(out, p) : writeXePiece(out, p)),
    }));
    if (opts.uncaptured) {
      for (const r of model.ranges) {
        if (!hasBytes(r)) items.push({ at: foldAddress(r.address), write: () => writeUncaptured(out, r, rfc) });
      }
    }
    items.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    for (const it of items) it.write();
  };

  let first = true;
  for (const section of model.sections) {
    if (section.title !== '') {
      if (!first) out.line('');
      out.line(`**** ${section.title} ****`);
    }
    first = false;
    const vm = section.title === 'VM state';
    // Which blob a `[NAME].data` entry belongs to: the blobs of this section, in order, by name.
    const blobsHere = new Map<string, Blob[]>();
    for (const b of model.blobs) {
      if (b.section !== section.title) continue;
      const list = blobsHere.get(b.name) ?? [];
      list.push(b);
      blobsHere.set(b.name, list);
    }
    const blobSeen = new Map<string, number>();
    for (const e of entriesOf(model.entries, section)) {
      const rm = vm ? RANGE_KEY.exec(e.key) : null;
      if (rm && (rangeByName.has(rm[1].toLowerCase().replace(/^0+(?=.)/, '')) || !rm[2])) {
        writeRanges();
        continue;
      }
      if (vm && e.bare && e.key.startsWith('Unable to capture range')) {
        writeRanges();
        continue;
      }
      const bm = BLOB_KEY.exec(e.key);
      const list = bm ? blobsHere.get(bm[1]) : undefined;
      if (bm && list) {
        if (!opts.blobs) continue;
        if (bm[2] === 'data') {
          const k = blobSeen.get(bm[1]) ?? 0;
          blobSeen.set(bm[1], k + 1);
          const b = list[k];
          const store = b ? bytesOf(b) : null;
          if (store) out.storeBytes(`[${bm[1]}].data: `, store, 0, b!.decodedLength & ~3, e.indent);
          continue;
        }
        out.line(entryText(e), e.indent);
        continue;
      }
      out.line(entryText(e), e.indent);
    }
    if (vm) writeRanges();
  }
  if (!rangesDone.done && (pieces.length > 0 || opts.uncaptured)) {
    out.line('');
    out.line('**** VM state ****');
    writeRanges();
  }
  out.flush();
  return out.chunks;
}

/** The chunks as one array (small outputs, tests). */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
