// Xe2 (Lunar Lake, Battlemage): what changed from Gen12.5. COMPUTE_WALKER grows to 40 dwords,
// MEM_COPY / MEM_SET replace most XY_* fills and copies on the copy engines, MI_MEM_FENCE,
// STATE_CONTEXT_DATA_BASE_ADDRESS and coarse pixel / tile-pass state arrive.
// Facts from Intel's Xe2 PRM (Command Reference), Mesa src/intel/genxml/xe2.xml and the kernel's
// drivers/gpu/drm/xe/instructions/*.h (xe_gpu_commands.h: MEM_SET, XY_FAST_COLOR_BLT MOCS index
// moves), written in this project's own format.
import { a, b, blt, e, g3d, gfx, h, L8, mi, ONE, u } from '../spec.ts';
import { computeWalker, walkerTail } from './gen125.ts';
import { fastColorFields, TILE_4_64 } from './gen12.ts';
import type { FamilyTable, InstrDef } from '../types.ts';

const CHANGED: InstrDef[] = [
  mi('MI_MEM_FENCE', 0x09, ONE, [e('Fence Type', 0, 0, 1, { 0: 'Release', 1: 'Acquire', 3: 'Write fence' })]),
  gfx('STATE_CONTEXT_DATA_BASE_ADDRESS', 0, 1, 0x0b, L8, [u('MOCS', 1, 4, 10), a('Context Data Base Address', 1, 12)]),
  // Xe2's body (Mesa xe2.xml COMPUTE_WALKER_BODY): a Walker ID dword before the interface descriptor
  // (19), the post sync at 27 with its own flags; SIMT16/SIMT32 only.
  computeWalker([
    e('Message SIMD', 4, 17, 18, { 1: 'SIMT16', 2: 'SIMT32' }), e('SIMD Size', 4, 30, 31, { 1: 'SIMT16', 2: 'SIMT32' }),
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
