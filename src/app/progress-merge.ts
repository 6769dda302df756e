// Page side of progress deltas (made by src/worker/progress-delta.ts): the summary so far, built
// up from what changed at each report.
import type { DumpSummary, ListDelta, SummaryDelta } from '../protocol/worker-api.ts';

function merged<T>(prev: T[], d: ListDelta<T>): T[] {
  if (d.from === prev.length && d.items.length === 0) return prev;
  const out = prev.slice(0, d.from);
  for (const x of d.items) out.push(x);
  return out;
}

/**
 * Page side: the summary so far with a delta applied. A list that did not change keeps its
 * identity; the entries of the section still growing are appended in place (not copied again).
 */
export function applyDelta(prev: DumpSummary | null, d: SummaryDelta): DumpSummary {
  const base: DumpSummary = prev ?? {
    ...d.meta, sections: [], ranges: [], blobs: [], engines: [], batchAddresses: [], diagnostics: [], done: false,
  };
  let sections = base.sections;
  if (d.sections.items.length > 0 || d.sections.from !== sections.length) {
    sections = sections.slice(0, d.sections.from);
    d.sections.items.forEach((s, i) => {
      const old = base.sections[d.sections.from + i];
      if (i === 0 && old && d.sections.entriesFrom > 0) {
        const entries = old.entries;
        entries.length = Math.min(entries.length, d.sections.entriesFrom);
        for (const e of s.entries) entries.push(e);
        sections.push({ ...s, entries });
      } else sections.push(s);
    });
  }
  return {
    ...base,
    ...d.meta,
    sections,
    ranges: merged(base.ranges, d.ranges),
    blobs: merged(base.blobs, d.blobs),
    engines: merged(base.engines, d.engines),
    batchAddresses: merged(base.batchAddresses, d.batchAddresses),
    diagnostics: merged(base.diagnostics, d.diagnostics),
    done: false,
  };
}
