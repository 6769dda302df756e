// The amdgpu devcoredump (amdgpu_dev_coredump.c): "**** AMDGPU Device Coredump ****", header lines
// (version, kernel, module, time, process_name/PID), IP versions, "Ring timed out details", an
// optional page-fault block, register dumps ("0x%08x: 0x%08x" or "NAME … 0x%08x") and ring contents
// as plain hex words. It carries no ascii85 memory: there are no ranges with bytes. Sections are
// kept with every line as an entry; register lines become registers; the faulting address is kept.
import type { DataHead, DataSink, LineInterpreter } from './dialect.ts';
import type { Blob, Engine } from './model.ts';
import { TextModelBuilder, WordBuffer } from './text-model.ts';

const ADDR_REG = /^0x([0-9a-fA-F]{1,8}):\s*0x([0-9a-fA-F]{1,16})\s*$/;
const NAMED_REG = /^([A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?)\s*[:=]?\s+0x([0-9a-fA-F]{1,16})\s*$/;
const RING_WORD = /^0x([0-9a-fA-F]{1,8})\s+0x([0-9a-fA-F]{1,8})\s*$/;
/** Lines that open a block (as amdgpu_dev_coredump.c prints them). */
const SECTION_LINE = /^(Ring timed out details|\[\w+\] Page fault observed|Ring buffer information|AMDGPU register dumps:?|IP Dump.*)$/i;
const FAULT = /^Faulty page starting at address:\s*0x([0-9a-fA-F]{1,16})/;

export class AmdgpuInterpreter extends TextModelBuilder implements LineInterpreter {
  private regs: Engine | null = null;
  /** The ring whose "Offset \t Value" words are being read, kept as a blob of its dwords. */
  private ring: { blob: Blob; words: WordBuffer } | null = null;
  private ringName: string | null = null;
  private first = true;

  constructor() {
    super('amdgpu', 'AMDGPU Device Coredump');
  }

  dataHead(): DataHead {
    return { kind: 'line' };
  }

  beginData(): DataSink | null {
    return null;
  }

  endData(): void {}

  line(raw: string, lineNo: number): void {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (this.first) {
      this.first = false;
      this.section.line = lineNo;
      return;
    }
    const word = RING_WORD.exec(trimmed);
    if (word && this.ringName !== null) {
      this.ringWord(parseInt(word[1], 16), parseInt(word[2], 16), lineNo);
      return;
    }
    this.closeRing();
    const indent = /^\s/.test(raw) ? 1 : 0;
    if (indent === 0 && SECTION_LINE.test(trimmed)) {
      // A line that starts a block of the dump: it becomes the title of a section.
      this.openSection(trimmed.replace(/:$/, ''), lineNo);
      this.regs = null;
      return;
    }
    const { key, value } = this.entry(trimmed, indent, lineNo);
    const h = this.model.header;
    if (indent === 0) {
      switch (key) {
        case 'kernel': h.kernel = value; break;
        case 'module': h.module = value; break;
        case 'time': h.snapshotTime = value; break;
        case 'ring name': this.ringName = value; break;
        case 'process_name': {
          const m = /^(.*?)\s+PID:\s*(-?\d+)/.exec(value);
          h.process = m ? m[1] : value;
          h.pid = m ? parseInt(m[2], 10) : null;
          break;
        }
        default: break;
      }
    }
    const fault = FAULT.exec(trimmed);
    if (fault) {
      this.model.fault = { address: BigInt('0x' + fault[1]), line: lineNo, detail: 'page fault' };
      return;
    }
    const r = ADDR_REG.exec(trimmed) ?? NAMED_REG.exec(trimmed);
    if (r) {
      const name = ADDR_REG.test(trimmed) ? `0x${r[1].toLowerCase().padStart(8, '0')}` : r[1];
      this.engine().registers.push({ name, value: BigInt('0x' + r[2]), bits: r[2].length > 8 ? 64 : 32, line: lineNo });
    }
  }

  private ringWord(offset: number, value: number, lineNo: number): void {
    if (!this.ring) {
      const blob: Blob = {
        name: `ring ${this.ringName}`, section: this.section.title, line: lineNo, length: 0, data: null,
        decodedLength: 0, complete: true, error: null, attributes: {}, gucId: null,
      };
      this.model.blobs.push(blob);
      this.ring = { blob, words: new WordBuffer() };
    }
    const r = this.ring;
    const at = r.words.len;
    if (offset !== at) this.diag(lineNo, 'warning', `${r.blob.name}: word at offset 0x${offset.toString(16)} where 0x${at.toString(16)} was expected; stored in order`);
    r.words.push(value);
  }

  private closeRing(): void {
    const r = this.ring;
    if (!r) return;
    this.ring = null;
    this.ringName = null;
    const n = r.words.len;
    r.blob.data = r.words.bytes();
    r.blob.length = n;
    r.blob.decodedLength = n;
    this.push(`${r.blob.name} words`, `${n / 4} dwords`, 0, r.blob.line);
  }

  private engine(): Engine {
    const title = this.section.title;
    if (!this.regs) {
      this.regs = this.model.engines.find((e) => e.name === title) ?? this.newEngine(title, this.section.line);
      this.regs.engineClass = 'other';
      this.regs.instance = null;
    }
    return this.regs;
  }

  override finish(lineCount: number, byteCount: number) {
    this.closeRing();
    this.diag(0, 'info', 'an amdgpu devcoredump carries no GPU memory contents: only registers, ring words and text');
    return super.finish(lineCount, byteCount);
  }
}
