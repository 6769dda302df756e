// The current view target as the inspector needs it: its space, span and names.
import { resolveTarget } from '../hex/target.ts';
import type { DumpSummary, Space } from '../../protocol/worker-api.ts';
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
  const t = resolveTarget(summary, target);
  if (!t || !summary) return null;
  return {
    space: t.space,
    start: t.start,
    end: t.start + BigInt(t.length),
    hasData: t.hasData,
    label: t.label,
    fileName: targetFileName(t.kind === 'range' ? { kind: 'range', address: t.start } : { kind: 'blob', name: summary.blobs[t.index].name, index: t.index }),
  };
}

/** [start, end) clipped to the target; null when nothing is left. */
export function clipSpan(t: Pick<InspectTarget, 'start' | 'end'>, start: bigint, end: bigint): { start: bigint; end: bigint } | null {
  const s = start > t.start ? start : t.start;
  const e = end < t.end ? end : t.end;
  return e > s ? { start: s, end: e } : null;
}
