// Share links: a snapshot of a dump (which dump, where the view was, the facts of the hang, and the
// bytes of a selection) packed into the URL fragment, which browsers never send to a server.
//
//   #s=<base64url( version byte 1, deflate-raw( u32le JSON length, JSON, snapshot bytes ) )>
//
// Decoding treats the fragment as hostile: bad base64, a cut link, a decompression bomb, absurd
// addresses or lengths each give one clear message (LinkError), and nothing decompresses past
// MAX_INFLATED. Pure: no DOM (fflate for deflate, which runs the same in the page and in Node).
import { deflateSync, Inflate } from 'fflate';
import { foldAddress } from '../../format/addr.ts';
import { DUMP_FORMATS, type DumpFormat } from '../../format/model.ts';
import { concatChunks } from '../../format/write.ts';
import { normalizeOptions, type DisplayOptions } from '../hex/options.ts';
import { hexAddress } from '../../format/text.ts';

export const LINK_VERSION = 1;
/** Fragment key: `#s=…`. */
export const FRAGMENT_KEY = 's';
/** The budget: a link stays usable in bug trackers and chat up to this many characters. */
export const LINK_BUDGET = 16 * 1024;
/** The most bytes a link's snapshot may hold (a larger selection: trim it, or export a file). */
export const SNAPSHOT_BUDGET = 64 * 1024;
/** Links longer than this are refused before any decoding. */
export const MAX_FRAGMENT = 4 * 1024 * 1024;
/** Decompressed output stops here: a bomb is refused, not inflated. */
export const MAX_INFLATED = 2 * 1024 * 1024;
const MAX_JSON = 256 * 1024;
const MAX_TEXT = 4000;
const MAX_BOOKMARKS = 1000;
const U64 = (1n << 64n) - 1n;

export interface LinkBookmark {
  address: bigint;
  name: string;
  note: string;
}

/** What the hang was, as the dump said it. */
export interface HangFacts {
  kernel: string | null;
  reason: string | null;
  process: string | null;
  pciId: number | null;
  /** The hung engine, e.g. "rcs0". */
  engine: string | null;
  acthd: bigint | null;
  batch: bigint[];
}

export interface SnapshotLink {
  /** The dump the snapshot was taken from. */
  file: { name: string; size: number; fingerprint: string | null };
  /** Its layout: the snapshot is rebuilt as a dump of the same kind. */
  layout: DumpFormat;
  hang: HangFacts;
  /** The range the snapshot lies in, as printed (canonical or plain), with its length and properties. */
  range: { address: bigint; length: number; properties: string | null; name?: string };
  /** GPU address (plain) of the snapshot's first byte, and its bytes. */
  address: bigint;
  bytes: Uint8Array;
  view: {
    /** Byte under the cursor. */
    cursor: bigint | null;
    /** Selected bytes [start, end), or null. */
    selection: { start: bigint; end: bigint } | null;
    /** First row shown. */
    top: bigint | null;
    options: DisplayOptions;
  };
  bookmarks: LinkBookmark[];
}

export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkError';
  }
}

// ---- base64url ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    s += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return s;
}

export function fromBase64Url(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--; // trailing '=' (no backtracking regex)
  const t = text.slice(0, end);
  const bad = /[^A-Za-z0-9_-]/.exec(t);
  if (bad) throw new LinkError(`the link is damaged: "${bad[0]}" at character ${bad.index + 1} is not base64url`);
  if (t.length % 4 === 1) throw new LinkError('the link is damaged: its data has a length no base64 text can have (cut short?)');
  const out = new Uint8Array(Math.floor((t.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < t.length; i++) {
    acc = (acc << 6) | B64_INDEX[t.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

// ---- encode ----

function toJson(link: SnapshotLink): unknown {
  return {
    file: link.file,
    layout: link.layout,
    hang: { ...link.hang, acthd: link.hang.acthd === null ? null : hexAddress(link.hang.acthd), batch: link.hang.batch.map(hexAddress) },
    range: { ...link.range, address: hexAddress(link.range.address) },
    address: hexAddress(link.address),
    length: link.bytes.length,
    view: {
      cursor: link.view.cursor === null ? null : hexAddress(link.view.cursor),
      selection: link.view.selection ? [hexAddress(link.view.selection.start), hexAddress(link.view.selection.end)] : null,
      top: link.view.top === null ? null : hexAddress(link.view.top),
      options: link.view.options,
    },
    bookmarks: link.bookmarks.map((b) => ({ address: hexAddress(b.address), name: b.name, ...(b.note ? { note: b.note } : {}) })),
  };
}

/** The packed snapshot (what goes after `#s=`). */
export function encodeSnapshot(link: SnapshotLink): string {
  const json = new TextEncoder().encode(JSON.stringify(toJson(link)));
  const body = new Uint8Array(4 + json.length + link.bytes.length);
  new DataView(body.buffer).setUint32(0, json.length, true);
  body.set(json, 4);
  body.set(link.bytes, 4 + json.length);
  const packed = deflateSync(body, { level: 9, mem: 8 });
  const out = new Uint8Array(1 + packed.length);
  out[0] = LINK_VERSION;
  out.set(packed, 1);
  return toBase64Url(out);
}

/** The whole link: the app's address (no query, no fragment) + `#s=…`. */
export function snapshotUrl(base: string, link: SnapshotLink): string {
  const u = new URL(base);
  return `${u.origin}${u.pathname}#${FRAGMENT_KEY}=${encodeSnapshot(link)}`;
}

// ---- decode ----

/** The packed snapshot of a URL fragment (`#s=…`), or null when the fragment is not a share link. */
export function fragmentPayload(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(`${FRAGMENT_KEY}=`)) return null;
  return h.slice(FRAGMENT_KEY.length + 1);
}

/** Inflate with a hard cap on the output; the input goes in small pieces so no step overshoots far. */
export function inflateCapped(data: Uint8Array, cap = MAX_INFLATED): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  let over = false;
  let ended = false;
  const inf = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > cap) over = true;
    else parts.push(chunk);
    if (final) ended = true;
  });
  const STEP = 256;
  try {
    for (let i = 0; i < data.length && !over; i += STEP) {
      const end = Math.min(data.length, i + STEP);
      inf.push(data.subarray(i, end), end === data.length);
    }
  } catch (e) {
    throw new LinkError(`the link is damaged: its data does not inflate (${(e as Error).message})`);
  }
  if (over) throw new LinkError(`the link's data inflates to more than ${cap / 1024 / 1024} MiB: refused`);
  if (!ended) throw new LinkError('the link is cut short: its data ends before the end of the snapshot');
  return concatChunks(parts);
}

type Json = Record<string, unknown>;

function obj(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new LinkError(`the link's ${what} is missing or not an object`);
  return v as Json;
}

/**
 * Text of the link. `oneLine` (what goes back into dump text, or names): no line break or other
 * control character, which could only be there to add lines of its own.
 */
function str(v: unknown, what: string, nullable = false, oneLine = true): string | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'string') throw new LinkError(`the link's ${what} is not text`);
  if (v.length > MAX_TEXT) throw new LinkError(`the link's ${what} is too long (${v.length} characters)`);
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  const bad = oneLine ? /[\x00-\x1f\x7f\u0085\u2028\u2029]/.exec(v) : null;
  if (bad) throw new LinkError(`the link's ${what} holds a control character (U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()})`);
  return v;
}

function num(v: unknown, what: string, max: number, nullable = false): number | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) throw new LinkError(`the link's ${what} is not a number from 0 to ${max}`);
  return v;
}

function addr(v: unknown, what: string, nullable = false): bigint | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(v)) throw new LinkError(`the link's ${what} is not a 64-bit address`);
  return BigInt(v);
}

/** Read a packed snapshot. Throws LinkError with the reason when it is not a good one. */
export function decodeSnapshot(payload: string): SnapshotLink {
  if (payload.length === 0) throw new LinkError('the link holds no snapshot (nothing after "#s=")');
  if (payload.length > MAX_FRAGMENT) throw new LinkError(`the link is too long (${payload.length} characters; at most ${MAX_FRAGMENT})`);
  const raw = fromBase64Url(payload);
  if (raw.length < 2) throw new LinkError('the link is cut short: it holds no snapshot data');
  if (raw[0] !== LINK_VERSION) throw new LinkError(`the link was made by another version of the viewer (format ${raw[0]}; this one reads ${LINK_VERSION})`);
  const body = inflateCapped(raw.subarray(1));
  if (body.length < 4) throw new LinkError('the link is cut short: no snapshot header');
  const jsonLen = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, true);
  if (jsonLen > MAX_JSON || 4 + jsonLen > body.length) throw new LinkError('the link is damaged: its snapshot header is longer than its data');
  let j: Json;
  try {
    j = obj(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(4, 4 + jsonLen))), 'snapshot header');
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError(`the link is damaged: its snapshot header is not JSON (${(e as Error).message})`);
  }
  const bytes = body.slice(4 + jsonLen);
  const length = num(j.length, 'snapshot length', SNAPSHOT_BUDGET * 32)!;
  if (length !== bytes.length) throw new LinkError(`the link is damaged: it says ${length} bytes but holds ${bytes.length}`);

  const file = obj(j.file, 'file');
  const hang = obj(j.hang, 'hang facts');
  const range = obj(j.range, 'range');
  const view = obj(j.view, 'view');
  const layout = DUMP_FORMATS.find((f) => f === j.layout) ?? null;
  if (!layout) throw new LinkError('the link names an unknown dump layout');
  const fingerprint = str(file.fingerprint, 'fingerprint', true);
  if (fingerprint !== null && !/^[0-9a-f]{16,128}$/.test(fingerprint)) throw new LinkError('the link\'s fingerprint is not a hex digest');

  const rangeAddress = addr(range.address, 'range address')!;
  const rangeLength = num(range.length, 'range length', Number.MAX_SAFE_INTEGER)!;
  const address = addr(j.address, 'snapshot address')!;
  if (address + BigInt(length) > U64 + 1n) throw new LinkError('the link\'s snapshot runs past the end of the 64-bit address space');
  if (length === 0) throw new LinkError('the link\'s snapshot holds no bytes');
  const rangeStart = foldAddress(rangeAddress);
  if (address < rangeStart || address + BigInt(length) > rangeStart + BigInt(rangeLength)) {
    throw new LinkError('the link is damaged: its snapshot lies outside the range it names');
  }
  const batch = Array.isArray(hang.batch) ? hang.batch.slice(0, 64).map((b, i) => addr(b, `batch address ${i}`)!) : [];
  const sel = view.selection;
  let selection: SnapshotLink['view']['selection'] = null;
  if (Array.isArray(sel) && sel.length === 2) {
    const start = addr(sel[0], 'selection start')!;
    const end = addr(sel[1], 'selection end')!;
    if (end > start) selection = { start, end };
  }
  const marks = Array.isArray(j.bookmarks) ? j.bookmarks : [];
  if (marks.length > MAX_BOOKMARKS) throw new LinkError(`the link holds too many bookmarks (${marks.length}; at most ${MAX_BOOKMARKS})`);
  return {
    file: { name: str(file.name, 'file name')!, size: num(file.size, 'file size', Number.MAX_SAFE_INTEGER)!, fingerprint },
    layout,
    hang: {
      kernel: str(hang.kernel, 'kernel', true),
      reason: str(hang.reason, 'reason', true),
      process: str(hang.process ?? null, 'process', true),
      pciId: num(hang.pciId ?? null, 'PCI ID', 0xffff, true),
      engine: str(hang.engine, 'engine', true),
      acthd: addr(hang.acthd, 'ACTHD', true),
      batch,
    },
    range: {
      address: rangeAddress, length: rangeLength, properties: str(range.properties ?? null, 'range properties', true),
      ...(typeof range.name === 'string' ? { name: str(range.name, 'range name')! } : {}),
    },
    address,
    bytes,
    view: {
      cursor: addr(view.cursor ?? null, 'cursor', true),
      selection,
      top: addr(view.top ?? null, 'top row', true),
      options: normalizeOptions(view.options),
    },
    bookmarks: marks.map((b, i) => {
      const m = obj(b, `bookmark ${i + 1}`);
      return { address: addr(m.address, `bookmark ${i + 1} address`)!, name: str(m.name, `bookmark ${i + 1} name`)!, note: str(m.note ?? '', `bookmark ${i + 1} note`, false, false)! };
    }),
  };
}
