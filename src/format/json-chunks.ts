// JSON text written piece by piece: exactly what `JSON.stringify(value, null, 2)` makes, without
// ever holding it as one string. Arrays are walked element by element, and any other iterable (a
// generator, say) is written as an array whose elements are made one at a time, so a report of
// millions of rows streams through a bounded buffer. Pure; used by the CLI's --json outputs.

const pad = (depth: number) => '  '.repeat(depth);

/** `JSON.stringify(v, null, 2)` for a value that starts `depth` levels deep. */
function leafAt(v: unknown, depth: number): string {
  const s = JSON.stringify(v, null, 2);
  return depth && s.includes('\n') ? s.replace(/\n/g, '\n' + pad(depth)) : s;
}

const isList = (v: unknown): v is Iterable<unknown> =>
  Array.isArray(v) || (typeof v === 'object' && v !== null && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function');

/** An object holding a list (at any depth of its own keys) is walked; one without is written whole. */
function holdsList(o: object): boolean {
  for (const k of Object.keys(o)) {
    const v = (o as Record<string, unknown>)[k];
    if (isList(v)) return true;
  }
  return false;
}

/** The pieces of `JSON.stringify(value, null, 2)` (with lists taken from any iterable). */
export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  if (isList(value)) {
    let first = true;
    for (const item of value) {
      yield first ? `[\n${pad(depth + 1)}` : `,\n${pad(depth + 1)}`;
      first = false;
      // As JSON.stringify does: an element it cannot write becomes null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonChunks(item, depth + 1);
    }
    yield first ? '[]' : `\n${pad(depth)}]`;
    return;
  }
  if (typeof value !== 'object' || value === null || !holdsList(value)) {
    yield leafAt(value, depth);
    return;
  }
  let first = true;
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    // As JSON.stringify does: keys whose value it cannot write are left out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '{\n' : ',\n'}${pad(depth + 1)}${JSON.stringify(k)}: `;
    first = false;
    yield* jsonChunks(v, depth + 1);
  }
  yield first ? '{}' : `\n${pad(depth)}}`;
}
