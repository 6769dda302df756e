// The human summary of `devcoredump inspect`. Pure: model in, text out.
import { findRangeAt, foldAddress } from '../format/addr.ts';
import type { DumpModel, MemoryRange } from '../format/model.ts';
import { REGISTER_ALIASES, findRegister, hasBytes } from '../format/model.ts';
import { digestOf, formatTitle, hex64, hexRegister, type SyncHasher } from '../format/report.ts';
import { humanBytes, snapshotDate } from '../format/units.ts';

function rangeKind(r: MemoryRange): string {
  if (r.error) return `error ${r.error}`;
  if (r.properties?.type === 'null_sparse') return 'null_sparse';
  if (!hasBytes(r)) return 'no data';
  if (!r.complete) return `truncated (${humanBytes(r.decodedLength)} decoded)`;
  return 'data';
}

export function formatSummary(m: DumpModel, file: string, hash: (b: Uint8Array) => string, newHash?: () => SyncHasher): string {
  const h = m.header;
  const out: string[] = [];
  const row = (k: string, v: string | null | undefined) => { if (v) out.push(`${(k + ':').padEnd(12)}${v}`); };
  out.push(`${file}: ${formatTitle(m.format)}, ${humanBytes(m.byteCount)}, ${m.lineCount} lines`);
  row('Kernel', h.kernel);
  row('Reason', h.reason);
  row('Process', h.process === null ? null : h.pid === null ? h.process : `${h.process} [${h.pid}]`);
  row('PCI', h.pciId === null ? null : `0x${h.pciId.toString(16).padStart(4, '0')}${h.pciRevision === null ? '' : ` rev 0x${h.pciRevision.toString(16).padStart(2, '0')}`}`);
  const date = snapshotDate(h.snapshotTime);
  row('Snapshot', h.snapshotTime === null ? null : `${h.snapshotTime}${date ? ` (${date})` : ''}${h.uptime ? `, uptime ${h.uptime} s` : ''}`);
  row('GTs', h.gts.map((g) => `${g.id} ${g.type ?? '?'}${g.ipVersion ? ` (IP ${g.ipVersion})` : ''}`).join(', '));
  row('Sections', m.sections.map((s) => `${s.title} @${s.line}`).join(', '));
  for (const e of m.engines) {
    const regs = [REGISTER_ALIASES.acthd, REGISTER_ALIASES.bbaddr, REGISTER_ALIASES.ringStart, REGISTER_ALIASES.dmaFadd]
      .map((names) => findRegister(e, ...names)).filter((r) => r !== undefined)
      .map((r) => `${r!.name} ${hexRegister(r!)}`);
    row('Engine', `${e.name} (${e.engineClass}${e.captureSource ? `, ${e.captureSource} capture` : ''}, ${e.registers.length} registers) ${regs.join(', ')}`);
  }
  for (const b of m.batchAddresses) {
    const r = findRangeAt(m.ranges, b);
    row('Batch', `${hex64(b)} ${r ? `in range 0x${foldAddress(r.address).toString(16)} (+0x${(foldAddress(b) - foldAddress(r.address)).toString(16)})` : 'outside every captured range'}`);
  }
  if (m.vm.error !== null) row('VM', `snapshot failed: ${m.vm.error}`);
  if (m.fault) {
    const r = findRangeAt(m.ranges, m.fault.address);
    row('Fault', `${hex64(m.fault.address)} (${m.fault.detail}) ${r ? `in ${r.name ?? `range 0x${foldAddress(r.address).toString(16)}`} (+0x${(foldAddress(m.fault.address) - foldAddress(r.address)).toString(16)})` : 'outside every captured range'}`);
  }
  if (m.format === 'amdgpu') out.push('Memory:     none: an amdgpu devcoredump carries registers and ring words, not GPU memory');
  const decoded = m.ranges.reduce((s, r) => s + r.decodedLength, 0);
  out.push(`Ranges:     ${m.ranges.length} (${humanBytes(decoded)} decoded)`);
  for (const r of m.ranges) {
    const a = foldAddress(r.address);
    const end = a + BigInt(Math.max(r.length, 1) - 1);
    const sha = digestOf(r, hash, newHash)?.slice(0, 16) ?? '';
    out.push(`  ${hex64(a)}-${hex64(end)} ${humanBytes(r.length).padStart(10)}  ${rangeKind(r).padEnd(12)} ${r.name ?? ''}${r.name && r.properties ? ' ' : ''}${r.properties?.raw ?? ''}${sha ? `  sha256 ${sha}…` : ''}`);
  }
  if (m.blobs.length) out.push(`Blobs:      ${m.blobs.map((b) => `${b.name} ${humanBytes(b.length)}${b.error ? ` (error ${b.error})` : b.complete ? '' : ' (truncated)'}`).join(', ')}`);
  if (m.diagnostics.length === 0) out.push('Diagnostics: none');
  else {
    out.push(`Diagnostics: ${m.diagnostics.length}`);
    for (const d of m.diagnostics) out.push(`  line ${d.line}: ${d.severity}: ${d.message}`);
  }
  return out.join('\n') + '\n';
}
