// Fixture generator: synthetic xe devcoredumps for every known layout, plus what a correct
// parser must report (InspectJson). Runs in Node (uses node:crypto for sha256 only).
//
// Layouts follow docs/xe-devcoredump.md (§3, §4, §8). 'rfc' is the 2023 pre-merge
// form as defined by this project (no kernel source exists): header `**** Xe Device Coredump ****`,
// `kernel:`, `module: xe`, `Snapshot time:`, `Uptime:`, `Boot time: <sec>.<nsec>`; `**** GuC CT ****`
// (6.9-like text incl. the exec-queue block, no blobs); `**** Job ****`; `**** HW Engines ****`
// (6.9 engine block); `**** VM state ****` with memory lines `[%llx] = { %08x, … }` (16 LE u32 words,
// 64 bytes per line, contiguous lines = one range, lengths multiples of 64) and
// `Unable to capture range [%llx-%llx]` (inclusive end) for ranges that could not be captured.
import { createHash } from 'node:crypto';
import type { InspectJson, InspectRange } from '../format/report.ts';
import { encodeAscii85, encodeAscii85WordsInto, ascii85Length } from '../format/ascii85-encode.ts';
import {
  Rng,
  MixedFiller,
  mixedBuffer,
  batchBuffer,
  gucLog,
  ctBuffer,
  hwStatusPage,
  hwContext,
  secondLevelBatch,
  wordsToBytes,
} from './content.ts';
import type { Family } from '../format/gpu/types.ts';
import { TextWriter, type Sink, type SplitMode, type TextStyle } from '../format/text-writer.ts';

export type Layout = 'rfc' | '6.9' | '6.12' | '6.14' | '6.19';
export const LAYOUTS: readonly Layout[] = ['rfc', '6.9', '6.12', '6.14', '6.19'];

export interface GenOptions {
  layout: Layout;
  /** PRNG seed (default 1). Same options → same bytes. */
  seed?: number;
  /** Every line ends with \r\n. */
  crlf?: boolean;
  /** UTF-8 BOM before the first line. */
  bom?: boolean;
  /** Every leading TAB expanded to 8 spaces. */
  spaces?: boolean;
  /** Cut every ascii85 payload (VM, HWSP, HWCTX, LOG, CTB) into pieces, one per line. */
  splitBlobs?: boolean;
  /** Piece size for splitBlobs (default 800 chars). */
  splitWidth?: number;
  /** 'exact' (default): exactly splitWidth chars per piece; 'groups': pieces end on group boundaries. */
  splitMode?: SplitMode;
  /** Cut the final text at this byte offset (counted in the final bytes, BOM included). */
  truncateAt?: number;
  /** Add one VM range of this many bytes (rounded up to 4, or to 64 for 'rfc'), at 0x400000000. */
  bigRange?: number;
  /** Add this many extra small data ranges (4 KiB – 64 KiB) high in the address space. */
  extraRanges?: number;
  /** Zero-word fraction of the generic buffers (default 0.5). */
  zeroFraction?: number;
  /** Zero-word fraction of the bigRange (default 0.08: 300 MiB → a ~370 MB line). */
  bigRangeZeroFraction?: number;
  /** GuC log size for 6.14/6.19 (default 0x10000). */
  logSize?: number;
  /**
   * The GPU (PCI ID, GT IP versions, and the command encodings of its family) for the 6.12+
   * layouts; default: Lunar Lake for 6.12, Battlemage for 6.14/6.19, Tiger Lake before.
   */
  platform?: GenPlatform;
}

/** Platforms the generator can write: one or more per family. */
export type GenPlatform = 'tgl' | 'dg2' | 'mtl' | 'lnl' | 'bmg' | 'ptl';

/** What the generator put in the hung batch: for tests that decode it back. */
export interface GeneratedHang {
  family: Family;
  batchAddr: bigint;
  acthd: bigint;
  /** The hung batch's instructions (GPU addresses, names), in order. */
  instructions: { address: bigint; name: string }[];
  /** The second-level batch (in another range) and its instructions; null without ranges. */
  secondLevel: { address: bigint; instructions: { address: bigint; name: string }[] } | null;
  /** The LRC ring registers written into the context image. */
  context: { head: number; tail: number; ringStart: number; mmioBase: number };
}

export interface GeneratedHeader {
  kernel: string;
  module: string;
  reason: string | null;
  snapshotTime: string;
  uptime: string;
  /** RFC only: `Boot time:`. */
  bootTime: string | null;
  process: string | null;
  pid: number | null;
  pciId: number | null;
  pciRevision: number | null;
  gtCount: number;
}

export interface GeneratedDump {
  bytes: Uint8Array;
  /** What `inspect --json` must report for the complete (untruncated) text. */
  expected: InspectJson;
  header: GeneratedHeader;
  /** Decoded bytes of every range that has data, keyed by expected address ("0x…"). */
  rangeBytes: Map<string, Uint8Array>;
  /** The hung batch as written. */
  hang: GeneratedHang;
  /** Present when truncateAt cut the text. */
  truncated?: {
    atByte: number;
    /** Addresses of ranges whose text (all lines, up to the last char before the line end) is before the cut. */
    completeRanges: string[];
    /** The range whose data the cut falls inside. */
    partial?: { address: string; decodedLength: number; sha256: string };
  };
}

const LV: Record<Layout, number> = { rfc: 0, '6.9': 9, '6.12': 12, '6.14': 14, '6.19': 19 };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const hex = (v: number | bigint) => v.toString(16);
const hex8 = (v: number) => '0x' + (v >>> 0).toString(16).padStart(8, '0');
const hex16 = (v: bigint) => '0x' + v.toString(16).padStart(16, '0');
const HEXUP8 = (v: bigint) => '0x' + v.toString(16).toUpperCase().padStart(8, '0');
const i32 = (v: number) => v | 0;

// ------------------------------------------------------------------------------------------
// Scenario: every value of one dump, independent of the layout's text.

interface RangeSpec {
  address: bigint;
  length: number;
  kind: 'data' | 'error' | 'null_sparse';
  data?: Uint8Array;
  error?: string;
  properties: string;
}

interface Reg {
  name: string;
  bits: 32 | 64;
  value: bigint;
}

interface Scenario {
  layout: Layout;
  kernel: string;
  reason: string | null;
  snapshotTime: string;
  uptime: string;
  bootTime: string;
  processName: string;
  pid: number;
  pciId: number;
  pciRevision: number;
  gts: { id: number; tile: number; type: string; ipVer: string; clock: number }[];
  gucId: number;
  seqno: number; // u32
  batchAddr: bigint;
  ctxDesc: number;
  ringAddr: number;
  lrcHead: number;
  lrcTail: number;
  timestamp: number;
  jobTimestamp: number;
  h2g: CtbState;
  g2h: CtbState;
  h2gCmds: number[];
  guc: { firmware: string; version: string; wanted: string; kts: bigint; gts: bigint; level: number };
  log: Uint8Array;
  ctb: Uint8Array;
  hwsp: Uint8Array;
  hwctx: Uint8Array;
  engineName: string;
  forcewake: string;
  registers: Reg[];
  uapiFlags: number;
  ranges: RangeSpec[];
  hang: GeneratedHang;
}

interface CtbState {
  size: number;
  resv: number;
  head: number;
  tail: number;
  space: number;
  headMem: number;
  tailMem: number;
}

function ctbState(size: number, resv: number, head: number, tail: number): CtbState {
  const used = (tail - head + size) % size;
  return { size, resv, head, tail, space: size - resv - used - 1, headMem: head, tailMem: tail };
}

function timeText(rng: Rng, base: number, spread: number): string {
  return `${base + rng.int(spread)}.${String(rng.int(1e9)).padStart(9, '0')}`;
}

const KERNELS: Record<Layout, string[]> = {
  rfc: ['6.6.0-rc2-xe+', '6.6.0-rc3-xe+', '6.5.0-rc7-xe+'],
  '6.9': ['6.9.0-xe', '6.9.3-arch1-1', '6.9.12-200.fc40.x86_64'],
  '6.12': ['6.12.1-arch1-1', '6.12.0-rc7+', '6.12.3-zen1-1-zen'],
  '6.14': ['6.14.0-15-generic', '6.14.2-arch1-1', '6.14.0-rc4+'],
  '6.19': ['6.19.0-example', '6.19.0-rc3+', '6.19.1-1-default'],
};

const PROCESSES = ['hang-test', 'vkcube', 'glxgears', 'xe_exec_capture', 'chrome', 'Xorg', 'gnome-shell'];

/** Buffers placed like the real 6.9 layout (heaps near 0x13f780000, 4 GiB heap at 0x200000000, high blocks). */
function buildScenario(layout: Layout, opts: GenOptions, rng: Rng, withRanges: boolean): Scenario {
  const L = LV[layout];
  const zf = opts.zeroFraction ?? 0.5;
  const kernel = rng.pick(KERNELS[layout]);
  const gucId = rng.range(2, 40);
  const k = rng.range(100, 300);
  const seqno = (0x100000000 - k) >>> 0;
  const processName = rng.pick(PROCESSES);
  const pid = rng.range(900, 99999);

  // Where the hung batch lives.
  const batchChoices: { address: bigint; length: number; offset: number }[] = [
    { address: 0x1a0000n, length: 0x1000, offset: 0 },
    { address: 0x13f780000n, length: 0x10000, offset: 0x40 },
    { address: 0xfffeffdee000n, length: 0x10000, offset: 0x1c0 },
  ];
  const batch = rng.pick(batchChoices);
  const batchAddr = batch.address + BigInt(batch.offset);
  const family: Family = opts.platform ? GEN_PLATFORMS[opts.platform].family : L >= 12 ? 'xe2' : 'gen12';
  const secondAddr = withRanges ? SECOND_LEVEL_BATCH : undefined;
  const bb = batchBuffer(batch.length, batch.offset, batchAddr, rng.fork(), { family, secondLevel: secondAddr });
  const acthd = batch.address + BigInt(bb.acthdOffset);

  const ctxDesc = 0x01f00000 + rng.int(0x100) * 0x1000;
  const ringAddr = ctxDesc + 0x8000;
  const lrcHead = rng.range(2, 40) * 8;
  const lrcTail = lrcHead + rng.range(2, 8) * 8;

  // Battlemage (0xe20b) for the newer layouts.
  const bmg = {
    id: 0xe20b,
    rev: 0x00,
    gts: [
      { id: 0, tile: 0, type: 'main', ipVer: '20.1.4', clock: 19200000 },
      { id: 1, tile: 0, type: 'media', ipVer: '13.1.0', clock: 19200000 },
    ],
  };
  const pciByLayout: Record<Layout, { id: number; rev: number; gts: Scenario['gts'] }> = {
    rfc: { id: 0x9a49, rev: 0x01, gts: [] },
    '6.9': { id: 0x9a49, rev: 0x01, gts: [{ id: 0, tile: 0, type: 'main', ipVer: '0.0.0', clock: 19200000 }] },
    '6.12': {
      id: 0x64a0,
      rev: 0x04,
      gts: [
        { id: 0, tile: 0, type: 'main', ipVer: '20.4.4', clock: 19200000 },
        { id: 1, tile: 0, type: 'media', ipVer: '20.0.0', clock: 19200000 },
      ],
    },
    '6.14': bmg,
    '6.19': bmg,
  };
  const pci = opts.platform ? GEN_PLATFORMS[opts.platform] : pciByLayout[layout];

  const h2gHead = rng.range(0, 900);
  const h2g = L <= 9 ? ctbState(1024, 0, h2gHead, h2gHead + 4) : ctbState(1024, 0, h2gHead, h2gHead);
  const h2gCmds = L <= 9 ? [0x80520003, 0x20001001, gucId, 0x00000001] : [];
  const g2hHead = rng.range(100, 3000);
  const g2h = ctbState(4096, 1024, g2hHead, 0);
  g2h.headMem = g2hHead;
  g2h.tailMem = g2hHead;
  g2h.space = g2h.size - g2h.resv - 1;

  const nDss = rng.range(1, 4);
  const ringHead = lrcHead;
  const ringTail = lrcTail;
  const execStatus = 0x0000000100000001n;
  const sqContents = (2n << 32n) | BigInt(ctxDesc | 0x19);
  const bbaddr = batchAddr | 1n;
  const regs: Reg[] = [];
  const r32 = (name: string, v: number) => regs.push({ name, bits: 32, value: BigInt(v >>> 0) });
  const r64 = (name: string, v: bigint) => regs.push({ name, bits: 64, value: v });
  const instdone = () => (rng.bool(0.7) ? 0xffffffff : (0xffdefffe ^ (1 << rng.int(32))) >>> 0);
  if (L <= 12) {
    // 6.8–6.12: the driver reads MMIO itself (order of a real 6.9 log; INSTDONE set appended).
    r32('HWSTAM', 0xffffffff);
    r32('RING_HWS_PGA', ctxDesc - 0x1000);
    r64('RING_EXECLIST_STATUS', execStatus);
    r64('RING_EXECLIST_SQ_CONTENTS', sqContents);
    if (L >= 12) r64('RING_START', BigInt(ringAddr));
    else r32('RING_START', ringAddr);
    r32('RING_HEAD', ringHead);
    r32('RING_TAIL', ringTail);
    r32('RING_CTL', 0x00003001);
    r32('RING_MI_MODE', 0x00000200);
    r32('RING_MODE', 0x00000008);
    r32('RING_IMR', 0);
    r32('RING_ESR', 0);
    r32('RING_EMR', 0xffffffff);
    r32('RING_EIR', 0);
    if (L >= 12) r32('INDIRECT_RING_STATE', 0);
    r64('ACTHD', acthd);
    r64('BBADDR', bbaddr);
    r64('DMA_FADDR', acthd);
    r32('IPEHR', bb.ipehr);
    r32('RING_INSTDONE', 0xffdefffe);
    r32('SC_INSTDONE[0]', instdone());
    r32('SC_INSTDONE_EXTRA[0]', instdone());
    r32('SC_INSTDONE_EXTRA2[0]', instdone());
    for (let d = 0; d < nDss; d++) r32(`SAMPLER_INSTDONE[${d}]`, instdone());
    for (let d = 0; d < nDss; d++) r32(`ROW_INSTDONE[${d}]`, instdone());
    if (L >= 12) for (let d = 0; d < nDss; d++) r32(`INSTDONE_GEOM_SVGUNIT[${d}]`, instdone());
  } else {
    // 6.13+: GuC error capture, GuC register-list order.
    r32('FORCEWAKE_GT', 0x00010001);
    r32('RCU_MODE', 0x00000001);
    r32('SC_INSTDONE', instdone());
    r32('SC_INSTDONE_EXTRA', instdone());
    r32('SC_INSTDONE_EXTRA2', instdone());
    r32('HWSTAM', 0xffffffff);
    r32('RING_HWS_PGA', ctxDesc - 0x1000);
    r32('RING_HEAD', ringHead);
    r32('RING_TAIL', ringTail);
    r32('RING_CTL', 0x00003001);
    r32('RING_MI_MODE', 0);
    r32('RING_MODE', 0x00000008);
    r32('RING_ESR', 0);
    r32('RING_EMR', 0xffffffff);
    r32('RING_EIR', 0);
    r32('RING_IMR', 0);
    r32('IPEHR', bb.ipehr);
    r32('RING_INSTDONE', 0xffdefffe);
    r32('INDIRECT_RING_STATE', 0);
    r64('ACTHD', acthd);
    r64('RING_BBADDR', bbaddr);
    r64('RING_START', BigInt(ringAddr));
    r64('RING_DMA_FADD', acthd);
    r64('RING_EXECLIST_STATUS', execStatus);
    r64('RING_EXECLIST_SQ_CONTENTS', sqContents);
    for (let d = 0; d < nDss; d++) r32(`SAMPLER_INSTDONE[${d}]`, instdone());
    for (let d = 0; d < nDss; d++) r32(`ROW_INSTDONE[${d}]`, instdone());
    for (let d = 0; d < nDss; d++) r32(`INSTDONE_GEOM_SVGUNIT[${d}]`, instdone());
  }

  const ranges: RangeSpec[] = [];
  let secondInstructions: { address: bigint; name: string }[] | null = null;
  const seed2Second = new Rng((opts.seed ?? 1) ^ 0x5eed2);
  if (withRanges) {
    const prop = (perm: string, type: string, region: number, pat: number, caching: number) =>
      `${perm}|${type}|mem_region=0x${hex(region)}|pat_index=${pat}|cpu_caching=${caching}`;
    const vram = L >= 12 && pci.id === 0xe20b; // discrete BMG: VRAM; integrated: system memory
    const region = vram ? 0x2 : 0x1;
    const addData = (address: bigint, length: number, data: Uint8Array, readOnly = false) =>
      ranges.push({
        address,
        length,
        kind: 'data',
        data,
        properties: prop(readOnly ? 'read_only' : 'read_write', 'bo', region, vram ? 8 : 3, vram ? 2 : 1),
      });
    const fixed: { address: bigint; length: number; zf: number }[] = [
      { address: 0x1a0000n, length: 0x1000, zf: 0.8 },
      { address: 0x13f780000n, length: 0x20000, zf: zf },
      { address: 0x1ff7ef000n, length: 0x10000, zf: zf },
      { address: 0x200000000n, length: 0x40000, zf: Math.max(zf, 0.85) },
      { address: 0xfffeffa00000n, length: 0x40000, zf: Math.max(zf, 0.8) },
      { address: 0xfffeffdac000n, length: 0x10000, zf: zf },
      { address: 0xfffeffdee000n, length: 0x10000, zf: zf },
      { address: 0xfffeffe00000n, length: 0x200000, zf: 0.97 },
    ];
    for (const f of fixed) {
      if (f.address === batch.address) addData(batch.address, batch.length, bb.bytes, true);
      else {
        const data = mixedBuffer(f.length, rng, f.zf);
        if (secondAddr !== undefined && secondAddr >= f.address && secondAddr < f.address + BigInt(f.length)) {
          const off = Number(secondAddr - f.address);
          const words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
          secondInstructions = secondLevelBatch(words, off, secondAddr, seed2Second).map((x) => ({ address: f.address + BigInt(x.offset), name: x.name }));
        }
        addData(f.address, f.length, data, rng.bool(0.3));
      }
    }
    // A userptr the kernel could not read.
    ranges.push({
      address: 0x7f3a2c400000n,
      length: 0x10000,
      kind: 'error',
      error: '-14',
      properties: prop('read_write', 'userptr', 0x1, 3, 0),
    });
    if (L >= 19) {
      ranges.push({
        address: 0x100000000n,
        length: 0x200000,
        kind: 'null_sparse',
        properties: prop('read_write', 'null_sparse', 0, 0, 0),
      });
    }
    const extra = opts.extraRanges ?? 0;
    for (let i = 0; i < extra; i++) {
      const len = rng.range(1, 16) * 0x1000;
      addData(0xfffe00000000n + BigInt(i) * 0x100000n, len, mixedBuffer(len, rng, zf));
    }
    if (opts.bigRange && opts.bigRange > 0) {
      const unit = layout === 'rfc' ? 64 : 4;
      const len = Math.ceil(opts.bigRange / unit) * unit;
      addData(0x400000000n, len, mixedBuffer(len, rng, opts.bigRangeZeroFraction ?? 0.08));
    }
    ranges.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  }

  const seed2 = rng.fork();
  return {
    layout,
    kernel,
    reason: L >= 14 ? `Timedout job - seqno=${seqno}, lrc_seqno=${seqno}, guc_id=${gucId}, flags=0x0` : null,
    snapshotTime: timeText(rng, 1767225600, 5e7),
    uptime: timeText(rng, 60, 500000),
    bootTime: timeText(rng, 1700000000, 1e6),
    processName,
    pid,
    pciId: pci.id,
    pciRevision: pci.rev,
    gts: pci.gts,
    gucId,
    seqno,
    batchAddr,
    ctxDesc,
    ringAddr,
    lrcHead,
    lrcTail,
    timestamp: rng.u32() & 0xffffff,
    jobTimestamp: rng.u32() & 0xffffff,
    h2g,
    g2h,
    h2gCmds,
    guc: {
      firmware: pci.id === 0xe20b ? 'xe/bmg_guc_70.bin' : pci.id === 0x64a0 ? 'xe/lnl_guc_70.bin' : 'i915/tgl_guc_70.bin',
      version: '70.44.1',
      wanted: '70.44.1',
      kts: BigInt(rng.u32()) * 8n + 0x100000000n,
      gts: BigInt(rng.u32()),
      level: rng.range(0, 3),
    },
    log: gucLog(opts.logSize ?? 0x10000, seed2),
    ctb: ctBuffer(L >= 14 ? 0x40 * (1 << rng.int(8)) : 0x40, seed2, h2gHead, g2hHead),
    hwsp: hwStatusPage(seed2, seqno),
    hwctx: hwContext(rng.range(1, 5) * 0x1000, seed2, { family, ringStart: ringAddr, head: lrcHead, tail: lrcTail, batchAddr, timestamp: seed2.u32() }),
    engineName: 'rcs0',
    forcewake: `domain 0x${hex(L <= 12 ? 2 : 1)}, ref 1`,
    registers: regs,
    uapiFlags: 0,
    ranges,
    hang: {
      family,
      batchAddr,
      acthd,
      instructions: bb.instructions.map((x) => ({ address: batch.address + BigInt(x.offset), name: x.name })),
      secondLevel: secondAddr !== undefined && secondInstructions ? { address: secondAddr, instructions: secondInstructions } : null,
      context: { head: lrcHead, tail: lrcTail, ringStart: ringAddr, mmioBase: 0x2000 },
    },
  };
}

/** Where generated dumps put the second-level batch: in the 0x200000000 range, never the batch's. */
const SECOND_LEVEL_BATCH = 0x200002000n;

const GEN_PLATFORMS: Record<GenPlatform, { id: number; rev: number; family: Family; gts: Scenario['gts'] }> = {
  tgl: { id: 0x9a49, rev: 0x01, family: 'gen12', gts: [{ id: 0, tile: 0, type: 'main', ipVer: '0.0.0', clock: 19200000 }] },
  dg2: { id: 0x56a0, rev: 0x08, family: 'gen12.5', gts: [{ id: 0, tile: 0, type: 'main', ipVer: '0.0.0', clock: 19200000 }] },
  mtl: {
    id: 0x7d55, rev: 0x08, family: 'gen12.5',
    gts: [{ id: 0, tile: 0, type: 'main', ipVer: '12.70.4', clock: 19200000 }, { id: 1, tile: 0, type: 'media', ipVer: '13.0.4', clock: 19200000 }],
  },
  lnl: {
    id: 0x64a0, rev: 0x04, family: 'xe2',
    gts: [{ id: 0, tile: 0, type: 'main', ipVer: '20.4.4', clock: 19200000 }, { id: 1, tile: 0, type: 'media', ipVer: '20.0.0', clock: 19200000 }],
  },
  bmg: {
    id: 0xe20b, rev: 0x00, family: 'xe2',
    gts: [{ id: 0, tile: 0, type: 'main', ipVer: '20.1.4', clock: 19200000 }, { id: 1, tile: 0, type: 'media', ipVer: '13.1.0', clock: 19200000 }],
  },
  ptl: {
    id: 0xb080, rev: 0x00, family: 'xe3',
    gts: [{ id: 0, tile: 0, type: 'main', ipVer: '30.0.4', clock: 19200000 }, { id: 1, tile: 0, type: 'media', ipVer: '30.0.0', clock: 19200000 }],
  },
};

// ------------------------------------------------------------------------------------------
// Rendering

interface RangeSpan {
  address: string;
  /** Offset after the last char of the range's last line (line end excluded). */
  end: number;
  data?: { kind: 'a85' | 'rfc'; start: number; end: number; bytes: Uint8Array };
}

class Recorder {
  sections: { title: string; line: number }[] = [];
  ranges: InspectRange[] = [];
  blobs: { name: string; length: number; sha256: string | null }[] = [];
  engines: { name: string; registers: Record<string, string> }[] = [];
  batchAddresses: string[] = [];
  spans: RangeSpan[] = [];
  rangeBytes = new Map<string, Uint8Array>();
}

function section(w: TextWriter, rec: Recorder, title: string, first = false): void {
  if (!first) w.blank();
  rec.sections.push({ title, line: w.line(`**** ${title} ****`) });
}

function blob(w: TextWriter, rec: Recorder, name: string, indent: number, data: Uint8Array, attrs?: () => void): void {
  w.line(`[${name}].length: 0x${hex(data.length)}`, indent);
  attrs?.();
  w.beginPayload(`[${name}].data: `, indent);
  w.payload(encodeAscii85(data), true);
  w.endPayload();
  rec.blobs.push({ name, length: data.length, sha256: sha256Hex(data) });
}

function renderCtb(w: TextWriter, title: string, c: CtbState, blankBefore: boolean, cmds: number[]): void {
  if (blankBefore) w.blank();
  w.line(`${title} CTB (all sizes in DW):`);
  w.line(`size: ${c.size}`, 1);
  w.line(`resv_space: ${c.resv}`, 1);
  w.line(`head: ${c.head}`, 1);
  w.line(`tail: ${c.tail}`, 1);
  w.line(`space: ${c.space}`, 1);
  w.line(`broken: 0`, 1);
  w.line(`head (memory): ${c.headMem}`, 1);
  w.line(`tail (memory): ${c.tailMem}`, 1);
  w.line(`status (memory): 0x0`, 1);
  cmds.forEach((v, i) => w.line(`cmd[${c.headMem + i}]: ${hex8(v)}`, 1));
}

function renderContexts(w: TextWriter, rec: Recorder, sc: Scenario, L: number): void {
  const startSeqno = i32(sc.seqno);
  w.line(`GuC ID: ${sc.gucId}`);
  w.line(`Name: rcs${sc.gucId}`, 1);
  w.line(`Class: 0`, 1);
  w.line(`Logical mask: 0x1`, 1);
  w.line(`Width: 1`, 1);
  w.line(`Ref: 4`, 1);
  w.line(`Timeout: 5000 (ms)`, 1);
  w.line(`Timeslice: 1000 (us)`, 1);
  w.line(`Preempt timeout: 640000 (us)`, 1);
  w.line(`HW Context Desc: ${hex8(sc.ctxDesc)}`, 1);
  if (L >= 14) w.line(`HW Ring address: ${hex8(sc.ringAddr)}`, 1);
  if (L >= 12) w.line(`HW Indirect Ring State: 0x00000000`, 1);
  w.line(`LRC Head: (memory) ${sc.lrcHead}`, 1);
  w.line(`LRC Tail: (internal) ${sc.lrcTail}, (memory) ${sc.lrcTail}`, 1);
  if (L >= 14) w.line(`Ring start: (memory) ${hex8(sc.ringAddr)}`, 1);
  w.line(`Start seqno: (memory) ${startSeqno}`, 1);
  w.line(`Seqno: (memory) ${startSeqno - 1}`, 1);
  if (L >= 19) {
    w.line(`Timestamp: ${hex16(BigInt(sc.timestamp))}`, 1);
    w.line(`Timestamp ms: ${Math.floor(sc.timestamp / 19200)}`, 1);
    w.line(`Queue Timestamp: 0x0000000000000000`, 1);
    w.line(`Queue Timestamp ms: 0`, 1);
    w.line(`Job Timestamp: ${hex8(sc.jobTimestamp)}`, 1);
  } else if (L >= 12) {
    w.line(`Timestamp: ${hex8(sc.timestamp)}`, 1);
    w.line(`Job Timestamp: ${hex8(sc.jobTimestamp)}`, 1);
  }
  if (L >= 12) {
    blob(w, rec, 'HWSP', 1, sc.hwsp);
    blob(w, rec, 'HWCTX', 1, sc.hwctx, () => {
      if (L >= 19) {
        w.blank();
        w.line(`[HWCTX].replay_offset: 0x0`, 1);
        w.blank();
        w.line(`[HWCTX].replay_length: 0x${hex(sc.hwctx.length)}`, 1);
      }
    });
  }
  w.line(`Schedule State: 0x41`, 1);
  w.line(`Flags: 0x0`, 1);
  w.line(`Job: seqno=${sc.seqno}, fence=0, finished=0`, 1);
}

/** Everything before the VM state section's body; then `vm` writes the VM body. */
function render(w: TextWriter, sc: Scenario, rec: Recorder, vm: () => void): void {
  const L = LV[sc.layout];
  section(w, rec, 'Xe Device Coredump', true);
  if (sc.reason !== null) w.line(`Reason: ${sc.reason}`);
  w.line(`kernel: ${sc.kernel}`);
  w.line(`module: xe`);
  w.line(`Snapshot time: ${sc.snapshotTime}`);
  w.line(`Uptime: ${sc.uptime}`);
  if (L === 0) w.line(`Boot time: ${sc.bootTime}`);
  if (L >= 14) w.line(`Process: ${sc.processName} [${sc.pid}]`);
  else if (L >= 12) w.line(`Process: ${sc.processName}`);
  if (L >= 9) {
    w.line(`PCI ID: 0x${sc.pciId.toString(16).padStart(4, '0')}`);
    w.line(`PCI revision: 0x${sc.pciRevision.toString(16).padStart(2, '0')}`);
    for (const gt of sc.gts) {
      w.line(`GT id: ${gt.id}`);
      if (L >= 14) w.line(`Tile: ${gt.tile}`, 1);
      w.line(`Type: ${gt.type}`, 1);
      w.line(`IP ver: ${gt.ipVer}`, 1);
      w.line(`CS reference clock: ${gt.clock}`, 1);
    }
  }
  if (L >= 14) {
    section(w, rec, 'GT #0');
    w.line(`Tile: 0`, 1);
    section(w, rec, 'GuC Log');
    w.line(`GuC firmware: ${sc.guc.firmware}`);
    w.line(`GuC version: ${sc.guc.version} (wanted ${sc.guc.wanted})`);
    w.line(`Kernel timestamp: ${HEXUP8(sc.guc.kts)} [${sc.guc.kts}]`);
    w.line(`GuC timestamp: ${HEXUP8(sc.guc.gts)} [${sc.guc.gts}]`);
    w.line(`Log level: ${sc.guc.level}`);
    blob(w, rec, 'LOG', 0, sc.log);
  }
  section(w, rec, 'GuC CT');
  const old = L <= 12;
  renderCtb(w, 'H2G', sc.h2g, old, sc.h2gCmds);
  renderCtb(w, 'G2H', sc.g2h, old, []);
  w.line(`g2h outstanding: 0`, 1);
  if (L >= 14) {
    blob(w, rec, 'CTB', 0, sc.ctb);
    section(w, rec, 'Contexts');
  } else {
    w.blank();
  }
  renderContexts(w, rec, sc, L);

  section(w, rec, 'Job');
  w.line(`batch_addr[0]: ${hex16(sc.batchAddr)}`);
  rec.batchAddresses.push(hex16(sc.batchAddr));

  section(w, rec, 'HW Engines');
  w.line(`${sc.engineName} (physical), logical instance=0`);
  if (L >= 14) {
    w.line(`Capture_source: GuC`, 1);
    w.line(`Coverage: full-capture`, 1);
  }
  w.line(`Forcewake: ${sc.forcewake}`, 1);
  if (L >= 14) w.line(`Reserved: no`, 1);
  const regs: Record<string, string> = {};
  for (const r of sc.registers) {
    const text = r.bits === 64 ? hex16(r.value) : hex8(Number(r.value));
    regs[r.name] = text;
    w.line(`${r.name}: ${text}`, 1);
  }
  rec.engines.push({ name: sc.engineName, registers: regs });
  w.blank();

  section(w, rec, 'VM state');
  vm();
}

const HEXDIGITS = new Uint8Array([...'0123456789abcdef'].map((c) => c.charCodeAt(0)));

/** RFC memory lines: `[%llx] = { %08x, … }`, 16 words per line. Returns the offset of the first line. */
function renderRfcRange(w: TextWriter, address: bigint, data: Uint8Array): number {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
  const line = new Uint8Array(64 + 16 * 10 + 4);
  const start = w.offset;
  for (let i = 0; i < words.length; i += 16) {
    const pre = `[${hex(address + BigInt(i * 4))}] = { `;
    let p = 0;
    for (let c = 0; c < pre.length; c++) line[p++] = pre.charCodeAt(c);
    for (let j = 0; j < 16; j++) {
      if (j) {
        line[p++] = 0x2c;
        line[p++] = 0x20;
      }
      const v = words[i + j];
      for (let s = 28; s >= 0; s -= 4) line[p++] = HEXDIGITS[(v >>> s) & 15];
    }
    line[p++] = 0x20;
    line[p++] = 0x7d;
    w.lineBytes(line.subarray(0, p));
  }
  return start;
}

function renderVm(w: TextWriter, sc: Scenario, rec: Recorder, eolLen: number): void {
  const L = LV[sc.layout];
  if (L === 0) {
    for (const r of sc.ranges) {
      if (r.kind === 'null_sparse') continue;
      const addr = '0x' + hex(r.address);
      if (r.kind === 'data' && r.data) {
        const start = renderRfcRange(w, r.address, r.data);
        const end = w.offset - eolLen;
        rec.spans.push({ address: addr, end, data: { kind: 'rfc', start, end, bytes: r.data } });
        rec.ranges.push({ address: addr, length: r.length, sha256: sha256Hex(r.data), error: null, properties: null });
        rec.rangeBytes.set(addr, r.data);
      } else {
        w.line(`Unable to capture range [${hex(r.address)}-${hex(r.address + BigInt(r.length) - 1n)}]`);
        rec.spans.push({ address: addr, end: w.offset - eolLen });
        rec.ranges.push({ address: addr, length: r.length, sha256: null, error: 'Unable to capture range', properties: null });
      }
    }
    return;
  }
  if (L >= 19) w.line(`VM.uapi_flags: 0x${hex(sc.uapiFlags)}`);
  for (const r of sc.ranges) {
    if (r.kind === 'null_sparse' && L < 19) continue;
    const a = hex(r.address);
    const addr = '0x' + a;
    w.line(`[${a}].length: 0x${hex(r.length)}`);
    if (L >= 19) w.line(`[${a}].properties: ${r.properties}`);
    const properties = L >= 19 ? r.properties : null;
    if (r.kind === 'data' && r.data) {
      const { start } = w.beginPayload(`[${a}].data: `);
      w.payload(encodeAscii85(r.data), true);
      const { end } = w.endPayload();
      rec.spans.push({ address: addr, end, data: { kind: 'a85', start, end, bytes: r.data } });
      rec.ranges.push({ address: addr, length: r.length, sha256: sha256Hex(r.data), error: null, properties });
      rec.rangeBytes.set(addr, r.data);
    } else if (r.kind === 'error') {
      w.line(`[${a}].error: ${r.error}`);
      rec.spans.push({ address: addr, end: w.offset - eolLen });
      rec.ranges.push({ address: addr, length: r.length, sha256: null, error: r.error ?? null, properties });
    } else {
      rec.spans.push({ address: addr, end: w.offset - eolLen });
      rec.ranges.push({ address: addr, length: r.length, sha256: null, error: null, properties });
    }
  }
}

function styleOf(opts: GenOptions): TextStyle {
  return {
    crlf: !!opts.crlf,
    spaces: !!opts.spaces,
    splitWidth: opts.splitBlobs ? (opts.splitWidth ?? 800) : 0,
    splitMode: opts.splitMode ?? 'exact',
  };
}

/** Count decoded bytes of an ascii85 payload text before `cut` (complete groups only, line breaks skipped). */
function a85DecodedBefore(text: Uint8Array, start: number, cut: number): number {
  let groups = 0;
  let inGroup = 0;
  for (let i = start; i < cut; i++) {
    const c = text[i];
    if (c === 0x0a || c === 0x0d) continue;
    if (c === 0x7a && inGroup === 0) {
      groups++;
      continue;
    }
    if (++inGroup === 5) {
      groups++;
      inGroup = 0;
    }
  }
  return groups * 4;
}

/** Count decoded bytes of RFC lines before `cut`: complete 8-hex-digit words after each line's `{`. */
function rfcDecodedBefore(text: Uint8Array, start: number, cut: number): number {
  let words = 0;
  let inBody = false;
  let digits = 0;
  for (let i = start; i < cut; i++) {
    const c = text[i];
    if (c === 0x0a) {
      inBody = false;
      digits = 0;
    } else if (!inBody) {
      if (c === 0x7b) inBody = true;
    } else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66)) {
      if (++digits === 8) {
        words++;
        digits = 0;
      }
    } else {
      digits = 0;
    }
  }
  return words * 4;
}

export function generateDump(opts: GenOptions): GeneratedDump {
  const rng = new Rng(opts.seed ?? 1);
  const sc = buildScenario(opts.layout, opts, rng, true);
  const chunks: Uint8Array[] = [];
  const sink: Sink = (c, stable) => chunks.push(stable ? c : c.slice());
  const style = styleOf(opts);
  const w = new TextWriter(sink, style);
  const rec = new Recorder();
  if (opts.bom) w.bom();
  render(w, sc, rec, () => renderVm(w, sc, rec, style.crlf ? 2 : 1));
  w.flush();

  const total = w.offset;
  const cut = opts.truncateAt !== undefined && opts.truncateAt >= 0 && opts.truncateAt < total ? opts.truncateAt : total;
  const bytes = new Uint8Array(cut);
  let o = 0;
  for (const c of chunks) {
    if (o >= cut) break;
    const take = Math.min(c.length, cut - o);
    bytes.set(take === c.length ? c : c.subarray(0, take), o);
    o += take;
  }

  const L = LV[opts.layout];
  const expected: InspectJson = {
    format: L === 0 ? 'xe-rfc' : 'xe',
    kernel: sc.kernel,
    sections: rec.sections,
    ranges: rec.ranges,
    blobs: rec.blobs,
    engines: rec.engines,
    batchAddresses: rec.batchAddresses,
    diagnostics: [],
  };
  const header: GeneratedHeader = {
    kernel: sc.kernel,
    module: 'xe',
    reason: sc.reason,
    snapshotTime: sc.snapshotTime,
    uptime: sc.uptime,
    bootTime: L === 0 ? sc.bootTime : null,
    process: L >= 12 ? sc.processName : null,
    pid: L >= 14 ? sc.pid : null,
    pciId: L >= 9 ? sc.pciId : null,
    pciRevision: L >= 9 ? sc.pciRevision : null,
    gtCount: L >= 9 ? sc.gts.length : 0,
  };
  const out: GeneratedDump = { bytes, expected, header, rangeBytes: rec.rangeBytes, hang: sc.hang };

  if (cut < total) {
    const completeRanges: string[] = [];
    let partial: { address: string; decodedLength: number; sha256: string } | undefined;
    for (const s of rec.spans) {
      if (s.end <= cut) {
        completeRanges.push(s.address);
        continue;
      }
      const d = s.data;
      if (!d) continue;
      const inside = d.kind === 'a85' ? cut >= d.start && cut < d.end : cut > d.start && cut < d.end;
      if (!inside) continue;
      const n = d.kind === 'a85' ? a85DecodedBefore(bytes, d.start, cut) : rfcDecodedBefore(bytes, d.start, cut);
      partial = { address: s.address, decodedLength: n, sha256: sha256Hex(d.bytes.subarray(0, n)) };
    }
    out.truncated = { atByte: cut, completeRanges, ...(partial ? { partial } : {}) };
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// Large streamed dumps

export interface LargeDumpOptions {
  /** Approximate size of the text to produce. */
  targetBytes: number;
  seed?: number;
  /** Fraction of zero words in the VM data (default 0.5). */
  zeroFraction?: number;
  layout?: '6.19' | '6.14';
  /**
   * One more range of `length` bytes (any size up to 2^48; a multiple of 4) at `address`: zero words
   * ('z') but for its last `tailBytes` (default 4 KiB), which are random-looking. A huge sparse heap.
   */
  hugeRange?: { length: number; address?: bigint; tailBytes?: number };
}

export interface LargeDumpResult {
  /** Every VM range with data, in file order. */
  ranges: { address: string; length: number; sha256: string }[];
  textBytes: number;
  decodedBytes: number;
  /** The last bytes of the huge range (its random tail), when one was asked for. */
  hugeTail?: Uint8Array;
}

const MiB = 1 << 20;
const CHUNK_WORDS = 1 << 20; // 4 MiB of data per step

/**
 * Stream a dump of about `targetBytes` of text to `write`, without holding the text.
 * Each chunk passed to `write` is only valid during the call (buffers are reused): copy it to keep it.
 */
export function generateLargeDump(
  opts: LargeDumpOptions,
  write: (chunk: Uint8Array) => void,
): LargeDumpResult {
  const layout = opts.layout ?? '6.19';
  const L = LV[layout];
  const zf = Math.min(1, Math.max(0, opts.zeroFraction ?? 0.5));
  const rng = new Rng(opts.seed ?? 1);
  const sc = buildScenario(layout, { layout, zeroFraction: zf }, rng, false);
  const w = new TextWriter((c) => write(c), { crlf: false, spaces: false, splitWidth: 0, splitMode: 'exact' });
  const rec = new Recorder();
  const result: LargeDumpResult = { ranges: [], textBytes: 0, decodedBytes: 0 };
  const prop = 'read_write|bo|mem_region=0x2|pat_index=8|cpu_caching=2';

  const smallRange = (address: bigint, data: Uint8Array) => {
    const a = hex(address);
    w.line(`[${a}].length: 0x${hex(data.length)}`);
    if (L >= 19) w.line(`[${a}].properties: ${prop}`);
    w.beginPayload(`[${a}].data: `);
    w.payload(encodeAscii85(data), true);
    w.endPayload();
    result.ranges.push({ address: '0x' + a, length: data.length, sha256: sha256Hex(data) });
    result.decodedBytes += data.length;
  };

  render(w, sc, rec, () => {
    if (L >= 19) w.line(`VM.uapi_flags: 0x0`);
    const batchAddr = 0x1a0000n;
    smallRange(batchAddr, batchBuffer(0x1000, 0, batchAddr, rng.fork()).bytes);
    smallRange(0x13f780000n, mixedBuffer(0x20000, rng, zf));
    const tailData = [mixedBuffer(0x10000, rng, zf), mixedBuffer(0x1000, rng, zf)];
    const tailReserve = tailData.reduce((s, d) => s + ascii85Length(d) + 200, 0);

    const words = new Uint32Array(CHUNK_WORDS);
    const dataBytes = wordsToBytes(words);
    const text = new Uint8Array(CHUNK_WORDS * 5);
    if (opts.hugeRange) {
      const { length } = opts.hugeRange;
      if (length % 4 !== 0 || length <= 0) throw new Error(`huge range length ${length} is not a positive multiple of 4`);
      const tailLen = Math.min(length, opts.hugeRange.tailBytes ?? 4096);
      const tail = mixedBuffer(tailLen, rng, 0);
      const a = hex(opts.hugeRange.address ?? 0x100000000000n);
      w.line(`[${a}].length: 0x${hex(length)}`);
      if (L >= 19) w.line(`[${a}].properties: read_write|bo|mem_region=0x1|pat_index=0|cpu_caching=1`);
      w.beginPayload(`[${a}].data: `);
      const h = createHash('sha256');
      const zeros = new Uint8Array(CHUNK_WORDS * 4);
      text.fill(0x7a, 0, CHUNK_WORDS);
      for (let done = 0; done < length - tailLen;) {
        const n = Math.min(CHUNK_WORDS * 4, length - tailLen - done);
        h.update(zeros.subarray(0, n));
        w.payload(text.subarray(0, n / 4), false);
        done += n;
      }
      h.update(tail);
      w.payload(encodeAscii85(tail), true);
      w.endPayload();
      result.ranges.push({ address: '0x' + a, length, sha256: h.digest('hex') });
      result.decodedBytes += length;
      result.hugeTail = tail;
    }
    const filler = new MixedFiller(rng.u32(), zf);
    const perByte = (zf * 1 + (1 - zf) * 5) / 4;
    let address = 0x800000000n;
    for (;;) {
      const remaining = opts.targetBytes - w.offset - tailReserve - 200;
      const need = remaining / perByte;
      if (need < 64 * 1024) break;
      let len = Math.min(rng.range(1, 64) * MiB + rng.int(256) * 4096, Math.ceil(need / 4096) * 4096);
      len = Math.max(len, 0x10000);
      const a = hex(address);
      w.line(`[${a}].length: 0x${hex(len)}`);
      if (L >= 19) w.line(`[${a}].properties: ${prop}`);
      w.beginPayload(`[${a}].data: `);
      const h = createHash('sha256');
      for (let done = 0; done < len; ) {
        const n = Math.min(CHUNK_WORDS, (len - done) >>> 2);
        filler.fill(words, 0, n);
        h.update(dataBytes.subarray(0, n * 4));
        const t = encodeAscii85WordsInto(words, text, 0, 0, n);
        w.payload(text.subarray(0, t), false);
        done += n * 4;
      }
      w.endPayload();
      result.ranges.push({ address: '0x' + a, length: len, sha256: h.digest('hex') });
      result.decodedBytes += len;
      const next = address + BigInt(len) + 2n * BigInt(MiB);
      address = (next + BigInt(2 * MiB - 1)) & ~BigInt(2 * MiB - 1);
    }
    smallRange(0xfffeffdac000n, tailData[0]);
    smallRange(0xfffeffddc000n, tailData[1]);
  });
  w.flush();
  result.textBytes = w.offset;
  return result;
}
