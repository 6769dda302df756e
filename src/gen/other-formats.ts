// Shared by the i915, msm and amdgpu fixture generators: what a correct parser must report for a
// generated dump (format, every range with its name and sha256, blobs, the hang facts), and the
// text assembly (LF or CRLF).
import { sha256Hex } from './generate.ts';
import type { DumpFormat } from '../format/model.ts';

export interface ExpectedRange {
  /** "0x" + lowercase hex. */
  address: string;
  name: string;
  length: number;
  /** sha256 of the bytes (padded to length for msm), null when listed without bytes. */
  sha256: string | null;
}

export interface ExpectedOther {
  format: DumpFormat;
  ranges: ExpectedRange[];
  blobs: { name: string; length: number; sha256: string | null }[];
  /** Engine → register name → value, for the registers the tests check. */
  registers: Record<string, Record<string, bigint>>;
  batchAddresses: string[];
  fault: string | null;
  addressBits: 32 | 48 | null;
}

export interface GeneratedOther {
  bytes: Uint8Array;
  expected: ExpectedOther;
  /** Bytes of every range with data, by name. */
  rangeBytes: Map<string, Uint8Array>;
}

export class Lines {
  private readonly parts: string[] = [];
  constructor(private readonly crlf: boolean) {}
  push(...lines: string[]): void {
    for (const l of lines) this.parts.push(l + (this.crlf ? '\r\n' : '\n'));
  }
  bytes(): Uint8Array {
    return new TextEncoder().encode(this.parts.join(''));
  }
}

export function expectRange(address: bigint, name: string, length: number, bytes: Uint8Array | null): ExpectedRange {
  return { address: '0x' + address.toString(16), name, length, sha256: bytes ? sha256Hex(bytes) : null };
}

export const h8 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
