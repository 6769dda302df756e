// Xe2 (Lunar Lake, Battlemage): what changed from Gen12.5. COMPUTE_WALKER grows to 40 dwords,
// MEM_COPY / MEM_SET replace most XY_* fills and copies on the copy engines, MI_MEM_FENCE,
// STATE_CONTEXT_DATA_BASE_ADDRESS and coarse pixel / tile-pass state arrive.
// Facts from Intel's Xe2 PRM (Command Reference), Mesa src/intel/genxml/xe2.xml and the kernel's
// drivers/gpu/drm/xe/instructions/*.h (xe_gpu_commands.h: MEM_SET, XY_FAST_COLOR_BLT MOCS index
// moves), written in this project's own format.
import { a, b, blt, COMPARE_OPS, e, g3d, gfx, h, L8, mi, ONE, u } from '../spec.ts';
import { computeWalker, PIPE_CONTROL_125, walkerTail } from './gen125.ts';
import { blockCopyFields, fastColorFields, TILE_4_64 } from './gen12.ts';
import type { FamilyTable, FieldSpec, InstrDef } from '../types.ts';

// PIPE_CONTROL bits Xe2 no longer has (Mesa xe2.xml); bit 5 becomes Force Device Coherency.
const PIPE_CONTROL_GONE = new Set([
  'Workload Partition ID Offset Enable', 'Protected Memory Application ID', 'Generic Media State Clear', 'AMFS Flush Enable',
  'Tile Cache Flush Enable', 'L3 Fabric Flush', 'TBIMR Force Batch Closure',
]);

/** Xe2's three-dword STATE_COMPUTE_MODE (xe3.ts edits it). */
export const STATE_COMPUTE_MODE_XE2: FieldSpec[] = [
  e('Z Pass Async Compute Thread Limit', 1, 0, 2, { 0: 'Max 60', 1: 'Max 64', 2: 'Max 56', 3: 'Max 48', 4: 'Max 40', 5: 'Max 32' }),
  e('Z Async Throttle Settings', 1, 3, 4, { 0: 'Defer to Async Compute Thread Limit', 1: 'Max 32', 2: 'Max 40', 3: 'Max 48' }),
  e('Async Compute Thread Limit', 1, 7, 9, { 0: 'Disabled', 1: 'Max 2', 2: 'Max 8', 3: 'Max 16', 4: 'Max 24', 5: 'Max 32', 6: 'Max 40', 7: 'Max 48' }),
  u('EU Thread Scheduling Mode Override', 1, 13, 14), b('Large GRF Mode', 1, 15), h('Mask1', 1, 16, 31),
  e('Midthread Preemption Delay Timer', 2, 0, 2, { 0: 'MTP_TIMER_VAL_0', 1: 'MTP_TIMER_VAL_50', 2: 'MTP_TIMER_VAL_100', 3: 'MTP_TIMER_VAL_150' }),
  e('Midthread Preemption Overdispatch Thread Group Count', 2, 3, 4, { 0: 'OD_TG_M2', 1: 'OD_TG_M4', 2: 'OD_TG_M8', 3: 'OD_TG_M16' }),
  b('Midthread Preemption Overdispatch Test Mode', 2, 5), e('UAV Coherency Mode', 2, 6, 6, { 0: 'Drain DataPort Mode', 1: 'Flush Dataport L1' }),
  e('Memory Allocation for Scratch and Midthread Preemption Buffers', 2, 11, 11, { 0: 'Full', 1: 'Min' }), h('Mask2', 2, 16, 31),
];

const CHANGED: InstrDef[] = [
  mi('MI_MEM_FENCE', 0x09, ONE, [e('Fence Type', 0, 0, 1, { 0: 'Release', 1: 'Acquire', 3: 'Write fence' })]),
  gfx('STATE_CONTEXT_DATA_BASE_ADDRESS', 0, 1, 0x0b, L8, [u('MOCS', 1, 4, 10), a('Context Data Base Address', 1, 12)]),
  // Xe2's body (Mesa xe2.xml COMPUTE_WALKER_BODY): a Walker ID dword before the interface descriptor
  // (19), the post sync at 27 with its own flags; SIMT16/SIMT32 only.
  computeWalker([
    u('CFE SubOpcode Variant', 0, 15, 17), e('Message SIMD', 4, 17, 18, { 1: 'SIMT16', 2: 'SIMT32' }), e('SIMD Size', 4, 30, 31, { 1: 'SIMT16', 2: 'SIMT32' }),
    b('Compute Dispatch All Walker Enable', 4, 0), e('Dispatch Walk Order', 4, 5, 6, { 0: 'Linear Walk', 1: 'Y order walk' }),
    u('Walker ID', 18, 0, 3), u('Over dispatch TG count', 18, 8, 23), ...walkerTail(19, 27),
    b('Post Sync System Memory Fence Request', 27, 11), b('Post Sync Dataport Subslice Cache Flush', 27, 12),
  ]),
  g3d('3DSTATE_TBIMR_TILE_PASS_INFO', 0, 0x6e, L8),
  g3d('3DSTATE_COARSE_PIXEL', 0, 0x89, L8),
  // Xe2 moves XY_FAST_COLOR_BLT's MOCS to a 4-bit index (bits 27:24) and adds encryption (bit 21).
  blt('XY_FAST_COLOR_BLT', 0x44, L8, [
    ...fastColorFields(TILE_4_64, u('Destination MOCS Index', 1, 24, 27)), b('Destination Encrypt Enable', 1, 21),
    e('Destination Target Memory', 6, 31, 31, { 0: 'Local', 1: 'System' }),
  ]),
  blt('XY_BLOCK_COPY_BLT', 0x41, L8, [
    ...blockCopyFields(TILE_4_64, true), e('Special Mode of Operation', 0, 12, 13, { 0: 'NONE', 1: 'FULL_RESOLVE', 2: 'PARTIAL_RESOLVE' }),
    b('Destination Encrypt Enable', 1, 21), b('Source Encrypt Enable', 8, 21),
    e('Destination Target Memory', 6, 31, 31, { 0: 'Local', 1: 'System' }), e('Source Target Memory', 11, 31, 31, { 0: 'Local', 1: 'System' }),
  ]),
  { ...gfx('CFE_STATE', 2, 2, 0, L8, [
    u('Scratch Space Buffer', 1, 10, 31), e('Stack ID Control', 3, 0, 1, { 0: 'StackIDs 2048', 1: 'StackIDs 1024', 2: 'StackIDs 512', 3: 'StackIDs 256' }),
    b('Compute Dispatch All Walker Enable', 3, 12), b('Single Slice Dispatch CCS Mode', 3, 13),
    e('Over Dispatch Control', 3, 14, 15, { 0: 'Over Dispatch None', 1: 'Over Dispatch Low', 2: 'Over Dispatch Normal', 3: 'Over Dispatch High' }),
    u('Maximum Number of Threads', 3, 16, 31),
  ], { engines: ['render', 'compute'] }), mask: 0xfffc0000 },
  g3d('PIPE_CONTROL', 2, 0, L8, PIPE_CONTROL_125.filter((f) => !PIPE_CONTROL_GONE.has(f.name)).map((f) => (f.name === 'DC Flush Enable' ? b('Force Device Coherency', 1, 5) : f))),
  gfx('STATE_COMPUTE_MODE', 0, 1, 5, L8, STATE_COMPUTE_MODE_XE2),
  mi('MI_SEMAPHORE_WAIT', 0x1c, L8, [
    e('Compare Operation', 0, 12, 14, COMPARE_OPS), e('Wait Mode', 0, 15, 15, { 0: 'Signal Mode', 1: 'Polling Mode' }),
    b('Register Poll Mode', 0, 16), b('Indirect Semaphore Data Dword', 0, 17), b('Workload Partition ID Offset Enable', 0, 18),
    e('Memory Type', 0, 22, 22, { 0: 'Per Process Graphics Address', 1: 'Global Graphics Address' }),
    h('Semaphore Data Dword', 1, 0, 31), a('Semaphore Address', 2, 2), u('Wait Token Number', 4, 2, 9),
  ]),
  blt('MEM_COPY', 0x5a, L8, [
    e('Copy Type', 0, 17, 18, { 0: 'Linear copy', 2: 'Matrix copy' }), b('Compression Format', 0, 19),
    u('Transfer Width', 1, 0, 23), u('Transfer Height', 2, 0, 17), u('Source Pitch', 3, 0, 17), u('Destination Pitch', 4, 0, 17),
    a('Source Start Address', 5, 0, 63), a('Destination Start Address', 7, 0, 63),
  ]),
  blt('MEM_SET', 0x5b, L8, [
    e('Fill Type', 0, 17, 18, { 0: 'Linear fill', 2: 'Matrix fill' }), u('Fill Width', 1, 0, 23), u('Fill Height', 2, 0, 17),
    u('Destination Pitch', 3, 0, 17), a('Destination Start Address', 4, 0, 63), u('Destination MOCS Index', 6, 3, 6), h('Fill Data', 6, 24, 31),
  ]),
];

export const XE2: FamilyTable = {
  family: 'xe2',
  base: 'gen12.5',
  changed: CHANGED,
  removed: ['MI_URB_ATOMIC_ALLOC', '3DSTATE_CLEAR_PARAMS'],
  source: 'Intel Xe2 PRM (Command Reference); Mesa src/intel/genxml/xe2.xml; Linux drivers/gpu/drm/xe/instructions/*.h',
};
