// The Commands list as lines of one height: each instruction is one line, and an expanded one adds
// a line per decoded field below it. Expansions are few (the user opens them one by one), so every
// mapping here is O(expansions), whatever the number of instructions: the list keeps the hex
// view's O(1) scaled virtualizer (src/app/hex/virtual.ts) over `totalLines`. Pure.

/** An expanded instruction: its position in the list and the field lines it adds. */
export interface Expansion {
  pos: number;
  extra: number;
}

/** A line of the list: the instruction at `pos` (sub 0) or its field line `sub` (1…extra). */
export interface LineRef {
  pos: number;
  sub: number;
}

export function totalLines(count: number, exps: readonly Expansion[]): number {
  let n = count;
  for (const e of exps) if (e.pos < count) n += e.extra;
  return n;
}

/** First line of the instruction at `pos`. */
export function lineOf(pos: number, exps: readonly Expansion[]): number {
  let line = pos;
  for (const e of exps) {
    if (e.pos >= pos) break;
    line += e.extra;
  }
  return line;
}

/** What a line shows. Lines past the end map to the last instruction's last line. */
export function lineAt(line: number, count: number, exps: readonly Expansion[]): LineRef {
  if (count <= 0) return { pos: 0, sub: 0 };
  let skipped = 0;
  for (const e of exps) {
    if (e.pos >= count) break;
    const first = e.pos + skipped;
    if (line < first) break;
    if (line <= first + e.extra) return { pos: e.pos, sub: line - first };
    skipped += e.extra;
  }
  const pos = line - skipped;
  if (pos >= count) {
    const last = exps.find((e) => e.pos === count - 1);
    return { pos: count - 1, sub: last ? last.extra : 0 };
  }
  return { pos: Math.max(0, pos), sub: 0 };
}

/** Expansions with `pos` opened (adding `extra` lines) or closed; kept sorted. */
export function toggleExpansion(exps: readonly Expansion[], pos: number, extra: number, open?: boolean): Expansion[] {
  const has = exps.some((e) => e.pos === pos);
  const want = open ?? !has;
  if (want === has) return exps as Expansion[];
  if (!want) return exps.filter((e) => e.pos !== pos);
  if (extra <= 0) return exps as Expansion[];
  return [...exps, { pos, extra }].sort((a, b) => a.pos - b.pos);
}

/** Move a line cursor by `delta` lines, clamped. */
export function moveLine(at: LineRef, delta: number, count: number, exps: readonly Expansion[]): LineRef {
  const total = totalLines(count, exps);
  if (total === 0) return { pos: 0, sub: 0 };
  const line = Math.max(0, Math.min(total - 1, lineOf(at.pos, exps) + at.sub + delta));
  return lineAt(line, count, exps);
}
