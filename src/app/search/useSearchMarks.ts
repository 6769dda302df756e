// Search matches for the hex view: for one target, a function from a row (its first byte's offset
// and its length) to the bit masks of its columns inside any match and inside the current match.
// Only the visible rows ask, each with a binary search over the target's sorted match offsets.
import { useMemo } from 'react';
import { useSearchStore } from './search-store.ts';
import { rowHitMask, spanMask, targetOffsets } from './marks.ts';

export type RowMarks = (rowOffset: number, n: number) => readonly [hit: number, current: number];

const NONE: RowMarks = () => [0, 0];

export function useSearchMarks(kind: 'range' | 'blob', index: number): RowMarks {
  const open = useSearchStore((s) => s.open);
  const hits = useSearchStore((s) => s.hits);
  const length = useSearchStore((s) => s.patternLength);
  const cur = useSearchStore((s) => (s.current >= 0 ? s.hits[s.current] : undefined));
  const offsets = useMemo(() => (open ? targetOffsets(hits, { kind, index }) : []), [open, hits, kind, index]);
  return useMemo(() => {
    if (offsets.length === 0) return NONE;
    const curOff = cur && cur.where.kind === kind && cur.where.index === index ? cur.offset : -1;
    return (rowOffset, n) => [rowHitMask(offsets, length, rowOffset, n), curOff >= 0 ? spanMask(curOff, length, rowOffset, n) : 0] as const;
  }, [offsets, length, cur, kind, index]);
}
