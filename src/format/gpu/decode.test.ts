// Hand-assembled instructions of each family, decoded field by field (values per the PRMs).
import { describe, expect, it } from 'vitest';
import { decodeAt, formatFieldValue, getDecoder, plainField, scanInstructions, type Family, type Instruction } from './index.ts';
import type { EngineKind } from './types.ts';

function decode(dwords: number[], family: Family = 'gen12', engine: EngineKind = 'render', base = 0x1000n): Instruction {
  const w = new Uint32Array(dwords);
  return decodeAt(w, 0, base, getDecoder(family, engine));
}
function field(ins: Instruction, name: string): string | undefined {
  return ins.fields.find((f) => f.name === name)?.value;
}

describe('MI commands (all families)', () => {
  it('multi-register MI_LOAD_REGISTER_IMM: every (offset, value) pair', () => {
    const ins = decode([0x11001005, 0x2244, 0xffff0008, 0x2034, 0x40, 0x22034, 0x88]);
    expect(ins.name).toBe('MI_LOAD_REGISTER_IMM');
    expect(ins.dwords).toBe(7);
    expect(field(ins, 'Force Posted')).toBe('true');
    expect(field(ins, 'Register Offset')).toBe('0x2244');
    expect(field(ins, 'Register')).toBe('RING_CONTEXT_CONTROL');
    expect(field(ins, 'Data DWord')).toBe('0xffff0008');
    expect(field(ins, 'Register Offset [1]')).toBe('0x2034');
    expect(field(ins, 'Register [1]')).toBe('RING_HEAD');
    expect(field(ins, 'Data DWord [1]')).toBe('0x00000040');
    expect(field(ins, 'Register Offset [2]')).toBe('0x22034');
    expect(field(ins, 'Register [2]')).toBe('bcs0 RING_HEAD');
    expect(field(ins, 'Data DWord [2]')).toBe('0x00000088');
  });

  it('MI_BATCH_BUFFER_START: second level, PPGTT, 48-bit target', () => {
    const ins = decode([0x18c00101, 0x00002001, 0xffff0002]);
    expect(ins.name).toBe('MI_BATCH_BUFFER_START');
    expect(ins.batchStart).toEqual({ address: 0x200002000n, secondLevel: true, ppgtt: true });
    expect(field(ins, 'Second Level Batch Buffer')).toBe('Second level batch (1)');
    expect(field(ins, 'Address Space Indicator')).toBe('PPGTT (1)');
    const a = ins.fields.find((f) => f.name === 'Batch Buffer Start Address')!;
    expect(a.value).toBe('0x200002000');
    expect(a.address).toBe(0x200002000n);
  });

  it('MI_BATCH_BUFFER_END ends a batch; MI_NOOP carries its identification number', () => {
    expect(decode([0x05000000]).batchEnd).toBe(true);
    const noop = decode([0x0040002a]);
    expect(noop.name).toBe('MI_NOOP');
    expect(field(noop, 'Identification Number')).toBe('42');
    expect(field(noop, 'Identification Number Register Write Enable')).toBe('true');
  });

  it('MI_STORE_DATA_IMM (qword), MI_SEMAPHORE_WAIT, MI_STORE_REGISTER_MEM, MI_MATH', () => {
    const sdi = decode([0x10200003, 0x00345678, 0x0000abcd, 0x11111111, 0x22222222]);
    expect(sdi.dwords).toBe(5);
    expect(field(sdi, 'Store Qword')).toBe('true');
    expect(field(sdi, 'Address')).toBe('0xabcd00345678');
    expect(field(sdi, 'Data DWord 1')).toBe('0x22222222');
    const sem = decode([0x0e00c003, 1, 0x1000, 0x2, 0]);
    expect(sem.name).toBe('MI_SEMAPHORE_WAIT');
    expect(field(sem, 'Compare Operation')).toBe('SAD_EQUAL_SDD (4)');
    expect(field(sem, 'Wait Mode')).toBe('Polling Mode (1)');
    expect(field(sem, 'Semaphore Address')).toBe('0x200001000');
    const srm = decode([0x12000002, 0x2358, 0x8000, 0x1]);
    expect(srm.name).toBe('MI_STORE_REGISTER_MEM');
    expect(field(srm, 'Register Address')).toBe('0x2358 (RING_TIMESTAMP)');
    expect(field(srm, 'Memory Address')).toBe('0x100008000');
    const math = decode([0x0d000002, 0x08008001, 0x10000000, 0x18000831]);
    expect(math.name).toBe('MI_MATH');
    expect(math.fields.map((f) => f.value)).toEqual(['LOAD SRCA, R1', 'ADD', 'STORE R2, ACCU']);
  });

  it('MI_FLUSH_DW and MI_CONDITIONAL_BATCH_BUFFER_END', () => {
    const f = decode([0x13044003, 0x00001008, 0x1, 7, 0], 'xe2', 'copy');
    expect(f.name).toBe('MI_FLUSH_DW');
    expect(f.dwords).toBe(5);
    expect(field(f, 'Post-Sync Operation')).toBe('Write Immediate Data (1)');
    expect(field(f, 'TLB Invalidate')).toBe('true');
    expect(field(f, 'Destination Address')).toBe('0x100001008');
    const c = decode([0x1b00d002, 5, 0x1008, 0]);
    expect(c.name).toBe('MI_CONDITIONAL_BATCH_BUFFER_END');
    expect(field(c, 'Compare Operation')).toBe('SAD_NOT_EQUAL_SDD (5)');
    expect(c.batchEnd).toBeUndefined();
  });
});

describe('Gen12 (Tiger Lake) 3D and compute', () => {
  it('PIPE_CONTROL flags, post-sync write and address', () => {
    const ins = decode([0x7a000004, (1 << 20) | (1 << 14) | (1 << 5) | (1 << 24), 0x12345670, 0xabcd, 0xdeadbeef, 0]);
    expect(ins.name).toBe('PIPE_CONTROL');
    expect(ins.dwords).toBe(6);
    expect(field(ins, 'Command Streamer Stall Enable')).toBe('true');
    expect(field(ins, 'DC Flush Enable')).toBe('true');
    expect(field(ins, 'Render Target Cache Flush Enable')).toBe('false');
    expect(field(ins, 'Post Sync Operation')).toBe('Write Immediate Data (1)');
    expect(field(ins, 'Destination Address Type')).toBe('GGTT (1)');
    expect(plainField(ins.fields.find((f) => f.name === 'Address')!)).toEqual({ name: 'Address', value: '0xabcd12345670', address: 0xabcd12345670n });
    expect(field(ins, 'Immediate Data DWord 0')).toBe('0xdeadbeef');
  });

  it('3DPRIMITIVE: topology, counts, signed base vertex', () => {
    const ins = decode([0x7b000005, 0x104, 36, 0, 2, 0, 0xfffffffd]);
    expect(field(ins, 'Primitive Topology Type')).toBe('TRILIST (4)');
    expect(field(ins, 'Vertex Access Type')).toBe('RANDOM (1)');
    expect(field(ins, 'Vertex Count Per Instance')).toBe('36');
    expect(field(ins, 'Instance Count')).toBe('2');
    expect(field(ins, 'Base Vertex Location')).toBe('-3');
  });

  it('STATE_BASE_ADDRESS: 22 dwords, bases with modify-enable and MOCS', () => {
    const w = new Array(22).fill(0);
    w[0] = 0x61010014;
    w[4] = 0x00010000 | (2 << 4) | 1;
    w[5] = 0x1;
    w[10] = 0x00030000 | 1;
    const ins = decode(w);
    expect(ins.name).toBe('STATE_BASE_ADDRESS');
    expect(ins.dwords).toBe(22);
    expect(field(ins, 'Surface State Base Address Modify Enable')).toBe('true');
    expect(field(ins, 'Surface State MOCS')).toBe('2');
    expect(field(ins, 'Surface State Base Address')).toBe('0x100010000');
    expect(field(ins, 'Instruction Base Address')).toBe('0x30000');
  });

  it('3DSTATE_VERTEX_BUFFERS: every vertex buffer state', () => {
    const ins = decode([0x78080007, (0 << 26) | (1 << 14) | 16, 0x1000, 0x1, 0x400, (1 << 26) | (1 << 14) | 32, 0x2000, 0x1, 0x800]);
    expect(ins.dwords).toBe(9);
    expect(field(ins, 'Buffer Starting Address [Vertex Buffer 0]')).toBe('0x100001000');
    expect(field(ins, 'Buffer Pitch [Vertex Buffer 1]')).toBe('32');
    expect(field(ins, 'Vertex Buffer Index [Vertex Buffer 1]')).toBe('1');
    expect(field(ins, 'Buffer Size [Vertex Buffer 1]')).toBe('2048');
  });

  it('GPGPU_WALKER on Gen12; COMPUTE_WALKER unknown there (length still from the header)', () => {
    const w = new Array(15).fill(0);
    w[0] = 0x7105000d;
    w[4] = (1 << 30) | 15;
    w[7] = 64;
    const g = decode(w);
    expect(g.name).toBe('GPGPU_WALKER');
    expect(field(g, 'SIMD Size')).toBe('SIMD16 (1)');
    expect(field(g, 'Thread Group ID X Dimension')).toBe('64');
    const cw = decode([0x72080025]);
    expect(cw.known).toBe(false);
    expect(cw.name).toBe('unknown instruction 0x72080025');
    expect(cw.dwords).toBe(39);
    expect(cw.truncated).toBe(true);
  });

  it('3DSTATE_CLEAR_PARAMS exists on Gen12, not on Xe2', () => {
    expect(decode([0x78040001, 0x3f800000, 1]).name).toBe('3DSTATE_CLEAR_PARAMS');
    expect(field(decode([0x78040001, 0x3f800000, 1]), 'Depth Clear Value')).toBe('1');
    expect(decode([0x78040001, 0, 0], 'xe2').known).toBe(false);
  });
});

describe('Gen12.5 (DG2, Meteor Lake)', () => {
  it('CFE_STATE and COMPUTE_WALKER (39 dwords, any CFE sub-opcode variant)', () => {
    const cfe = decode([0x72000004, 0x400, 0, (128 << 16) | (1 << 13) | (2 << 3), 0, 0], 'gen12.5');
    expect(cfe.name).toBe('CFE_STATE');
    expect(field(cfe, 'Maximum Number of Threads')).toBe('128');
    expect(field(cfe, 'Scratch Space Buffer')).toBe('0x400');
    expect(field(cfe, 'Number of Walkers')).toBe('2');
    expect(field(cfe, 'Single Slice Dispatch CCS Mode')).toBe('true');
    const w = new Array(39).fill(0);
    w[0] = 0x72080025;
    w[2] = 32;
    w[4] = (1 << 30) | (1 << 17);
    w[6] = 15;
    w[7] = 64;
    w[8] = 8;
    w[18] = 0x1040;
    const cw = decode(w, 'gen12.5');
    expect(cw.name).toBe('COMPUTE_WALKER');
    expect(cw.dwords).toBe(39);
    expect(field(cw, 'Indirect Data Length')).toBe('32');
    expect(field(cw, 'SIMD Size')).toBe('SIMD16 (1)');
    expect(field(cw, 'Message SIMD')).toBe('SIMD16 (1)') // Gen12.5 names it SIMD16; Xe2 SIMT16 (Mesa gen125.xml, xe2.xml);
    expect(field(cw, 'Local X Maximum')).toBe('15');
    expect(field(cw, 'Thread Group ID X Dimension')).toBe('64');
    expect(field(cw, 'Thread Group ID Y Dimension')).toBe('8');
    expect(field(cw, 'Kernel Start Pointer')).toBe('0x1040');
    const variant = decode([0x72090025], 'gen12.5');
    expect(variant.name).toBe('COMPUTE_WALKER');
    expect(field(variant, 'CFE SubOpcode Variant')).toBe('1');
    // Xe2: 40 dwords, a Walker ID before the interface descriptor.
    const x = new Array(40).fill(0);
    x[0] = 0x72080026;
    x[18] = 3;
    x[19] = 0x2000;
    const xw = decode(x, 'xe2');
    expect(xw.dwords).toBe(40);
    expect(field(xw, 'Walker ID')).toBe('3');
    expect(field(xw, 'Kernel Start Pointer')).toBe('0x2000');
  });

  it('EXECUTE_INDIRECT_DRAW, MI_FLUSH_DW address type, PIPE_CONTROL L3 fabric flush, SBA L1 cache control', () => {
    const d = decode([0x7c000004 | (1 << 10), 4, 0x1001, 0x1, 0x2000, 0x1], 'gen12.5');
    expect(d.name).toBe('EXECUTE_INDIRECT_DRAW');
    expect(field(d, 'Argument Format')).toBe('DRAWINDEXED (1)');
    expect(field(d, 'Count Buffer Indirect Enable')).toBe('true');
    expect(field(d, 'Count Buffer Address')).toBe('0x100001000');
    expect(field(d, 'Argument Buffer Start Address')).toBe('0x100002000');
    const f = decode([0x13000003, 0x1004 | 4, 0, 0, 0], 'gen12.5', 'copy');
    expect(field(f, 'Destination Address Type')).toBe('GGTT (1)');
    expect(field(f, 'Destination Address')).toBe('0x1000');
    const pc = decode([0x7a000004 | (1 << 13), 1 << 30, 0, 0, 0, 0], 'gen12.5');
    expect(field(pc, 'CCS Flush Enable')).toBe('true');
    expect(field(pc, 'L3 Fabric Flush')).toBe('true');
    expect(decode([0x7a000004, 1 << 30, 0, 0, 0, 0], 'gen12').fields.some((x) => x.name === 'L3 Fabric Flush')).toBe(false);
    const sba = new Array(22).fill(0);
    sba[0] = 0x61010014;
    sba[3] = 2 << 23;
    expect(field(decode(sba, 'gen12.5'), 'L1 Cache Control')).toBe('WB (2)');
  });

  it('GPGPU_WALKER is gone; XY_CTRL_SURF_COPY_BLT arrives on the copy engine', () => {
    expect(decode([0x7105000d], 'gen12.5').known).toBe(false);
    const c = decode([0x52000003 | (1 << 21), 0x1000, 0x1, 0x2000, 0x1], 'gen12.5', 'copy');
    expect(c.name).toBe('XY_CTRL_SURF_COPY_BLT');
    expect(field(c, 'Source Access Type')).toBe('Uncompressible (1)');
    expect(field(c, 'Destination Base Address')).toBe('0x100002000');
    expect(decode([0x52000003], 'gen12', 'copy').known).toBe(false);
  });
});

describe('Xe2 (Lunar Lake, Battlemage)', () => {
  it('MEM_COPY and MEM_SET on the copy engine', () => {
    const mc = decode([0x56800008, 4096, 0, 0, 0, 0x10000, 0x1, 0x20000, 0x1, 0], 'xe2', 'copy');
    expect(mc.name).toBe('MEM_COPY');
    expect(mc.dwords).toBe(10);
    expect(field(mc, 'Transfer Width')).toBe('4096');
    expect(field(mc, 'Source Start Address')).toBe('0x100010000');
    expect(field(mc, 'Destination Start Address')).toBe('0x100020000');
    const ms = decode([0x56c00005, 256, 0, 0, 0x3000, 0x2, 0xab000000 | (3 << 3)], 'xe2', 'copy');
    expect(ms.name).toBe('MEM_SET');
    expect(field(ms, 'Destination Start Address')).toBe('0x200003000');
    expect(field(ms, 'Fill Data')).toBe('0xab');
    expect(field(ms, 'Destination MOCS Index')).toBe('3');
  });

  it('MI_MEM_FENCE replaces MI_URB_ATOMIC_ALLOC', () => {
    expect(decode([0x04800001], 'xe2').name).toBe('MI_MEM_FENCE');
    expect(field(decode([0x04800001], 'xe2'), 'Fence Type')).toBe('Acquire (1)');
    expect(decode([0x04800001], 'gen12').name).toBe('MI_URB_ATOMIC_ALLOC');
  });
});

describe('Xe3 (Panther Lake)', () => {
  it('STATE_COMPUTE_MODE has 3 dwords with mid-thread preemption controls', () => {
    const ins = decode([0x61050001, (1 << 31) | (1 << 15), (7 << 16) | 1], 'xe3');
    expect(ins.dwords).toBe(3);
    expect(field(ins, 'Large GRF Mode')).toBe('true');
    expect(field(ins, 'Midthread Preemption Delay Timer')).toBe('MTP_TIMER_VAL_50 (1)');
  });

  it('3DSTATE_CPS_POINTERS is gone; 3DSTATE_COARSE_PIXEL has a 16-bit length', () => {
    expect(decode([0x78220000, 0], 'xe2').name).toBe('3DSTATE_CPS_POINTERS');
    expect(decode([0x78220000, 0], 'xe3').known).toBe(false);
    const cp = decode([0x78890000, (1 << 31) | (2 << 2) | 1], 'xe3');
    expect(cp.name).toBe('3DSTATE_COARSE_PIXEL');
    expect(field(cp, 'CPSizeX')).toBe('CPSIZE_2 (1)');
    expect(field(cp, 'CPSizeY')).toBe('CPSIZE_4 (2)');
    expect(field(cp, 'Disable CPS Pointers')).toBe('true');
    expect(decode([0x78890100], 'xe3').dwords).toBe(0x102);
  });

  it('3DSTATE_VS: the Xe3 layout', () => {
    const w = new Array(9).fill(0);
    w[0] = 0x78100007;
    w[1] = 0x4000;
    w[7] = 1 | (1 << 10) | (112 << 22);
    const vs = decode(w, 'xe3');
    expect(field(vs, 'Kernel Start Pointer')).toBe('0x4000');
    expect(field(vs, 'Enable')).toBe('true');
    expect(field(vs, 'Maximum Number of Threads')).toBe('112');
  });
});

describe('engine-specific command sets', () => {
  it('a blitter copy decodes on the copy engine, not on render', () => {
    const dw = [0x50800008, 0x200, 0, (64 << 16) | 64, 0x10000, 0x1, 0, 0x200, 0x20000, 0x1];
    const c = decode(dw, 'gen12', 'copy');
    expect(c.name).toBe('XY_FAST_COPY_BLT');
    expect(field(c, 'Destination Base Address')).toBe('0x100010000');
    expect(field(c, 'Source Base Address')).toBe('0x100020000');
    expect(field(c, 'Destination X2')).toBe('64');
    expect(decode(dw, 'gen12', 'render').known).toBe(false);
  });

  it('video commands by name on VCS; the same header is not a render command', () => {
    expect(decode([0x73800003], 'gen12', 'video').name).toBe('HCP_PIPE_MODE_SELECT');
    expect(decode([0x75800001], 'xe2', 'video').name).toBe('HUC_PIPE_MODE_SELECT');
    expect(decode([0x77800001], 'xe2', 'video').name).toBe('VD_PIPELINE_FLUSH');
    const w = decode([0x68000100], 'gen12', 'video');
    expect(w.name).toBe('MFX_WAIT');
    expect(field(w, 'MFX Sync Control Flag')).toBe('true');
    expect(decode([0x73800003], 'gen12', 'render').known).toBe(false);
    expect(decode([0x70000007], 'gen12', 'video').name).toBe('MFX_PIPE_MODE_SELECT');
    expect(decode([0x70000007], 'gen12', 'render').name).toBe('MEDIA_VFE_STATE');
  });
});

describe('lengths of instructions the tables lack', () => {
  it('MI opcodes below 0x10 are one dword, others carry a DWord Length', () => {
    const a = decode([0x02000000]);
    expect(a.name).toBe('unknown instruction 0x02000000');
    expect(a.dwords).toBe(1);
    const b = decode([0x1f8000ff]);
    expect(b.known).toBe(false);
    expect(b.dwords).toBe(0xff + 2);
  });
  it('command types without a length rule are one dword', () => {
    expect(decode([0xe0001234]).dwords).toBe(1);
    expect(decode([0x20001234]).dwords).toBe(1);
    expect(decode([0x7f7f0003]).dwords).toBe(5);
  });
});

describe('scanInstructions', () => {
  it('finds every instruction start, honouring lengths', () => {
    const w = new Uint32Array([0, 0x11000001, 0x2244, 1, 0x7a000004, 0, 0, 0, 0, 0, 0x05000000]);
    expect(Array.from(scanInstructions(w, getDecoder('gen12')))).toEqual([0, 1, 4, 10]);
    expect(Array.from(scanInstructions(w, getDecoder('gen12'), 1, 10))).toEqual([1, 4]);
    expect(Array.from(scanInstructions(w, getDecoder('gen12'), 0, w.length, 2))).toEqual([0, 1]);
  });
});

describe('offsets and addresses spanning two dwords', () => {
  it('a 64-bit kernel start pointer is the low dword bits in place', () => {
    const w = new Array(9).fill(0);
    w[0] = 0x78100007;
    w[1] = 0x00012340;
    w[2] = 0x1; // high dword of a 64-bit offset field: not part of the 32-bit offset shown
    w[7] = 1 | (1 << 10) | (56 << 22);
    const vs = decode(w, 'gen12');
    expect(field(vs, 'Kernel Start Pointer')).toBe('0x12340');
    expect(field(vs, 'Function Enable')).toBe('true');
    expect(field(vs, 'Maximum Number of Threads')).toBe('56');
  });
  it('an address field past the data is left out, a cut address keeps its low dword', () => {
    const ins = decodeAt(new Uint32Array([0x18800101, 0x1000]), 0, 0n, getDecoder('gen12'));
    expect(ins.truncated).toBe(true);
    expect(field(ins, 'Batch Buffer Start Address')).toBe('0x1000');
    expect(decodeAt(new Uint32Array([0x18800101]), 0, 0n, getDecoder('gen12')).fields.map((f) => f.name)).toEqual(['Address Space Indicator', 'Resource Streamer Enable', 'Predication Enable', 'Add Offset Enable', 'Second Level Batch Buffer']);
  });
});

describe('field values: numbers when decoded, texts when read', () => {
  it('values and formats hold every field; fields show them as before', () => {
    const ins = decode([0x7a000004, (1 << 20) | (1 << 14) | (1 << 24), 0x12345670, 0xabcd, 0xdeadbeef, 0]);
    expect(ins.values.length).toBe(ins.formats.length);
    expect(ins.fields.map((f) => f.name)).toEqual(ins.formats.map((f) => f.name));
    const at = (name: string) => ins.values[ins.formats.findIndex((f) => f.name === name)];
    expect(at('Address')).toBe(0xabcd12345670); // the whole 48-bit address, exact as a number
    expect(at('Post Sync Operation')).toBe(1);
    expect(at('Command Streamer Stall Enable')).toBe(1);
    expect(at('DC Flush Enable')).toBe(0);
    expect(at('Immediate Data DWord 0')).toBe(0xdeadbeef);
    ins.fields.forEach((f, k) => {
      expect(f.num).toBe(ins.values[k]);
      expect(f.value).toBe(formatFieldValue(ins.formats[k], ins.values[k]));
    });
  });
  it('signed fields and LRI pairs: their numbers', () => {
    const prim = decode([0x7b000005, 0x104, 36, 0, 2, 0, 0xfffffffd]);
    expect(prim.values[prim.formats.findIndex((f) => f.name === 'Base Vertex Location')]).toBe(-3);
    const lri = decode([0x11000001, 0x2034, 0x40]);
    expect(lri.formats.slice(-3).map((f) => f.name)).toEqual(['Register Offset', 'Register', 'Data DWord']);
    expect(lri.values.slice(-3)).toEqual([0x2034, 0x2034, 0x40]);
  });
  it('a zero address links nowhere; a non-zero one links its BigInt', () => {
    const zero = decode([0x7a000004, 1 << 14, 0, 0, 0, 0]);
    const a0 = zero.fields.find((f) => f.name === 'Address')!;
    expect(a0.value).toBe('0x0');
    expect(a0.address).toBeUndefined();
    expect(plainField(a0)).toEqual({ name: 'Address', value: '0x0' });
  });
  it('address and raw dwords are made when read, and are those of the instruction', () => {
    const w = new Uint32Array([0, 0, 0x18800101, 0x2000, 0x1, 0x05000000]);
    const ins = decodeAt(w, 2, 0x10000n, getDecoder('xe2'));
    expect(ins.address).toBe(0x10008n);
    expect(Array.from(ins.raw)).toEqual([0x18800101, 0x2000, 0x1]);
    expect(ins.raw).toBe(ins.raw); // made once
    w[3] = 0; // a copy: later changes to the words do not show
    expect(ins.raw[1]).toBe(0x2000);
  });
});
