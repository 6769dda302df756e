// Deterministic pseudo-random content for generated dumps: PRNG, GPU-memory-like buffers
// (batch buffers, heaps, GuC log, CT buffer, HW status page, LRC register state).
// Pure module (no Node APIs).
import type { Family } from '../format/gpu/types.ts';
import { batchEnd, batchStart, computeWalkerHeader, dispatch, draw, Emitter, H, lri, pipeControl, stateBaseAddress, storeDataImm } from './commands.ts';

/** mulberry32: small, fast, good enough for fixtures. Returns u32 values. */
export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  /** Next u32. */
  u32(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  /** Integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bool(p = 0.5): boolean {
    return this.float() < p;
  }
  /** A derived, independent generator. */
  fork(): Rng {
    return new Rng(this.u32() ^ 0x9e3779b9);
  }
}

/**
 * Fills u32 arrays with alternating runs of zero words and "random" words, continuing the runs
 * across calls (so a range can be produced chunk by chunk). Random runs have a style: full random,
 * small integers, float-like, pointer-like, or repeated patterns — the mix real GPU memory shows.
 */
export class MixedFiller {
  private s: number; // xorshift32 state, never 0
  private left = 0; // words left in the current run
  private zeroRun = true;
  private style = 0;
  private readonly zeroMean: number;
  private readonly dataMean: number;
  private readonly zeroFraction: number;
  private readonly pattern: number;

  constructor(seed: number, zeroFraction = 0.5, dataMean = 96) {
    this.s = (seed >>> 0) || 0x12345678;
    this.zeroFraction = Math.min(1, Math.max(0, zeroFraction));
    this.dataMean = dataMean;
    this.zeroMean = this.zeroFraction >= 1 ? Infinity : (dataMean * this.zeroFraction) / (1 - this.zeroFraction);
    this.pattern = this.next() | 1;
    this.zeroRun = this.next() / 4294967296 < this.zeroFraction;
  }

  private next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x;
    return x >>> 0;
  }

  private newRun(): void {
    const zf = this.zeroFraction;
    if (zf <= 0) {
      this.zeroRun = false;
    } else if (zf >= 1) {
      this.zeroRun = true;
    } else {
      this.zeroRun = !this.zeroRun;
    }
    const mean = this.zeroRun ? this.zeroMean : this.dataMean;
    if (mean === Infinity) {
      this.left = 1 << 30;
    } else {
      // Uniform in [1, 2*mean]: mean length `mean`, occasional long runs.
      this.left = 1 + Math.floor((this.next() / 4294967296) * 2 * mean);
    }
    this.style = this.next() % 8;
  }

  /** Fill words[start, end). */
  fill(words: Uint32Array, start = 0, end = words.length): void {
    let i = start;
    while (i < end) {
      if (this.left === 0) this.newRun();
      const n = Math.min(this.left, end - i);
      const stop = i + n;
      if (this.zeroRun) {
        words.fill(0, i, stop);
      } else {
        let x = this.s;
        switch (this.style) {
          case 0: // small integers (counters, indices, sizes)
            for (; i < stop; i++) {
              x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
              words[i] = ((x >>> 0) & 0xffff) | 1;
            }
            break;
          case 1: // float-like (vertex data, constants)
            for (; i < stop; i++) {
              x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
              words[i] = (0x3e000000 + ((x >>> 0) & 0x01ffffff)) >>> 0;
            }
            break;
          case 2: { // pointer-like pairs (lo, hi) in the 48-bit space
            for (; i < stop; i++) {
              x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
              words[i] = (i & 1) ? 0xfffe : ((x >>> 0) & 0xfffff000) | 0x40;
            }
            break;
          }
          case 3: { // repeated pattern
            const p = this.pattern;
            for (; i < stop; i++) words[i] = p;
            break;
          }
          default: // full random
            for (; i < stop; i++) {
              x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
              words[i] = (x >>> 0) | 1;
            }
        }
        this.s = x || 0x12345678;
      }
      i = stop;
      this.left -= n;
    }
  }
}

export function wordsToBytes(words: Uint32Array): Uint8Array {
  // Hosts are little-endian (checked in ascii85.ts consumers); the byte view is the memory image.
  return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
}

/** A buffer of zero runs and random runs. */
export function mixedBuffer(length: number, rng: Rng, zeroFraction = 0.5): Uint8Array {
  const words = new Uint32Array(length >>> 2);
  new MixedFiller(rng.u32(), zeroFraction).fill(words);
  return wordsToBytes(words);
}

// ---- GPU command encodings (gen12+ style) ----
export const MI_NOOP = 0x00000000;
export const MI_BATCH_BUFFER_END = 0x05000000;
/** MI_BATCH_BUFFER_START, 48-bit address, PPGTT, length 3 dwords. */
export const MI_BATCH_BUFFER_START = 0x18800101;
/** MI_LOAD_REGISTER_IMM with one register/value pair. */
export const MI_LOAD_REGISTER_IMM_1 = 0x11000001;
export const PIPE_CONTROL = 0x7a000004; // 6 dwords
export const MI_SEMAPHORE_WAIT = 0x0e000003; // opcode 0x1c, 5 dwords
export const MI_STORE_DATA_IMM = 0x10400002; // 4 dwords

export interface BatchBuffer {
  bytes: Uint8Array;
  /** Byte offset (in the buffer) of the instruction the engine is stuck on. */
  acthdOffset: number;
  /** The header dword of that instruction (what IPEHR shows). */
  ipehr: number;
  /** Byte offsets (in the buffer) and names of the instructions of the hung batch, in order. */
  instructions: { offset: number; name: string }[];
}

export interface BatchOptions {
  /** Platform family whose encodings to write (default gen12). */
  family?: Family;
  /** Where the second-level batch is (another range); no second-level call when absent. */
  secondLevel?: bigint;
}

/**
 * A batch buffer of exact encodings for the family: register loads, STATE_BASE_ADDRESS, a draw,
 * a compute dispatch, a PIPE_CONTROL, a store, a second-level MI_BATCH_BUFFER_START into
 * `secondLevel` (another range), then an MI_BATCH_BUFFER_START that jumps back to the start of
 * the batch (an endless loop: the hang, where ACTHD sits) followed by MI_BATCH_BUFFER_END; state
 * data before the batch start, more commands after it.
 */
export function batchBuffer(length: number, batchOffset: number, batchAddr: bigint, rng: Rng, opts: BatchOptions = {}): BatchBuffer {
  const family = opts.family ?? 'gen12';
  const words = new Uint32Array(length >>> 2);
  const tail = new MixedFiller(rng.u32(), 0.7);
  const start = batchOffset >>> 2;
  // Area before the batch start: state data.
  if (start > 0) tail.fill(words, 0, start);
  const e = new Emitter(words, start);
  const heap = (batchAddr & ~0xfffn) + 0x100000n;
  e.op('MI_NOOP', MI_NOOP);
  e.op('MI_NOOP', MI_NOOP);
  lri(e, [[0x2358, rng.u32() & 0xffff], [0x7010, 0xffff0000 | (rng.u32() & 0xff)], [0xe4f0, 0x00100010]]);
  stateBaseAddress(e, heap);
  draw(e, heap + 0x60000n, heap + 0x70000n, rng.range(1, 1000) * 3, rng.range(1, 4));
  dispatch(e, family, rng.range(1, 64), rng.range(1, 16), 0x1000);
  pipeControl(e, (1 << 20) | (1 << 14) | (1 << 12) | (1 << 5), batchAddr + 0xf00n, rng.range(1, 1000));
  if (opts.secondLevel !== undefined) batchStart(e, opts.secondLevel, true);
  storeDataImm(e, batchAddr + 0xf00n, rng.range(1, 1000));
  const loopAt = batchStart(e, batchAddr, false);
  batchEnd(e);
  const instructions = e.starts.map((s) => ({ offset: s.index * 4, name: s.name }));
  // After the loop: more commands, as the rest of a real batch holds.
  if (e.i + 8 < words.length) commandStream(words, e.i + 8, words.length, batchAddr, rng, family);
  return { bytes: wordsToBytes(words), acthdOffset: loopAt * 4, ipehr: H.MI_BATCH_BUFFER_START, instructions };
}

/**
 * A second-level batch: a register load, push constants, a flushing PIPE_CONTROL and
 * MI_BATCH_BUFFER_END (it returns to the first-level batch). Written at `offset` of `words`.
 */
export function secondLevelBatch(words: Uint32Array, offset: number, address: bigint, rng: Rng): { offset: number; name: string }[] {
  const e = new Emitter(words, offset >>> 2);
  lri(e, [[0x20d8, 0x00020002]]);
  e.op('3DSTATE_CONSTANT_PS', H._3DSTATE_CONSTANT_PS, 0x00000004, 0, e.lo(address + 0x800n), e.hi(address), 0, 0, 0, 0, 0, 0);
  pipeControl(e, (1 << 20) | (1 << 14), address + 0x900n, rng.range(1, 1 << 20));
  batchEnd(e);
  return e.starts.map((s) => ({ offset: s.index * 4, name: s.name }));
}

/**
 * GPU commands as a driver writes them after the hung loop: state packets whose fields are small
 * numbers, flags and addresses near the batch, register loads from a handful of registers, pipe
 * controls, draws with varying vertex counts, compute walkers that are mostly zero, MI_NOOP padding.
 * Every packet has its exact length. Real batch buffers look like this (and compress about as
 * well); used for the link-size budget.
 */
export function commandStream(words: Uint32Array, from: number, to: number, baseAddr: bigint, rng: Rng, family: Family = 'gen12'): void {
  let i = from;
  const lo = Number(baseAddr & 0xffffffffn);
  const hi = Number(baseAddr >> 32n);
  const put = (w: number) => {
    if (i < to) words[i++] = w >>> 0;
  };
  const REGS = [0x2358, 0x7010, 0xe4f0, 0x20d8, 0xb020, 0x2580, 0xe194];
  const CONSTANT = [0x15, 0x16, 0x17, 0x19, 0x1a]; // 3DSTATE_CONSTANT_VS/GS/PS/HS/DS
  const addr = () => (lo + 0x10000 + rng.int(64) * 0x1000) & ~0x3f;
  while (i < to) {
    switch (rng.int(8)) {
      case 0: // 3DSTATE_VERTEX_BUFFERS, one buffer
        put(0x78080003);
        put((rng.int(4) << 26) | 0x4000 | (rng.range(1, 8) * 16));
        put(addr());
        put(hi);
        put(rng.range(1, 64) * 0x100);
        break;
      case 1: { // 3DSTATE_CONSTANT_XS: 11 dwords, one buffer
        put(0x78000009 | (rng.pick(CONSTANT) << 16));
        put(rng.int(4));
        put(0);
        put(addr() | 1);
        put(hi);
        for (let k = 0; k < 6; k++) put(0);
        break;
      }
      case 2: // MI_LOAD_REGISTER_IMM
        put(0x11000001);
        put(REGS[rng.int(REGS.length)]);
        put(rng.bool(0.5) ? 0 : rng.int(0x10000) | (0xffff << 16));
        break;
      case 3: // PIPE_CONTROL
        put(0x7a000004);
        put([0x00101420, 0x00100000, 0x00004000, 0x00000300][rng.int(4)]);
        put(0); put(0); put(0); put(0);
        break;
      case 4: // 3DPRIMITIVE
        put(0x7b000005);
        put(rng.bool(0.8) ? 0x4 : 0x5);
        put(rng.range(1, 1000) * 3);
        put(rng.bool(0.7) ? 0 : rng.int(4096) * 3);
        put(1); put(0); put(0);
        break;
      case 5: { // compute walker of the family, mostly zero
        if (family === 'gen12') {
          put(H.GPGPU_WALKER);
          for (let k = 1; k < 15; k++) put(k === 4 ? (1 << 30) | 15 : k === 7 || k === 10 ? rng.range(1, 256) : k >= 13 ? 0xffffffff : 0);
        } else {
          const hdr = computeWalkerHeader(family);
          put(hdr);
          for (let k = 1; k <= (hdr & 0xff) + 1; k++) {
            if (k === 2) put(rng.range(1, 64) * 64);
            else if (k === 7 || k === 8) put(rng.range(1, 256));
            else if (k === 19) put(addr());
            else put(0);
          }
        }
        break;
      }
      case 6: // MI_NOOP padding
        for (let k = rng.range(1, 8); k > 0; k--) put(0);
        break;
      default: // 3DSTATE_BINDING_TABLE_POINTERS_VS..PS
        put(0x78260000 + (rng.int(5) << 16));
        put(rng.int(256) * 32);
    }
  }
}

/** GuC log buffer: a few state headers, log entries, then zeros. */
export function gucLog(length: number, rng: Rng): Uint8Array {
  const words = new Uint32Array(length >>> 2);
  // Three log-buffer state headers (read ptr, write ptr, size, sampled write ptr, flags...).
  for (let s = 0; s < 3 && s * 16 + 8 <= words.length; s++) {
    const base = s * 16;
    words[base] = rng.int(0x100) * 16;
    words[base + 1] = words[base] + rng.int(0x40) * 16;
    words[base + 2] = 0x1000 << s;
    words[base + 3] = words[base + 1];
    words[base + 4] = s === 0 ? 1 : 0;
  }
  // Log entries: {timestamp, id, 5 params} groups in the first part of the buffer.
  const entryArea = Math.min(words.length, 48 + rng.range(64, 2048));
  let ts = rng.u32() >>> 4;
  for (let i = 48; i + 7 <= entryArea; i += 7) {
    ts = (ts + rng.range(1, 5000)) >>> 0;
    words[i] = ts;
    words[i + 1] = rng.range(0x100, 0x2fff);
    for (let p = 2; p < 7; p++) words[i + p] = rng.bool(0.5) ? 0 : rng.u32() & 0xfffff;
  }
  return wordsToBytes(words);
}

/** GuC CT buffer: descriptors (head/tail/status) then a few H2G/G2H messages, mostly zeros. */
export function ctBuffer(length: number, rng: Rng, h2gHead: number, g2hHead: number): Uint8Array {
  const words = new Uint32Array(length >>> 2);
  if (words.length >= 8) {
    words[0] = h2gHead;
    words[1] = h2gHead;
    words[2] = 0;
  }
  if (words.length >= 40) {
    words[32] = g2hHead;
    words[33] = g2hHead;
  }
  for (let m = 0; m < 4; m++) {
    const at = 64 + m * 4;
    if (at + 4 > words.length) break;
    words[at] = (0x80000000 | (rng.range(0x1000, 0x5fff) << 16) | 3) >>> 0;
    words[at + 1] = rng.range(1, 8);
    words[at + 2] = rng.u32() & 0xff;
    words[at + 3] = 1;
  }
  return wordsToBytes(words);
}

/** Per-process HW status page (0x1000): seqno dwords and a few timestamps, rest zeros. */
export function hwStatusPage(rng: Rng, seqno: number): Uint8Array {
  const words = new Uint32Array(0x1000 >>> 2);
  words[0x30] = seqno >>> 0; // LRC seqno
  words[0x34] = (seqno - 1) >>> 0; // start seqno
  words[0x38] = rng.u32();
  words[0x40] = rng.u32() & 0xffffff;
  return wordsToBytes(words);
}

export interface ContextState {
  family: Family;
  ringStart: number;
  head: number;
  tail: number;
  /** The batch the context was running (BB_ADDR). */
  batchAddr: bigint;
  /** CTX_TIMESTAMP. */
  timestamp: number;
  /** Engine MMIO base (rcs0: 0x2000). */
  mmioBase?: number;
}

/**
 * LRC register state as the driver lays it out for the render engine (kernel xe_lrc.c register
 * tables): MI_NOOP, an MI_LOAD_REGISTER_IMM of the ring and batch registers, MI_NOOP padding, an
 * LRI of CTX_TIMESTAMP and the page-directory pointers, an LRI of R_PWR_CLK_STATE, an LRI of
 * the command streamer GPRs, MI_BATCH_BUFFER_END, then zeros. Offsets are absolute
 * (engine MMIO base + register); Gen12.5 and later add two registers to the first block and set
 * the LRI "add CS MMIO start offset" bit.
 */
export function hwContext(length: number, rng: Rng, state: ContextState | number, head = 0, tail = 0): Uint8Array {
  // The older form (ring start, head, tail) writes a Gen12 image.
  const st: ContextState = typeof state === 'number' ? { family: 'gen12', ringStart: state, head, tail, batchAddr: 0n, timestamp: rng.u32() } : state;
  const words = new Uint32Array(length >>> 2);
  const base = st.mmioBase ?? 0x2000;
  const hp = st.family !== 'gen12';
  const flags = (1 << 12) | (hp ? 1 << 19 : 0); // force posted (+ CS MMIO relative)
  const e = new Emitter(words, 1);
  const first: [number, number][] = [
    [0x244, 0x00090008], // RING_CONTEXT_CONTROL: inhibit synchronous context switch (masked)
    [0x034, st.head],
    [0x030, st.tail],
    [0x038, st.ringStart],
    [0x03c, 0x00003001], // RING_CTL: 16 KiB, valid
    [0x168, Number((st.batchAddr >> 32n) & 0xffffn)],
    [0x140, Number(st.batchAddr & 0xffffffffn)],
    [0x110, 0x00000020], // RING_BBSTATE: PPGTT
    [0x1c0, 0],
    [0x1c4, 0],
    [0x1c8, 0x00000d00],
    [0x180, rng.u32() & 0xffff],
    [0x2b4, 0],
  ];
  if (hp) first.push([0x120, 0], [0x124, 0]);
  lri(e, first.map(([o, v]) => [base + o, v >>> 0] as [number, number]), flags);
  for (let k = 0; k < (hp ? 1 : 5); k++) e.op('MI_NOOP', 0);
  const pml4 = 0x10000000 + rng.int(0x1000) * 0x1000;
  lri(e, [
    [base + 0x3a8, st.timestamp >>> 0],
    [base + 0x28c, 0], [base + 0x288, 0], [base + 0x284, 0], [base + 0x280, 0],
    [base + 0x27c, 0], [base + 0x278, 0], [base + 0x274, 0], [base + 0x270, pml4],
  ], flags);
  for (let k = 0; k < 13; k++) e.op('MI_NOOP', 0);
  lri(e, [[base + 0x0c8, 0x80000000 | rng.int(0x100)]], hp ? 1 << 19 : 0);
  for (let k = 0; k < 13; k++) e.op('MI_NOOP', 0);
  const gprs: [number, number][] = [];
  for (let k = 0; k < 16; k++) {
    gprs.push([base + 0x600 + k * 8, rng.bool(0.6) ? 0 : rng.u32()]);
    gprs.push([base + 0x604 + k * 8, 0]);
  }
  lri(e, gprs, flags);
  batchEnd(e);
  return wordsToBytes(words);
}
