// The msm (freedreno, Adreno a5xx–a7xx) devcoredump: the YAML-like text written by
// msm_gpu_devcoredump_read() and adreno_show() (plus the a6xx/a7xx extras in a6xx_gpu_state.c):
//   ---, kernel:, module:, time: %lld.%09ld, comm:, cmdline:, revision:,
//   fault-info: ("  - iova=%.16lx", dir, type, source) for iova faults, rbbm-status: 0x%08x,
//   ringbuffer: items (id, iova, last-fence, retired-fence, rptr, wptr, size, data),
//   bos: items (iova, size, flags, name, data), registers: "  - { offset: 0x%04x, value: 0x%08x }",
//   and a6xx+ sections (shader blocks, clusters, indexed registers, debugbus, GMU …).
// A payload follows "data: !!ascii85 |" on the next, indented line: the kernel's per-u32 ascii85
// with trailing zero dwords dropped, so it is padded with zeros to `size`. Rings and bos become
// ranges at their IOVA; a bo without a data line is listed without bytes; the payloads of other
// sections are kept as named blobs; every line is kept as an entry.
import type { DataHead, DataSink, LineInterpreter } from './dialect.ts';
import type { Blob, Engine, MemoryRange } from './model.ts';
import { GrowingAscii85, MAX_OBJECT_BYTES } from './grow-sink.ts';
import { TextModelBuilder, readRegisterValue } from './text-model.ts';
import { isAscii85Byte } from './ascii85.ts';
import { parseNumber } from './xe.ts';
import { entriesOf } from './entries.ts';

const ITEM = /^-\s+(.*)$/;
const REGISTER_LINE = /^-?\s*\{\s*offset:\s*0x([0-9a-fA-F]+),\s*value:\s*0x([0-9a-fA-F]+)\s*\}\s*$/;
const DATA_LINE = /^data:\s*!!ascii85\s*\|\s*$/;

interface Item {
  line: number;
  fields: Record<string, string>;
  /** The range or blob made for it (at its data line, or when it closes). */
  made: MemoryRange | Blob | null;
}

interface MsmSink extends DataSink {
  decoder: GrowingAscii85;
  owner: MemoryRange | Blob;
  /** Bytes the owner spans (the payload is padded to it), null when unknown. */
  size: number | null;
  label: string;
}

/** A decimal or 0x-hex count; null when it is neither or not a safe integer (400 digits). */
function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = parseNumber(v);
  return n !== null && n >= 0 ? n : null;
}

/**
 * Most zero bytes padded back after a printed data line (the kernel drops trailing zero dwords):
 * a size past it is kept as the range's length, and the bytes past the data read as zeros, but no
 * buffer the size of a claim is made.
 */
const MAX_PAD = 64 << 20;

function big(v: string | undefined): bigint | null {
  if (v === undefined) return null;
  const t = v.trim();
  if (/^(?:0x)?[0-9a-fA-F]{1,16}$/.test(t)) return BigInt(t.startsWith('0x') ? t : '0x' + t);
  return null;
}

export class MsmInterpreter extends TextModelBuilder implements LineInterpreter<MsmSink> {
  private top = '';
  private item: Item | null = null;
  private expectData = false;
  private gpu: Engine | null = null;
  private regs: Engine | null = null;
  private first = true;

  constructor() {
    super('msm', 'msm devcoredump');
    this.model.addressBits = 48;
  }

  dataHead(buf: Uint8Array, s: number, p: number, e: number, complete: boolean): DataHead {
    if (!this.expectData) return { kind: 'line' };
    if (p >= e) return complete ? { kind: 'line' } : { kind: 'undecided' };
    if (p > s && isAscii85Byte(buf[p])) return { kind: 'data', name: '', indent: 1, start: p };
    return { kind: 'line' };
  }

  beginData(_name: string, indent: number, lineNo: number): MsmSink | null {
    this.expectData = false;
    this.push('ascii85', '', indent, lineNo);
    const it = this.item;
    if (!it) return null;
    const owner = this.make(it, true);
    if (!owner) return null;
    const size = 'address' in owner ? owner.length : owner.length > 0 ? owner.length : null;
    const label = 'address' in owner ? owner.name ?? 'range' : owner.name;
    return { decoder: new GrowingAscii85(false), owner, size, label, singleLine: true };
  }

  endData(t: MsmSink, how: 'complete' | 'long' | 'short' | 'eof', lineNo: number): void {
    const res = t.decoder.finish();
    const o = t.owner;
    let bytes = res.bytes;
    if (t.size !== null && bytes.length > t.size) {
      this.diag(lineNo, 'error', `${t.label}: ${bytes.length} bytes of data for a size of ${t.size}; the rest is ignored`);
      bytes = bytes.slice(0, t.size);
    } else if (t.size !== null && bytes.length < t.size && how !== 'eof' && t.size - bytes.length > MAX_PAD) {
      this.diag(lineNo, 'warning', `${t.label}: a size of ${t.size} bytes for ${bytes.length} printed; the zeros past them are not held`);
    } else if (t.size !== null && bytes.length < t.size && how !== 'eof') {
      // The kernel drops trailing zero dwords: pad them back.
      const padded = new Uint8Array(t.size);
      padded.set(bytes);
      bytes = padded;
    }
    o.data = bytes;
    o.length = t.size ?? bytes.length;
    o.decodedLength = bytes.length;
    o.complete = how !== 'eof' && res.pending === 0 && !res.capped;
    if (how === 'eof') this.diag(lineNo, 'error', `${t.label}: the file ends inside its data; ${res.bytes.length} of ${o.length} bytes decoded`);
    if (res.capped) this.diag(lineNo, 'error', `${t.label}: larger than ${MAX_OBJECT_BYTES} bytes; the rest is dropped`);
    if (res.pending > 0) this.diag(lineNo, 'error', `${t.label}: incomplete ascii85 group (${res.pending} of 5 characters) at the end of the data`);
    if (res.invalidChars > 0) {
      this.diag(lineNo, 'error', `${t.label}: ${res.invalidChars} character(s) outside the ascii85 alphabet skipped (first: 0x${res.firstInvalidChar.toString(16).padStart(2, '0')})`);
    }
    if (res.overflowGroups > 0) this.diag(lineNo, 'error', `${t.label}: ${res.overflowGroups} ascii85 group(s) above 0xFFFFFFFF; stored wrapped`);
  }

  line(raw: string, lineNo: number): void {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (this.expectData) {
      this.expectData = false;
      this.diag(lineNo, 'warning', 'no ascii85 line after "data: !!ascii85 |"');
    }
    if (this.first) {
      this.first = false;
      this.entry(trimmed, 0, lineNo);
      return;
    }
    const indented = /^\s/.test(raw);
    if (!indented) {
      this.closeItem();
      if (/^[^\s:]+:$/.test(trimmed)) {
        // "ringbuffer:", "bos:", "fault-info:", … open a section.
        this.top = trimmed.slice(0, -1);
        this.openSection(this.top, lineNo);
        return;
      }
      const { key, value } = this.entry(trimmed, 0, lineNo);
      this.top = '';
      this.headerLine(key, value, lineNo);
      return;
    }
    const depth = /^[ \t]*/.exec(raw)![0].length;
    const reg = REGISTER_LINE.exec(trimmed);
    if (reg) {
      this.entry(trimmed, 1, lineNo, '\u0000');
      const e = this.registerEngine();
      e.registers.push({ name: `0x${reg[1].toLowerCase().padStart(4, '0')}`, value: BigInt('0x' + reg[2]), bits: reg[2].length > 8 ? 64 : 32, line: lineNo });
      return;
    }
    const it = ITEM.exec(trimmed);
    let body = trimmed;
    if (it && depth <= 2) {
      this.closeItem();
      this.item = { line: lineNo, fields: {}, made: null };
      body = it[1];
    } else if (it) body = it[1];
    const { key, value } = this.entry(body, depth <= 2 ? 1 : 2, lineNo, body.includes('=') && !body.includes(':') ? '=' : ':');
    if (this.top === 'fault-info') {
      this.faultLine(key, value, lineNo);
      return;
    }
    if (DATA_LINE.test(body)) {
      this.expectData = true;
      return;
    }
    if (this.item && !(key in this.item.fields)) this.item.fields[key] = value;
  }

  private headerLine(key: string, value: string, lineNo: number): void {
    const h = this.model.header;
    switch (key) {
      case 'kernel': h.kernel = value; return;
      case 'module': h.module = value; return;
      case 'time': h.snapshotTime = value; return;
      case 'comm': h.process = value; return;
      case 'rbbm-status': {
        const v = readRegisterValue(value);
        if (v) this.gpuEngine(lineNo).registers.push({ name: 'RBBM_STATUS', value: v.value, bits: v.bits, line: lineNo });
        return;
      }
      case 'revision': this.gpuEngine(lineNo).attributes.revision = value; return;
      case 'cmdline': this.gpuEngine(lineNo).attributes.cmdline = value; return;
      default: break;
    }
  }

  private faultLine(key: string, value: string, lineNo: number): void {
    if (key !== 'iova') return;
    const a = big(value);
    if (a === null) {
      this.diag(lineNo, 'warning', `bad fault iova "${value}"`);
      return;
    }
    this.model.fault = { address: a, line: lineNo, detail: 'iova fault' };
    this.gpuEngine(lineNo).registers.push({ name: 'FAULT_IOVA', value: a, bits: 64, line: lineNo });
  }

  override finish(lineCount: number, byteCount: number) {
    this.closeItem();
    const f = this.model.fault;
    if (f) {
      const info = this.model.sections.find((s) => s.title === 'fault-info');
      const parts = info ? entriesOf(this.model.entries, info).toArray().filter((e) => e.indent > 0 && e.key !== 'iova' && e.value !== '').map((e) => `${e.key}=${e.value}`) : [];
      if (parts.length) f.detail = parts.join(', ');
    }
    return super.finish(lineCount, byteCount);
  }

  private gpuEngine(lineNo: number): Engine {
    if (!this.gpu) {
      this.gpu = this.newEngine('gpu', lineNo);
      this.gpu.engineClass = 'other';
      this.gpu.instance = null;
    }
    return this.gpu;
  }

  private registerEngine(): Engine {
    if (!this.regs || this.regs.name !== this.top) {
      this.regs = this.model.engines.find((e) => e.name === this.top) ?? this.newEngine(this.top || 'registers', this.section.line);
      this.regs.engineClass = 'other';
      this.regs.instance = null;
    }
    return this.regs;
  }

  /** The range (ringbuffer, bos) or blob (other sections) of an item, made once. */
  private make(it: Item, withData: boolean): MemoryRange | Blob | null {
    if (it.made) return withData && it.made.data === null ? it.made : withData ? null : it.made;
    const f = it.fields;
    if (this.top === 'ringbuffer' || this.top === 'bos') {
      const iova = big(f.iova);
      if (iova === null) {
        this.diag(it.line, 'error', `${this.top} item without an iova; ${withData ? 'its data is skipped' : 'skipped'}`);
        return null;
      }
      const size = num(f.size);
      if (size === null && f.size !== undefined) this.diag(it.line, 'error', `${this.top} item: size "${f.size.trim().slice(0, 40)}" is not a number in range`);
      const name = this.top === 'ringbuffer' ? `ringbuffer ${f.id ?? '?'}` : `bo ${(f.name ?? '').trim() || '0x' + iova.toString(16)}`;
      const r = this.newRange(iova, name, it.line);
      r.length = size ?? 0;
      if (f.flags !== undefined) r.properties = { raw: `flags=${f.flags}`, permission: null, type: null, memRegion: null, patIndex: null, cpuCaching: null, other: { flags: f.flags } };
      if (size === null) this.diag(it.line, 'warning', `${name}: no size line`);
      if (this.top === 'ringbuffer') this.ringEngine(it, iova, name);
      it.made = r;
      return r;
    }
    if (!withData) return null;
    const tag = f.name ?? f['regs-name'] ?? f.type ?? f['cluster-name'] ?? f['debugbus-block'] ?? f.id ?? String(it.line);
    const b: Blob = {
      name: `${this.top} ${tag.trim()}`, section: this.top, line: it.line, length: 0, data: null, decodedLength: 0,
      complete: true, error: null, attributes: { ...f }, gucId: null,
    };
    this.model.blobs.push(b);
    it.made = b;
    return b;
  }

  private ringEngine(it: Item, iova: bigint, name: string): void {
    const e = this.newEngine(name, it.line);
    e.engineClass = 'other';
    e.instance = num(it.fields.id);
    e.registers.push({ name: 'IOVA', value: iova, bits: 64, line: it.line });
    for (const [k, reg] of [['rptr', 'RPTR'], ['wptr', 'WPTR']] as const) {
      const v = num(it.fields[k]);
      if (v !== null) e.registers.push({ name: reg, value: BigInt(v), bits: 32, line: it.line });
    }
    for (const k of ['last-fence', 'retired-fence']) if (it.fields[k] !== undefined) e.attributes[k] = it.fields[k];
  }

  private closeItem(): void {
    const it = this.item;
    this.item = null;
    if (!it) return;
    if (!it.made && (this.top === 'ringbuffer' || this.top === 'bos')) this.make(it, false);
  }
}
