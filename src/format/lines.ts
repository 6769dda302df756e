// A line of text as the interpreters get it, one rule for the streaming core (parser.ts) and for
// whatever reads a line again from the text later (the RFC ranges decoded on demand, rfc.ts).

/** Longest non-data line kept; the rest of a longer one is skipped with a diagnostic. */
export const MAX_LINE = 1 << 20;

const utf8 = new TextDecoder('utf-8');

/**
 * The text of a line's bytes (without its line break): cut lines (longer than MAX_LINE, already
 * cut to it) end in " …"; a CR at the end goes; the BOM goes from the first line.
 */
export function lineText(bytes: Uint8Array, first: boolean, cut: boolean): string {
  let text = utf8.decode(bytes);
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return cut ? text + ' …' : text;
}
