// Xe3 (Panther Lake): what changed from Xe2. Coarse-pixel state moves from 3DSTATE_CPS_POINTERS
// to the "_2" state-pointer commands; mesh/task shader data get extended forms.
// Facts from Mesa src/intel/genxml/xe3.xml (which imports xe2.xml and excludes
// 3DSTATE_CPS_POINTERS) and the kernel's drivers/gpu/drm/xe/instructions/xe_gfxpipe_commands.h,
// written in this project's own format.
import { g3d, L8, ra } from '../spec.ts';
import type { FamilyTable, InstrDef } from '../types.ts';

const CHANGED: InstrDef[] = [
  g3d('3DSTATE_MESH_SHADER_DATA_EXT', 0, 0x8a, L8),
  g3d('3DSTATE_TASK_SHADER_DATA_EXT', 0, 0x8b, L8),
  g3d('3DSTATE_VIEWPORT_STATE_POINTERS_CC_2', 0, 0x8d, L8, [ra('CC Viewport Pointer', 1, 5, 31)]),
  g3d('3DSTATE_CC_STATE_POINTERS_2', 0, 0x8e, L8, [ra('Color Calc State Pointer', 1, 6, 31)]),
  g3d('3DSTATE_SCISSOR_STATE_POINTERS_2', 0, 0x8f, L8, [ra('Scissor Rect Pointer', 1, 5, 31)]),
  g3d('3DSTATE_BLEND_STATE_POINTERS_2', 0, 0xa0, L8, [ra('Blend State Pointer', 1, 6, 31)]),
  g3d('3DSTATE_VIEWPORT_STATE_POINTERS_SF_CLIP_2', 0, 0xa1, L8, [ra('SF Clip Viewport Pointer', 1, 6, 31)]),
  g3d('3DSTATE_SLICE_TABLE_STATE_POINTER_2', 1, 0xa0, L8),
];

export const XE3: FamilyTable = {
  family: 'xe3',
  base: 'xe2',
  changed: CHANGED,
  removed: ['3DSTATE_CPS_POINTERS'],
  source: 'Mesa src/intel/genxml/xe3.xml; Linux drivers/gpu/drm/xe/instructions/xe_gfxpipe_commands.h',
};
