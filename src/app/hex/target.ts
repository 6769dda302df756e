// The view target (a range or a blob) as the hex view and the inspector need it. Pure.
import { foldAddress } from '../../format/addr.ts';
import type { BlobInfo, DumpSummary, RangeInfo, Space } from '../../protocol/worker-api.ts';
import type { ViewTarget } from '../store.ts';
import { hexAddr } from './format.ts';

export interface HexTarget {
  kind: 'range' | 'blob';
  index: number;
  space: Space;
  /** Address of byte 0: the folded GPU VA of a range, 0 for a blob. */
  start: bigint;
  /** Where offsets count from: `start`, or the start of the range a snapshot's range is part of. */
  offsetBase: bigint;
  length: number;
  /** Bytes decoded from the text (the rest are unknown). */
  decodedLength: number;
  hasData: boolean;
  /** Hex digits of the address column. */
  addrWidth: number;
  /** "range 0x…" or "blob HWCTX", for labels. */
  label: string;
}

export function resolveTarget(dump: DumpSummary | null, target: ViewTarget | null): HexTarget | null {
  if (!dump || !target) return null;
  if (target.kind === 'range') {
    const r: RangeInfo | undefined = dump.ranges[target.index];
    if (!r) return null;
    const start = foldAddress(r.address);
    return {
      kind: 'range',
      index: target.index,
      space: { kind: 'gpu' },
      start,
      offsetBase: r.part ? r.part.start : start,
      length: r.length,
      decodedLength: r.decodedLength,
      hasData: r.hasData,
      addrWidth: 16,
      label: `range ${hexAddr(start)}`,
    };
  }
  const b: BlobInfo | undefined = dump.blobs[target.index];
  if (!b) return null;
  return {
    kind: 'blob',
    index: target.index,
    space: { kind: 'blob', index: target.index },
    start: 0n,
    offsetBase: 0n,
    length: b.length,
    decodedLength: b.decodedLength,
    hasData: b.hasData,
    addrWidth: Math.max(8, (Math.max(0, b.length - 1)).toString(16).length),
    label: `blob ${b.name}`,
  };
}
