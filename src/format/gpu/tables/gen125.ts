// Gen12.5 / 12.7 (DG2 "Alchemist", Meteor Lake, Arrow Lake): what changed from Gen12. The
// GPGPU/media pipeline's MEDIA_* and GPGPU_WALKER commands give way to CFE_STATE and
// COMPUTE_WALKER; mesh/task shading, ray tracing (3DSTATE_BTD) and flat-CCS blits arrive.
// Facts from Intel's Xe-HPG PRM (Command Reference), Mesa src/intel/genxml/gen125.xml and the
// kernel's drivers/gpu/drm/xe/instructions/*.h, written in this project's own format.
import { a, b, blt, e, g3d, gfx, h, L8, ra, u } from '../spec.ts';
import type { FamilyTable, FieldSpec, InstrDef } from '../types.ts';

const CE = ['render', 'compute'] as const;

/** COMPUTE_WALKER body dwords 1–11 (same layout on every family from Gen12.5). */
export const COMPUTE_WALKER_FIELDS: FieldSpec[] = [
  b('Predicate Enable', 0, 8), b('Workload Partition Enable', 0, 9), b('Indirect Parameter Enable', 0, 10),
  u('Indirect Data Length', 1, 0, 16), ra('Indirect Data Start Address', 2, 6, 31),
  e('Message SIMD', 3, 17, 18, { 1: 'SIMT16', 2: 'SIMT32' }), b('Emit Inline Parameter', 3, 25),
  e('Emit Local', 3, 26, 28, { 0: 'Emit None', 1: 'Emit X', 3: 'Emit XY', 7: 'Emit XYZ' }), b('Generate Local ID', 3, 29),
  e('SIMD Size', 3, 30, 31, { 0: 'SIMD8', 1: 'SIMD16', 2: 'SIMD32' }), h('Execution Mask', 4, 0, 31),
  u('Local X Maximum', 5, 0, 9), u('Local Y Maximum', 5, 10, 19), u('Local Z Maximum', 5, 20, 29),
  u('Thread Group ID X Dimension', 6, 0, 31), u('Thread Group ID Y Dimension', 7, 0, 31), u('Thread Group ID Z Dimension', 8, 0, 31),
  u('Thread Group ID Starting X', 9, 0, 31), u('Thread Group ID Starting Y', 10, 0, 31), u('Thread Group ID Starting Z', 11, 0, 31),
];

const CHANGED: InstrDef[] = [
  gfx('STATE_COMPUTE_MODE', 0, 1, 5, L8, [h('Mask Bits', 1, 16, 31), b('Large GRF Mode', 1, 15), h('Mode Bits', 1, 0, 14)]),
  gfx('3DSTATE_BTD', 0, 1, 6, L8, [u('Dispatch Timeout Counter', 1, 0, 2), ra('Memory Backed Buffer Base Pointer', 2, 10, 31), a('BTD Scratch Space Base Pointer', 4, 10, 31)]),
  gfx('STATE_SYSTEM_MEM_FENCE_ADDRESS', 0, 1, 9, L8, [a('System Memory Fence Address', 1, 12)]),
  gfx('CFE_STATE', 2, 2, 0, L8, [
    ra('Scratch Space Buffer', 1, 10, 31), u('Maximum Number of Threads', 3, 16, 31),
    b('Single Slice Dispatch CCS Mode', 3, 4), e('Over Dispatch Control', 3, 14, 15, { 0: 'None', 1: 'Low', 2: 'Normal', 3: 'High' }),
  ], { engines: CE }),
  gfx('COMPUTE_WALKER', 2, 2, 2, L8, COMPUTE_WALKER_FIELDS, { engines: CE }),
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
