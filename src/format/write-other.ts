// Snapshot text of the formats beside xe, in their own format (a snapshot of an i915 error state is
// an i915 error state): every kept line again, and only the chosen memory. i915 objects are written
// raw ('~' + ascii85, which i915 prints when compression is off) at the piece's GTT address; msm
// rings and bos as items at the piece's IOVA; amdgpu (no memory) as its lines. Read back by the
// same importers to the same bytes at the same addresses. Pure.
import { encodeAscii85 } from './ascii85-encode.ts';
import type { Blob, DumpModel, Entry, MemoryRange, Section } from './model.ts';
import { Out, entryText, type ResolvedPiece, type WriteOptions } from './write.ts';
import { entriesOf } from './entries.ts';

const h8 = (v: bigint): string => v.toString(16).padStart(8, '0');

export function writeOtherText(model: DumpModel, opts: WriteOptions, pieces: ResolvedPiece[]): Uint8Array[] {
  const out = new Out();
  // In the source's order (objects follow their engine), not by address.
  const order = new Map(model.ranges.map((r, i) => [r, i]));
  pieces = [...pieces].sort((a, b) => order.get(a.range)! - order.get(b.range)! || a.offset - b.offset);
  if (model.format === 'i915') writeI915(out, model, pieces);
  else if (model.format === 'msm') writeMsm(out, model, opts, pieces);
  else writeAmdgpu(out, model, opts);
  out.flush();
  return out.chunks;
}

/** Payload bytes of a piece, as far as the source decoded them. */
function pieceBytes(p: ResolvedPiece): Uint8Array {
  const r = p.range;
  const end = Math.min(p.offset + p.length, r.decodedLength & ~3);
  return r.data!.subarray(p.offset, Math.max(p.offset, end));
}

function entryLine(e: Entry): string {
  return (e.indent > 0 ? '  ' : '') + entryText(e);
}

// ---- i915 ----------------------------------------------------------------------------------------

function isI915ObjectEntry(e: Entry): boolean {
  return / --- /.test(e.key) && /^0x[0-9a-fA-F]{1,8}( [0-9a-fA-F]{8})?$/.test(e.value);
}

function writeI915(out: Out, model: DumpModel, pieces: ResolvedPiece[]): void {
  const headers = new Map<number, Entry>();
  model.sections.forEach((s, i) => {
    if (i > 0) out.line(`${s.title}:`);
    for (const e of entriesOf(model.entries, s)) {
      if (isI915ObjectEntry(e)) {
        headers.set(e.line, e);
        continue;
      }
      if (e.key.startsWith('data (') || e.key === 'gtt_page_sizes' || (/ words$/.test(e.key) && / dwords$/.test(e.value))) continue;
      out.line(entryLine(e));
    }
  });
  for (const p of pieces) {
    const r = p.range;
    const h = headers.get(r.line);
    const [owner, kind] = h ? h.key.split(' --- ') : [r.name?.split(' ')[0] ?? 'global', r.name?.split(' ').slice(1).join(' ') || 'user'];
    const a = r.address + BigInt(p.offset);
    out.line(`${owner} --- ${kind} = 0x${h8(a >> 32n)} ${h8(a & 0xffffffffn)}`);
    const sizes = r.properties?.other.gtt_page_sizes;
    if (sizes) out.line(`gtt_page_sizes = ${sizes}`);
    out.bytes('~', encodeAscii85(pieceBytes(p)));
  }
}

// ---- msm -----------------------------------------------------------------------------------------

function msmItem(out: Out, fields: [string, string][], data: Uint8Array | null, dataIndent: string): void {
  fields.forEach(([k, v], i) => out.line(`${i === 0 ? '  - ' : '    '}${k}: ${v}`));
  if (data && data.length >= 4) {
    // All zeros still get a data line (one 'z'), or the item would read back as having no bytes.
    const t = trimZeroDwords(data);
    out.line('    data: !!ascii85 |');
    out.bytes(dataIndent, encodeAscii85(t.length > 0 ? t : new Uint8Array(4)));
  }
}

/** The kernel drops trailing zero dwords; so does the snapshot. */
function trimZeroDwords(b: Uint8Array): Uint8Array {
  let end = b.length & ~3;
  while (end >= 4 && b[end - 1] === 0 && b[end - 2] === 0 && b[end - 3] === 0 && b[end - 4] === 0) end -= 4;
  return b.subarray(0, end);
}

function writeMsm(out: Out, model: DumpModel, opts: WriteOptions, pieces: ResolvedPiece[]): void {
  const inSection = (title: string) => pieces.filter((p) => sectionOfRange(model, p.range) === title);
  for (let i = 0; i < model.sections.length; i++) {
    const s = model.sections[i];
    const blobs = model.blobs.filter((b) => b.section === s.title);
    if (i > 0) {
      if (s.title === 'ringbuffer' || s.title === 'bos') {
        const here = inSection(s.title);
        if (here.length === 0) continue;
        out.line(`${s.title}:`);
        for (const p of here) writeMsmRange(out, model, p);
        writeTopLevel(out, model, s);
        continue;
      }
      if (blobs.length > 0) {
        if (!opts.blobs) continue;
        out.line(`${s.title}:`);
        for (const b of blobs) writeMsmBlob(out, b);
        writeTopLevel(out, model, s);
        continue;
      }
      out.line(`${s.title}:`);
    }
    for (const e of entriesOf(model.entries, s)) {
      if (e.indent === 0) out.line(entryText(e));
      else if (s.title === 'fault-info') out.line(`  - ${e.key}=${e.value}`);
      else if (e.bare) out.line(`  ${e.key}`);
      else out.line(`    ${e.key}: ${e.value}`);
    }
  }
}

/** Header lines printed after a section (rbbm-status after fault-info): kept at the top level. */
function writeTopLevel(out: Out, model: DumpModel, s: Section): void {
  for (const e of entriesOf(model.entries, s)) if (e.indent === 0) out.line(entryText(e));
}

function sectionOfRange(model: DumpModel, r: MemoryRange): string {
  return r.name?.startsWith('ringbuffer ') ? 'ringbuffer' : 'bos';
}

function writeMsmRange(out: Out, model: DumpModel, p: ResolvedPiece): void {
  const r = p.range;
  const iova = `0x${(r.address + BigInt(p.offset)).toString(16).padStart(16, '0')}`;
  const data = pieceBytes(p);
  if (r.name?.startsWith('ringbuffer ')) {
    const ring = model.engines.find((e) => e.name === r.name);
    const reg = (n: string) => ring?.registers.find((x) => x.name === n)?.value.toString() ?? '0';
    msmItem(out, [
      ['id', r.name.slice('ringbuffer '.length)], ['iova', iova], ['last-fence', ring?.attributes['last-fence'] ?? '0'],
      ['retired-fence', ring?.attributes['retired-fence'] ?? '0'], ['rptr', reg('RPTR')], ['wptr', reg('WPTR')], ['size', String(p.length)],
    ], data, '     ');
    return;
  }
  const name = r.name?.startsWith('bo ') ? r.name.slice(3) : '';
  msmItem(out, [['iova', iova], ['size', String(p.length)], ['flags', r.properties?.other.flags ?? '0x0'], ['name', name.padEnd(32)]], data, '     ');
}

function writeMsmBlob(out: Out, b: Blob): void {
  const fields = Object.entries(b.attributes);
  msmItem(out, fields.length ? fields : [['name', b.name]], b.data ? b.data.subarray(0, b.decodedLength) : null, '      ');
}

// ---- amdgpu --------------------------------------------------------------------------------------

function writeAmdgpu(out: Out, model: DumpModel, opts: WriteOptions): void {
  model.sections.forEach((s, i) => {
    out.line(i === 0 ? `**** ${s.title} ****` : s.title);
    for (const e of entriesOf(model.entries, s)) {
      const ring = / words$/.test(e.key) && / dwords$/.test(e.value) ? model.blobs.find((b) => `${b.name} words` === e.key && b.line === e.line) : undefined;
      if (ring) {
        if (opts.blobs && ring.data) {
          const v = new DataView(ring.data.buffer, ring.data.byteOffset, ring.decodedLength & ~3);
          for (let k = 0; k + 4 <= v.byteLength; k += 4) out.line(`0x${k.toString(16)} \t 0x${v.getUint32(k, true).toString(16)}`);
        }
        continue;
      }
      out.line(entryLine(e));
    }
  });
}
