// Worker side of progress deltas (the types are in src/protocol/worker-api.ts; the page applies
// them with src/app/progress-merge.ts): what changed in the summary since the last report.
import type { DumpModel } from '../format/model.ts';
import { rowsFrom, sectionRows } from '../format/entries.ts';
import type { BlobInfo, RangeInfo, SummaryDelta } from '../protocol/worker-api.ts';

export function rangeInfos(model: DumpModel, from = 0): RangeInfo[] {
  return model.ranges.slice(from).map(({ data, lazy, sha256, ...r }, i) => ({ ...r, index: from + i, hasData: data !== null || !!lazy }));
}

export function blobInfos(model: DumpModel, from = 0): BlobInfo[] {
  return model.blobs.slice(from).map(({ data, lazy, sha256, ...b }, i) => ({ ...b, index: from + i, hasData: data !== null || !!lazy }));
}

/**
 * Worker side: what to send since the last delta. Lists only grow while parsing, and only their
 * last item may still change (the range or blob being decoded, the engine taking registers, the
 * section taking entries, an RFC entry being collapsed), so that item is sent again. Entries go as
 * the rows of the entry table added since (entries.ts), never as objects.
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
    const d: SummaryDelta = {
      meta: {
        ...meta, format: model.format, header: model.header, vm: model.vm, lineCount: model.lineCount, byteCount: model.byteCount,
      },
      sections: sectionRows(model.sections, sFrom),
      entries: rowsFrom(model.entries, Math.max(0, this.entries - 1)),
      ranges: { from: Math.max(0, this.ranges - 1), items: rangeInfos(model, Math.max(0, this.ranges - 1)) },
      blobs: { from: Math.max(0, this.blobs - 1), items: blobInfos(model, Math.max(0, this.blobs - 1)) },
      engines: { from: Math.max(0, this.engines - 1), items: model.engines.slice(Math.max(0, this.engines - 1)) },
      batchAddresses: { from: this.batch, items: model.batchAddresses.slice(this.batch) },
      diagnostics: { from: this.diagnostics, items: model.diagnostics.slice(this.diagnostics) },
    };
    this.sections = model.sections.length;
    this.entries = model.entries.count;
    this.ranges = model.ranges.length;
    this.blobs = model.blobs.length;
    this.engines = model.engines.length;
    this.batch = model.batchAddresses.length;
    this.diagnostics = model.diagnostics.length;
    return d;
  }
}

