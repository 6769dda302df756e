// Walking hung batches: decode from a batch start to MI_BATCH_BUFFER_END, following
// MI_BATCH_BUFFER_START into second-level and chained batches through any captured range, with a
// depth limit, cycle detection and a total instruction budget (so the walk always ends).
import { findRangeAt, foldAddress } from '../addr.ts';
import type { MemoryRange } from '../model.ts';
import { dwordsOf } from '../dwords.ts';
import { hexAddress } from '../report.ts';
import { decodeAt, getDecoder, type CommandDecoder } from './decode.ts';
import type { EngineKind, Family, Instruction } from './types.ts';

export type BatchReason = 'batch_addr' | 'chained' | 'address';

export interface WalkedBatch {
  /** Where this batch starts (plain VA). */
  address: bigint;
  /** batch_addr from the Job section, reached through MI_BATCH_BUFFER_START, or asked for. */
  reason: BatchReason;
  /** 0 for a start; +1 per second-level MI_BATCH_BUFFER_START. */
  depth: number;
  /** Reached through a second-level MI_BATCH_BUFFER_START (returns to its caller). */
  secondLevel: boolean;
  /** Address of the MI_BATCH_BUFFER_START that led here. */
  from: bigint | null;
  /** The captured range holding it. */
  rangeAddress: bigint;
  instructions: Instruction[];
  /** Index in `instructions` of the one ACTHD points into, or -1. */
  acthdIndex: number;
  /** How the decode of this batch ended. */
  end: 'batch-end' | 'chained' | 'range-end' | 'limit';
}

export interface WalkDiagnostic {
  address: bigint;
  message: string;
}

export interface WalkResult {
  batches: WalkedBatch[];
  diagnostics: WalkDiagnostic[];
  /** Where ACTHD was found: batch and instruction index, or null. */
  acthd: { batch: number; instruction: number } | null;
}

export interface WalkOptions {
  family: Family;
  engine?: EngineKind;
  /** ACTHD: the instruction containing it is marked. */
  acthd?: bigint | null;
  /** Nesting limit for second-level batches (default 8; the hardware has 3 levels). */
  maxDepth?: number;
  /** Total instruction budget over the whole walk (default 2,000,000). */
  maxInstructions?: number;
  /** Longest chain of chained batches followed (default 64). */
  maxChain?: number;
}

const wordCache = new WeakMap<Uint8Array, Uint32Array>();

/** The decoded bytes of a range as dwords (little-endian); only bytes actually decoded. */
export function rangeWords(r: Pick<MemoryRange, 'data' | 'decodedLength'>): Uint32Array | null {
  if (!r.data) return null;
  let w = wordCache.get(r.data);
  if (!w) {
    const n = r.data.byteLength >>> 2;
    w = r.data.byteOffset % 4 === 0
      ? new Uint32Array(r.data.buffer, r.data.byteOffset, n)
      : new Uint32Array(r.data.slice(0, n * 4).buffer);
    wordCache.set(r.data, w);
  }
  const decodedWords = Math.min(w.length, r.decodedLength >>> 2);
  return decodedWords === w.length ? w : w.subarray(0, decodedWords);
}

/**
 * Decodes the batches starting at `starts` (in order), following MI_BATCH_BUFFER_START. Never
 * throws on any bytes; problems go to `diagnostics`.
 */
export function walkBatches(ranges: readonly MemoryRange[], starts: readonly { address: bigint; reason: BatchReason }[], opts: WalkOptions): WalkResult {
  const dec = getDecoder(opts.family, opts.engine ?? 'render');
  const maxDepth = opts.maxDepth ?? 8;
  const maxChain = opts.maxChain ?? 64;
  let budget = opts.maxInstructions ?? 2_000_000;
  const acthd = opts.acthd == null ? null : foldAddress(opts.acthd);
  const result: WalkResult = { batches: [], diagnostics: [], acthd: null };
  const visited = new Set<bigint>();
  const diag = (address: bigint, message: string) => result.diagnostics.push({ address, message });

  const walkOne = (start: bigint, reason: BatchReason, depth: number, secondLevel: boolean, from: bigint | null, chain: number): void => {
    let at = foldAddress(start);
    let why = reason;
    let fromAt = from;
    let links = chain;
    // A chained MI_BATCH_BUFFER_START continues here (a loop, not recursion: chains can be long).
    for (;;) {
      if (visited.has(at)) {
        diag(fromAt ?? at, `batch at ${hexAddress(at)} was already decoded: not followed again (a loop, or a batch called twice)`);
        return;
      }
      const range = findRangeAt(ranges, at);
      if (!range) {
        diag(fromAt ?? at, `batch at ${hexAddress(at)} is outside every captured range`);
        return;
      }
      // The range's dwords: in memory, or read window by window (a range decoded on demand).
      const words = dwordsOf(range);
      if (!words) {
        diag(fromAt ?? at, `batch at ${hexAddress(at)} is in range ${hexAddress(range.address)}, which has no data${range.error ? ` (error ${range.error})` : ''}`);
        return;
      }
      visited.add(at);
      const base = foldAddress(range.address);
      const batch: WalkedBatch = {
        address: at, reason: why, depth, secondLevel, from: fromAt, rangeAddress: range.address, instructions: [], acthdIndex: -1, end: 'range-end',
      };
      result.batches.push(batch);
      const batchIndex = result.batches.length - 1;
      if ((at - base) % 4n !== 0n) diag(at, `batch start ${hexAddress(at)} is not dword-aligned; decoding from the dword below`);
      let i = Number((at - base) >> 2n);
      let next: { target: bigint; from: bigint } | null = null;
      while (i < words.length) {
        if (budget <= 0) {
          batch.end = 'limit';
          diag(base + BigInt(i * 4), `instruction limit reached: decoding stopped`);
          return;
        }
        budget--;
        const w = words.window(i, dec.lengthOf(words.at(i)));
        const ins = decodeAt(w.words, i - w.start, base + BigInt(w.start * 4), dec);
        batch.instructions.push(ins);
        if (acthd !== null && acthd >= ins.address && acthd < ins.address + BigInt(ins.dwords * 4)) {
          batch.acthdIndex = batch.instructions.length - 1;
          if (!result.acthd) result.acthd = { batch: batchIndex, instruction: batch.acthdIndex };
        }
        if (ins.truncated) {
          diag(ins.address, `${ins.name} needs ${ins.dwords} dwords but the data ends after ${ins.raw.length}`);
          break;
        }
        i += ins.dwords;
        if (ins.batchEnd) {
          batch.end = 'batch-end';
          break;
        }
        if (ins.batchStart) {
          const t = ins.batchStart;
          if (t.secondLevel) {
            if (depth + 1 > maxDepth) diag(ins.address, `second-level batch at ${hexAddress(t.address)} not followed: nesting deeper than ${maxDepth}`);
            else walkOne(t.address, 'chained', depth + 1, true, ins.address, links);
            continue;
          }
          batch.end = 'chained';
          next = { target: t.address, from: ins.address };
          break;
        }
      }
      if (batch.end === 'range-end') diag(base + BigInt(i * 4), `batch at ${hexAddress(at)} runs to the end of its range's data without MI_BATCH_BUFFER_END`);
      if (!next) return;
      if (links + 1 > maxChain) {
        diag(next.from, `chained batch at ${hexAddress(next.target)} not followed: more than ${maxChain} chained batches`);
        return;
      }
      links++;
      at = foldAddress(next.target);
      why = 'chained';
      fromAt = next.from;
    }
  };

  for (const s of starts) walkOne(s.address, s.reason, 0, false, null, 0);
  return result;
}

/** Decodes a window of one range linearly (no following), e.g. for `--address` or a ring buffer. */
export function decodeLinear(words: Uint32Array, base: bigint, dec: CommandDecoder, start = 0, end = words.length, limit = Infinity): Instruction[] {
  const out: Instruction[] = [];
  let i = start;
  while (i < end && out.length < limit) {
    const ins = decodeAt(words, i, base, dec, end);
    out.push(ins);
    i += ins.dwords;
  }
  return out;
}
