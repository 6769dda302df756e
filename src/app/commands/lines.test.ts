import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineAt, lineOf, moveLine, toggleExpansion, totalLines, type Expansion } from './lines.ts';

describe('command list lines', () => {
  const exps: Expansion[] = [
    { pos: 2, extra: 3 },
    { pos: 5, extra: 1 },
  ];

  it('counts and maps lines both ways', () => {
    expect(totalLines(10, exps)).toBe(14);
    expect(totalLines(10, [])).toBe(10);
    // 0 1 2 [2.1 2.2 2.3] 3 4 5 [5.1] 6 …
    const want = [[0, 0], [1, 0], [2, 0], [2, 1], [2, 2], [2, 3], [3, 0], [4, 0], [5, 0], [5, 1], [6, 0]];
    want.forEach(([pos, sub], line) => expect(lineAt(line, 10, exps)).toEqual({ pos, sub }));
    expect(lineOf(0, exps)).toBe(0);
    expect(lineOf(2, exps)).toBe(2);
    expect(lineOf(3, exps)).toBe(6);
    expect(lineOf(6, exps)).toBe(10);
    expect(lineAt(99, 10, exps)).toEqual({ pos: 9, sub: 0 });
  });

  it('round-trips every line (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.record({ pos: fc.nat(199), extra: fc.integer({ min: 1, max: 9 }) }), { maxLength: 6 }), (count, raw) => {
        let e: Expansion[] = [];
        for (const x of raw) if (x.pos < count) e = toggleExpansion(e, x.pos, x.extra, true);
        const total = totalLines(count, e);
        let prev = { pos: -1, sub: 0 };
        for (let line = 0; line < total; line++) {
          const at = lineAt(line, count, e);
          expect(lineOf(at.pos, e) + at.sub).toBe(line);
          expect(at.pos > prev.pos || (at.pos === prev.pos && at.sub === prev.sub + 1)).toBe(true);
          prev = at;
        }
      }),
    );
  });

  it('opens and closes expansions, sorted', () => {
    let e = toggleExpansion([], 7, 2);
    e = toggleExpansion(e, 3, 4);
    expect(e).toEqual([{ pos: 3, extra: 4 }, { pos: 7, extra: 2 }]);
    expect(toggleExpansion(e, 3, 4)).toEqual([{ pos: 7, extra: 2 }]);
    expect(toggleExpansion(e, 7, 2, true)).toBe(e);
    expect(toggleExpansion(e, 9, 0, true)).toBe(e);
  });

  it('moves a cursor through field lines and clamps', () => {
    expect(moveLine({ pos: 2, sub: 0 }, 1, 10, exps)).toEqual({ pos: 2, sub: 1 });
    expect(moveLine({ pos: 2, sub: 3 }, 1, 10, exps)).toEqual({ pos: 3, sub: 0 });
    expect(moveLine({ pos: 3, sub: 0 }, -1, 10, exps)).toEqual({ pos: 2, sub: 3 });
    expect(moveLine({ pos: 0, sub: 0 }, -5, 10, exps)).toEqual({ pos: 0, sub: 0 });
    expect(moveLine({ pos: 8, sub: 0 }, 50, 10, exps)).toEqual({ pos: 9, sub: 0 });
  });
});
