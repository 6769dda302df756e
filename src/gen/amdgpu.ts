// Fixture generator: an amdgpu devcoredump as amdgpu_dev_coredump.c prints it (see
// src/format/amdgpu.ts): header, ring timeout, a page fault, register dump, one ring's words.
import { Rng } from './content.ts';
import { h8, Lines, type ExpectedOther, type GeneratedOther } from './other-formats.ts';
import { sha256Hex } from './generate.ts';

export function generateAmdgpu(opts: { seed?: number; crlf?: boolean } = {}): GeneratedOther {
  const rng = new Rng(opts.seed ?? 1);
  const out = new Lines(opts.crlf ?? false);
  const fault = 0x0000800100200000n;
  out.push('**** AMDGPU Device Coredump ****', 'version: 1', 'kernel: 6.10.0-arch1-1', 'module: amdgpu', 'time: 1733000000.123456789',
    'process_name: glxgears PID: 1234', '', 'SOC Family: 143', 'SOC Revision id: 0', 'SOC External Revision id: 50', '',
    'Ring timed out details', 'IP Type: 0 Ring Name: gfx_0.0.0', '', '[gfxhub] Page fault observed',
    `Faulty page starting at address: 0x${fault.toString(16).padStart(16, '0')}`, 'Protection fault status register: 0x301031', '',
    'VRAM is lost due to GPU reset!', 'AMDGPU register dumps:', 'Offset:     Value:');
  const regs: Record<string, bigint> = {};
  for (const off of [0x63b8, 0x8010, 0x8014]) {
    const v = rng.u32();
    out.push(`0x${h8(off)}: \t 0x${h8(v)}`);
    regs[`0x${h8(off)}`] = BigInt(v);
  }
  out.push('Ring buffer information', 'ring name: gfx_0.0.0', 'Rptr: 0x100 Wptr: 0x140 RB mask: 3f', 'Ring size in dwords: 64', 'Ring contents', 'Offset \t Value');
  const words = new Uint32Array(64);
  for (let i = 0; i < 64; i++) words[i] = i % 3 === 0 ? 0xc0032200 : rng.u32();
  for (let i = 0; i < 64; i++) out.push(`0x${(i * 4).toString(16)} \t 0x${words[i].toString(16)}`);
  out.push('Ring dumped');
  const ring = new Uint8Array(words.buffer);
  const expected: ExpectedOther = {
    format: 'amdgpu', ranges: [], blobs: [{ name: 'ring gfx_0.0.0', length: 256, sha256: sha256Hex(ring) }],
    registers: { 'AMDGPU register dumps': regs }, batchAddresses: [], fault: '0x' + fault.toString(16), addressBits: null,
  };
  return { bytes: out.bytes(), expected, rangeBytes: new Map() };
}
