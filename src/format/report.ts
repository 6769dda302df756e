// The `devcoredump inspect --json` shape, built from a DumpModel. Pure: the caller passes the
// hash function (node:crypto in the CLI), so this module runs in the browser too.
import { bytesOf, forEachPiece, hasBytes, type Blob, type DumpFormat, type DumpModel, type MemoryRange, type Register, type Severity } from './model.ts';

/** Bytes hashed at once when the bytes are hashed here (one update of 2 GiB or more throws in Node). */
const HASH_PIECE = 64 << 20;

/** A hash that gives its digest at once. */
export interface SyncHasher {
  update(bytes: Uint8Array): void;
  digest(): string;
}

export interface InspectRange {
  /** "0x" + lowercase hex of the address as printed, no padding. */
  address: string;
  length: number;
  /** sha256 (hex) of the decoded bytes (for an incomplete range: of the bytes decoded), null without data. */
  sha256: string | null;
  error: string | null;
  properties: string | null;
  /** What the range is, in the formats that name their objects ("rcs0 batch", "bo vertex-buffer"); absent for xe. */
  name?: string;
}

export interface InspectJson {
  format: DumpFormat;
  kernel: string | null;
  sections: { title: string; line: number }[];
  ranges: InspectRange[];
  blobs: { name: string; length: number; sha256: string | null }[];
  engines: { name: string; registers: Record<string, string> }[];
  batchAddresses: string[];
  diagnostics: { line: number; severity: Severity; message: string }[];
}

/** The format as people call it: "i915 GPU error state", "msm devcoredump", … */
export function formatTitle(format: DumpFormat): string {
  switch (format) {
    case 'xe': return 'xe devcoredump';
    case 'xe-rfc': return 'xe devcoredump (2023 RFC layout)';
    case 'i915': return 'i915 GPU error state';
    case 'msm': return 'msm devcoredump';
    case 'amdgpu': return 'amdgpu devcoredump';
  }
}

export function hexAddress(v: bigint): string {
  return '0x' + v.toString(16);
}

/** A register value as the kernel prints it: 0x%08x for 32-bit, 0x%016llx for 64-bit. */
export function hexRegister(r: Pick<Register, 'value' | 'bits'>): string {
  return '0x' + r.value.toString(16).padStart(r.bits === 64 ? 16 : 8, '0');
}

/** A dword as the kernel prints one: 0x%08x (e.g. an instruction header or a register value). */
export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

/** `batch_addr` as the kernel prints it: 0x%016llx. */
export function hex64(v: bigint): string {
  return '0x' + v.toString(16).padStart(16, '0');
}

/** The message of a range or blob that ended early. */
export function truncatedMessage(decoded: number, length: number): string {
  return `truncated: decoded ${decoded} of ${length} bytes`;
}

/**
 * The sha256 of a range's or blob's decoded bytes, null without data. A sha256 the parser worked out
 * while decoding (its `hash` option) is used as it is; otherwise `newHash`, when given, hashes in
 * pieces (ranges of any size) and `sha256` hashes the bytes held whole.
 */
export function digestOf(o: MemoryRange | Blob, sha256: (bytes: Uint8Array) => string, newHash?: () => SyncHasher): string | null {
  if (o.sha256 !== undefined) return o.sha256;
  const store = bytesOf(o);
  if (!store) return null;
  if (!newHash) return sha256(o.data && o.decodedLength === o.data.length ? o.data : store.read(0, o.decodedLength));
  const h = newHash();
  forEachPiece(store, 0, o.decodedLength, HASH_PIECE, (b) => h.update(b));
  return h.digest();
}

export function toInspectJson(model: DumpModel, sha256: (bytes: Uint8Array) => string, newHash?: () => SyncHasher): InspectJson {
  const hashOf = (o: MemoryRange | Blob) => digestOf(o, sha256, newHash);
  return {
    format: model.format,
    kernel: model.header.kernel,
    sections: model.sections.map((s) => ({ title: s.title, line: s.line })),
    ranges: model.ranges.map((r) => ({
      address: hexAddress(r.address),
      length: r.length,
      sha256: hashOf(r),
      error: r.error ?? (hasBytes(r) && !r.complete ? truncatedMessage(r.decodedLength, r.length) : null),
      properties: r.properties ? r.properties.raw : null,
      ...(r.name !== undefined ? { name: r.name } : {}),
    })),
    blobs: model.blobs.map((b) => ({ name: b.name, length: b.length, sha256: hashOf(b) })),
    engines: model.engines.map((e) => {
      const registers: Record<string, string> = {};
      for (const r of e.registers) registers[r.name] = hexRegister(r);
      return { name: e.name, registers };
    }),
    batchAddresses: model.batchAddresses.map(hex64),
    diagnostics: model.diagnostics.map((d) => ({ line: d.line, severity: d.severity, message: d.message })),
  };
}
