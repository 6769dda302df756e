// The i915 GPU error state (/sys/class/drm/cardN/error; debugfs i915_error_state before that), as
// printed by drivers/gpu/drm/i915/i915_gpu_error.c. Three shapes:
//   modern (≈4.x … 6.x): "GPU HANG: ecode …", header lines, global registers and `  fence[%d] = %llx`,
//     per-engine blocks "<engine> command stream:" with two-space-indented registers, and every
//     captured object as "<engine|global> --- <name> = 0x%08x %08x" (GTT offset, high dword first),
//     an optional "gtt_page_sizes = 0x%08x", then ONE line: ':' + ascii85 of a zlib stream (padded
//     with zero bytes to a whole dword) or '~' + ascii85 of the raw pages;
//   legacy (≤ 2014): first line "Time: %ld s %ld us", objects as "<ring> --- <name> = 0x%08x" followed
//     by one "%08x :  %08x" line per dword;
//   "No error state collected": no hang recorded.
// Objects become named ranges at their GTT address; engine registers become engines; header lines
// become header facts; every line is also kept as an entry.
import type { DataHead, DataSink, LineInterpreter } from './dialect.ts';
import type { Engine, MemoryRange } from './model.ts';
import { GrowingAscii85, MAX_OBJECT_BYTES } from './grow-sink.ts';
import { TextModelBuilder, WordBuffer, readRegisterValue } from './text-model.ts';
import { humanBytes } from './units.ts';

const COLON = 0x3a;
const TILDE = 0x7e;

export const OBJECT_MODERN = /^(.+?) --- (.+?) = 0x([0-9a-fA-F]{8}) ([0-9a-fA-F]{8})\s*$/;
export const OBJECT_LEGACY = /^(.+?) --- (.+?) = 0x([0-9a-fA-F]{1,8})\s*$/;
const WORD_LINE = /^([0-9a-fA-F]{8})\s+:\s+([0-9a-fA-F]{8})\s*$/;
const ENGINE_HEADER = /^(\S.*?) command stream:\s*$/;
const FENCE = /^fence\[(\d+)\]\s*=\s*(?:0x)?([0-9a-fA-F]{1,16})\s*$/;
const REG_NAME = /^[A-Za-z][A-Za-z0-9_ [\]]*$/;
const PAGE_SIZES = /^gtt_page_sizes\s*=\s*(0x[0-9a-fA-F]+)\s*$/;

/**
 * i915 platform names (as `Platform:` prints them, from the driver's platform list) of parts
 * before Broadwell, whose GTTs are 32-bit; later parts use 48-bit PPGTT addresses.
 */
const PLATFORMS_32BIT = new Set([
  'i830', 'i845g', 'i85x', 'i865g', 'i915g', 'i915gm', 'i945g', 'i945gm', 'g33', 'pineview',
  'i965g', 'i965gm', 'g45', 'gm45', 'ironlake', 'sandybridge', 'ivybridge', 'valleyview', 'haswell',
]);

/** The kernel's object names as our kinds: 3.x–4.x print the batch as `gtt_offset`. */
function objectKind(name: string): string {
  return name === 'gtt_offset' ? 'batch' : name === 'ringbuffer' ? 'ring' : name;
}

interface I915Sink extends DataSink {
  decoder: GrowingAscii85;
  range: MemoryRange;
  compressed: boolean;
}

interface Legacy {
  range: MemoryRange;
  words: WordBuffer;
  /** Offset column of the next word (relative or absolute, decided by the first word). */
  next: number;
  base: number | null;
}

export class I915Interpreter extends TextModelBuilder implements LineInterpreter<I915Sink> {
  private engine: Engine | null = null;
  private global: Engine | null = null;
  /** Object header seen, data line not yet. */
  private pending: MemoryRange | null = null;
  private legacy: Legacy | null = null;
  private legacyLayout = false;
  private platform: string | null = null;
  private first = true;

  constructor() {
    super('i915', 'i915 error state');
    this.model.header.module = 'i915';
  }

  dataHead(buf: Uint8Array, s: number, p: number, e: number, complete: boolean): DataHead {
    if (p >= e) return complete ? { kind: 'line' } : { kind: 'undecided' };
    if (p === s && (buf[p] === COLON || buf[p] === TILDE)) {
      return { kind: 'data', name: buf[p] === COLON ? ':' : '~', indent: 0, start: p + 1 };
    }
    return { kind: 'line' };
  }

  beginData(name: string, indent: number, lineNo: number): I915Sink | null {
    this.closeLegacy();
    const r = this.pending;
    this.pending = null;
    this.push(name === ':' ? 'data (zlib, ascii85)' : 'data (ascii85)', '', indent, lineNo);
    if (!r) {
      this.diag(lineNo, 'error', 'object data without a preceding "<engine> --- <name> = 0x…" line; skipped');
      return null;
    }
    r.complete = false;
    return { decoder: new GrowingAscii85(name === ':'), range: r, compressed: name === ':', singleLine: true };
  }

  endData(t: I915Sink, how: 'complete' | 'long' | 'short' | 'eof', lineNo: number): void {
    const res = t.decoder.finish();
    const r = t.range;
    const label = r.name ?? `object 0x${r.address.toString(16)}`;
    r.data = res.bytes;
    r.length = res.bytes.length;
    r.decodedLength = res.bytes.length;
    r.complete = how !== 'eof' && res.inflateError === null && !res.inflateIncomplete && !res.capped && res.pending === 0;
    if (how === 'eof') this.diag(t.range.line, 'error', `${label}: the file ends inside its data; ${humanBytes(r.length)} kept`);
    if (res.inflateError !== null) {
      this.diag(lineNo, 'error', `${label}: the zlib stream cannot be inflated (${res.inflateError}); ${humanBytes(r.length)} kept`);
    } else if (res.inflateIncomplete && how !== 'eof' && !res.capped) {
      this.diag(lineNo, 'error', `${label}: the zlib stream ends early; ${humanBytes(r.length)} kept`);
    }
    if (res.capped) this.diag(lineNo, 'error', `${label}: larger than ${humanBytes(MAX_OBJECT_BYTES)}; the rest is dropped`);
    if (res.pending > 0) this.diag(lineNo, 'error', `${label}: incomplete ascii85 group (${res.pending} of 5 characters) at the end of the data`);
    if (res.invalidChars > 0) {
      this.diag(lineNo, 'error', `${label}: ${res.invalidChars} character(s) outside the ascii85 alphabet skipped (first: 0x${res.firstInvalidChar.toString(16).padStart(2, '0')})`);
    }
    if (res.overflowGroups > 0) this.diag(lineNo, 'error', `${label}: ${res.overflowGroups} ascii85 group(s) above 0xFFFFFFFF; stored wrapped`);
    if (res.misplacedZ > 0) this.diag(lineNo, 'error', `${label}: ${res.misplacedZ} 'z' inside a group; the open group was dropped`);
  }

  line(raw: string, lineNo: number): void {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const indented = /^\s/.test(raw);
    if (this.first) {
      this.first = false;
      this.firstLine(trimmed, lineNo);
      return;
    }
    // Legacy word lines: many, so one entry per object rather than per line.
    const w = WORD_LINE.exec(trimmed);
    if (w && this.legacy) {
      this.word(parseInt(w[1], 16), parseInt(w[2], 16), lineNo);
      return;
    }
    this.closeLegacy();
    if (this.pending) {
      const ps = PAGE_SIZES.exec(trimmed);
      if (ps) {
        this.entry(trimmed, 0, lineNo, '=');
        this.pending.properties = { raw: `gtt_page_sizes=${ps[1]}`, permission: null, type: null, memRegion: null, patIndex: null, cpuCaching: null, other: { gtt_page_sizes: ps[1] } };
        return;
      }
      this.noData(this.pending);
      this.pending = null;
    }
    if (!indented) {
      const om = OBJECT_MODERN.exec(trimmed);
      const ol = om ? null : OBJECT_LEGACY.exec(trimmed);
      if (om || ol) {
        this.entry(trimmed, 0, lineNo, ' = ');
        this.object(om ?? ol!, om !== null, lineNo);
        return;
      }
      const eh = ENGINE_HEADER.exec(trimmed);
      if (eh) {
        this.openSection(trimmed.replace(/:\s*$/, ''), lineNo);
        this.engine = this.newEngine(eh[1], lineNo);
        return;
      }
      this.engine = null;
    }
    const { key, value } = this.entry(trimmed, indented ? 1 : 0, lineNo);
    const fence = FENCE.exec(trimmed);
    if (fence) {
      const g = this.globalEngine(lineNo);
      g.registers.push({ name: `fence[${fence[1]}]`, value: BigInt('0x' + fence[2]), bits: fence[2].length > 8 ? 64 : 32, line: lineNo });
      return;
    }
    if (this.engine && indented) {
      this.register(this.engine, key, value, trimmed, lineNo);
      return;
    }
    if (!indented) this.headerLine(key, value, trimmed, lineNo);
  }

  private firstLine(trimmed: string, lineNo: number): void {
    this.entry(trimmed, 0, lineNo);
    if (/^No error state collected/.test(trimmed)) {
      this.model.header.reason = trimmed;
      this.diag(lineNo, 'info', 'the kernel holds no error state: no GPU hang was recorded since boot or since it was last cleared');
      return;
    }
    const time = /^Time: (-?\d+) s (\d+) us\s*$/.exec(trimmed);
    if (time) {
      this.legacyLayout = true;
      this.model.header.snapshotTime = `${time[1]}.${(parseInt(time[2], 10) * 1000).toString().padStart(9, '0')}`;
      return;
    }
    this.model.header.reason = trimmed;
    const proc = /, in (.+?) \[(-?\d+)\]/.exec(trimmed);
    if (proc) {
      this.model.header.process = proc[1];
      this.model.header.pid = parseInt(proc[2], 10);
    }
  }

  private headerLine(key: string, value: string, trimmed: string, lineNo: number): void {
    const h = this.model.header;
    const time = /^(-?\d+) s (\d+) us$/.exec(value);
    switch (key) {
      case 'Kernel': h.kernel = value; return;
      case 'Time':
        h.snapshotTime = time ? `${time[1]}.${(parseInt(time[2], 10) * 1000).toString().padStart(9, '0')}` : value;
        return;
      // "%lld s %ld us" as seconds, the way xe prints them ("<sec>.<usec>").
      case 'Boottime': h.bootTime = time ? `${time[1]}.${time[2].padStart(6, '0')}` : value; return;
      case 'Uptime': h.uptime = time ? `${time[1]}.${time[2].padStart(6, '0')}` : value; return;
      case 'PCI ID': case 'PCIID': h.pciId = hexOrNull(value); return;
      case 'PCI Revision': h.pciRevision = hexOrNull(value); return;
      case 'Platform': this.platform = value.trim().toLowerCase(); return;
      default: break;
    }
    const ap = /^Active process \(on ring ([^)]*)\): (.*?) \[(-?\d+)\]$/.exec(trimmed);
    if (ap && h.process === null) {
      h.process = ap[2];
      h.pid = parseInt(ap[3], 10);
      return;
    }
    // Global registers (EIR, IER, PGTBL_ER, ERROR, DONE_REG, …) before the first engine.
    if (/^[A-Z][A-Z0-9_]*(\[\d+\])*$/.test(key) && this.model.engines.every((e) => e === this.global)) {
      const v = readRegisterValue(value);
      if (v && v.rest === '') {
        this.globalEngine(lineNo).registers.push({ name: key, value: v.value, bits: v.bits, line: lineNo });
      }
    }
  }

  private globalEngine(lineNo: number): Engine {
    if (!this.global) {
      this.global = this.newEngine('global', lineNo);
      this.global.engineClass = 'other';
      this.global.instance = null;
    }
    return this.global;
  }

  private register(e: Engine, key: string, value: string, trimmed: string, lineNo: number): void {
    if (!REG_NAME.test(key) || trimmed.indexOf(':') < 0) return;
    const v = readRegisterValue(value);
    if (!v) {
      e.attributes[key] = value;
      return;
    }
    e.registers.push({ name: key, value: v.value, bits: v.bits, line: lineNo });
    if (v.rest !== '') e.attributes[`${key} (also)`] = v.rest;
  }

  private object(m: RegExpExecArray, modern: boolean, lineNo: number): void {
    const owner = m[1].replace(/\s*\(submitted by .*\)$/, '').trim();
    const kind = objectKind(m[2].trim());
    const address = modern ? (BigInt('0x' + m[3]) << 32n) | BigInt('0x' + m[4]) : BigInt('0x' + m[3]);
    const r = this.newRange(address, `${owner} ${kind}`, lineNo);
    if (kind === 'batch') this.model.batchAddresses.push(address);
    if (modern) {
      this.pending = r;
      return;
    }
    this.legacy = { range: r, words: new WordBuffer(), next: 0, base: null };
    this.legacyLayout = true;
  }

  private word(offset: number, value: number, lineNo: number): void {
    const l = this.legacy!;
    if (l.base === null) {
      // The offset column counts from 0 on some kernels and from the GTT offset on others.
      l.base = offset === Number(l.range.address) ? offset : 0;
      l.next = l.base;
    }
    if (offset !== l.next) {
      this.diag(lineNo, 'warning', `${l.range.name}: word at 0x${offset.toString(16)} where 0x${l.next.toString(16)} was expected; stored in order`);
      l.next = offset;
    }
    l.words.push(value);
    l.next += 4;
  }

  private closeLegacy(): void {
    const l = this.legacy;
    if (!l) return;
    this.legacy = null;
    const r = l.range;
    const n = l.words.len;
    r.data = l.words.bytes();
    r.length = n;
    r.decodedLength = n;
    r.complete = true;
    this.push(`${r.name} words`, `${n / 4} dwords`, 0, r.line);
    if (n === 0) {
      r.data = null;
      this.noData(r);
    }
  }

  private noData(r: MemoryRange): void {
    this.diag(r.line, 'warning', `${r.name}: no data line follows; listed without bytes`);
  }

  override finish(lineCount: number, byteCount: number) {
    this.closeLegacy();
    if (this.pending) {
      this.noData(this.pending);
      this.pending = null;
    }
    const wide = this.model.ranges.some((r) => r.address > 0xffffffffn);
    this.model.addressBits = wide || !(this.legacyLayout || (this.platform !== null && PLATFORMS_32BIT.has(this.platform))) ? 48 : 32;
    return super.finish(lineCount, byteCount);
  }
}

function hexOrNull(v: string): number | null {
  const m = /^0x([0-9a-fA-F]+)$/.exec(v.trim());
  return m ? parseInt(m[1], 16) : null;
}
