// Commands whose field bits were fixed after checking them against Mesa's genxml (gen12.xml,
// gen125.xml, xe2.xml): hand-assembled dwords, decoded back to the values the definitions give.
import { describe, expect, it } from 'vitest';
import { decodeAt, getDecoder, type Family, type Instruction } from './index.ts';

const decode = (dwords: number[], family: Family = 'gen12'): Instruction => decodeAt(new Uint32Array(dwords), 0, 0x1000n, getDecoder(family, 'render'));
const field = (ins: Instruction, name: string) => ins.fields.find((f) => f.name === name)?.value;

describe('MI commands (Gen12 and later)', () => {
  it('MI_DISPLAY_FLIP: 6-bit plane select, pitch, tile parameter, flip type, left-eye base', () => {
    // Header: opcode 0x14, plane 33 (bits 13:8 = 0b100001), async; DW1 tile 2, pitch 0x155, stereo; DW2 async flip + VRR + base; DW3 left eye base.
    const ins = decode([(0x14 << 23) | (1 << 22) | (33 << 8) | 2, 2 | (0x155 << 6) | (1 << 31), 1 | (1 << 11) | 0xabcde000, 0x12345000]);
    expect(ins.name).toBe('MI_DISPLAY_FLIP');
    expect(field(ins, 'Display Plane Select')).toBe('33');
    expect(field(ins, 'Async Flip Indicator')).toBe('true');
    expect(field(ins, 'Tile Parameter')).toBe('2');
    expect(field(ins, 'Display Buffer Pitch')).toBe('341');
    expect(field(ins, 'Stereoscopic 3D Mode')).toBe('true');
    expect(field(ins, 'Flip Type')).toBe('Async Flip (1)');
    expect(field(ins, 'VRR Master Flip')).toBe('true');
    expect(field(ins, 'Display Buffer Base Address')).toBe('0xabcde');
    expect(field(ins, 'Left Eye Display Buffer Base Address')).toBe('0x12345');
  });
  it('MI_FLUSH_DW on Gen12: video pipeline cache invalidate, flush LLC, destination address type', () => {
    const ins = decode([0x13000003 | (1 << 7) | (1 << 9) | (1 << 14), 0x00001004 | (1 << 2), 0x7, 0xcafe, 0]);
    expect(ins.name).toBe('MI_FLUSH_DW');
    expect(field(ins, 'Video Pipeline Cache Invalidate')).toBe('true');
    expect(field(ins, 'Flush LLC')).toBe('true');
    expect(field(ins, 'Post-Sync Operation')).toBe('Write Immediate Data (1)');
    expect(field(ins, 'Destination Address Type')).toBe('GGTT (1)');
    expect(field(ins, 'Destination Address')).toBe('0x700001000');
    expect(field(ins, 'Immediate Data DWord 0')).toBe('0xcafe');
  });
  it('MI_FORCE_WAKEUP: media slices 2 and 3', () => {
    const ins = decode([0x0e800000, (1 << 3) | (1 << 4) | (0x18 << 16)]);
    expect(ins.name).toBe('MI_FORCE_WAKEUP');
    expect(field(ins, 'Force Media Slice2 Awake')).toBe('true');
    expect(field(ins, 'Force Media Slice3 Awake')).toBe('true');
    expect(field(ins, 'Force Render Awake')).toBe('false');
    expect(field(ins, 'Mask Bits')).toBe('0x18');
  });
  it('MI_LOAD_REGISTER_MEM: add loop variable (bit 20)', () => {
    const ins = decode([0x14800002 | (1 << 20) | (1 << 22), 0x2358, 0x1000, 0]);
    expect(ins.name).toBe('MI_LOAD_REGISTER_MEM');
    expect(field(ins, 'Add Loop Variable')).toBe('true');
    expect(field(ins, 'Use Global GTT')).toBe('true');
    expect(field(ins, 'Async Mode Enable')).toBe('false');
  });
  it('MI_LOAD_SCAN_LINES_INCL: scan line event done forward (bits 18:17)', () => {
    const ins = decode([(0x12 << 23) | (2 << 17) | (1 << 19), (100 << 16) | 200]);
    expect(field(ins, 'Scan Line Event Done Forward')).toBe('2');
    expect(field(ins, 'Display Plane Select')).toBe('1');
    expect(field(ins, 'Start Scan Line Number')).toBe('100');
    expect(field(ins, 'End Scan Line Number')).toBe('200');
  });
  it('MI_SEMAPHORE_SIGNAL: 4-bit target engine select with the video engines 2..7 and VECS1..3', () => {
    const sig = (engine: number) => decode([(0x1b << 23) | (engine << 15), 7]);
    expect(field(sig(8), 'Target Engine Select')).toBe('VCS4 (8)');
    expect(field(sig(6), 'Target Engine Select')).toBe('VCS2 (6)');
    expect(field(sig(14), 'Target Engine Select')).toBe('VECS3 (14)');
    expect(field(sig(5), 'Target Engine Select')).toBe('5'); // reserved
    expect(field(sig(0), 'Target Context ID')).toBe('7');
  });
  it('MI_STORE_DATA_IMM: core mode enable (DW1 bit 0) apart from the address', () => {
    const ins = decode([0x10000002, 0x1001, 0, 0x55]);
    expect(field(ins, 'Core Mode Enable')).toBe('true');
    expect(field(ins, 'Address')).toBe('0x1000');
  });
  it('MI_BATCH_BUFFER_START: resource streamer enable (bit 10)', () => {
    const ins = decode([0x18800101 | (1 << 10), 0x2000, 0]);
    expect(field(ins, 'Resource Streamer Enable')).toBe('true');
    expect(field(ins, 'Address Space Indicator')).toBe('PPGTT (1)');
  });
});

describe('3D commands (Gen12 and later)', () => {
  it('3DPRIMITIVE: extended parameters present, and the three extended parameters', () => {
    const ins = decode([0x7b000008 | (1 << 11), 4, 3, 0, 1, 0, 0, 11, 22, 33], 'xe2');
    expect(ins.dwords).toBe(10);
    expect(field(ins, 'Extended Parameters Present')).toBe('true');
    expect(field(ins, 'Extended Parameter 0')).toBe('11');
    expect(field(ins, 'Extended Parameter 2')).toBe('33');
    expect(field(ins, 'Vertex Count Per Instance')).toBe('3');
  });
  it('3DSTATE_3D_MODE: hashing modes and slice hashing table enable', () => {
    const ins = decode([0x791e0000, 3 | (2 << 2) | (1 << 6) | (0x4f << 16)]);
    expect(field(ins, 'Cross Slice Hashing Mode')).toBe('hashing 32x32 (3)');
    expect(field(ins, 'Subslice Hashing Mode')).toBe('hashing 8x4 (2)');
    expect(field(ins, 'Slice Hashing Table Enable')).toBe('true');
    expect(field(ins, 'Mask')).toBe('0x4f');
  });
});

describe('COMPUTE_WALKER (Gen12.5, Xe2)', () => {
  it('Gen12.5: SIMD8/16/32 names, walk order, tile layout, post sync at dword 26', () => {
    const w = new Array(39).fill(0);
    w[0] = 0x72080025;
    w[2] = 16 | (1 << 17) | (2 << 30);
    w[4] = (0 << 17) | (2 << 19) | (5 << 22) | (2 << 30);
    w[18] = 0x2000;
    w[26] = 1 | (1 << 3) | (3 << 4);
    w[27] = 0x5000;
    w[28] = 0x1;
    const cw = decode(w, 'gen12.5');
    expect(field(cw, 'Message SIMD')).toBe('SIMD8 (0)');
    expect(field(cw, 'SIMD Size')).toBe('SIMD32 (2)');
    expect(field(cw, 'L3 Prefetch Disable')).toBe('true');
    expect(field(cw, 'Partition Type')).toBe('PartitionY (2)');
    expect(field(cw, 'Tile Layout')).toBe('TileY 64bpe (2)');
    expect(field(cw, 'Walk Order')).toBe('Walk 210 (5)');
    expect(field(cw, 'Kernel Start Pointer')).toBe('0x2000');
    expect(field(cw, 'Post Sync Operation')).toBe('Write Immediate Data (1)');
    expect(field(cw, 'Post Sync L3 Flush')).toBe('true');
    expect(field(cw, 'Post Sync MOCS')).toBe('3');
    expect(cw.fields.find((f) => f.name === 'Post Sync Destination Address')!.address).toBe(0x100005000n);
  });
  it('Xe2: SIMT16/32, walk order, the post sync one dword later (27)', () => {
    const w = new Array(40).fill(0);
    w[0] = 0x72080026;
    w[4] = 1 | (1 << 5) | (2 << 17) | (1 << 30);
    w[19] = 0x3000;
    w[27] = 3 | (1 << 11);
    w[28] = 0x8000;
    const cw = decode(w, 'xe2');
    expect(cw.dwords).toBe(40);
    expect(field(cw, 'Message SIMD')).toBe('SIMT32 (2)');
    expect(field(cw, 'SIMD Size')).toBe('SIMT16 (1)');
    expect(field(cw, 'Compute Dispatch All Walker Enable')).toBe('true');
    expect(field(cw, 'Dispatch Walk Order')).toBe('Y order walk (1)');
    expect(field(cw, 'Kernel Start Pointer')).toBe('0x3000');
    expect(field(cw, 'Post Sync Operation')).toBe('Write Timestamp (3)');
    expect(field(cw, 'Post Sync System Memory Fence Request')).toBe('true');
    expect(field(cw, 'Post Sync Destination Address')).toBe('0x8000');
  });
});

describe('blitter and compute state', () => {
  const blockCopy = (tiling: number) => {
    const w = new Array(22).fill(0);
    w[0] = (2 << 29) | (0x41 << 22) | (2 << 19) | 20;
    w[1] = 256 | (tiling << 30);
    w[8] = 128 | (tiling << 30);
    return w;
  };
  it('XY_BLOCK_COPY_BLT tiling: Gen12 names 1 Tile Y; Gen12.5 and later Tile X, Tile4, Tile64', () => {
    const g12 = decodeAt(new Uint32Array(blockCopy(1)), 0, 0n, getDecoder('gen12', 'copy'));
    expect(g12.name).toBe('XY_BLOCK_COPY_BLT');
    expect(field(g12, 'Destination Tiling')).toBe('Tile Y (1)');
    expect(field(g12, 'Color Depth')).toBe('32 bpp (2)');
    const dg2 = decodeAt(new Uint32Array(blockCopy(2)), 0, 0n, getDecoder('gen12.5', 'copy'));
    expect(field(dg2, 'Destination Tiling')).toBe('Tile4 (2)');
    expect(field(dg2, 'Source Tiling')).toBe('Tile4 (2)');
    expect(field(dg2, 'Source Pitch')).toBe('128');
    const w = blockCopy(3);
    w[0] |= 1 << 12;
    w[6] = 1 << 31;
    const xe2 = decodeAt(new Uint32Array(w), 0, 0n, getDecoder('xe2', 'copy'));
    expect(field(xe2, 'Destination Tiling')).toBe('Tile64 (3)');
    expect(field(xe2, 'Special Mode of Operation')).toBe('FULL_RESOLVE (1)');
    expect(field(xe2, 'Destination Target Memory')).toBe('System (1)');
  });
  it('XY_FAST_COLOR_BLT: a 7-bit MOCS at 27:21 before Xe2, a 4-bit MOCS index at 27:24 from Xe2', () => {
    const w = [(2 << 29) | (0x44 << 22) | 14, 64 | (0x2b << 21) | (2 << 30), 0, 0, 0x1000, 0, 0, 0xffffffff];
    const dg2 = decodeAt(new Uint32Array(w), 0, 0n, getDecoder('gen12.5', 'copy'));
    expect(field(dg2, 'Destination MOCS')).toBe('43');
    const xe2 = decodeAt(new Uint32Array(w), 0, 0n, getDecoder('xe2', 'copy'));
    expect(field(xe2, 'Destination MOCS Index')).toBe('5');
    expect(field(xe2, 'Destination Encrypt Enable')).toBe('true');
    expect(field(xe2, 'Destination Tiling')).toBe('Tile4 (2)');
    expect(field(xe2, 'Fill Color Value 0')).toBe('0xffffffff');
  });
  it('STATE_COMPUTE_MODE on Gen12.5: the named mode bits', () => {
    const ins = decode([0x61050000, 2 | (1 << 3) | (1 << 5) | (4 << 7) | (1 << 15) | (0xffff << 16)], 'gen12.5');
    expect(field(ins, 'Z Pass Async Compute Thread Limit')).toBe('Max 56 (2)');
    expect(field(ins, 'Force Non-Coherent')).toBe('Force CPU Non-Coherent (1)');
    expect(field(ins, 'Fast Clear Disabled on Compressed Surface')).toBe('true');
    expect(field(ins, 'Pixel Async Compute Thread Limit')).toBe('Max 24 (4)');
    expect(field(ins, 'Large GRF Mode')).toBe('true');
    expect(field(ins, 'Mask Bits')).toBe('0xffff');
  });
});

describe('Xe2 changes (Mesa xe2.xml)', () => {
  it('PIPE_CONTROL: bit 5 is Force Device Coherency; the Gen12.5-only flags are gone', () => {
    const dw1 = (1 << 5) | (1 << 30) | (1 << 28) | (1 << 20);
    const xe2 = decode([0x7a000004, dw1, 0, 0, 0, 0], 'xe2');
    expect(field(xe2, 'Force Device Coherency')).toBe('true');
    expect(field(xe2, 'DC Flush Enable')).toBeUndefined();
    expect(field(xe2, 'L3 Fabric Flush')).toBeUndefined();
    expect(field(xe2, 'Tile Cache Flush Enable')).toBeUndefined();
    expect(field(xe2, 'Command Streamer Stall Enable')).toBe('true');
    const dg2 = decode([0x7a000004, dw1, 0, 0, 0, 0], 'gen12.5');
    expect(field(dg2, 'DC Flush Enable')).toBe('true');
    expect(field(dg2, 'L3 Fabric Flush')).toBe('true');
  });
  it('STATE_COMPUTE_MODE: three dwords with the preemption controls', () => {
    const ins = decode([0x61050001, 4 | (2 << 13) | (1 << 15) | (0xffff << 16), 2 | (3 << 3) | (1 << 11)], 'xe2');
    expect(ins.dwords).toBe(3);
    expect(field(ins, 'Z Pass Async Compute Thread Limit')).toBe('Max 40 (4)');
    expect(field(ins, 'EU Thread Scheduling Mode Override')).toBe('2');
    expect(field(ins, 'Large GRF Mode')).toBe('true');
    expect(field(ins, 'Midthread Preemption Delay Timer')).toBe('MTP_TIMER_VAL_100 (2)');
    expect(field(ins, 'Midthread Preemption Overdispatch Thread Group Count')).toBe('OD_TG_M16 (3)');
    expect(field(ins, 'Memory Allocation for Scratch and Midthread Preemption Buffers')).toBe('Min (1)');
  });
  it('CFE_STATE: stack ID control and dispatch-all replace the walker count and fused EU bits', () => {
    const ins = decode([0x72000004, 0x800, 0, 2 | (1 << 12) | (64 << 16), 0, 0], 'xe2');
    expect(field(ins, 'Stack ID Control')).toBe('StackIDs 512 (2)');
    expect(field(ins, 'Compute Dispatch All Walker Enable')).toBe('true');
    expect(field(ins, 'Maximum Number of Threads')).toBe('64');
    expect(field(ins, 'Number of Walkers')).toBeUndefined();
  });
  it('COMPUTE_WALKER: a 3-bit CFE sub-opcode variant (17:15)', () => {
    const w = new Array(40).fill(0);
    w[0] = 0x72080026 | (1 << 15);
    expect(decode(w, 'xe2').name).toBe('COMPUTE_WALKER');
    expect(field(decode(w, 'xe2'), 'CFE SubOpcode Variant')).toBe('1');
    expect(field(decode([0x72090025, ...new Array(38).fill(0)], 'gen12.5'), 'CFE SubOpcode Variant')).toBe('1');
  });
  it('MI_SEMAPHORE_WAIT: indirect data, partition offset and the wait token (DW4)', () => {
    const ins = decode([0x0e000003 | (4 << 12) | (1 << 15) | (1 << 17) | (1 << 18), 9, 0x1000, 0, 7 << 2], 'xe2');
    expect(field(ins, 'Compare Operation')).toBe('SAD_EQUAL_SDD (4)');
    expect(field(ins, 'Indirect Semaphore Data Dword')).toBe('true');
    expect(field(ins, 'Workload Partition ID Offset Enable')).toBe('true');
    expect(field(ins, 'Wait Token Number')).toBe('7');
    expect(field(ins, 'Semaphore Address')).toBe('0x1000');
  });
  it('XY_BLOCK_COPY_BLT: 4-bit MOCS indexes and encryption bits', () => {
    const w = new Array(22).fill(0);
    w[0] = (2 << 29) | (0x41 << 22) | 20;
    w[1] = (0x9 << 24) | (1 << 21);
    w[8] = (0x3 << 24);
    const ins = decodeAt(new Uint32Array(w), 0, 0n, getDecoder('xe2', 'copy'));
    expect(field(ins, 'Destination MOCS Index')).toBe('9');
    expect(field(ins, 'Destination Encrypt Enable')).toBe('true');
    expect(field(ins, 'Source MOCS Index')).toBe('3');
    expect(field(ins, 'Destination MOCS')).toBeUndefined();
  });
});

describe('Xe3 changes (Mesa xe3.xml)', () => {
  it('STATE_COMPUTE_MODE: Xe2 layout plus the variable register size allocation bit', () => {
    const ins = decode([0x61050001, (1 << 10) | (1 << 13) | (2 << 3), (1 << 11) | (2 << 3)], 'xe3');
    expect(field(ins, 'Enable Variable Register Size Allocation')).toBe('true');
    expect(field(ins, 'EU Thread Scheduling Mode Override')).toBe('1');
    expect(field(ins, 'Z Async Throttle Settings')).toBe('Max 40 (2)');
    expect(field(ins, 'Midthread Preemption Overdispatch Thread Group Count')).toBe('OD_TG_M8 (2)');
    expect(field(ins, 'Memory Allocation for Scratch and Midthread Preemption Buffers')).toBeUndefined();
    expect(field(decode([0x61050001, 1 << 10, 0], 'xe2'), 'Enable Variable Register Size Allocation')).toBeUndefined();
  });
});
