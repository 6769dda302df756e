// The dump model: what every importer produces and every view reads.
// Pure data, no DOM, no Node APIs. GPU addresses are bigint (64-bit, no precision loss);
// byte counts are numbers (exact up to 2^53).
import type { EntryTable } from './entries.ts';
import type { SequentialPass } from './paged.ts';

/**
 * Which text the model came from: the xe devcoredump (and its 2023 RFC form), the i915 GPU error
 * state, the msm (freedreno) devcoredump or the amdgpu devcoredump.
 */
export type DumpFormat = 'xe' | 'xe-rfc' | 'i915' | 'msm' | 'amdgpu';

export const DUMP_FORMATS: readonly DumpFormat[] = ['xe', 'xe-rfc', 'i915', 'msm', 'amdgpu'];

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** 1-based source line number (0 when the problem is not tied to a line). */
  line: number;
  severity: Severity;
  message: string;
}

/** One source line of a section, kept whether or not the parser understood it. */
export interface Entry {
  key: string;
  value: string;
  /** Nesting level: 0 for none, 1 per leading TAB; any run of leading spaces counts as one level. */
  indent: number;
  /** 1-based source line number. */
  line: number;
  /** True when the line had no `:` (the whole trimmed line is `key`). */
  bare?: boolean;
}

export interface Section {
  /** Text between the `****` marks, e.g. "VM state". The implicit preamble has title "". */
  title: string;
  /** Line of the `**** … ****` header. */
  line: number;
  /**
   * Its entries are `count` rows of the dump's entry table from `first` on (entries.ts: read them
   * with `entriesOf(model.entries, section)`).
   */
  first: number;
  count: number;
}

export interface GtInfo {
  id: number;
  line: number;
  tile: number | null;
  type: string | null;
  ipVersion: string | null;
  csReferenceClock: number | null;
}

export interface DumpHeader {
  kernel: string | null;
  module: string | null;
  reason: string | null;
  /** `Snapshot time:` as printed: "<sec>.<nsec>". */
  snapshotTime: string | null;
  /** `Uptime:` as printed. */
  uptime: string | null;
  /** Pre-merge `Boot time:` line, when present. */
  bootTime: string | null;
  process: string | null;
  pid: number | null;
  /** PCI device id, e.g. 0xe20b. */
  pciId: number | null;
  pciRevision: number | null;
  gts: GtInfo[];
}

export interface VmaProperties {
  /** The text after `.properties: `, as printed. */
  raw: string;
  permission: string | null;
  type: string | null;
  memRegion: number | null;
  patIndex: number | null;
  cpuCaching: number | null;
  /** Tokens the parser does not know, kept as printed (key → value; a bare token maps to ""). */
  other: Record<string, string>;
}

/**
 * Decoded bytes read by window: held in memory (a small dump), or decoded on demand from the dump's
 * text between two checkpoints of the index (paged.ts). `read` may return a view: copy it before
 * keeping or transferring it. Bytes past what was decoded read as zeros.
 */
export interface ByteStore {
  readonly length: number;
  read(offset: number, length: number): Uint8Array;
  /**
   * A reader for one pass front to back, where the store has a faster one (LazyBytes); the
   * readers of one `pass` over many stores share its file stream (see SequentialPass).
   */
  sequential?(textChunk?: number, pass?: SequentialPass): ByteStore & { close?(): void };
  /**
   * Optional: read `into.length` bytes from `offset` into a buffer the caller reuses (a scan):
   * no fresh allocation (and no page faults on it) per window. Bytes past the data read as zeros.
   */
  readInto?(offset: number, into: Uint8Array): void;
}

export interface MemoryRange {
  /** GPU virtual address as printed (may be a canonical sign-extended form). */
  address: bigint;
  /** Byte length from `.length` (or from the RFC lines). */
  length: number;
  /** Line of the first line that names this range. */
  line: number;
  properties: VmaProperties | null;
  /**
   * Decoded bytes: `length` bytes when the data line was complete; when it was cut short, only the
   * `decodedLength` bytes it gave (memory follows the text, never what `.length` claims: read the
   * rest as zeros). Null when the range has no data (error, null_sparse, or never printed).
   */
  data: Uint8Array | null;
  /** Bytes actually decoded from the text (== length when complete). */
  decodedLength: number;
  /** False when the data line ended early (truncated file, short data). */
  complete: boolean;
  /**
   * The kernel's error for this range: `.error` value (e.g. "-14"), the RFC capture failure, or
   * why its `.length` could not be taken (not a number, or more than 2^48 bytes).
   */
  error: string | null;
  /** The bytes decoded on demand (a large dump): set instead of `data`. Use bytesOf(). */
  lazy?: ByteStore | null;
  /** sha256 (hex) of the decoded bytes, when the parser was asked to hash while decoding. */
  sha256?: string;
  /**
   * What the range is, for formats that name their objects: "rcs0 batch", "global GuC log buffer"
   * (i915), "ringbuffer 0", "bo vertex-buffer" (msm). Absent for xe VM ranges (named by address).
   */
  name?: string;
}

export interface Blob {
  /** Bracketed tag: HWSP, HWCTX, LOG, CTB, or any other name that is not an address. */
  name: string;
  /** Title of the section it appeared in. */
  section: string;
  line: number;
  length: number;
  data: Uint8Array | null;
  decodedLength: number;
  complete: boolean;
  error: string | null;
  /** The bytes decoded on demand (a large dump): set instead of `data`. Use bytesOf(). */
  lazy?: ByteStore | null;
  /** sha256 (hex) of the decoded bytes, when the parser was asked to hash while decoding. */
  sha256?: string;
  /** Further `[NAME].attr` lines (e.g. replay_offset, replay_length), as printed. */
  attributes: Record<string, string>;
  /** `GuC ID:` of the Contexts block it belongs to, when inside one. */
  gucId: number | null;
}

export interface Register {
  name: string;
  value: bigint;
  /** 32 or 64, from the printed width (more than 8 hex digits, or a split `hi_lo` value, is 64). */
  bits: 32 | 64;
  line: number;
}

export interface Engine {
  /** e.g. "rcs0". */
  name: string;
  /** Engine class from the name: render, copy, video, video-enhance, compute, other. */
  engineClass: string;
  /** Physical instance: the number in the name. */
  instance: number | null;
  logicalInstance: number | null;
  line: number;
  /** Capture_source (GuC | Manual) on 6.13+, null before. */
  captureSource: string | null;
  /** Non-register attributes (Capture_source, Coverage, Forcewake, Reserved, …), as printed. */
  attributes: Record<string, string>;
  registers: Register[];
}

export interface VmInfo {
  /** `VM.uapi_flags`, 6.19+. */
  uapiFlags: number | null;
  /** Whole-snapshot failure `[0].error: N`, as printed. */
  error: string | null;
}

export interface DumpModel {
  format: DumpFormat;
  header: DumpHeader;
  sections: Section[];
  /** The entries of every section, in order (stored compactly: see entries.ts). */
  entries: EntryTable;
  ranges: MemoryRange[];
  blobs: Blob[];
  engines: Engine[];
  /** `batch_addr[i]` values from the Job section, in order. */
  batchAddresses: bigint[];
  vm: VmInfo;
  diagnostics: Diagnostic[];
  /** Address width of the GPU address space the ranges live in, when the format tells (i915, msm). */
  addressBits?: 32 | 48;
  /** A faulting GPU address the dump reports (msm fault-info iova, amdgpu page fault), when any. */
  fault?: { address: bigint; line: number; detail: string };
  /** Lines read. */
  lineCount: number;
  /** Bytes of input read. */
  byteCount: number;
}

/** Thrown (or reported) when the input is not a dump; `message` is a one-line reason. */
export class NotADumpError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotADumpError';
  }
}

export function emptyHeader(): DumpHeader {
  return {
    kernel: null, module: null, reason: null, snapshotTime: null, uptime: null, bootTime: null,
    process: null, pid: null, pciId: null, pciRevision: null, gts: [],
  };
}

/** Register lookup that accepts the names of every kernel (first name found wins). */
export function findRegister(engine: Engine, ...names: string[]): Register | undefined {
  for (const n of names) {
    const r = engine.registers.find((x) => x.name === n);
    if (r) return r;
  }
  return undefined;
}

export const REGISTER_ALIASES = {
  acthd: ['ACTHD'],
  bbaddr: ['RING_BBADDR', 'BBADDR'],
  dmaFadd: ['RING_DMA_FADD', 'DMA_FADDR', 'RING_DMA_FADDR'],
  ringStart: ['RING_START'],
} as const;

/** A Uint8Array as a ByteStore. */
export function memoryStore(data: Uint8Array): ByteStore {
  return { length: data.length, read: (offset, length) => data.subarray(offset, offset + length) };
}

/** The decoded bytes of a range or blob, wherever they are; null when it has none. */
export function bytesOf(o: Pick<MemoryRange, 'data' | 'lazy'>): ByteStore | null {
  if (o.data) return memoryStore(o.data);
  return o.lazy ?? null;
}

/** True when a range or blob has decoded bytes (in memory or on demand). */
export function hasBytes(o: Pick<MemoryRange, 'data' | 'lazy'>): boolean {
  return o.data !== null || !!o.lazy;
}

/** Call `fn` with the bytes [offset, offset + length) of `store`, at most `step` bytes at a time. */
export function forEachPiece(store: ByteStore, offset: number, length: number, step: number, fn: (bytes: Uint8Array, at: number) => void): void {
  for (let at = offset; at < offset + length; at += step) fn(store.read(at, Math.min(step, offset + length - at)), at);
}
