// Fixture generator: msm (freedreno) devcoredumps as adreno_show() and the a6xx state printer
// write them (see src/format/msm.ts): a6xx header, a fault-info block whose IOVA falls inside one
// bo, two ringbuffers, bos whose payloads end in zero dwords the kernel trims (one all-zero bo is
// listed without a data line), registers, and a6xx sections (indexed registers, shader blocks)
// with 6-space-indented payloads.
import { encodeAscii85String } from '../format/ascii85-encode.ts';
import { Rng, mixedBuffer } from './content.ts';
import { expectRange, h8, Lines, type ExpectedOther, type GeneratedOther } from './other-formats.ts';
import { sha256Hex } from './generate.ts';

export interface MsmOptions {
  seed?: number;
  crlf?: boolean;
  /** Put the fault IOVA outside every bo (just past the last one) instead of inside one. */
  faultOutside?: boolean;
}

/** The kernel's ascii85 of a payload with its trailing zero dwords dropped (adreno_show_object). */
export function trimmedAscii85(bytes: Uint8Array): string | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) if (v.getUint32(i, true) !== 0) end = i + 4;
  return end === 0 ? null : encodeAscii85String(bytes.subarray(0, end));
}

const h16 = (v: bigint): string => v.toString(16).padStart(16, '0');

export function generateMsm(opts: MsmOptions = {}): GeneratedOther {
  const rng = new Rng(opts.seed ?? 1);
  const out = new Lines(opts.crlf ?? false);
  const expected: ExpectedOther = { format: 'msm', ranges: [], blobs: [], registers: {}, batchAddresses: [], fault: null, addressBits: 48 };
  const rangeBytes = new Map<string, Uint8Array>();
  const withTail = (n: number, zeroTail: number) => {
    const b = mixedBuffer(n, rng, 0.3);
    b.fill(0, n - zeroTail);
    // Make sure the last non-trimmed dword is not zero, so the trim point is exact.
    b[n - zeroTail - 4] = 0x5a;
    return b;
  };
  const bos = [
    { iova: 0x0000000100010000n, size: 8192, flags: 0x3, name: 'cmdstream', bytes: withTail(8192, 1024) },
    { iova: 0x0000000100020000n, size: 16384, flags: 0x1, name: 'vertex-buffer', bytes: withTail(16384, 4096) },
    { iova: 0x0000000100040000n, size: 4096, flags: 0x1, name: 'zero-bo', bytes: new Uint8Array(4096) },
  ];
  const fault = opts.faultOutside ? 0x0000000100041000n + 0x80n : 0x0000000100020000n + 0x1234n;
  out.push('---', 'kernel: Linux 6.6.0-qcom #1 SMP PREEMPT aarch64', 'module: msm', 'time: 1733000000.123456789', 'comm: deqp-vk',
    'cmdline: ./deqp-vk --deqp-case=dEQP-VK.memory.pipeline_barrier', 'revision: 630 (6.3.0.2)',
    'fault-info:', '  - ttbr0=0000000102fa3000', `  - iova=${h16(fault)}`, '  - dir=READ', '  - type=TRANSLATION', '  - source=CP',
    'rbbm-status: 0x00800000', 'ringbuffer:');
  expected.fault = '0x' + fault.toString(16);
  for (let id = 0; id < 2; id++) {
    const iova = 0x0000000100000000n + BigInt(id) * 0x8000n;
    const size = 32768;
    const ring = withTail(size, size - (id === 0 ? 1024 : 256));
    const rptr = id === 0 ? 40 : 0;
    // Ring 0 is busy (the hang: RPTR behind WPTR, a fence not retired), ring 1 idle.
    out.push(`  - id: ${id}`, `    iova: 0x${h16(iova)}`, `    last-fence: ${12 + id}`, `    retired-fence: ${id === 0 ? 11 : 13}`, `    rptr: ${rptr}`, `    wptr: ${id === 0 ? rptr + 24 : rptr}`, `    size: ${size}`);
    const a = trimmedAscii85(ring);
    if (a) out.push('    data: !!ascii85 |', '     ' + a);
    const name = `ringbuffer ${id}`;
    expected.ranges.push(expectRange(iova, name, size, ring));
    rangeBytes.set(name, ring);
    expected.registers[name] = { RPTR: BigInt(rptr), IOVA: iova };
  }
  out.push('bos:');
  for (const bo of bos) {
    out.push(`  - iova: 0x${h16(bo.iova)}`, `    size: ${bo.size}`, `    flags: 0x${bo.flags.toString(16)}`, `    name: ${bo.name.padEnd(32)}`);
    const a = trimmedAscii85(bo.bytes);
    if (a) out.push('    data: !!ascii85 |', '     ' + a);
    const name = `bo ${bo.name}`;
    expected.ranges.push(expectRange(bo.iova, name, bo.size, a ? bo.bytes : null));
    if (a) rangeBytes.set(name, bo.bytes);
  }
  out.push('registers:');
  for (const [off, val] of [[0x0800, 0x00000003], [0x0210, 0x00800000], [0x0e01, 0x0000ffff]]) {
    out.push(`  - { offset: 0x${off.toString(16).padStart(4, '0')}, value: 0x${h8(val)} }`);
  }
  expected.registers.registers = { '0x0800': 3n, '0x0210': 0x00800000n };
  out.push('indexed-registers:');
  const cp = mixedBuffer(256, rng, 0.2);
  cp.fill(0, 192);
  cp[188] = 1;
  out.push('  - regs-name: CP_SQE_STAT', '    dwords: 64', '    data: !!ascii85 |', '      ' + trimmedAscii85(cp)!);
  expected.blobs.push({ name: 'indexed-registers CP_SQE_STAT', length: 192, sha256: sha256Hex(cp.subarray(0, 192)) });
  out.push('shader-blocks:');
  const sb = mixedBuffer(2048, rng, 0.5);
  sb[2047] = 7;
  out.push('  - type: A6XX_TP0_TMO_DATA', '    size: 512', '    bank: 0', '    data: !!ascii85 |', '      ' + trimmedAscii85(sb)!);
  expected.blobs.push({ name: 'shader-blocks A6XX_TP0_TMO_DATA', length: 2048, sha256: sha256Hex(sb) });
  return { bytes: out.bytes(), expected, rangeBytes };
}
