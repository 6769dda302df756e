// Fixture generator: i915 GPU error states in the three shapes of i915_gpu_error.c (see
// src/format/i915.ts): modern with zlib-compressed objects (':'), modern with raw objects ('~'),
// the pre-2015 legacy layout (per-dword "%08x :  %08x" lines) and "No error state collected".
// Engines print in reverse id order; the hung engine (rcs0) has ACTHD inside its batch object.
import { zlibSync } from 'fflate';
import { encodeAscii85String } from '../format/ascii85-encode.ts';
import { Rng, batchBuffer, hwContext, hwStatusPage, mixedBuffer, gucLog } from './content.ts';
import { expectRange, h8, Lines, type ExpectedOther, type GeneratedOther } from './other-formats.ts';

export type I915Variant = 'compressed' | 'raw' | 'legacy' | 'empty';

export interface I915Options {
  variant: I915Variant;
  seed?: number;
  crlf?: boolean;
  /** Bytes of the batch object (default 16 KiB); the other objects scale from it. */
  batchBytes?: number;
  /** Extra "user" objects (EXEC_OBJECT_CAPTURE buffers) on rcs0, each this many bytes. */
  userObjects?: number[];
}

interface Obj { engine: string; kind: string; address: bigint; bytes: Uint8Array; pageSizes?: number }

/** The payload line of an object: ':' + ascii85 of the zlib stream padded to a dword, or '~' + ascii85. */
export function i915ObjectLine(bytes: Uint8Array, compressed: boolean): string {
  if (!compressed) return '~' + encodeAscii85String(bytes);
  const z = zlibSync(bytes, { level: 6 });
  const padded = new Uint8Array(Math.ceil(z.length / 4) * 4);
  padded.set(z);
  return ':' + encodeAscii85String(padded);
}

export function generateI915(opts: I915Options): GeneratedOther {
  const rng = new Rng(opts.seed ?? 1);
  const out = new Lines(opts.crlf ?? false);
  const expected: ExpectedOther = { format: 'i915', ranges: [], blobs: [], registers: {}, batchAddresses: [], fault: null, addressBits: null };
  const rangeBytes = new Map<string, Uint8Array>();
  if (opts.variant === 'empty') {
    out.push('No error state collected');
    return { bytes: out.bytes(), expected, rangeBytes };
  }
  const legacy = opts.variant === 'legacy';
  const batchBytes = opts.batchBytes ?? 16384;
  const batchAddr = legacy ? 0x00a1b000n : 0x0000000100100000n;
  const ringAddr = legacy ? 0x00020000n : 0x00fe0000n;
  const ctxAddr = legacy ? 0x00030000n : 0x00e00000n;
  const batch = batchBuffer(batchBytes, 0, batchAddr, rng);
  const acthd = batchAddr + BigInt(batch.acthdOffset);
  const ring = mixedBuffer(legacy ? 4096 : 16384, rng, 0.6);
  const objects: Obj[] = [];
  const rcs = legacy ? 'render ring' : 'rcs0';
  objects.push({ engine: rcs, kind: 'batch', address: batchAddr, bytes: batch.bytes });
  objects.push({ engine: rcs, kind: 'ring', address: ringAddr, bytes: ring });
  if (!legacy) {
    objects.push({ engine: rcs, kind: 'HW context', address: ctxAddr, bytes: hwContext(65536, rng, Number(ringAddr), 0x120, 0x180), pageSizes: 0x10000 });
    objects.push({ engine: rcs, kind: 'HW Status', address: 0x00fff000n, bytes: hwStatusPage(rng, 1234) });
    (opts.userObjects ?? []).forEach((n, i) => {
      objects.push({ engine: rcs, kind: 'user', address: 0x0000000200000000n + BigInt(i) * 0x1000000n, bytes: mixedBuffer(n, rng, 0.4) });
    });
  }
  const time = 1733000000;
  if (legacy) {
    out.push(`Time: ${time} s 123456 us`, 'Kernel: 3.13.0-24-generic', 'PCI ID: 0x0166', 'EIR: 0x00000000', 'IER: 0xfc002529', 'PGTBL_ER: 0x00000000', 'FORCEWAKE: 0x00000001', 'DERRMR: 0x00000000', 'CCID: 0x00000000');
    for (let i = 0; i < 4; i++) out.push(`  fence[${i}] = ${h8(i === 0 ? 0x00a1b001 : 0)}`);
  } else {
    out.push(
      'GPU HANG: ecode 12:1:85dffffb, in glxgears [1234]',
      'Kernel: 6.8.0-45-generic x86_64', 'Driver: i915', `Time: ${time} s 123456 us`, 'Boottime: 5000 s 250000 us',
      'Uptime: 4990 s 100000 us', 'Capture: 4295892 jiffies; 12 ms ago, 380 jiffies after last reset', 'Reset count: 0',
      'Suspend count: 0', 'Platform: tigerlake', 'Subplatform: 0x2', 'PCI ID: 0x9a49', 'PCI Revision: 0x01',
      'PCI Subsystem: 8086:2212', 'GT awake: yes', 'IOMMU enabled?: 1', 'EIR: 0x00000000', 'IER: 0x00000000',
      'GTIER[0]: 0x00010001', 'PGTBL_ER: 0x00000000', 'FORCEWAKE: 0x00010001', 'DERRMR: 0x00000000', 'CCID: 0x00e00109',
    );
    for (let i = 0; i < 8; i++) out.push(`  fence[${i}] = ${(i === 0 ? 0x00a1b00000a00001n : 0n).toString(16).padStart(8, '0')}`);
    out.push('ERROR: 0x00000000', 'DONE_REG: 0xffffffff');
  }
  // Engines, reverse id order: the other engines idle, rcs0 (id 0) last.
  const idle = legacy ? ['blitter ring', 'bsd ring'] : ['vecs0', 'vcs0', 'bcs0'];
  for (const name of idle) {
    out.push(`${name} command stream:`, '  IDLE?: yes', '  START: 0x00000000', '  HEAD:  0x00000000 [0x00000000]', '  TAIL:  0x00000000 [0x00000000, 0x00000000]', '  CTL:   0x00000000');
    out.push(legacy ? '  ACTHD: 0x00000000' : '  ACTHD: 0x00000000 00000000', '  IPEHR: 0x00000000');
  }
  const head = 0x120;
  out.push(`${rcs} command stream:`, '  IDLE?: no', `  START: 0x${h8(Number(ringAddr))}`, `  HEAD:  0x${h8(head)} [0x00000000]`,
    '  TAIL:  0x00000180 [0x00000000, 0x00000180]', '  CTL:   0x00003001', '  MODE:  0x00000000', '  HWS:   0x00fff000');
  if (legacy) out.push(`  ACTHD: 0x${h8(Number(acthd))}`);
  else out.push(`  ACTHD: 0x${h8(Number(acthd >> 32n))} ${h8(Number(acthd & 0xffffffffn))}`);
  out.push('  IPEIR: 0x00000000', `  IPEHR: 0x${h8(batch.ipehr)}`, '  ESR:   0x00000000', '  INSTDONE: 0xffffffff');
  if (legacy) out.push(`  BBADDR: 0x${h8(Number(acthd))}`);
  else out.push(`  BBADDR: 0x${h8(Number(acthd >> 32n))}_${h8(Number(acthd & 0xffffffffn))}`, '  SAMPLER_INSTDONE[0][0]: 0xffffffff', '  engine reset count: 0');
  out.push('  BB_STATE: 0x00000000', '  INSTPS: 0x00000000', '  INSTPM: 0x00006000');
  expected.registers[rcs] = { ACTHD: acthd, IPEHR: BigInt(batch.ipehr), START: ringAddr };
  expected.registers.global = { EIR: 0n, CCID: legacy ? 0n : 0x00e00109n };
  if (legacy) out.push(`Active process (on ring ${rcs}): glxgears [1234]`);
  const globalObjects: Obj[] = legacy ? [] : [{ engine: 'global', kind: 'GuC log buffer', address: 0x00f00000n, bytes: gucLog(32768, rng) }];
  for (const o of [...objects, ...globalObjects]) {
    if (legacy) {
      out.push(`${o.engine} --- ${o.kind === 'batch' ? 'gtt_offset' : o.kind === 'ring' ? 'ringbuffer' : o.kind} = 0x${h8(Number(o.address))}`);
      const v = new DataView(o.bytes.buffer, o.bytes.byteOffset, o.bytes.byteLength);
      for (let k = 0; k < o.bytes.length; k += 4) out.push(`${h8(k)} :  ${h8(v.getUint32(k, true))}`);
    } else {
      out.push(`${o.engine} --- ${o.kind} = 0x${h8(Number(o.address >> 32n))} ${h8(Number(o.address & 0xffffffffn))}`);
      if (o.pageSizes) out.push(`gtt_page_sizes = 0x${h8(o.pageSizes)}`);
      out.push(i915ObjectLine(o.bytes, opts.variant === 'compressed'));
    }
    const name = `${o.engine} ${o.kind}`;
    expected.ranges.push(expectRange(o.address, name, o.bytes.length, o.bytes));
    rangeBytes.set(name, o.bytes);
    if (o.kind === 'batch') expected.batchAddresses.push('0x' + o.address.toString(16));
  }
  expected.addressBits = legacy ? 32 : 48;
  return { bytes: out.bytes(), expected, rangeBytes };
}
