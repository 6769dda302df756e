// The Commands view's part of the worker contract: the page asks the parse worker to list the
// instructions of one range or blob (src/worker/commands.ts) and then for windows of decoded rows.
// Plain data only (structured clone): addresses are bigints, everything else numbers and strings.

/** What a listing is of: a range (GPU addresses) or a blob (offsets from 0). */
export interface CommandsTarget {
  kind: 'range' | 'blob';
  index: number;
}

/** One decoded field of an instruction. */
export interface CommandField {
  name: string;
  /** The value as shown: "0x2244", "true", "PIPELINE_SELECT_3D (0)". */
  value: string;
  /** A GPU address the field names (batch target, base address, store address…): a link. */
  address?: bigint;
}

/** One instruction of a listing, decoded. */
export interface CommandRow {
  /** Position in the list shown (the filtered list when a filter is set). */
  pos: number;
  /** Instruction number in the whole listing. */
  index: number;
  /** Address of its first dword (GPU address for a range, offset for a blob). */
  address: bigint;
  /** Its length in dwords as the walk took it. */
  length: number;
  /** Its first dwords (at most ROW_DWORDS), for the raw column. */
  dwords: number[];
  name: string;
  fields: CommandField[];
  /** ACTHD points into this instruction. */
  acthd: boolean;
  /** The decoder did not know it (its length came from the header alone, or was one dword). */
  unknown: boolean;
  /** Why it is shorter than its header says ("cut at the batch start 0x…", "cut at the end of the range"). */
  note: string | null;
}

/** Dwords of an instruction sent for the raw column (the fields hold the rest). */
export const ROW_DWORDS = 64;

export interface CommandsPlatform {
  id: string;
  label: string;
}

/** A listing was built: how many instructions, where ACTHD is, which platform decoded it. */
export interface CommandsInfo {
  /** Handle for rows(), filter() and posOf(). */
  key: string;
  target: CommandsTarget;
  /** Instructions in the listing (walked so far, while `complete` is false). */
  count: number;
  /**
   * False while the walk has not reached the end (a range decoded on demand is walked in steps,
   * so its first rows come at once): commandsGrow() walks on and says the new count.
   */
  complete: boolean;
  /** Platform the listing is decoded for, and the one the dump names (null: unknown). */
  platform: string;
  detected: string | null;
  /** Why `detected` (e.g. "GMD ID 20.4", "PCI ID 0xe20b"), or why none was found. */
  detectedFrom: string;
  platforms: CommandsPlatform[];
  /** Instruction holding ACTHD (its number), or null when ACTHD is not in this range. */
  acthd: { index: number; address: bigint; engine: string; ipehr: number | null; ipehrName: string | null } | null;
  /**
   * Position of the instruction holding the address asked for when opening, else of the one at
   * ACTHD, else -1 (saves a round trip before the first rows).
   */
  at: number;
  /** Addresses the walk restarted at (batch starts inside the range). */
  anchors: bigint[];
  /** Bytes walked (the decoded part of the range or blob). */
  bytes: number;
  /** Time the boundary scan took in the worker, ms. */
  scanMs: number;
}

/** How far the walk of a listing is after one more step. */
export interface CommandsGrowth {
  count: number;
  complete: boolean;
  /** Time the walk has taken so far in the worker, ms. */
  scanMs: number;
}

/** A window of decoded rows, and how long the worker took to decode them. */
export interface CommandRows {
  rows: CommandRow[];
  decodeMs: number;
}

/** A name filter applied to a listing. */
export interface CommandsFilter {
  /** Handle for rows() and posOf(). */
  key: string;
  text: string;
  /** Instructions that match. */
  count: number;
  scanMs: number;
}

/** The instruction at an address (the hang summary's ACTHD line) and the one before it. */
export interface InstructionAt {
  at: CommandRow;
  before: CommandRow | null;
  platform: string;
}

/** One register of a context image (an MI_LOAD_REGISTER_IMM pair). */
export interface ContextRegister {
  /** Offset as written in the image. */
  offset: number;
  name: string | null;
  value: number;
  /** Where the pair sits in the blob (byte offset of the value dword). */
  at: number;
}

export interface ContextImage {
  blob: number;
  name: string;
  platform: string;
  registers: ContextRegister[];
  /** The LRC's ring head and tail (RING_HEAD / RING_TAIL of the image), when present. */
  ring: { head: number | null; tail: number | null } | null;
  diagnostics: string[];
}

/** The worker's Commands API (part of ParseWorkerApi). */
export interface CommandsApi {
  /**
   * List the instructions of a range or blob (walked once, kept for later windows); `at`: an
   * address whose instruction's position comes back in `at`.
   */
  commandsOpen(target: CommandsTarget, platform: string | null, at?: bigint | null): Promise<CommandsInfo>;
  /** Walk on a listing that is not complete by one step; its count so far. */
  commandsGrow(key: string): Promise<CommandsGrowth>;
  /** Decoded rows [first, first + count) of a listing, or of a filter of it. */
  commandsRows(key: string, filter: string | null, first: number, count: number): Promise<CommandRows>;
  /** Filter a listing by instruction name (case-insensitive substring). */
  commandsFilter(key: string, text: string): Promise<CommandsFilter>;
  /** Position of the instruction holding `address` (or the last one before it, filtered). -1 if none. */
  commandsPosOf(key: string, filter: string | null, address: bigint): Promise<number>;
  /** The instruction at a GPU address and the one before it (decoded with the range's listing). */
  instructionAt(address: bigint, platform: string | null): Promise<InstructionAt | null>;
  /** The registers of a context image blob (HWCTX). */
  contextImage(blob: number, platform: string | null): Promise<ContextImage | null>;
}
