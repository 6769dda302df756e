import { describe, expect, it } from 'vitest';
import { DumpParser } from '../format/parser.ts';
import { generateDump, LAYOUTS } from '../gen/generate.ts';
import { ParseSession, summarize } from '../worker/session.ts';
import { applyDelta, finalSummary } from './progress-merge.ts';
import { hostileInputs } from '../gen/hostile.ts';
import { DeltaTracker } from '../worker/progress-delta.ts';
import type { DumpSummary } from '../protocol/worker-api.ts';
import { entryAt, SECTION_ROW, sectionAt, sectionList } from '../format/entries.ts';

const meta = { fileName: 'f', fileSize: 1, compression: null };
const sentItems = (d: ReturnType<DeltaTracker['delta']>) => d.entries.rows.length / 3 + d.ranges.items.length + d.diagnostics.items.length;
/** A summary with its entry table read out as entries (the two tables may differ in spare capacity). */
const readable = (s: DumpSummary) => ({ ...s, sections: sectionList(s.sections), entries: Array.from({ length: s.entries.count }, (_, i) => entryAt(s.entries, i)) });

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

describe("the open's answer", () => {
  const fileOf = (bytes: Uint8Array, name: string) => ({ kind: 'file' as const, file: new Blob([bytes as Uint8Array<ArrayBuffer>]), name });

  it('applied over the progress reports gives the summary a full answer would (every layout, a truncated dump)', async () => {
    const dumps = [...LAYOUTS.map((layout) => generateDump({ layout, seed: 9 }).bytes), generateDump({ layout: '6.14', seed: 3, truncateAt: 300000 }).bytes];
    for (const bytes of dumps) {
      let sofar: DumpSummary | null = null;
      const reply = await new ParseSession().openForPage(fileOf(bytes, 'd.txt'), (p) => { sofar = applyDelta(sofar, p.delta); });
      const full = await new ParseSession().open(fileOf(bytes, 'd.txt'), () => {});
      const got = finalSummary(sofar, reply);
      expect(got.done).toBe(true);
      // Everything but the clock.
      expect(got.timing?.parseMs).toBeGreaterThan(0);
      expect({ ...readable(got), timing: null }).toEqual({ ...readable(full), timing: null });
    }
  }, 60_000);

  it('a million sections cross once, not once more in the answer', async () => {
    const bytes = hostileInputs().find((h) => h.name === '1,000,000 one-line sections')!.bytes();
    let sofar: DumpSummary | null = null;
    let sent = 0;
    let reports = 0;
    const reply = await new ParseSession().openForPage(fileOf(bytes, 's.txt'), (p) => {
      reports++;
      sent += p.delta.sections.rows.length / SECTION_ROW;
      sofar = applyDelta(sofar, p.delta);
    });
    expect(reply.reports).toBe(reports);
    sent += reply.delta.sections.rows.length / SECTION_ROW;
    const s = finalSummary(sofar, reply);
    expect(s.sections.count).toBe(1_000_001);
    expect(sectionAt(s.sections, 0)).toEqual({ title: 'Xe Device Coredump', line: 1, first: 0, count: 2 });
    expect(sectionAt(s.sections, 1_000_000)).toEqual({ title: 'S999999', line: 1_000_003, first: 2, count: 0 });
    // Each report may send the last section again (it may still take entries).
    expect(sent).toBeLessThanOrEqual(1_000_001 + reports + 1);
  }, 60_000);
});
