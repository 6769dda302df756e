// The current view target as the inspector needs it: its space, span and names.
import { foldAddress } from '../../format/addr.ts';
import type { DumpSummary, Space } from '../protocol.ts';
import type { ViewTarget } from '../store.ts';
import { targetFileName } from './copy.ts';

export interface InspectTarget {
  space: Space;
  /** Address of byte 0: the folded GPU VA of a range, 0 for a blob. */
  start: bigint;
  /** One past the last byte. */
  end: bigint;
  hasData: boolean;
  /** "range 0x1a0000" or "blob HWCTX". */
  label: string;
  /** Name for a download of the whole target. */
  fileName: string;
}

export function inspectTarget(summary: DumpSummary | null, target: ViewTarget | null): InspectTarget | null {
  if (!summary || !target) return null;
  if (target.kind === 'range') {
    const r = summary.ranges[target.index];
    if (!r) return null;
    const start = foldAddress(r.address);
    return {
      space: { kind: 'gpu' },
      start,
      end: start + BigInt(r.length),
      hasData: r.hasData,
      label: `range 0x${start.toString(16)}`,
      fileName: targetFileName({ kind: 'range', address: start }),
    };
  }
  const b = summary.blobs[target.index];
  if (!b) return null;
  return {
    space: { kind: 'blob', index: target.index },
    start: 0n,
    end: BigInt(b.length),
    hasData: b.hasData,
    label: `blob ${b.name}`,
    fileName: targetFileName({ kind: 'blob', name: b.name, index: target.index }),
  };
}

/** [start, end) clipped to the target; null when nothing is left. */
export function clipSpan(t: Pick<InspectTarget, 'start' | 'end'>, start: bigint, end: bigint): { start: bigint; end: bigint } | null {
  const s = start > t.start ? start : t.start;
  const e = end < t.end ? end : t.end;
  return e > s ? { start: s, end: e } : null;
}
