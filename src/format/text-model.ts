// Shared by the interpreters of the formats beside xe (i915, msm, amdgpu): the model under
// construction, its sections with every line kept as an entry, capped diagnostics, and the
// register-value reading the kernels' printers share.
import type { DumpFormat, DumpModel, Engine, MemoryRange, Section, Severity } from './model.ts';
import { emptyHeader } from './model.ts';
import { engineClassOf } from './xe.ts';
import { DiagnosticLog } from './diagnostics.ts';
import { addEntry, emptyEntryTable, trimEntryTable } from './entries.ts';

export class TextModelBuilder {
  readonly model: DumpModel;
  protected section: Section;
  private readonly log: DiagnosticLog;

  constructor(format: DumpFormat, firstTitle: string) {
    this.model = {
      format, header: emptyHeader(), sections: [], entries: emptyEntryTable(), ranges: [], blobs: [], engines: [],
      batchAddresses: [], vm: { uapiFlags: null, error: null }, diagnostics: [], lineCount: 0, byteCount: 0,
    };
    this.section = { title: firstTitle, line: 1, first: 0, count: 0 };
    this.model.sections.push(this.section);
    this.log = new DiagnosticLog(this.model.diagnostics);
  }

  diag(line: number, severity: Severity, message: string): void {
    this.log.add(line, severity, message);
  }

  protected openSection(title: string, line: number): Section {
    this.section = { title, line, first: this.model.entries.count, count: 0 };
    this.model.sections.push(this.section);
    return this.section;
  }

  /** Keep a line as an entry of the current section: `key: value`, or bare. */
  protected entry(trimmed: string, indent: number, line: number, sep = ':'): { key: string; value: string } {
    const at = trimmed.indexOf(sep);
    const key = at < 0 ? trimmed : trimmed.slice(0, at).trimEnd();
    const value = at < 0 ? '' : trimmed.slice(at + sep.length).trim();
    this.push(key, value, indent, line, at < 0);
    return { key, value };
  }

  /** Append an entry to the current section (past the table's safety bounds, it is not kept). */
  protected push(key: string, value: string, indent: number, line: number, bare = false): void {
    if (addEntry(this.model.entries, key, value, indent, line, bare)) this.section.count++;
  }

  protected newEngine(name: string, line: number): Engine {
    const inst = /(\d+)$/.exec(name);
    const e: Engine = {
      name, engineClass: engineClassOf(name), instance: inst ? parseInt(inst[1], 10) : null,
      logicalInstance: null, line, captureSource: null, attributes: {}, registers: [],
    };
    this.model.engines.push(e);
    return e;
  }

  protected newRange(address: bigint, name: string, line: number): MemoryRange {
    const r: MemoryRange = {
      address, length: 0, line, properties: null, data: null, decodedLength: 0, complete: true, error: null, name,
    };
    this.model.ranges.push(r);
    return r;
  }

  finish(lineCount: number, byteCount: number): DumpModel {
    this.log.close();
    trimEntryTable(this.model.entries);
    this.model.lineCount = lineCount;
    this.model.byteCount = byteCount;
    return this.model;
  }
}

/** Dwords appended one at a time (i915's legacy word lines, amdgpu's ring words), little-endian. */
export class WordBuffer {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  len = 0;

  push(value: number): void {
    if (this.len + 4 > this.buf.length) {
      const nb = new Uint8Array(this.buf.length * 2);
      nb.set(this.buf.subarray(0, this.len));
      this.buf = nb;
      this.view = new DataView(nb.buffer);
    }
    this.view.setUint32(this.len, value >>> 0, true);
    this.len += 4;
  }

  /** The bytes, trimmed to what was pushed. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/**
 * A register value as the i915/msm/amdgpu printers write it: `0x%08x`, `0x%016llx`, the split
 * `0x%08x %08x` or `0x%08x_%08x` (high dword first), with anything after (e.g. HEAD's
 * ` [0x%08x]`) as `rest`. Null when the text does not start with a hex value.
 */
export function readRegisterValue(text: string): { value: bigint; bits: 32 | 64; rest: string } | null {
  const m = /^0x([0-9a-fA-F]{1,16})(?:[ _]([0-9a-fA-F]{8})(?![0-9a-fA-F]))?\s*(.*)$/.exec(text);
  if (!m) return null;
  const hi = m[1];
  const lo = m[2];
  if (lo !== undefined && hi.length > 8) return null;
  const value = lo !== undefined ? (BigInt('0x' + hi) << 32n) | BigInt('0x' + lo) : BigInt('0x' + hi);
  return { value, bits: lo !== undefined || hi.length > 8 ? 64 : 32, rest: m[3] };
}
