// The typed boundary between the page and the parse worker. Everything here crosses postMessage
// (structured clone): no functions, no decoded memory except the slices the page asks for.
import type { Blob, Diagnostic, DumpModel, Engine, MemoryRange } from '../format/model.ts';
import type { SearchMode } from '../format/search.ts';
import type { EntryRows, SectionTable } from '../format/entries.ts';
import type { CommandsApi } from './commands.ts';

/** A range as the page sees it: everything but the bytes. */
export type RangeInfo = Omit<MemoryRange, 'data'> & {
  index: number;
  hasData: boolean;
  /**
   * Set when this range holds only part of a range of another dump (a share link's snapshot): that
   * range's start (folded) and length. Offsets are counted from there.
   */
  part?: { start: bigint; length: number };
};
export type BlobInfo = Omit<Blob, 'data'> & { index: number; hasData: boolean };

/** The dump model without its decoded memory, plus where it came from. */
export interface DumpSummary extends Omit<DumpModel, 'sections' | 'ranges' | 'blobs'> {
  /** The sections as a table (entries.ts sectionAt): no object each, for a million of them. */
  sections: SectionTable;
  fileName: string;
  /** Bytes of the file as given (compressed size for a compressed file). */
  fileSize: number;
  /** 'gzip' | 'zstd' | 'xz' when the file was decompressed on the way in. */
  compression: string | null;
  ranges: RangeInfo[];
  blobs: BlobInfo[];
  /** False while parsing goes on (a progress snapshot). */
  done: boolean;
  /** Content fingerprint (final summary only): see src/format/fingerprint.ts. */
  fingerprint?: string;
  /** Where the worker's time went (final summary only): parsing, and waiting for file reads. */
  timing?: { parseMs: number; readWaitMs: number };
  /**
   * 'on-demand' when payloads are decoded when read (a dump over the eager threshold: only the
   * index is kept), 'memory' when decoded whole; `spooled` when the decompressed text went to a
   * temporary file that on-demand reads come from.
   */
  decoding?: { mode: 'memory' | 'on-demand'; spooled: boolean };
}

/** How a dump is opened: the policy of on-demand decoding (src/format/paged.ts). */
export interface OpenSettings {
  /** Dumps up to this many bytes of text are decoded whole into memory; larger ones on demand. */
  eagerBytes?: number;
  /** Budget of the decoded-page cache (default 256 MiB). */
  cacheBytes?: number;
  /** Most bytes a compressed dump may expand to (default MAX_DECOMPRESSED, 8 GiB): a setting. */
  maxDecompressedBytes?: number;
}

export interface Progress {
  /** Bytes of the file read so far (compressed bytes for a compressed file). */
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
  /** What has been parsed so far. */
  summary: DumpSummary;
  /** What the worker is doing, when it is more than parsing (e.g. decompressing into a temporary file). */
  note?: string;
}

/** Progress as the worker sends it: what changed in the summary since the last report. */
export interface ProgressReport {
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
  delta: SummaryDelta;
  /** As Progress.note. */
  note?: string;
}

export type OpenSource =
  | { kind: 'file'; file: Blob_; name: string }
  /** `transient`: made by the page (a share link's snapshot), not kept among recent dumps. */
  | { kind: 'bytes'; bytes: Uint8Array; name: string; transient?: boolean };
/** The DOM Blob (a File is one); named apart from the dump model's Blob. */
export type Blob_ = globalThis.Blob;

/** Why an open failed. */
export type OpenErrorKind = 'not-a-dump' | 'read-error' | 'cancelled' | 'internal' | 'bad-link';

export interface OpenFailure {
  kind: OpenErrorKind;
  message: string;
}

/** Where a byte read goes: the GPU address space of the ranges, or one blob (offsets from 0). */
export type Space = { kind: 'gpu' } | { kind: 'blob'; index: number };

export interface ReadResult {
  /** Address of bytes[0] (the requested address, or the range start if the request began before it). */
  address: bigint;
  bytes: Uint8Array;
  /** Leading bytes that were decoded; the rest (a truncated range) are unknown, shown as zeros. */
  valid: number;
}

export interface SourceLine {
  line: number;
  text: string;
}

/** The worker's API (exposed with Comlink); the Commands view's part is in src/protocol/commands.ts. */
export interface ParseWorkerApi extends CommandsApi {
  /**
   * Parse a dump; resolves with the last delta of the summary (OpenReply) or rejects with an Error
   * whose message is JSON of OpenFailure. Progress comes as deltas (made by
   * src/worker/progress-delta.ts, applied by src/app/progress-merge.ts).
   */
  open(source: OpenSource, onProgress: (p: ProgressReport) => void, settings?: OpenSettings): Promise<OpenReply>;
  /**
   * Bytes [address, address + length) of a space, clipped to the range (or blob) that holds
   * `address`; empty when nothing holds it or it has no data.
   */
  read(space: Space, address: bigint, length: number): Promise<ReadResult>;
  /** Source lines [line - before, line + after] of the dump text. */
  sourceLines(line: number, before: number, after: number): Promise<SourceLine[]>;
  /**
   * Pointers in one range: every 64-bit little-endian word (at `align`-byte steps, 8 by default)
   * whose value, canonical-folded or masked to 48 bits, falls inside a captured range. At most
   * `limit` hits (default 10,000); `capped` says when the scan stopped there.
   */
  scanPointers(rangeIndex: number, limit?: number, align?: 4 | 8): Promise<PointerScanResult>;
  /**
   * Search every range and blob for a query (src/format/search.ts). Hits come in batches through
   * `onBatch` while the worker goes on answering reads; resolves once done, capped or cancelled.
   * A new search cancels the one running. Rejects (one-line message) when the query is invalid.
   */
  search(id: number, query: SearchQuery, onBatch: (batch: SearchBatch) => void): Promise<SearchDone>;
  /** Stop the running search (its promise resolves with `stopped`). */
  cancelSearch(): void;
  /**
   * A snapshot file: the dump as devcoredump text of its own layout with only the chosen pieces of
   * memory (src/format/write.ts), in chunks.
   */
  exportSnapshot(options: SnapshotOptions): Promise<Uint8Array[]>;
  /** The decoded-page cache of on-demand payloads: bytes held now, the most ever held, its budget. */
  cacheStats(): Promise<CacheStats>;
}

export interface CacheStats {
  bytes: number;
  peak: number;
  budget: number;
}

export interface SnapshotOptions {
  /** Memory to keep: GPU address and byte count, each within one range. */
  pieces: { address: bigint; length: number }[];
  /** Keep the blobs (HWSP, HWCTX, LOG, CTB). */
  blobs: boolean;
  /** Keep the ranges the kernel could not capture, as lines. */
  uncaptured: boolean;
}

export interface SearchQuery {
  mode: SearchMode;
  text: string;
  caseInsensitive: boolean;
  /** Most hits (default 10,000); more sets `capped`. */
  limit?: number;
}

/** Where a hit is: a range (GPU addresses) or a blob (offsets), as the view store names targets. */
export interface SearchWhere {
  kind: 'range' | 'blob';
  index: number;
}

export interface SearchHit {
  where: SearchWhere;
  /** Offset of the match in its range or blob. */
  offset: number;
  /** The folded GPU address of the match (a range), or its offset (a blob). */
  address: bigint;
  /** A few bytes around the match, one character per byte (code 0–255). */
  context: string;
  /** Where the match starts in `context`. */
  at: number;
}

export interface SearchBatch {
  id: number;
  hits: SearchHit[];
  /** Bytes searched so far, of `totalBytes`. */
  scannedBytes: number;
  totalBytes: number;
}

export interface SearchDone {
  id: number;
  /** Hits in all (every batch together). */
  count: number;
  /** The limit was reached: there may be more. */
  capped: boolean;
  /** Cancelled, or replaced by a newer search. */
  stopped: boolean;
  scannedBytes: number;
  totalBytes: number;
  /** Bytes each match covers. */
  patternLength: number;
  elapsedMs: number;
}

export interface PointerHit {
  /** Byte offset of the word in the scanned range. */
  offset: number;
  /** The word as stored. */
  value: bigint;
  /** The GPU address it stands for (folded, or masked to 48 bits). */
  address: bigint;
  /** Index of the captured range that holds `address`. */
  target: number;
}

export interface PointerScanResult {
  hits: PointerHit[];
  capped: boolean;
  /** Words examined. */
  words: number;
  align: 4 | 8;
}

// Progress while a dump parses is sent as what changed since the last report, never the whole
// summary again (each report would clone every entry of every section).

/** The items of a list from index `from` on (what was there from `from` is replaced). */
export interface ListDelta<T> {
  from: number;
  items: T[];
}

/**
 * The answer to open: the final summary is what the progress reports built, with `delta` applied
 * and `final` over it. A list the reports already carried is not sent again (a million sections
 * cloned in one message held the page for over a second).
 */
export interface OpenReply {
  /** Progress reports sent before this answer: the page applies them all first (they come on another port). */
  reports: number;
  delta: SummaryDelta;
  final: Pick<DumpSummary, 'addressBits' | 'fault' | 'fingerprint' | 'timing' | 'decoding'>;
}

export interface SummaryDelta {
  meta: Pick<DumpSummary, 'fileName' | 'fileSize' | 'compression' | 'format' | 'header' | 'vm' | 'lineCount' | 'byteCount'>;
  /** Rows of the section table from `from` on (entries.ts sectionRows / applyRows with SECTION_ROW). */
  sections: EntryRows;
  /** Rows of the entry table from `from` on (entries.ts rowsFrom/applyRows). */
  entries: EntryRows;
  ranges: ListDelta<RangeInfo>;
  blobs: ListDelta<BlobInfo>;
  engines: ListDelta<Engine>;
  batchAddresses: ListDelta<bigint>;
  diagnostics: ListDelta<Diagnostic>;
}

