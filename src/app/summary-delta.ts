// Progress while a dump parses, sent as what changed since the last report (never the whole
// summary again: each report would clone every entry of every section, and a dump of a million
// lines would send a million entries a hundred times). The worker makes deltas (DeltaTracker), the
// page applies them to the summary it builds up (applyDelta). Pure data, no DOM.
import type { DumpModel, Section } from '../format/model.ts';
import type { BlobInfo, DumpSummary, RangeInfo } from './protocol.ts';

/** The items of a list from index `from` on (what was there from `from` is replaced). */
export interface ListDelta<T> {
  from: number;
  items: T[];
}

export interface SummaryDelta {
  meta: Pick<DumpSummary, 'fileName' | 'fileSize' | 'compression' | 'format' | 'header' | 'vm' | 'lineCount' | 'byteCount'>;
  /** Sections from `from` on; the first one's entries start at `entriesFrom` when it was sent before. */
  sections: ListDelta<Section> & { entriesFrom: number };
  ranges: ListDelta<RangeInfo>;
  blobs: ListDelta<BlobInfo>;
  engines: ListDelta<DumpModel['engines'][number]>;
  batchAddresses: ListDelta<bigint>;
  diagnostics: ListDelta<DumpModel['diagnostics'][number]>;
}

export function rangeInfos(model: DumpModel, from = 0): RangeInfo[] {
  return model.ranges.slice(from).map(({ data, ...r }, i) => ({ ...r, index: from + i, hasData: data !== null }));
}

export function blobInfos(model: DumpModel, from = 0): BlobInfo[] {
  return model.blobs.slice(from).map(({ data, ...b }, i) => ({ ...b, index: from + i, hasData: data !== null }));
}

/**
 * Worker side: what to send since the last delta. Lists only grow while parsing, and only their
 * last item may still change (the range or blob being decoded, the engine taking registers, the
 * section taking entries, an RFC entry being collapsed), so that item is sent again.
 */
export class DeltaTracker {
  private sections = 0;
  private entries = 0;
  private ranges = 0;
  private blobs = 0;
  private engines = 0;
  private batch = 0;
  private diagnostics = 0;

  delta(model: DumpModel, meta: { fileName: string; fileSize: number; compression: string | null }): SummaryDelta {
    const sFrom = Math.max(0, this.sections - 1);
    const entriesFrom = this.sections > 0 ? Math.max(0, this.entries - 1) : 0;
    const sections = model.sections.slice(sFrom).map((s, i) => (i === 0 && entriesFrom > 0 ? { ...s, entries: s.entries.slice(entriesFrom) } : { ...s, entries: s.entries.slice() }));
    const last = model.sections[model.sections.length - 1];
    const d: SummaryDelta = {
      meta: {
        ...meta, format: model.format, header: model.header, vm: model.vm, lineCount: model.lineCount, byteCount: model.byteCount,
      },
      sections: { from: sFrom, items: sections, entriesFrom: sFrom < model.sections.length ? entriesFrom : 0 },
      ranges: { from: Math.max(0, this.ranges - 1), items: rangeInfos(model, Math.max(0, this.ranges - 1)) },
      blobs: { from: Math.max(0, this.blobs - 1), items: blobInfos(model, Math.max(0, this.blobs - 1)) },
      engines: { from: Math.max(0, this.engines - 1), items: model.engines.slice(Math.max(0, this.engines - 1)) },
      batchAddresses: { from: this.batch, items: model.batchAddresses.slice(this.batch) },
      diagnostics: { from: this.diagnostics, items: model.diagnostics.slice(this.diagnostics) },
    };
    this.sections = model.sections.length;
    this.entries = last ? last.entries.length : 0;
    this.ranges = model.ranges.length;
    this.blobs = model.blobs.length;
    this.engines = model.engines.length;
    this.batch = model.batchAddresses.length;
    this.diagnostics = model.diagnostics.length;
    return d;
  }
}

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
