// Pure text formatters for copying bytes (hex, hex dump, C array, base64) and the names of
// downloaded files. No DOM, no stores: unit-tested in Node.

/** Most bytes a clipboard copy takes (a text copy of more would be unwieldy). */
export const CLIPBOARD_CAP = 16 * 1024 * 1024;
/** Most bytes asked of the ByteSource in one read. */
export const READ_CHUNK = 1024 * 1024;

export type CopyFormat = 'hex' | 'hexdump' | 'c' | 'base64';

export const FORMAT_NAMES: Record<CopyFormat, string> = {
  hex: 'hex',
  hexdump: 'hex dump',
  c: 'C array',
  base64: 'base64',
};

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** "18 80 01 01": every byte as two hex digits, separated by spaces. */
export function formatHex(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX2[bytes[i]];
  return parts.join(' ');
}

const ascii = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/**
 * Lines of 16 bytes: the 16-digit address of the line's first byte, the bytes, and their ASCII
 * ("." for what is not printable) between bars. A short last line is padded so the ASCII aligns.
 * `"00000000001a0000  01 01 80 18 …  |....|"`. Lines end with "\n".
 */
export function formatHexDump(bytes: Uint8Array, start: bigint): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    const addr = (start + BigInt(off)).toString(16).padStart(16, '0');
    const hexPart = formatHex(row).padEnd(16 * 3 - 1, ' ');
    let text = '';
    for (const b of row) text += ascii(b);
    lines.push(`${addr}  ${hexPart}  |${text}|\n`);
  }
  return lines.join('');
}

/** C identifier for bytes at `start`: "data_0x1a0000". */
export function cArrayName(start: bigint): string {
  return `data_0x${start.toString(16)}`;
}

/**
 * A C array of little-endian 32-bit words, 4 a line:
 * `static const uint32_t data_0x1a0000[] = {\n    0x18800101, …\n};\n`. A length that is not a
 * multiple of 4 pads the last word with zero bytes, and a comment before the array says so.
 */
export function formatCArray(bytes: Uint8Array, start: bigint, name = cArrayName(start)): string {
  const words = Math.ceil(bytes.length / 4);
  const pad = words * 4 - bytes.length;
  const padded = new Uint8Array(words * 4);
  padded.set(bytes);
  const dv = new DataView(padded.buffer);
  const lines: string[] = [];
  if (pad > 0) {
    lines.push(`/* ${bytes.length} bytes: the last word is padded with ${pad} zero byte${pad === 1 ? '' : 's'} */\n`);
  }
  lines.push(`static const uint32_t ${name}[] = {\n`);
  for (let w = 0; w < words; w += 4) {
    const parts: string[] = [];
    for (let k = w; k < Math.min(w + 4, words); k++) parts.push('0x' + dv.getUint32(k * 4, true).toString(16).padStart(8, '0'));
    lines.push(`    ${parts.join(', ')}${w + 4 < words ? ',' : ''}\n`);
  }
  lines.push('};\n');
  return lines.join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, with "=" padding), no line breaks. */
export function formatBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  if (n - i === 1) {
    const v = bytes[i] << 16;
    chunk += B64[v >> 18] + B64[(v >> 12) & 63] + '==';
  } else if (n - i === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    chunk += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + '=';
  }
  out.push(chunk);
  return out.join('');
}

export function formatBytes(format: CopyFormat, bytes: Uint8Array, start: bigint): string {
  switch (format) {
    case 'hex':
      return formatHex(bytes);
    case 'hexdump':
      return formatHexDump(bytes, start);
    case 'c':
      return formatCArray(bytes, start);
    case 'base64':
      return formatBase64(bytes);
  }
}

/** "0x1a0040-64.bin": the selection's start address and length. */
export function selectionFileName(start: bigint, length: number): string {
  return `0x${start.toString(16)}-${length}.bin`;
}

/** "range-0x1a0000.bin" for a range (folded address), "blob-HWCTX-0.bin" for a blob (name and index). */
export function targetFileName(target: { kind: 'range'; address: bigint } | { kind: 'blob'; name: string; index: number }): string {
  if (target.kind === 'range') return `range-0x${target.address.toString(16)}.bin`;
  const safe = target.name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'blob';
  return `blob-${safe}-${target.index}.bin`;
}

/** Chunks [address, length) covering [start, end), each at most `chunk` bytes. */
export function chunksOf(start: bigint, end: bigint, chunk = READ_CHUNK): { address: bigint; length: number }[] {
  const out: { address: bigint; length: number }[] = [];
  for (let a = start; a < end; ) {
    const len = Number(end - a < BigInt(chunk) ? end - a : BigInt(chunk));
    out.push({ address: a, length: len });
    a += BigInt(len);
  }
  return out;
}
