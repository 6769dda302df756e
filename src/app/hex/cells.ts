// Pure cell helpers of the hex view: byte text, the ASCII column, row counts (numbers as text: src/format/text.ts).

/** Bytes per row and bytes per group (a 32-bit word by default). Row and group sizes divide 4096. */
export const BYTES_PER_ROW = 16;
export const GROUP_SIZE = 4;

/** "00".."ff". */
export const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexByte(b: number): string {
  return HEX2[b & 0xff];
}

/** Printable ASCII (0x20–0x7e) as itself, anything else as '.'. */
export function asciiChar(b: number): string {
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
}

/** Shown in the ASCII column for an unknown byte (not ASCII, so never mistaken for a real byte). */
export const UNKNOWN_CHAR = '\u00b7';

/** ASCII column text of bytes[from, to); bytes at or past `valid` (unknown) are UNKNOWN_CHAR. */
export function asciiText(bytes: Uint8Array, from: number, to: number, valid: number = bytes.length): string {
  let s = '';
  for (let i = from; i < to; i++) {
    if (i >= valid || i >= bytes.length) s += UNKNOWN_CHAR;
    else s += asciiChar(bytes[i]);
  }
  return s;
}




/** Rows of `bytesPerRow` needed for `length` bytes. */
export function rowCount(length: number, bytesPerRow: number = BYTES_PER_ROW): number {
  return Math.ceil(Math.max(0, length) / bytesPerRow);
}
