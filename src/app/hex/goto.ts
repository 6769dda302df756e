// Pure logic of the hex view's "Go to address" box: parse what was typed, and for an address
// outside every captured range, find the nearest ranges below and above it.
import { foldAddress, parseAddress } from '../../format/addr.ts';

export type GotoInput =
  /** A GPU address (folded: canonical sign-extended forms become the plain VA). */
  | { kind: 'address'; address: bigint }
  /** An offset from the start of the current range or blob. */
  | { kind: 'offset'; offset: bigint }
  | { kind: 'invalid'; message: string };

/**
 * Parse the box: `1a0040`, `0x1a0040`, `0xffff_fffe_ffe0_0000` (folded), `#1703936` (decimal),
 * or `+0x40` / `+64` (an offset: hex with 0x, else decimal).
 */
export function parseGotoInput(text: string): GotoInput {
  const t = text.trim().replace(/_/g, '');
  if (t === '') return { kind: 'invalid', message: 'Type an address (hex) or +offset.' };
  if (t.startsWith('+')) {
    const rest = t.slice(1).trim();
    if (/^0x[0-9a-f]{1,16}$/i.test(rest)) return { kind: 'offset', offset: BigInt(rest) };
    if (/^\d{1,20}$/.test(rest)) return { kind: 'offset', offset: BigInt(rest) };
    return { kind: 'invalid', message: `“${text.trim()}” is not an offset: use +0x… (hex) or +… (decimal).` };
  }
  const a = parseAddress(t);
  if (a === null) return { kind: 'invalid', message: `“${text.trim()}” is not an address: use hex digits, with or without 0x.` };
  return { kind: 'address', address: foldAddress(a) };
}

export interface RangeSpan {
  /** Folded start address. */
  start: bigint;
  /** One past the last byte. */
  end: bigint;
  index: number;
}

/** Ranges as folded [start, end) spans. */
export function rangeSpans(ranges: readonly { address: bigint; length: number; index: number }[]): RangeSpan[] {
  return ranges.map((r) => {
    const start = foldAddress(r.address);
    return { start, end: start + BigInt(r.length), index: r.index };
  });
}

/** The span holding `address` (folded), or null. */
export function spanAt(spans: readonly RangeSpan[], address: bigint): RangeSpan | null {
  const a = foldAddress(address);
  for (const s of spans) if (a >= s.start && a < s.end) return s;
  return null;
}

/** The nearest span wholly below `address` (largest end ≤ address) and above it (smallest start > address). */
export function nearestSpans(spans: readonly RangeSpan[], address: bigint): { below: RangeSpan | null; above: RangeSpan | null } {
  const a = foldAddress(address);
  let below: RangeSpan | null = null;
  let above: RangeSpan | null = null;
  for (const s of spans) {
    if (s.end <= a && (below === null || s.end > below.end || (s.end === below.end && s.start > below.start))) below = s;
    if (s.start > a && (above === null || s.start < above.start)) above = s;
  }
  return { below, above };
}

const hx = (a: bigint) => '0x' + a.toString(16);

/** "0x1000–0x2000" (end exclusive, as the hex header shows ranges). */
export function spanText(s: RangeSpan): string {
  return `${hx(s.start)}–${hx(s.end)}`;
}

/** The message for an address outside every range, naming the nearest ranges. */
export function outsideMessage(spans: readonly RangeSpan[], address: bigint): string {
  const { below, above } = nearestSpans(spans, address);
  const parts = [`${hx(foldAddress(address))} is not in any captured range.`];
  parts.push(`Nearest below: ${below ? spanText(below) : 'none'}.`);
  parts.push(`Nearest above: ${above ? spanText(above) : 'none'}.`);
  return parts.join(' ');
}

export type GotoPlan =
  /** Jump to a GPU address (useViewStore.goTo). */
  | { kind: 'goto'; address: bigint }
  /** Stay on the current target, at this address (its space: GPU address or blob offset). */
  | { kind: 'select'; address: bigint }
  | { kind: 'error'; message: string };

export interface GotoContext {
  spans: readonly RangeSpan[];
  /** The current view target, if any: its address space start and length. */
  current: { kind: 'range' | 'blob'; start: bigint; length: number; label: string } | null;
}

/** What Enter in the box does. */
export function planGoto(text: string, ctx: GotoContext): GotoPlan {
  const input = parseGotoInput(text);
  if (input.kind === 'invalid') return { kind: 'error', message: input.message };
  if (input.kind === 'offset') {
    const cur = ctx.current;
    if (!cur) return { kind: 'error', message: 'An offset needs a range or blob open.' };
    if (input.offset >= BigInt(cur.length)) {
      return { kind: 'error', message: `Offset ${hx(input.offset)} is past the end of ${cur.label} (${hx(BigInt(cur.length))} bytes).` };
    }
    return { kind: 'select', address: cur.start + input.offset };
  }
  if (!spanAt(ctx.spans, input.address)) return { kind: 'error', message: outsideMessage(ctx.spans, input.address) };
  return { kind: 'goto', address: input.address };
}
