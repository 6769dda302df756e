import { describe, expect, it } from 'vitest';
import { DumpParser } from '../format/parser.ts';
import { generateDump, LAYOUTS } from '../gen/generate.ts';
import { summarize } from '../worker/session.ts';
import { applyDelta } from './progress-merge.ts';
import { DeltaTracker } from '../worker/progress-delta.ts';
import type { DumpSummary } from '../protocol/worker-api.ts';
import { entryAt } from '../format/entries.ts';

const meta = { fileName: 'f', fileSize: 1, compression: null };
const sentItems = (d: ReturnType<DeltaTracker['delta']>) => d.entries.rows.length / 3 + d.ranges.items.length + d.diagnostics.items.length;
/** A summary with its entry table read out as entries (the two tables may differ in spare capacity). */
const readable = (s: DumpSummary) => ({ ...s, entries: Array.from({ length: s.entries.count }, (_, i) => entryAt(s.entries, i)) });

describe('progress deltas', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}: the deltas of every chunk, applied in turn, give the summary parsed so far`, () => {
      const g = generateDump({ layout, seed: 5, splitBlobs: layout !== 'rfc' });
      const p = new DumpParser();
      const t = new DeltaTracker();
      let sofar: DumpSummary | null = null;
      const step = Math.ceil(g.bytes.length / 60);
      for (let i = 0; i < g.bytes.length; i += step) {
        p.push(g.bytes.subarray(i, i + step));
        sofar = applyDelta(sofar, t.delta(p.model, meta));
        expect(readable(sofar)).toEqual(readable(summarize(p.model, meta, false)));
      }
      p.finish();
      sofar = applyDelta(sofar, t.delta(p.model, meta));
      expect(readable(sofar)).toEqual(readable(summarize(p.model, meta, false)));
    }, 30_000);
  }

  it('sends each entry about once, not once a report (a million lines were cloned a hundred times)', () => {
    const text = '**** Xe Device Coredump ****\nkernel: k\n' + 'a\n'.repeat(200_000);
    const bytes = new TextEncoder().encode(text);
    const p = new DumpParser();
    const t = new DeltaTracker();
    let sent = 0;
    let reports = 0;
    for (let i = 0; i < bytes.length; i += 4096) {
      p.push(bytes.subarray(i, i + 4096));
      sent += sentItems(t.delta(p.model, meta));
      reports++;
    }
    const entries = p.finish().sections.reduce((n, s) => n + s.count, 0);
    expect(entries).toBe(200_001);
    expect(sent).toBeLessThanOrEqual(entries + reports);
  }, 30_000);
});
