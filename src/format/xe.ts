// The xe devcoredump text (kernels 6.8 … 6.19 and newer): what each line means.
// The streaming core (parser.ts) splits lines and decodes ascii85; this module turns lines into the
// model. It matches keys, never positions: sections move between kernels (see docs/xe-devcoredump.md).
import { Ascii85Decoder } from './ascii85.ts';
import { LazyBytes, PAGE_BYTES, PagedDecoder, type DecodedPageCache, type PagedState, type TextSource } from './paged.ts';
import type {
  Blob, DumpModel, Engine, Entry, GtInfo, MemoryRange, Section, Severity, VmaProperties,
} from './model.ts';
import { emptyHeader, hasBytes } from './model.ts';
import { RfcRangeBuilder } from './rfc.ts';
import { sectionTitle } from './detect.ts';
import { truncatedMessage } from './report.ts';
import { DiagnosticLog } from './diagnostics.ts';
import { addEntry, emptyEntryTable, entryKey, entryLine, MAX_ENTRIES, setLastValue, trimEntryTable } from './entries.ts';

const BRACKET = /^\[([^\]]{1,64})\]\.([A-Za-z_][A-Za-z0-9_]*):\s?(.*)$/;
const HEX_NAME = /^(?:0x)?[0-9a-fA-F]{1,16}$/;
const REG_VALUE = /^0x([0-9a-fA-F]{1,16})(?:_([0-9a-fA-F]{1,8}))?$/;
const ENGINE_LINE = /^(\S+) \(physical\), logical instance=(-?\d+)/;
/** Largest first buffer of a data line (it grows from there as the line goes on). */
const MAX_FIRST_DATA = 64 << 20;

/** Incremental hash of decoded bytes (sha256 in the CLI). */
export interface Hasher {
  update(bytes: Uint8Array): void;
  /** Lowercase hex; a promise when another thread hashes (`sha256` is set once it resolves). */
  digest(): string | Promise<string>;
}

/** Decoding on demand (paged.ts): payloads past the eager budget keep only their checkpoints. */
export interface OnDemandOptions {
  /** The text the parser is given, read back at any offset. */
  text: TextSource;
  cache: DecodedPageCache;
  /** Payloads are decoded whole into memory while their total stays within this many bytes. */
  eagerBytes: number;
  /** Decoded bytes between two checkpoints (default PAGE_BYTES, 64 KiB). */
  pageBytes?: number;
  /**
   * Payloads up to this many bytes are held in memory whatever the budget (default SMALL_PAYLOAD):
   * their bytes cost less than the decoder and checkpoints of an on-demand one.
   */
  smallBytes?: number;
}

/**
 * One payload decoded on demand, as the index scan left it: enough for a later parse of the same
 * file to skip its text (a persisted index, src/cli/index-cache.ts).
 */
export interface PayloadRecord {
  /** Text offset where the payload's characters start (just after `[NAME].data:`). */
  start: number;
  /** Text offset where parsing goes on: just after the line break that ended the payload. */
  resume: number;
  /** Number of the line that starts at `resume`. */
  lineAfter: number;
  /** The parser's line-index entries (every 256th line start) that fell inside the payload. */
  lineStarts: number[];
  /** How the data ended: exactly at its length, or with more groups on the line (ignored). */
  how: 'complete' | 'long';
  state: PagedState;
}

/** A persisted index given to the parser: payloads found in it are skipped, and every payload is recorded. */
export interface PayloadIndex {
  /** Records by `start`, from an earlier parse of this very file. */
  known: Map<number, PayloadRecord>;
  /** Filled by the parse: every payload decoded on demand that ended on a line break. */
  recorded: PayloadRecord[];
  /** Payloads taken from `known` (their text was not read). */
  hits: number;
}

export interface ParseOptions {
  onDemand?: OnDemandOptions;
  /** A persisted index (only with onDemand and without hash: the CLI's extract, snapshot and decode). */
  index?: PayloadIndex;
  /**
   * Hash every payload over SMALL_PAYLOAD bytes while it is decoded (into `sha256` of its range or
   * blob); smaller ones are always held in memory, to be hashed when read (report.ts digestOf).
   */
  hash?: () => Hasher;
}

/** Hash this many bytes at a time (one update of 2 GiB or more throws in Node). */
const HASH_PIECE = 256 << 20;

/** The decoder interface the parser drives: in memory (Ascii85Decoder) or paged (index scan). */
export type PayloadDecoder = Pick<Ascii85Decoder, 'decode' | 'full' | 'dwords' | 'pending' | 'overflowGroups' | 'firstOverflowDword' | 'invalidChars' | 'firstInvalidChar' | 'misplacedZ'> & { base?: number };

/** Where the decoded bytes of one `[NAME].data` line go. */
export interface DataTarget {
  decoder: PayloadDecoder;
  paged: PagedDecoder | null;
  hasher: Hasher | null;
  owner: MemoryRange | Blob;
  line: number;
  label: string;
}

const ENGINE_CLASSES: [RegExp, string][] = [
  [/^rcs/, 'render'], [/^bcs/, 'copy'], [/^vcs/, 'video'], [/^vecs/, 'video-enhance'],
  [/^ccs/, 'compute'], [/^gsccs/, 'other'],
];

export function engineClassOf(name: string): string {
  for (const [re, cls] of ENGINE_CLASSES) if (re.test(name)) return cls;
  return 'other';
}

export function parseProperties(raw: string): VmaProperties {
  const p: VmaProperties = { raw, permission: null, type: null, memRegion: null, patIndex: null, cpuCaching: null, other: {} };
  for (const tok of raw.split('|').map((t) => t.trim()).filter(Boolean)) {
    const eq = tok.indexOf('=');
    if (eq < 0) {
      if (/^(read_only|read_write|read|write_only)$/.test(tok)) p.permission = tok;
      else if (/^(bo|userptr|null_sparse)$/.test(tok)) p.type = tok;
      else if (p.permission === null && /^read/.test(tok)) p.permission = tok;
      else p.other[tok] = '';
      continue;
    }
    const k = tok.slice(0, eq);
    const v = tok.slice(eq + 1);
    const n = parseNumber(v);
    if (k === 'mem_region' && n !== null) p.memRegion = n;
    else if (k === 'pat_index' && n !== null) p.patIndex = n;
    else if (k === 'cpu_caching' && n !== null) p.cpuCaching = n;
    else p.other[k] = v;
  }
  return p;
}

/** Longest `.length` taken (256 TiB): anything longer is an error on its range, not a size to allocate. */
export const MAX_LENGTH = 2 ** 48;
/** Digits read at most: a longer number cannot be in range whatever it says, and is not scanned further. */
const MAX_DIGITS = 24;

/**
 * Decimal or 0x-hex integer (as a JS number), null if the text is neither or its value is not a
 * safe integer (beyond ±2^53 a number would lose digits or become Infinity).
 */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t.length > MAX_DIGITS + 3) return null;
  let v: number;
  if (/^-?0x[0-9a-fA-F]+$/.test(t)) {
    const neg = t.startsWith('-');
    v = parseInt(t.slice(neg ? 3 : 2), 16);
    if (neg) v = -v;
  } else if (/^-?\d+$/.test(t)) v = parseInt(t, 10);
  else return null;
  return Number.isSafeInteger(v) ? v : null;
}

/** A `.length` value: bytes (0 … MAX_LENGTH), or why it is not one. */
export function parseLength(text: string): { ok: true; length: number } | { ok: false; reason: string } {
  const t = text.trim();
  const n = parseNumber(t);
  const shown = t.length > 40 ? `${t.slice(0, 20)}…${t.slice(-8)} (${t.length} characters)` : t;
  if (n === null) {
    if (/^-?(0x[0-9a-fA-F]+|\d+)$/.test(t)) return { ok: false, reason: `length ${shown} is out of range (more than 2^48 bytes)` };
    return { ok: false, reason: `bad length "${shown}"` };
  }
  if (n < 0) return { ok: false, reason: `negative length ${shown}` };
  if (n > MAX_LENGTH) return { ok: false, reason: `length ${shown} is out of range (more than 2^48 bytes)` };
  return { ok: true, length: n };
}

/** `NAME [PID]` as printed by the Process line, split without a backtracking regex. */
export function splitProcess(value: string): { name: string; pid: number | null } {
  if (value.endsWith(']')) {
    const open = value.lastIndexOf('[');
    if (open >= 0) {
      const pid = value.slice(open + 1, -1);
      if (/^-?\d{1,15}$/.test(pid)) return { name: value.slice(0, open).trimEnd(), pid: parseInt(pid, 10) };
    }
  }
  return { name: value, pid: null };
}

/** Digits at the end of a text (an engine's instance), found without a backtracking regex. */
function trailingNumber(text: string): number | null {
  let i = text.length;
  while (i > 0 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
  if (i === text.length || text.length - i > 15) return null;
  return parseInt(text.slice(i), 10);
}

function parseBig(text: string): bigint | null {
  const t = text.trim();
  if (/^0x[0-9a-fA-F]{1,16}$/.test(t)) return BigInt(t);
  if (/^[0-9a-fA-F]{1,16}$/.test(t)) return BigInt('0x' + t);
  return null;
}

export class XeInterpreter {
  readonly model: DumpModel;
  private section: Section;
  private gt: GtInfo | null = null;
  private engine: Engine | null = null;
  private gucId: number | null = null;
  private range: MemoryRange | null = null;
  private readonly rfc: RfcRangeBuilder;
  private readonly log: DiagnosticLog;
  private readonly blobByName = new Map<string, Blob>();
  /** Lines before the first section header belong to no section of the model: not kept. */
  private inSection = false;
  private entriesFull = false;
  /** Bytes of payloads decoded into memory so far (the on-demand policy's budget). */
  private eagerBytes = 0;
  private readonly small = new SmallBuffers();

  constructor(private readonly options: ParseOptions = {}) {
    this.model = {
      format: 'xe', header: emptyHeader(), sections: [], entries: emptyEntryTable(), ranges: [], blobs: [], engines: [],
      batchAddresses: [], vm: { uapiFlags: null, error: null }, diagnostics: [], lineCount: 0, byteCount: 0,
    };
    this.section = { title: '', line: 0, first: 0, count: 0 };
    this.log = new DiagnosticLog(this.model.diagnostics);
    const od = options.onDemand;
    // RFC ranges past the eager budget keep an index and are read again from the text (rfc.ts).
    this.rfc = new RfcRangeBuilder(this.model.ranges, (d) => this.diag(d.line, d.severity, d.message), od ? {
      text: od.text, cache: od.cache, pageBytes: od.pageBytes ?? PAGE_BYTES,
      lazy: () => this.eagerBytes >= od.eagerBytes,
      spent: (bytes) => { this.eagerBytes += bytes; },
    } : null);
  }

  diag(line: number, severity: Severity, message: string): void {
    this.log.add(line, severity, message);
  }

  /**
   * Keep a line as an entry of its section, in the dump's entry table (entries.ts: about 12 bytes
   * a line plus its text). Past the table's safety bounds (tens of millions of lines) the lines are
   * still read (ranges, engines, header) but no longer listed, with one diagnostic.
   */
  private addEntry(e: Entry, lineNo: number): void {
    if (!this.inSection || this.entriesFull) return;
    if (addEntry(this.model.entries, e.key, e.value, e.indent, e.line, e.bare)) {
      this.section.count++;
      return;
    }
    this.entriesFull = true;
    this.diag(lineNo, 'warning', `more than ${MAX_ENTRIES} lines (or 1 GiB) of text in sections: from here on lines are read but not listed in their section`);
  }

  private get inVm(): boolean {
    return this.section.title === 'VM state';
  }

  lineSpan(start: number, end: number): void {
    this.rfc.textAt = start;
    this.rfc.textEnd = end;
  }

  /** One complete line that is not a data line (line end and BOM already removed). */
  line(raw: string, lineNo: number): void {
    let text = raw;
    // The blob helper's "Size not word aligned: %zu" has no newline and glues onto the next text.
    const glued = /^\s*Size not word aligned: (\d+)/.exec(text);
    if (glued) {
      this.diag(lineNo, 'warning', `blob skipped by the kernel: size not word aligned (${glued[1]} bytes)`);
      text = text.slice(glued[0].length);
    }
    const trimmed = text.trim();
    if (trimmed === '') return;
    const title = sectionTitle(text);
    if (title !== null) {
      this.openSection(title, lineNo);
      return;
    }
    const indent = indentOf(text);
    if (this.inVm && this.rfc.line(trimmed, lineNo)) {
      if (this.model.format !== 'xe-rfc') this.model.format = 'xe-rfc';
      this.collapseRfcEntry(lineNo);
      return;
    }
    this.rfc.close();
    const colon = trimmed.indexOf(':');
    const key = colon < 0 ? trimmed : trimmed.slice(0, colon).trimEnd();
    const value = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
    this.addEntry(colon < 0 ? { key, value, indent, line: lineNo, bare: true } : { key, value, indent, line: lineNo }, lineNo);

    const b = BRACKET.exec(trimmed);
    if (b) {
      this.bracket(b[1], b[2], b[3].trim(), lineNo);
      return;
    }
    switch (this.section.title) {
      case 'Xe Device Coredump': this.headerLine(key, value, indent, colon >= 0, lineNo); break;
      case 'Job': this.jobLine(key, value, lineNo); break;
      case 'HW Engines': this.engineLine(trimmed, key, value, indent, colon >= 0, lineNo); break;
      case 'VM state': this.vmLine(key, value, lineNo); break;
      default: break;
    }
    if (key === 'GuC ID') this.gucId = parseNumber(value);
  }

  /** RFC memory lines are many: one entry per range, not per line. */
  private collapseRfcEntry(lineNo: number): void {
    const r = this.model.ranges[this.model.ranges.length - 1];
    const key = `[${r.address.toString(16)}]`;
    const t = this.model.entries;
    const value = r.error ?? `${r.length} bytes`;
    if (this.section.count > 0 && entryLine(t, t.count - 1) === r.line && entryKey(t, t.count - 1) === key) setLastValue(t, value);
    else this.addEntry({ key, value, indent: 0, line: lineNo }, lineNo);
  }

  private openSection(title: string, lineNo: number): void {
    this.rfc.close();
    this.section = { title, line: lineNo, first: this.model.entries.count, count: 0 };
    this.model.sections.push(this.section);
    this.inSection = true;
    this.gt = null;
    this.engine = null;
    this.gucId = null;
    this.range = null;
  }

  private headerLine(key: string, value: string, indent: number, hasColon: boolean, lineNo: number): void {
    const h = this.model.header;
    if (indent > 0 && this.gt) {
      const n = parseNumber(value);
      if (key === 'Tile') this.gt.tile = n;
      else if (key === 'Type') this.gt.type = value;
      else if (key === 'IP ver') this.gt.ipVersion = value;
      else if (key === 'CS reference clock') this.gt.csReferenceClock = n;
      return;
    }
    if (!hasColon) return;
    switch (key) {
      case 'Reason': h.reason = value; break;
      case 'kernel': h.kernel = value; break;
      case 'module': h.module = value; break;
      case 'Snapshot time': h.snapshotTime = value; break;
      case 'Uptime': h.uptime = value; break;
      case 'Boot time': h.bootTime = value; break;
      case 'Process': {
        const p = splitProcess(value);
        h.process = p.name;
        h.pid = p.pid;
        break;
      }
      case 'PCI ID': h.pciId = parseNumber(value); break;
      case 'PCI revision': h.pciRevision = parseNumber(value); break;
      case 'GT id': {
        const id = parseNumber(value);
        if (id === null) {
          this.diag(lineNo, 'warning', `bad GT id "${value}"`);
          return;
        }
        this.gt = { id, line: lineNo, tile: null, type: null, ipVersion: null, csReferenceClock: null };
        h.gts.push(this.gt);
        break;
      }
      default: break;
    }
  }

  private jobLine(key: string, value: string, lineNo: number): void {
    if (!/^batch_addr\[\d+\]$/.test(key)) return;
    const v = parseBig(value);
    if (v === null) this.diag(lineNo, 'warning', `bad batch address "${value}"`);
    else this.model.batchAddresses.push(v);
  }

  private engineLine(trimmed: string, key: string, value: string, indent: number, hasColon: boolean, lineNo: number): void {
    const m = indent === 0 ? ENGINE_LINE.exec(trimmed) : null;
    if (m) {
      this.engine = {
        name: m[1], engineClass: engineClassOf(m[1]), instance: trailingNumber(m[1]),
        logicalInstance: parseNumber(m[2]), line: lineNo, captureSource: null, attributes: {}, registers: [],
      };
      this.model.engines.push(this.engine);
      return;
    }
    const e = this.engine;
    if (!e || !hasColon) return;
    const rv = REG_VALUE.exec(value);
    if (rv && /^[A-Za-z0-9_]+(\[\d+\])?$/.test(key)) {
      const hi = rv[1];
      const lo = rv[2];
      const bits: 32 | 64 = lo !== undefined || hi.length > 8 ? 64 : 32;
      const v = lo !== undefined ? (BigInt('0x' + hi) << 32n) | BigInt('0x' + lo) : BigInt('0x' + hi);
      e.registers.push({ name: key, value: v, bits, line: lineNo });
      return;
    }
    e.attributes[key] = value;
    if (key === 'Capture_source') e.captureSource = value;
  }

  private vmLine(key: string, value: string, lineNo: number): void {
    if (key === 'VM.uapi_flags') {
      const n = parseNumber(value);
      if (n === null) this.diag(lineNo, 'warning', `bad VM.uapi_flags "${value}"`);
      this.model.vm.uapiFlags = n;
    }
  }

  private isRangeName(name: string): boolean {
    return this.inVm && HEX_NAME.test(name);
  }

  private findRange(address: bigint): MemoryRange | null {
    if (this.range && this.range.address === address) return this.range;
    return null;
  }

  /** The last blob of this name, if `free` accepts it (one map lookup: never a scan of all blobs). */
  private lastBlob(name: string, free: (b: Blob) => boolean): Blob | null {
    const b = this.blobByName.get(name);
    return b && free(b) ? b : null;
  }

  private newBlob(name: string, length: number, lineNo: number): Blob {
    const b: Blob = {
      name, section: this.section.title, line: lineNo, length, data: null, decodedLength: 0,
      complete: true, error: null, attributes: {}, gucId: this.gucId,
    };
    this.model.blobs.push(b);
    this.blobByName.set(name, b);
    return b;
  }

  private bracket(name: string, attr: string, value: string, lineNo: number): void {
    if (this.isRangeName(name)) {
      const address = BigInt(name.startsWith('0x') ? name : '0x' + name);
      switch (attr) {
        case 'length': {
          // A length that is not a number in range is an error on the range (shown as such); its
          // data line, if any, is skipped.
          const len = parseLength(value);
          if (!len.ok) this.diag(lineNo, 'error', `${len.reason} for range 0x${address.toString(16)}`);
          this.range = {
            address, length: len.ok ? len.length : 0, line: lineNo, properties: null,
            data: null, decodedLength: 0, complete: true, error: len.ok ? null : len.reason,
          };
          this.model.ranges.push(this.range);
          return;
        }
        case 'properties': {
          const r = this.findRange(address);
          if (r) r.properties = parseProperties(value);
          else this.diag(lineNo, 'warning', `properties for 0x${address.toString(16)} without a preceding .length line`);
          return;
        }
        case 'error': {
          const r = this.findRange(address);
          if (r) r.error = value;
          else if (address === 0n) this.model.vm.error = value;
          else {
            this.diag(lineNo, 'warning', `error for 0x${address.toString(16)} without a preceding .length line`);
            this.range = {
              address, length: 0, line: lineNo, properties: null, data: null, decodedLength: 0, complete: true, error: value,
            };
            this.model.ranges.push(this.range);
          }
          return;
        }
        default:
          this.diag(lineNo, 'info', `unknown range attribute ".${attr}" kept as an entry`);
          return;
      }
    }
    switch (attr) {
      case 'length': {
        const len = parseLength(value);
        if (!len.ok) this.diag(lineNo, 'error', `${len.reason} for ${name}`);
        this.newBlob(name, len.ok ? len.length : 0, lineNo).error = len.ok ? null : len.reason;
        return;
      }
      case 'error': {
        const b = this.lastBlob(name, (x) => !hasBytes(x) && x.error === null) ?? this.newBlob(name, 0, lineNo);
        b.error = value;
        return;
      }
      default: {
        const b = this.lastBlob(name, (x) => !hasBytes(x));
        if (b) b.attributes[attr] = value;
        else this.diag(lineNo, 'info', `[${name}].${attr} without a preceding .length line, kept as an entry`);
      }
    }
  }

  /**
   * A `[NAME].data:` line starts. Returns where its bytes go, or null to skip the line (no length to
   * size it by, or the buffer cannot be allocated).
   */
  beginData(name: string, indent: number, lineNo: number, room = MAX_FIRST_DATA): DataTarget | null {
    this.rfc.close();
    this.addEntry({ key: `[${name}].data`, value: '', indent, line: lineNo }, lineNo);
    let owner: MemoryRange | Blob | null;
    let label: string;
    if (this.isRangeName(name)) {
      const address = BigInt(name.startsWith('0x') ? name : '0x' + name);
      label = `range 0x${address.toString(16)}`;
      owner = this.findRange(address);
      if (owner && !hasBytes(owner) && owner.error !== null && owner.length === 0 && owner.line === this.range?.line) {
        this.diag(lineNo, 'error', `data for ${label} skipped: ${owner.error}`);
        return null;
      }
      if (owner && (hasBytes(owner) || owner.error !== null)) owner = null;
    } else {
      label = name;
      const bad = this.blobByName.get(name);
      if (bad && !hasBytes(bad) && bad.error !== null && bad.length === 0 && bad.error.includes('length')) {
        this.diag(lineNo, 'error', `data for ${label} skipped: ${bad.error}`);
        return null;
      }
      owner = this.lastBlob(name, (b) => !hasBytes(b) && b.error === null);
    }
    if (!owner) {
      this.diag(lineNo, 'error', `data for ${label} without a preceding .length line; skipped`);
      return null;
    }
    const dwords = Math.ceil(owner.length / 4);
    const bytes = dwords * 4;
    if (bytes !== owner.length) this.diag(lineNo, 'warning', `${label}: length ${owner.length} is not a whole number of dwords`);
    // A small payload stays in memory: it is hashed when read (report.ts digestOf), not through a
    // hasher of its own (a hasher per payload cost more than 100,000 small payloads' bytes).
    const hasher = bytes > SMALL_PAYLOAD ? this.options.hash?.() ?? null : null;
    const od = this.options.onDemand;
    let out: Uint8Array | null = null;
    // A small payload is held in memory whatever the budget: its bytes cost less than the
    // checkpoints and decoder of an on-demand one.
    if (!od || bytes <= (od.smallBytes ?? SMALL_PAYLOAD) || this.eagerBytes + bytes <= od.eagerBytes) {
      // Memory follows the text, not the claim: the buffer starts at what the characters at hand
      // could decode to (`room`: 4 bytes a character, a 'z') and grows as groups arrive
      // (Ascii85Decoder); what a line cut short did not fill is given back in endData().
      const first = Math.min(dwords, Math.ceil(Math.max(0, Math.min(room, MAX_FIRST_DATA)) / 4));
      try {
        out = first === dwords ? this.small.take(bytes) : new Uint8Array(first * 4);
        this.eagerBytes += bytes;
      } catch {
        if (!od) {
          this.diag(lineNo, 'error', `${label}: cannot allocate ${owner.length} bytes; data skipped`);
          return null;
        }
      }
    }
    owner.complete = false;
    if (out) {
      const o = owner;
      const length = o.length;
      o.data = out.subarray(0, Math.min(length, out.length));
      const decoder = new Ascii85Decoder(out, dwords);
      decoder.onGrow = (grown) => { o.data = grown.subarray(0, Math.min(length, grown.length)); };
      return { decoder, paged: null, hasher, owner: o, line: lineNo, label };
    }
    // Past the budget: only the checkpoints are kept, the bytes are decoded again when read.
    const paged = new PagedDecoder(owner.length, hasher, od!.pageBytes);
    owner.lazy = new LazyBytes(owner.length, paged, od!.text, od!.cache);
    return { decoder: paged, paged, hasher, owner, line: lineNo, label };
  }

  /** The data of `t` ended: complete, short (next line is something else) or cut by the end of file. */
  endData(t: DataTarget, how: 'complete' | 'long' | 'short' | 'eof', lineNo: number): void {
    const d = t.decoder;
    const o = t.owner;
    o.decodedLength = Math.min(d.dwords * 4, o.length);
    o.complete = d.full;
    if (d instanceof Ascii85Decoder) {
      // Cut short: keep only what was decoded (the buffer may have been sized for more).
      d.onGrow = null;
      o.data = d.full ? d.out.subarray(0, o.length) : this.small.copy(d.out.subarray(0, o.decodedLength));
    }
    t.paged?.finish();
    if (t.hasher) {
      if (o.data) for (let at = 0; at < o.decodedLength; at += HASH_PIECE) t.hasher.update(o.data.subarray(at, Math.min(o.decodedLength, at + HASH_PIECE)));
      const d = t.hasher.digest();
      if (typeof d === 'string') o.sha256 = d;
      else void d.then((hex) => { o.sha256 = hex; });
    }
    if (how === 'long') {
      this.diag(lineNo, 'error', `${t.label}: data longer than .length (${o.length} bytes); the rest of the line is ignored`);
    } else if (how === 'short') {
      this.diag(t.line, 'error', `${t.label}: data shorter than .length: ${truncatedMessage(o.decodedLength, o.length)}`);
    } else if (how === 'eof' && !d.full) {
      this.diag(t.line, 'error', `${t.label}: file ends inside the data: ${truncatedMessage(o.decodedLength, o.length)}`);
    }
    if (d.pending > 0 && !d.full) {
      this.diag(t.line, 'error', `${t.label}: incomplete ascii85 group (${d.pending} of 5 characters) at the end of the data`);
    }
    if (d.overflowGroups > 0) {
      this.diag(t.line, 'error', `${t.label}: ${d.overflowGroups} ascii85 group(s) above 0xFFFFFFFF (first at byte offset ${d.firstOverflowDword * 4}); stored wrapped`);
    }
    if (d.invalidChars > 0) {
      this.diag(t.line, 'error', `${t.label}: ${d.invalidChars} character(s) outside the ascii85 alphabet skipped (first: 0x${d.firstInvalidChar.toString(16).padStart(2, '0')})`);
    }
    if (d.misplacedZ > 0) {
      this.diag(t.line, 'error', `${t.label}: ${d.misplacedZ} 'z' inside a group; the open group was dropped`);
    }
  }

  finish(lineCount: number, byteCount: number): DumpModel {
    this.rfc.close();
    for (const r of this.model.ranges) {
      if (!hasBytes(r) && r.error === null && r.properties?.type !== 'null_sparse' && this.model.format === 'xe') {
        this.diag(r.line, 'warning', `range 0x${r.address.toString(16)} has neither data nor error`);
      }
    }
    for (const b of this.model.blobs) {
      if (!hasBytes(b) && b.error === null) this.diag(b.line, 'warning', `${b.name} has neither data nor error`);
    }
    this.log.close();
    trimEntryTable(this.model.entries);
    this.model.lineCount = lineCount;
    this.model.byteCount = byteCount;
    return this.model;
  }
}

/** A payload up to this many bytes shares a slab with others (see SmallBuffers). */
const SMALL_PAYLOAD = 1024;
export const SLAB_BYTES = 256 << 10;

/**
 * Buffers for small payloads, cut from shared slabs: each array buffer of its own costs a few
 * hundred bytes of bookkeeping beside its bytes, which for 100,000 ranges of 4 bytes was most of
 * the model. Bigger payloads get their own buffer.
 */
class SmallBuffers {
  private slab = new Uint8Array(0);
  private used = 0;

  /** `n` zero bytes (n a multiple of 4: a decoder writes whole dwords). */
  take(n: number): Uint8Array {
    if (n > SMALL_PAYLOAD) return new Uint8Array(n);
    if (this.used + n > this.slab.length) {
      this.slab = new Uint8Array(SLAB_BYTES);
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + n);
    this.used += (n + 3) & ~3;
    return out;
  }

  /** A copy of `bytes` (the part of a longer buffer a short payload filled). */
  copy(bytes: Uint8Array): Uint8Array {
    const out = this.take((bytes.length + 3) & ~3).subarray(0, bytes.length);
    out.set(bytes);
    return out;
  }
}

function indentOf(text: string): number {
  let tabs = 0;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 32) spaces++;
    else break;
  }
  return tabs + (spaces > 0 ? 1 : 0);
}
