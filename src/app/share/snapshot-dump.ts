// A share link's snapshot as a dump: the hang facts and the snapshot's bytes written as devcoredump
// text of the source dump's layout, so that the viewer opens it like any dump (same worker, same
// views) and shows the bytes at their real GPU addresses. Also the facts a link carries, taken from
// an open dump. Pure.
import { foldAddress } from '../../format/addr.ts';
import { REGISTER_ALIASES, emptyHeader, findRegister, type DumpModel } from '../../format/model.ts';
import { SectionBuilder } from '../../format/entries.ts';
import { concatChunks, writeDumpText } from '../../format/write.ts';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { hungEngines } from '../../format/hung.ts';
import type { HangFacts, SnapshotLink } from './link.ts';
import { hex64 } from '../../format/text.ts';

/** The facts of the hang a link carries: kernel, reason, the hung engine with ACTHD, the batch addresses. */
export function hangFacts(summary: Pick<DumpSummary, 'header' | 'engines' | 'batchAddresses'> & Partial<Pick<DumpSummary, 'format'>> & { ranges?: readonly { name?: string }[] }): HangFacts {
  // The hung engine of an i915 error state or msm dump (they print every engine); for xe the engine
  // with an ACTHD (the one the GuC captured for the hung queue), else the first one.
  const hung = summary.format === 'i915' || summary.format === 'msm'
    ? hungEngines(summary)[0]
    : undefined;
  const engine = summary.engines.find((e) => e.name === hung)
    ?? summary.engines.find((e) => findRegister(e, ...REGISTER_ALIASES.acthd)) ?? summary.engines[0] ?? null;
  const acthd = engine ? findRegister(engine, ...REGISTER_ALIASES.acthd) : undefined;
  return {
    kernel: summary.header.kernel,
    reason: summary.header.reason,
    process: summary.header.process === null ? null : summary.header.pid === null ? summary.header.process : `${summary.header.process} [${summary.header.pid}]`,
    pciId: summary.header.pciId,
    engine: engine?.name ?? null,
    acthd: acthd ? acthd.value : null,
    batch: [...summary.batchAddresses],
  };
}

/** The dump model a snapshot stands for: header, job, engine and the one piece of memory. */
export function snapshotModel(link: SnapshotLink): DumpModel {
  if (link.layout === 'i915' || link.layout === 'msm') return otherSnapshotModel(link);
  const h = link.hang;
  const b = new SectionBuilder().section('Xe Device Coredump');
  if (h.reason !== null) b.entry('Reason', h.reason);
  if (h.kernel !== null) b.entry('kernel', h.kernel);
  b.entry('module', 'xe');
  if (h.process !== null) b.entry('Process', h.process);
  if (h.pciId !== null) b.entry('PCI ID', '0x' + h.pciId.toString(16).padStart(4, '0'));
  if (h.batch.length > 0) {
    b.section('Job');
    h.batch.forEach((a, i) => b.entry(`batch_addr[${i}]`, hex64(a)));
  }
  if (h.engine !== null) {
    b.section('HW Engines').entry(`${h.engine} (physical), logical instance=0`, '', 0, 0, true);
    if (h.acthd !== null) b.entry('ACTHD', hex64(h.acthd), 1);
  }
  b.section('VM state');
  // The snapshot's bytes as a range of their own, from the dword that holds the first byte: only
  // bytes that came with the link are shown (the range it is part of is told apart, see `part`).
  const rangeStart = foldAddress(link.range.address);
  const lead = Number((link.address - rangeStart) % 4n);
  const data = new Uint8Array(Math.ceil((lead + link.bytes.length) / 4) * 4);
  data.set(link.bytes, lead);
  return {
    format: link.layout,
    header: emptyHeader(),
    sections: b.sections,
    entries: b.table,
    ranges: [{
      address: link.range.address + (link.address - BigInt(lead) - rangeStart), length: data.length, line: 0,
      properties: link.layout === 'xe' && link.range.properties
        ? { raw: link.range.properties, permission: null, type: null, memRegion: null, patIndex: null, cpuCaching: null, other: {} }
        : null,
      data, decodedLength: data.length, complete: true, error: null,
    }],
    blobs: [],
    engines: [],
    batchAddresses: [],
    vm: { uapiFlags: null, error: null },
    diagnostics: [],
    lineCount: 0,
    byteCount: 0,
  };
}

/** The snapshot's bytes as a range of their own, from the dword that holds the first byte. */
function snapshotRange(link: SnapshotLink): { address: bigint; data: Uint8Array } {
  const rangeStart = foldAddress(link.range.address);
  const lead = Number((link.address - rangeStart) % 4n);
  const data = new Uint8Array(Math.ceil((lead + link.bytes.length) / 4) * 4);
  data.set(link.bytes, lead);
  return { address: link.range.address + (link.address - BigInt(lead) - rangeStart), data };
}

/**
 * An i915 error state or msm devcoredump snapshot, in its own format: the hang line, kernel and
 * process, the hung engine with ACTHD (i915), and the piece of memory as the object it came from.
 */
function otherSnapshotModel(link: SnapshotLink): DumpModel {
  const h = link.hang;
  const i915 = link.layout === 'i915';
  const b = new SectionBuilder().section(i915 ? 'i915 error state' : 'msm devcoredump');
  const engines: DumpModel['engines'] = [];
  if (i915) {
    b.entry(h.reason ?? 'GPU HANG: ecode 0:0:00000000', '', 0, 0, true);
    if (h.kernel !== null) b.entry('Kernel', h.kernel);
    if (h.pciId !== null) b.entry('PCI ID', '0x' + h.pciId.toString(16).padStart(4, '0'));
    if (h.engine !== null) {
      b.section(`${h.engine} command stream`);
      if (h.acthd !== null) b.entry('ACTHD', `0x${(h.acthd >> 32n).toString(16).padStart(8, '0')} ${(h.acthd & 0xffffffffn).toString(16).padStart(8, '0')}`, 1);
    }
  } else {
    b.entry('---', '', 0, 0, true);
    if (h.kernel !== null) b.entry('kernel', h.kernel);
    b.entry('module', 'msm');
    if (h.process !== null) b.entry('comm', h.process);
  }
  const { address, data } = snapshotRange(link);
  const name = link.range.name ?? (i915 ? `${h.engine ?? 'global'} user` : `bo 0x${address.toString(16)}`);
  if (!i915) b.section(name.startsWith('ringbuffer ') ? 'ringbuffer' : 'bos');
  return {
    format: link.layout, header: emptyHeader(), sections: b.sections, entries: b.table, engines, batchAddresses: [], blobs: [],
    ranges: [{ address, length: data.length, line: -1, properties: null, data, decodedLength: data.length, complete: true, error: null, name }],
    vm: { uapiFlags: null, error: null }, diagnostics: [], lineCount: 0, byteCount: 0,
  };
}

/** The snapshot as devcoredump text: its bytes at their GPU addresses and nothing else. */
export function snapshotDumpText(link: SnapshotLink): Uint8Array {
  return concatChunks(writeDumpText(snapshotModel(link), { pieces: [{ address: link.address, length: link.bytes.length }], blobs: false }));
}
