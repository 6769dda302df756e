// The worker side of the Commands view: instruction listings of ranges and blobs (walked once,
// kept for a few targets), windows of decoded rows, name filters, the instruction at ACTHD for the
// hang summary and the registers of context images. Decoding is src/format/gpu/; this file only
// chooses what to decode with what (platform, engine, anchors) and shapes the answers.
import { findRangeAt, foldAddress } from '../format/addr.ts';
import { findRegister, hasBytes, REGISTER_ALIASES, type DumpModel, type Engine } from '../format/model.ts';
import type { CommandField, CommandRows, CommandsFilter, CommandsGrowth, CommandsInfo, CommandsPlatform, CommandsTarget, ContextImage, InstructionAt } from '../protocol/commands.ts';
import * as gpu from '../format/gpu/index.ts';
import { slotOf } from '../format/gpu/decode.ts';
import { dwordsOf, type DwordReader } from '../format/dwords.ts';
import { CommandListing, positionIn, type ListingDecoder } from './command-listing.ts';

/** Listings kept (each a few hundred KiB of checkpoints at most, plus its filters). */
const KEEP_LISTINGS = 4;
/** Filters kept per listing. */
const KEEP_FILTERS = 2;
/** Most rows one request decodes. */
const MAX_ROWS = 2048;
/** Instructions the search for batch entry points decodes at most. */
const ENTRY_BUDGET = 65_536;
/**
 * A range decoded on demand is walked in steps (its pages are decoded from the text on the way,
 * about 100 MB/s): opening walks this much (and on to ACTHD and the address asked for), each
 * grow() this much more, so the first rows come at once and the worker answers between steps.
 */
export const OPEN_SCAN_DWORDS = 64 << 10; // 256 KiB
export const GROW_SCAN_DWORDS = 512 << 10; // 2 MiB

const FAMILY_NAMES: Record<gpu.Family, string> = { gen12: 'Gen12', 'gen12.5': 'Gen12.5', xe2: 'Xe2', xe3: 'Xe3' };

interface Entry {
  key: string;
  listing: CommandListing;
  info: CommandsInfo;
  filters: Map<string, Float64Array>;
}

/** The ListingDecoder of one platform family and engine kind. */
export function listingDecoder(family: gpu.Family, engine: gpu.EngineKind): ListingDecoder {
  const dec = gpu.getDecoder(family, engine);
  return {
    length: (w, i) => dec.lengthOf(w[i]),
    name: (w, i) => dec.nameOf(w[i]),
    nameKey: (w, i) => (dec.lookup(w[i]) ? slotOf(w[i]) : -1),
    decode(w, i, address) {
      const ins = gpu.decodeAt(w, i, address - BigInt(i * 4), dec, w.length);
      const fields: CommandField[] = ins.fields.map(gpu.plainField); // plain data for the structured clone
      if (ins.batchStart && !fields.some((f) => f.address === ins.batchStart!.address)) {
        const bs = ins.batchStart;
        fields.push({ name: bs.secondLevel ? 'Batch Buffer Start (second level)' : 'Batch Buffer Start (chained)', value: '0x' + bs.address.toString(16), address: bs.address });
      }
      return { name: ins.name, fields, unknown: !ins.known };
    },
  };
}

export class CommandService {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;

  constructor(private readonly model: () => DumpModel | null) {}

  /** Platforms the menu offers: every platform the xe driver supports, by family. */
  platforms(): CommandsPlatform[] {
    return gpu.PLATFORMS.map((p) => ({ id: p.id, label: `${p.name} (${FAMILY_NAMES[p.family]})` }));
  }

  /** The platform to decode with: the menu's choice, else the one the dump names. */
  private platformFor(m: DumpModel, override: string | null): { id: string; family: gpu.Family; detected: string; from: string } {
    const det = gpu.detectPlatform(m.header);
    const detected = det.platform?.id ?? det.family;
    const chosen = override ? gpu.platformById(override) : undefined;
    if (chosen) return { id: chosen.id, family: chosen.family, detected, from: det.detail };
    return { id: detected, family: det.family, detected, from: det.detail };
  }

  /** The engine whose command set applies: the hung engine. */
  private engineOf(m: DumpModel): { engine: Engine | null; kind: gpu.EngineKind } {
    const engine = gpu.hungEngine(m);
    return { engine, kind: gpu.engineKindOf(engine) };
  }

  open(target: CommandsTarget, platform: string | null, at: bigint | null = null): CommandsInfo {
    const info = this.listingInfo(target, platform);
    let pos = at === null ? -1 : this.posOf(info.key, null, at);
    if (pos < 0 && info.acthd) pos = info.acthd.index;
    // The walk may have gone on (to `at`, or by earlier calls): say how far it is now.
    const { listing } = this.entry(info.key);
    return { ...info, count: listing.count, complete: listing.complete, at: pos };
  }

  /** Walk on a listing that is not complete (a range decoded on demand): one more step. */
  grow(key: string): CommandsGrowth {
    const { listing, info } = this.entry(key);
    const t0 = performance.now();
    listing.scanTo(listing.scanned + GROW_SCAN_DWORDS);
    info.scanMs += performance.now() - t0;
    info.count = listing.count;
    info.complete = listing.complete;
    return { count: listing.count, complete: listing.complete, scanMs: info.scanMs };
  }

  private listingInfo(target: CommandsTarget, platform: string | null): CommandsInfo {
    const m = this.model();
    if (!m) throw new Error('no dump is open');
    const { id, family, detected, from } = this.platformFor(m, platform);
    const { engine, kind } = this.engineOf(m);
    const key = `${target.kind}:${target.index}:${id}`;
    const have = this.entries.get(key);
    if (have) {
      this.entries.delete(key);
      this.entries.set(key, have);
      return have.info;
    }
    // The dwords come from memory or, for a dump decoded on demand, window by window from its pages.
    let words: DwordReader | null;
    let base: bigint;
    if (target.kind === 'range') {
      const r = m.ranges[target.index];
      if (!r) throw new Error(`no range ${target.index}`);
      words = dwordsOf(r);
      base = foldAddress(r.address);
    } else {
      const b = m.blobs[target.index];
      if (!b) throw new Error(`no blob ${target.index}`);
      words = dwordsOf(b);
      base = 0n;
    }
    if (!words) throw new Error(`this ${target.kind} has no captured bytes`);
    const len = BigInt(words.length * 4);
    const inside = (a: bigint) => a >= base && a < base + len;
    // Anchors: where the engine was sent (batch_addr) and where batches in this dump jump to.
    const anchors = target.kind === 'range' ? this.entryPoints(m, family, kind).filter(inside) : [];
    // ACTHD of the engine, when it points into this range.
    let acthd: CommandsInfo['acthd'] = null;
    let acthdOffset: number | null = null;
    if (target.kind === 'range' && engine) {
      const reg = findRegister(engine, ...REGISTER_ALIASES.acthd);
      const a = reg ? foldAddress(reg.value) : null;
      if (a !== null && inside(a)) {
        acthdOffset = Number(a - base);
        const ip = findRegister(engine, 'IPEHR');
        const ipehr = ip ? Number(ip.value & 0xffffffffn) : null;
        acthd = { index: -1, address: a, engine: engine.name, ipehr, ipehrName: ipehr === null ? null : gpu.instructionName(ipehr, family, kind) };
      }
    }
    const t0 = performance.now();
    const listing = new CommandListing(words, listingDecoder(family, kind), { base, anchors: anchors.map((a) => Number(a - base)), acthd: acthdOffset }, words.inMemory ? Infinity : OPEN_SCAN_DWORDS);
    if (acthdOffset !== null) listing.scanTo(acthdOffset / 4 + 1);
    const scanMs = performance.now() - t0;
    if (acthd) acthd.index = listing.acthdIndex;
    const info: CommandsInfo = {
      key: `${key}#${++this.seq}`,
      target,
      count: listing.count,
      complete: listing.complete,
      platform: id,
      detected,
      detectedFrom: from,
      platforms: this.platforms(),
      acthd,
      at: -1,
      anchors,
      bytes: words.length * 4,
      scanMs,
    };
    this.entries.set(key, { key, listing, info, filters: new Map() });
    while (this.entries.size > KEEP_LISTINGS) this.entries.delete(this.entries.keys().next().value as string);
    return info;
  }

  private entry(key: string): Entry {
    for (const e of this.entries.values()) if (e.info.key === key) return e;
    throw new Error('this listing is no longer kept: reopen it');
  }

  private filterOf(e: Entry, filter: string | null): Float64Array | null {
    if (filter === null) return null;
    const f = e.filters.get(filter);
    if (!f) throw new Error('this filter is no longer kept: filter again');
    return f;
  }

  rows(key: string, filter: string | null, first: number, count: number): CommandRows {
    const e = this.entry(key);
    const n = Math.min(MAX_ROWS, Math.max(0, count));
    const f = this.filterOf(e, filter);
    const t0 = performance.now();
    const rows = f ? e.listing.rows(f.subarray(Math.max(0, first), Math.max(0, first + n)), Math.max(0, first)) : e.listing.window(first, n);
    return { rows, decodeMs: performance.now() - t0 };
  }

  filter(key: string, text: string): CommandsFilter {
    const e = this.entry(key);
    const t0 = performance.now();
    const hits = e.listing.filter(text);
    const fkey = `${e.info.key}/${text.trim().toLowerCase()}`;
    e.filters.delete(fkey);
    e.filters.set(fkey, hits);
    while (e.filters.size > KEEP_FILTERS) e.filters.delete(e.filters.keys().next().value as string);
    return { key: fkey, text, count: hits.length, scanMs: performance.now() - t0 };
  }

  posOf(key: string, filter: string | null, address: bigint): number {
    const e = this.entry(key);
    const base = e.listing.options.base;
    const a = e.info.target.kind === 'range' ? foldAddress(address) : address;
    if (a < base) return -1;
    const index = e.listing.indexAt(Number(a - base));
    if (index < 0) return -1;
    const f = this.filterOf(e, filter);
    return f ? positionIn(f, index) : index;
  }

  /** The instruction at `address` in the listing of its range, and the one before it. */
  instructionAt(address: bigint, platform: string | null): InstructionAt | null {
    const m = this.model();
    if (!m) return null;
    const r = findRangeAt(m.ranges, address);
    if (!r || !hasBytes(r)) return null;
    const index = m.ranges.indexOf(r);
    const info = this.open({ kind: 'range', index }, platform);
    const e = this.entry(info.key);
    const at = e.listing.indexAt(Number(foldAddress(address) - e.listing.options.base));
    if (at < 0) return null;
    const rows = e.listing.window(Math.max(0, at - 1), at > 0 ? 2 : 1);
    return { at: rows[rows.length - 1], before: at > 0 ? rows[0] : null, platform: info.platform };
  }

  /** Registers of a context image blob (HWCTX), named for the hung engine. */
  contextImage(blob: number, platform: string | null): ContextImage | null {
    const m = this.model();
    const b = m?.blobs[blob];
    const words = b ? dwordsOf(b) : null;
    if (!m || !b || !words) return null;
    const { id } = this.platformFor(m, platform);
    const { engine } = this.engineOf(m);
    const img = gpu.decodeContextImage(words, engine?.name);
    const head = gpu.contextValue(img, 'RING_HEAD') ?? null;
    const tail = gpu.contextValue(img, 'RING_TAIL') ?? null;
    return {
      blob,
      name: b.name,
      platform: id,
      registers: img.registers.map((x) => ({ offset: x.offset, name: x.name, value: x.value, at: x.at })),
      ring: head === null && tail === null ? null : { head, tail },
      diagnostics: img.diagnostics.map((d) => `at +0x${d.at.toString(16)}: ${d.message}`),
    };
  }

  /**
   * Where batches start: each batch_addr, and the targets of the MI_BATCH_BUFFER_STARTs met when
   * walking from there (second level and chained; src/format/gpu/walk.ts), within a budget so that
   * a huge batch does not hold up the listing. Cached per platform family.
   */
  private entryCache = new Map<string, bigint[]>();
  private entryPoints(m: DumpModel, family: gpu.Family, kind: gpu.EngineKind): bigint[] {
    const ck = `${family}:${kind}`;
    let out = this.entryCache.get(ck);
    if (!out) {
      const walk = gpu.walkBatches(m.ranges, m.batchAddresses.map((a) => ({ address: a, reason: 'batch_addr' as const })), { family, engine: kind, maxInstructions: ENTRY_BUDGET });
      out = [...new Set([...m.batchAddresses.map(foldAddress), ...walk.batches.map((b) => b.address)])];
      this.entryCache.set(ck, out);
    }
    return out;
  }
}
