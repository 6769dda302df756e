// Xe3 (Panther Lake): what changed from Xe2. 3DSTATE_CPS_POINTERS is gone (3DSTATE_COARSE_PIXEL,
// now with a 16-bit DWord Length, carries coarse pixel shading); STATE_COMPUTE_MODE grows to 3
// dwords (mid-thread preemption controls); the shader-stage state commands (VS, HS, DS, GS, PS,
// MESH/TASK shaders) and 3DSTATE_BTD are re-laid out.
// Facts from Mesa src/intel/genxml/xe3.xml (which imports xe2.xml and lists the differences),
// written in this project's own format.
import { b, e, g3d, gfx, L16, L8, ra, u } from '../spec.ts';
import type { FamilyTable, InstrDef } from '../types.ts';
import { STATE_COMPUTE_MODE_XE2 } from './xe2.ts';

const SAMPLERS = { 0: 'No Samplers', 1: '1-4 Samplers', 2: '5-8 Samplers', 3: '9-12 Samplers', 4: '13-16 Samplers' };
const CPS_SIZE = { 0: 'CPSIZE_1', 1: 'CPSIZE_2', 2: 'CPSIZE_4' };
const CPS_OP = { 0: 'PASSTHROUGH', 1: 'OVERRIDE', 2: 'HIGH_QUALITY', 3: 'LOW_QUALITY', 4: 'RELATIVE' };

const CHANGED: InstrDef[] = [
  gfx('3DSTATE_BTD', 0, 1, 6, L8, [
    e('Dispatch Timeout Counter', 1, 0, 2, { 0: '64 clocks', 1: '128 clocks', 2: '192 clocks', 3: '256 clocks', 4: '512 clocks', 5: '1024 clocks', 6: '2048 clocks', 7: '4096 clocks' }),
    e('Max Outstanding Ray Queries per SS', 1, 7, 8, { 0: '128', 1: '256', 2: '512', 3: '1024' }),
    b('RT Mem Structures 64b Mode Enable', 1, 30), b('BTD Mid thread preemption', 1, 31),
    e('Per DSS Memory Backed Buffer Size', 2, 0, 2, { 0: '2KB', 1: '4KB', 2: '8KB', 3: '16KB', 4: '32KB', 5: '64KB', 6: '128KB' }),
    { name: 'Memory Backed Buffer Base Pointer', dw: 2, lo: 10, hi: 63, kind: 'address' }, ra('Scratch Space Buffer', 4, 10, 31),
  ]),
  g3d('3DSTATE_COARSE_PIXEL', 0, 0x89, L16, [
    e('CPSizeX', 1, 0, 1, CPS_SIZE), e('CPSizeY', 1, 2, 3, CPS_SIZE), e('CPSizeCombiner1Opcode', 1, 4, 6, CPS_OP),
    e('CPSizeCombiner0Opcode', 1, 7, 9, CPS_OP), b('Disable CPS Pointers', 1, 31),
  ]),
  g3d('3DSTATE_VS', 0, 0x10, L8, [
    ra('Kernel Start Pointer', 1, 6, 31), u('Registers Per Thread', 3, 0, 5), u('Binding Table Entry Count', 3, 18, 25),
    e('Sampler Count', 3, 27, 29, SAMPLERS), ra('Scratch Space Buffer', 4, 10, 31), b('Enable', 7, 0), b('Statistics Enable', 7, 10),
    u('Maximum Number of Threads', 7, 22, 31),
  ]),
  g3d('3DSTATE_HS', 0, 0x1b, L8, [
    u('Registers Per Thread', 1, 4, 9), u('Binding Table Entry Count', 1, 18, 25), u('Instance Count', 2, 0, 4),
    u('Maximum Number of Threads', 2, 8, 16), b('Statistics Enable', 2, 29), b('Enable', 2, 31), ra('Kernel Start Pointer', 3, 6, 31),
    ra('Scratch Space Buffer', 5, 10, 31),
  ]),
  g3d('3DSTATE_DS', 0, 0x1d, L8, [
    ra('Kernel Start Pointer', 1, 6, 31), u('Registers Per Thread', 3, 0, 5), ra('Scratch Space Buffer', 4, 10, 31), b('Enable', 7, 0),
    b('Statistics Enable', 7, 10), u('Maximum Number of Threads', 7, 21, 30),
  ]),
  g3d('3DSTATE_GS', 0, 0x11, L8, [
    ra('Kernel Start Pointer', 1, 6, 31), u('Expected Vertex Count', 3, 0, 5), ra('Scratch Space Buffer', 4, 10, 31), b('Enable', 7, 0),
    b('Statistics Enable', 7, 10), u('Registers Per Thread', 7, 26, 31), u('Maximum Number of Threads', 8, 0, 8),
  ]),
  g3d('3DSTATE_PS', 0, 0x20, L8, [
    b('Kernel 0 Enable', 1, 0), e('Kernel[0] SIMD Width', 1, 1, 1, { 0: 'SIMD16', 1: 'SIMD32' }), ra('Kernel Start Pointer 0', 1, 6, 31),
    u('Registers Per Thread', 3, 0, 5), u('Binding Table Entry Count', 3, 18, 25), ra('Scratch Space Buffer', 4, 10, 31),
    u('Maximum Number of Threads Per PSD', 6, 23, 31), b('Kernel 1 Enable', 8, 0), ra('Kernel Start Pointer 1', 8, 6, 31),
  ]),
  g3d('3DSTATE_MESH_SHADER', 0, 0x7a, L8, [
    ra('Kernel Start Pointer', 1, 6, 31), u('Local X Maximum', 3, 0, 9), u('Registers Per Thread', 3, 20, 25),
    u('Number of Threads in GPGPU Thread Group', 4, 0, 9), u('Indirect Data Length', 5, 0, 16), u('Maximum Primitive Count', 7, 0, 9),
  ]),
  g3d('3DSTATE_TASK_SHADER', 0, 0x7d, L8, [
    ra('Kernel Start Pointer', 1, 6, 31), u('Local X Maximum', 3, 0, 9), u('Registers Per Thread', 3, 20, 25),
    u('Number of Threads in GPGPU Thread Group', 4, 0, 9), u('Indirect Data Length', 5, 0, 16),
  ]),
  // Xe2's layout with the variable register size allocation bit (10) and without the memory allocation bit (DW2 11).
  gfx('STATE_COMPUTE_MODE', 0, 1, 5, L8, [
    ...STATE_COMPUTE_MODE_XE2.filter((f) => !f.name.startsWith('Memory Allocation')), b('Enable Variable Register Size Allocation', 1, 10),
  ]),
];

export const XE3: FamilyTable = {
  family: 'xe3',
  base: 'xe2',
  changed: CHANGED,
  removed: ['3DSTATE_CPS_POINTERS'],
  source: 'Mesa src/intel/genxml/xe3.xml (imports xe2.xml, excludes 3DSTATE_CPS_POINTERS)',
};
