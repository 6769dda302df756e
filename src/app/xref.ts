// Cross-references: every address the dump names outside VM state — batch_addr from the Job,
// ACTHD, RING_BBADDR/BBADDR (flag bits masked), RING_START, DMA_FADD/RING_DMA_FADD from each engine —
// folded to a plain GPU VA and matched against the captured ranges. The hang summary, the address
// map, the engine panel and the hex view all read this one list. Pure.
import { findRangeAt, foldAddress } from '../format/addr.ts';
import { REGISTER_ALIASES, findRegister } from '../format/model.ts';
import type { DumpSummary } from '../protocol/worker-api.ts';

export type XrefKind = 'batch' | 'acthd' | 'bbaddr' | 'ring-start' | 'dma-fadd' | 'fault';

export interface Xref {
  kind: XrefKind;
  /** Where it comes from, e.g. "rcs0 ACTHD" or "batch_addr[0]". */
  label: string;
  /** The value as printed. */
  raw: bigint;
  /** The GPU address it stands for: canonical form folded, flag bits of BBADDR masked. */
  address: bigint;
  /** Index of the captured range that holds it, or null when none does. */
  range: number | null;
  /** Offset in that range. */
  offset: number | null;
  /** Engine name for register references. */
  engine: string | null;
}

/** RING_BBADDR / BBADDR carry flag bits below the dword-aligned address (e.g. …0001). */
export const BBADDR_FLAG_MASK = 0x7n;

export function xrefAddress(kind: XrefKind, raw: bigint): bigint {
  const a = foldAddress(raw);
  return kind === 'bbaddr' ? a & ~BBADDR_FLAG_MASK : a;
}

function resolve(summary: Pick<DumpSummary, 'ranges'>, kind: XrefKind, label: string, raw: bigint, engine: string | null): Xref {
  const address = xrefAddress(kind, raw);
  const r = findRangeAt(summary.ranges, address);
  return {
    kind, label, raw, address, engine,
    range: r ? r.index : null,
    offset: r ? Number(address - foldAddress(r.address)) : null,
  };
}

const REGISTERS: [XrefKind, readonly string[]][] = [
  ['acthd', REGISTER_ALIASES.acthd],
  ['bbaddr', REGISTER_ALIASES.bbaddr],
  ['ring-start', REGISTER_ALIASES.ringStart],
  ['dma-fadd', REGISTER_ALIASES.dmaFadd],
];

export function crossReferences(summary: Pick<DumpSummary, 'ranges' | 'engines' | 'batchAddresses'> & Partial<Pick<DumpSummary, 'fault'>>): Xref[] {
  const out: Xref[] = [];
  summary.batchAddresses.forEach((b, i) => {
    const x = resolve(summary, 'batch', `batch_addr[${i}]`, b, null);
    // An i915 batch object is named by its engine ("rcs0 batch"): that names the reference too.
    const name = x.range !== null ? summary.ranges[x.range]?.name : undefined;
    out.push(name?.endsWith(' batch') ? { ...x, label: name } : x);
  });
  for (const e of summary.engines) {
    // An msm ringbuffer: where the CP reads (RPTR counts dwords from the ring's IOVA) plays ACTHD's part.
    const iova = findRegister(e, 'IOVA');
    const rptr = findRegister(e, 'RPTR');
    if (iova && rptr) out.push(resolve(summary, 'acthd', `${e.name} RPTR`, iova.value + rptr.value * 4n, e.name));
    for (const [kind, names] of REGISTERS) {
      const r = findRegister(e, ...names);
      if (r) out.push(resolve(summary, kind, `${e.name} ${r.name}`, r.value, e.name));
    }
  }
  if (summary.fault) out.push(resolve(summary, 'fault', 'fault address', summary.fault.address, null));
  return out;
}
