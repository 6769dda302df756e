import { describe, expect, it } from 'vitest';
import { applyRows, emptyEntryTable, SECTION_ROW, sectionAt, sectionList, sectionRows, sectionTable } from './entries.ts';
import type { Section } from './model.ts';

const sections: Section[] = [
  { title: '', line: 1, first: 0, count: 3 },
  { title: 'VM state', line: 9, first: 3, count: 70_000 },
  { title: 'GuC «état» ✓', line: 4_000_000_000, first: 70_003, count: 0 },
  { title: 'x'.repeat(5000), line: 4_000_000_001, first: 70_003, count: 1 },
];

describe('the section table', () => {
  it('gives back every section as it was (empty, long and non-ASCII titles, big numbers)', () => {
    const t = sectionTable(sections);
    expect(t.count).toBe(4);
    expect(sectionList(t)).toEqual(sections);
    expect(sectionAt(t, 2)).toEqual(sections[2]);
    // Numbers and title bytes only: no object kept per section.
    expect(t.rows).toBeInstanceOf(Uint32Array);
    expect(t.rows.length).toBe(4 * SECTION_ROW);
  });

  it('rows sent from any point, applied over a table built so far, give the whole list', () => {
    for (let cut = 0; cut <= sections.length; cut++) {
      for (let redo = 0; redo <= cut; redo++) {
        // The page has sections[0…cut) from earlier reports; the worker resends from `redo` on.
        const t = emptyEntryTable();
        applyRows(t, sectionRows(sections.slice(0, cut), 0), SECTION_ROW);
        // What it had of the rows being resent may have changed since (a count grew).
        applyRows(t, sectionRows(sections, redo), SECTION_ROW);
        expect(sectionList(t)).toEqual(sections);
      }
    }
  });
});
