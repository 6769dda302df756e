// Page side of progress deltas (made by src/worker/progress-delta.ts): the summary so far, built
// up from what changed at each report.
import type { DumpSummary, ListDelta, OpenReply, SummaryDelta } from '../protocol/worker-api.ts';
import { applyRows, emptyEntryTable, SECTION_ROW, trimEntryTable } from '../format/entries.ts';

function merged<T>(prev: T[], d: ListDelta<T>): T[] {
  if (d.from === prev.length && d.items.length === 0) return prev;
  const out = prev.slice(0, d.from);
  for (const x of d.items) out.push(x);
  return out;
}

/**
 * Page side: the summary so far with a delta applied. A list that did not change keeps its
 * identity; the entry table takes the new rows in place (entries are never copied again).
 */
export function applyDelta(prev: DumpSummary | null, d: SummaryDelta): DumpSummary {
  const base: DumpSummary = prev ?? {
    ...d.meta, sections: emptyEntryTable(), entries: emptyEntryTable(), ranges: [], blobs: [], engines: [], batchAddresses: [], diagnostics: [], done: false,
  };
  applyRows(base.entries, d.entries);
  // A new header over the same arrays: a summary with more sections is told apart by its count.
  const sections = { ...base.sections };
  applyRows(sections, d.sections, SECTION_ROW);
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

/** The summary once parsed: what the reports built, with the open's answer applied (entry table trimmed). */
export function finalSummary(sofar: DumpSummary | null, reply: OpenReply): DumpSummary {
  const s = applyDelta(sofar, reply.delta);
  trimEntryTable(s.entries);
  trimEntryTable(s.sections, SECTION_ROW);
  return { ...s, ...reply.final, done: true };
}
