// Gen12.5 / 12.7 (DG2 "Alchemist", Meteor Lake, Arrow Lake): what changed from Gen12. The
// GPGPU/media pipeline's MEDIA_* and GPGPU_WALKER commands give way to CFE_STATE and
// COMPUTE_WALKER; mesh/task shading, ray tracing (3DSTATE_BTD) and flat-CCS blits arrive.
// Facts from Intel's Xe-HPG PRM (Command Reference), Mesa src/intel/genxml/gen125.xml and the
// kernel's drivers/gpu/drm/xe/instructions/*.h, written in this project's own format.
import { a, b, blt, e, g3d, gfx, h, L8, mi, ONE, POST_SYNC_OPS, ra, u } from '../spec.ts';
import type { FamilyTable, FieldSpec, InstrDef } from '../types.ts';
import { blockCopyFields, fastColorFields, SBA_FIELDS, TILE_4_64 } from './gen12.ts';

const TARGET_MEMORY = { 0: 'Local', 1: 'System' };

const CE = ['render', 'compute'] as const;

/**
 * COMPUTE_WALKER: header bits (the CFE sub-opcode 23:18 is 2; bits 17:16 are its variant) and the
 * body from dword 2 on (the body starts at dword 1; its first dword carries no field listed here).
 * The same layout from Gen12.5 on, up to the thread group IDs; Xe2 inserts a Walker ID before the
 * interface descriptor, which is why the command is 39 dwords on Gen12.5 and 40 from Xe2.
 */
export const COMPUTE_WALKER_FIELDS: FieldSpec[] = [
  b('Predicate Enable', 0, 8), b('Workload Partition Enable', 0, 9), b('Indirect Parameter Enable', 0, 10), b('Systolic Mode Enable', 0, 14),
  u('Indirect Data Length', 2, 0, 16), b('L3 Prefetch Disable', 2, 17), e('Partition Type', 2, 30, 31, { 1: 'PartitionX', 2: 'PartitionY', 3: 'PartitionZ' }),
  ra('Indirect Data Start Address', 3, 6, 31),
  e('Tile Layout', 4, 19, 21, { 0: 'Linear', 1: 'TileY 32bpe', 2: 'TileY 64bpe', 3: 'TileY 128bpe' }),
  e('Walk Order', 4, 22, 24, { 0: 'Walk 012', 1: 'Walk 021', 2: 'Walk 102', 3: 'Walk 120', 4: 'Walk 201', 5: 'Walk 210' }), b('Emit Inline Parameter', 4, 25),
  e('Emit Local', 4, 26, 28, { 0: 'Emit None', 1: 'Emit X', 3: 'Emit XY', 7: 'Emit XYZ' }), b('Generate Local ID', 4, 29),
  h('Execution Mask', 5, 0, 31),
  u('Local X Maximum', 6, 0, 9), u('Local Y Maximum', 6, 10, 19), u('Local Z Maximum', 6, 20, 29),
  u('Thread Group ID X Dimension', 7, 0, 31), u('Thread Group ID Y Dimension', 8, 0, 31), u('Thread Group ID Z Dimension', 9, 0, 31),
  u('Thread Group ID Starting X', 10, 0, 31), u('Thread Group ID Starting Y', 11, 0, 31), u('Thread Group ID Starting Z', 12, 0, 31),
];

const WALKER_POST_SYNC = { 0: 'No Write', 1: 'Write Immediate Data', 3: 'Write Timestamp' };
/**
 * A family's COMPUTE_WALKER fields from the interface descriptor on: the Kernel Start Pointer at
 * dword `idd` and the post-sync operation at dword `postSync` (its address 1 dword later).
 */
export function walkerTail(idd: number, postSync: number): FieldSpec[] {
  return [
    ra('Kernel Start Pointer', idd, 6, 31), e('Post Sync Operation', postSync, 0, 1, WALKER_POST_SYNC), b('Post Sync HDC Pipeline Flush', postSync, 2),
    u('Post Sync MOCS', postSync, 4, 10), a('Post Sync Destination Address', postSync + 1, 0, 63),
  ];
}

/** COMPUTE_WALKER matches CFE sub-opcode 2 whatever its variant (bits 17:16; Xe2: 17:15). */
export function computeWalker(extra: FieldSpec[] = []): InstrDef {
  return { ...gfx('COMPUTE_WALKER', 2, 2, 0x08, L8, [...COMPUTE_WALKER_FIELDS, ...extra], { engines: CE }), mask: 0xfffc0000 };
}

const INDIRECT: FieldSpec[] = [
  b('Predicate Enable', 0, 8), u('MOCS', 0, 12, 15), u('Max Count', 1, 0, 31), b('Count Buffer Indirect Enable', 2, 0),
  a('Count Buffer Address', 2, 2), a('Argument Buffer Start Address', 4, 2),
];

/** Gen12.5's PIPE_CONTROL flags (Xe2 drops some and renames bit 5; see xe2.ts). */
export const PIPE_CONTROL_125: FieldSpec[] = [
  b('HDC Pipeline Flush Enable', 0, 9), b('L3 Read Only Cache Invalidation Enable', 0, 10), b('Untyped Data Port Cache Flush Enable', 0, 11),
  b('CCS Flush Enable', 0, 13), b('Workload Partition ID Offset Enable', 0, 14),
  b('Depth Cache Flush Enable', 1, 0), b('Stall At Pixel Scoreboard', 1, 1), b('State Cache Invalidation Enable', 1, 2),
  b('Constant Cache Invalidation Enable', 1, 3), b('VF Cache Invalidation Enable', 1, 4), b('DC Flush Enable', 1, 5),
  b('Protected Memory Application ID', 1, 6), b('Pipe Control Flush Enable', 1, 7), b('Notify Enable', 1, 8),
  b('Indirect State Pointers Disable', 1, 9), b('Texture Cache Invalidation Enable', 1, 10), b('Instruction Cache Invalidate Enable', 1, 11),
  b('Render Target Cache Flush Enable', 1, 12), b('Depth Stall Enable', 1, 13), e('Post Sync Operation', 1, 14, 15, POST_SYNC_OPS),
  b('Generic Media State Clear', 1, 16), b('PSS Stall Sync Enable', 1, 17), b('TLB Invalidate', 1, 18), b('Depth Stall Sync Enable', 1, 19),
  b('Command Streamer Stall Enable', 1, 20), b('Store Data Index', 1, 21), b('Protected Memory Enable', 1, 22),
  e('LRI Post Sync Operation', 1, 23, 23, { 0: 'No LRI Operation', 1: 'MMIO Write Immediate Data' }),
  e('Destination Address Type', 1, 24, 24, { 0: 'PPGTT', 1: 'GGTT' }), b('AMFS Flush Enable', 1, 25), b('Flush LLC', 1, 26),
  b('Protected Memory Disable', 1, 27), b('Tile Cache Flush Enable', 1, 28), b('Command Cache Invalidate Enable', 1, 29),
  b('L3 Fabric Flush', 1, 30), e('TBIMR Force Batch Closure', 1, 31, 31, { 0: 'No Batch Closure', 1: 'Close Batch' }),
  a('Address', 2, 2), h('Immediate Data DWord 0', 4, 0, 31), h('Immediate Data DWord 1', 5, 0, 31),
];

const CHANGED: InstrDef[] = [
  gfx('STATE_COMPUTE_MODE', 0, 1, 5, L8, [
    e('Z Pass Async Compute Thread Limit', 1, 0, 2, { 0: 'Max 60', 1: 'Max 64', 2: 'Max 56', 3: 'Max 48' }),
    e('Force Non-Coherent', 1, 3, 4, { 0: 'Force Disabled', 1: 'Force CPU Non-Coherent', 2: 'Force GPU Non-Coherent' }),
    b('Fast Clear Disabled on Compressed Surface', 1, 5), b('Disable SLM Read Merge Optimization', 1, 6),
    e('Pixel Async Compute Thread Limit', 1, 7, 9, { 0: 'Disabled', 1: 'Max 2', 2: 'Max 8', 3: 'Max 16', 4: 'Max 24', 5: 'Max 32', 6: 'Max 40', 7: 'Max 48' }),
    b('Disable Atomic on Clear Data', 1, 11), b('Disable L1 Invalidate for non-L1-cacheable Writes', 1, 13), b('Large GRF Mode', 1, 15),
    h('Mask Bits', 1, 16, 31),
  ]),
  gfx('3DSTATE_BTD', 0, 1, 6, L8, [u('Dispatch Timeout Counter', 1, 0, 2), ra('Memory Backed Buffer Base Pointer', 2, 10, 31), a('BTD Scratch Space Base Pointer', 4, 10, 31)]),
  gfx('STATE_SYSTEM_MEM_FENCE_ADDRESS', 0, 1, 9, L8, [a('System Memory Fence Address', 1, 12)]),
  { ...gfx('CFE_STATE', 2, 2, 0, L8, [
    ra('Scratch Space Buffer', 1, 10, 31), u('Number of Walkers', 3, 3, 5), b('Fused EU Dispatch', 3, 6), b('Single Slice Dispatch CCS Mode', 3, 13),
    e('Over Dispatch Control', 3, 14, 15, { 0: 'Over Dispatch None', 1: 'Over Dispatch Low', 2: 'Over Dispatch Normal', 3: 'Over Dispatch High' }),
    u('Maximum Number of Threads', 3, 16, 31),
  ], { engines: CE }), mask: 0xfffc0000 },
  // Body dword n is instruction dword n + 1: the interface descriptor at 18, the post sync at 26.
  computeWalker([
    u('CFE SubOpcode Variant', 0, 16, 17), e('Message SIMD', 4, 17, 18, { 0: 'SIMD8', 1: 'SIMD16', 2: 'SIMD32' }), e('SIMD Size', 4, 30, 31, { 0: 'SIMD8', 1: 'SIMD16', 2: 'SIMD32' }),
    ...walkerTail(18, 26), b('Post Sync L3 Flush', 26, 3),
  ]),
  g3d('EXECUTE_INDIRECT_DRAW', 4, 0, L8, [
    ...INDIRECT, b('TBIMR Enabled', 0, 9), e('Argument Format', 0, 10, 11, { 0: 'DRAW', 1: 'DRAWINDEXED', 2: 'MESH_3D', 3: 'MESH_1D' }),
  ]),
  { ...g3d('EXECUTE_INDIRECT_DISPATCH', 4, 1, L8, INDIRECT), engines: CE },
  mi('MI_MATH', 0x1a, L8, [u('MOCS', 0, 8, 14), b('Predication Enable', 0, 15)], { special: 'math' }),
  gfx('PIPELINE_SELECT', 1, 1, 4, ONE, [
    e('Pipeline Selection', 0, 0, 1, { 0: '3D', 1: 'Media', 2: 'GPGPU' }), b('Media Sampler DOP Clock Gate Enable', 0, 4),
    b('Force Media Awake', 0, 5), b('Systolic Mode Enable', 0, 7), h('Mask Bits', 0, 8, 15),
  ]),
  g3d('PIPE_CONTROL', 2, 0, L8, PIPE_CONTROL_125),
  gfx('STATE_BASE_ADDRESS', 0, 1, 1, L8, SBA_FIELDS.flatMap((f) =>
    f.name === 'Stateless Data Port Access MOCS' ? [f, e('L1 Cache Control', 3, 23, 25, { 0: 'WBP', 1: 'UC', 2: 'WB', 3: 'WT', 4: 'WS' })]
      : f.name === 'Bindless Surface State Size' ? [u('Bindless Surface State Size', 18, 0, 31)]
        : [f])),
  g3d('3DSTATE_CPS_POINTERS', 0, 0x22, L8, [ra('Coarse Pixel Shading State Array Pointer', 1, 5, 31)]),
  g3d('3DSTATE_VFG', 0, 0x57, L8),
  g3d('3DSTATE_URB_ALLOC_VS', 0, 0x58, L8), g3d('3DSTATE_URB_ALLOC_HS', 0, 0x59, L8),
  g3d('3DSTATE_URB_ALLOC_DS', 0, 0x5a, L8), g3d('3DSTATE_URB_ALLOC_GS', 0, 0x5b, L8),
  g3d('3DSTATE_AMFS', 0, 0x6f, L8),
  g3d('3DSTATE_MESH_CONTROL', 0, 0x77, L8, [b('Mesh Shader Enable', 1, 31)]),
  g3d('3DSTATE_MESH_DISTRIB', 0, 0x78, L8),
  g3d('3DSTATE_TASK_REDISTRIB', 0, 0x79, L8),
  g3d('3DSTATE_MESH_SHADER', 0, 0x7a, L8, [ra('Kernel Start Pointer', 1, 6, 31)]),
  g3d('3DSTATE_MESH_SHADER_DATA', 0, 0x7b, L8),
  g3d('3DSTATE_TASK_CONTROL', 0, 0x7c, L8, [b('Task Shader Enable', 1, 31)]),
  g3d('3DSTATE_TASK_SHADER', 0, 0x7d, L8, [ra('Kernel Start Pointer', 1, 6, 31)]),
  g3d('3DSTATE_TASK_SHADER_DATA', 0, 0x7e, L8),
  g3d('3DSTATE_URB_ALLOC_MESH', 0, 0x7f, L8), g3d('3DSTATE_URB_ALLOC_TASK', 0, 0x80, L8),
  g3d('3DSTATE_CLIP_MESH', 0, 0x81, L8), g3d('3DSTATE_SBE_MESH', 0, 0x82, L8),
  g3d('3DSTATE_CPSIZE_CONTROL_BUFFER', 0, 0x83, L8, [u('Surface Pitch', 1, 0, 16), a('Surface Base Address', 2, 0, 63)]),
  blt('XY_BLOCK_COPY_BLT', 0x41, L8, [
    ...blockCopyFields(TILE_4_64), e('Special Mode of Operation', 0, 12, 13, { 0: 'NONE', 1: 'FULL_RESOLVE', 2: 'PARTIAL_RESOLVE' }),
    b('Destination Compression Enable', 1, 29), e('Destination Target Memory', 6, 31, 31, TARGET_MEMORY),
    b('Source Compression Enable', 8, 29), e('Source Target Memory', 11, 31, 31, TARGET_MEMORY),
  ]),
  blt('XY_FAST_COLOR_BLT', 0x44, L8, [
    ...fastColorFields(TILE_4_64, u('Destination MOCS', 1, 21, 27)), e('Special Mode of Operation', 0, 12, 13, { 0: 'NONE', 1: 'FAST_CLEAR_1', 2: 'FAST_CLEAR_0' }),
  ]),
  blt('XY_CTRL_SURF_COPY_BLT', 0x48, L8, [
    e('Destination Access Type', 0, 20, 20, { 0: 'Compressible', 1: 'Uncompressible' }), e('Source Access Type', 0, 21, 21, { 0: 'Compressible', 1: 'Uncompressible' }),
    u('Size of Control Surface Copy', 0, 8, 17), a('Source Base Address', 1, 0, 63), a('Destination Base Address', 3, 0, 63),
  ]),
];

export const GEN125: FamilyTable = {
  family: 'gen12.5',
  base: 'gen12',
  changed: CHANGED,
  removed: ['MEDIA_VFE_STATE', 'MEDIA_CURBE_LOAD', 'MEDIA_INTERFACE_DESCRIPTOR_LOAD', 'MEDIA_STATE_FLUSH', 'MEDIA_OBJECT', 'MEDIA_OBJECT_PRT', 'MEDIA_OBJECT_WALKER', 'GPGPU_WALKER'],
  source: 'Intel Xe-HPG PRM (Command Reference); Mesa src/intel/genxml/gen125.xml; Linux drivers/gpu/drm/xe/instructions/*.h',
};
