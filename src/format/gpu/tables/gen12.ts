// Gen12 (Tiger Lake, Rocket Lake, Alder Lake, DG1) instruction table: the base every later family
// edits. Facts (opcodes, DWord Length biases, field bit ranges, enumerations) from Intel's Gen12
// PRM volumes ("Command Reference: Instructions"), cross-checked against Mesa's
// src/intel/genxml/gen12.xml and the kernel's drivers/gpu/drm/xe/instructions/*.h; written here
// in this project's own table format.
import {
  a, ADDRESS_SPACE, b, blt, COMPARE_OPS, e, f32, g3d, gfx, h, L10, L6, L8, L9, mi, ONE, POST_SYNC_OPS, r, ra, s, u, vid,
} from '../spec.ts';
import type { FamilyTable, FieldSpec, InstrDef } from '../types.ts';

// ---------------------------------------------------------------- MI (command type 0)
const MI: InstrDef[] = [
  mi('MI_NOOP', 0x00, ONE, [u('Identification Number', 0, 0, 21), b('Identification Number Register Write Enable', 0, 22)]),
  mi('MI_SET_PREDICATE', 0x01, ONE, [
    e('PREDICATE ENABLE', 0, 0, 3, {
      0: 'NOOP Never', 1: 'NOOP on Result2 clear', 2: 'NOOP on Result2 set', 3: 'NOOP on Result clear',
      4: 'NOOP on Result set', 8: 'Execute when one slice enabled', 9: 'Execute when two slices are enabled',
      10: 'Execute when three slices are enabled', 15: 'NOOP Always',
    }),
  ]),
  mi('MI_USER_INTERRUPT', 0x02, ONE, []),
  mi('MI_WAIT_FOR_EVENT', 0x03, ONE, [h('Events', 0, 0, 22)]),
  mi('MI_ARB_CHECK', 0x05, ONE, [b('Pre-Parser Disable', 0, 0), b('Pre-Parser Disable Mask', 0, 8)]),
  mi('MI_RS_CONTROL', 0x06, ONE, [b('Resource Streamer Control', 0, 0)]),
  mi('MI_REPORT_HEAD', 0x07, ONE, []),
  mi('MI_ARB_ON_OFF', 0x08, ONE, [b('Arbitration Enable', 0, 0), b('Allow Lite Restore', 0, 1)]),
  mi('MI_URB_ATOMIC_ALLOC', 0x09, ONE, [u('URB Atomic Storage Size', 0, 0, 8), u('URB Atomic Storage Offset', 0, 12, 19)]),
  mi('MI_BATCH_BUFFER_END', 0x0a, ONE, [b('End Context', 0, 0)], { special: 'bbe' }),
  mi('MI_SUSPEND_FLUSH', 0x0b, ONE, [b('Suspend Flush', 0, 0)]),
  mi('MI_PREDICATE', 0x0c, ONE, [
    e('Compare Operation', 0, 0, 1, { 0: 'COMPARE_TRUE', 1: 'COMPARE_FALSE', 2: 'COMPARE_SRCS_EQUAL', 3: 'COMPARE_DELTAS_EQUAL' }),
    e('Combine Operation', 0, 3, 4, { 0: 'COMBINE_SET', 1: 'COMBINE_AND', 2: 'COMBINE_OR', 3: 'COMBINE_XOR' }),
    e('Load Operation', 0, 6, 7, { 0: 'LOAD_KEEP', 2: 'LOAD_LOAD', 3: 'LOAD_LOADINV' }),
  ]),
  mi('MI_TOPOLOGY_FILTER', 0x0d, ONE, [u('Topology Filter Value', 0, 0, 5)]),
  mi('MI_SET_APPID', 0x0e, ONE, [u('Protected Memory Application ID', 0, 0, 6), e('Protected Memory Application ID Type', 0, 7, 7, { 0: 'DISPLAY', 1: 'TRANSCODE' })]),
  mi('MI_RS_CONTEXT', 0x0f, ONE, [e('Resource Streamer Save', 0, 0, 0, { 0: 'RS_Restore', 1: 'RS_Save' })]),
  mi('MI_LOAD_SCAN_LINES_INCL', 0x12, L6, [u('Scan Line Event Done Forward', 0, 17, 18), u('Display Plane Select', 0, 19, 21), u('Start Scan Line Number', 1, 16, 28), u('End Scan Line Number', 1, 0, 12)]),
  mi('MI_LOAD_SCAN_LINES_EXCL', 0x13, L6, [u('Display Plane Select', 0, 19, 21), u('Start Scan Line Number', 1, 16, 28), u('End Scan Line Number', 1, 0, 12)]),
  mi('MI_DISPLAY_FLIP', 0x14, L8, [
    u('Display Plane Select', 0, 8, 13), b('Async Flip Indicator', 0, 22), u('Tile Parameter', 1, 0, 2), u('Display Buffer Pitch', 1, 6, 15),
    b('Stereoscopic 3D Mode', 1, 31), e('Flip Type', 2, 0, 1, { 0: 'Sync Flip', 1: 'Async Flip', 2: 'Stereo 3D Flip' }), b('VRR Master Flip', 2, 11),
    h('Display Buffer Base Address', 2, 12, 31), h('Left Eye Display Buffer Base Address', 3, 12, 31),
  ]),
  mi('MI_SET_CONTEXT', 0x18, L8, [
    b('Restore Inhibit', 1, 0), b('Force Restore', 1, 1), b('Resource Streamer State Restore Enable', 1, 2),
    b('Resource Streamer State Save Enable', 1, 3), b('Core Mode Enable', 1, 4), h('Logical Context Address', 1, 12, 31),
  ]),
  mi('MI_URB_CLEAR', 0x19, L8, [u('URB Address', 1, 0, 14), u('URB Clear Length', 1, 16, 29)]),
  mi('MI_MATH', 0x1a, L8, [], { special: 'math' }),
  mi('MI_SEMAPHORE_SIGNAL', 0x1b, L8, [
    e('Target Engine Select', 0, 15, 18, {
      0: 'RCS', 1: 'VCS0', 2: 'BCS', 3: 'VECS', 4: 'VCS1', 6: 'VCS2', 7: 'VCS3', 8: 'VCS4', 9: 'VCS5', 10: 'VCS6', 11: 'VCS7', 12: 'VECS1', 13: 'VECS2', 14: 'VECS3',
    }),
    b('Post-Sync Operation', 0, 21), u('Target Context ID', 1, 0, 31),
  ]),
  mi('MI_SEMAPHORE_WAIT', 0x1c, L8, [
    e('Compare Operation', 0, 12, 14, COMPARE_OPS), e('Wait Mode', 0, 15, 15, { 0: 'Signal Mode', 1: 'Polling Mode' }),
    b('Register Poll Mode', 0, 16), e('Memory Type', 0, 22, 22, { 0: 'Per Process Graphics Address', 1: 'Global Graphics Address' }),
    h('Semaphore Data Dword', 1, 0, 31), a('Semaphore Address', 2, 2),
  ]),
  mi('MI_FORCE_WAKEUP', 0x1d, L8, [
    b('Force Media Slice0 Awake', 1, 0), b('Force Render Awake', 1, 1), b('Force Media Slice1 Awake', 1, 2), b('Force Media Slice2 Awake', 1, 3),
    b('Force Media Slice3 Awake', 1, 4), h('Mask Bits', 1, 16, 31),
  ]),
  mi('MI_STORE_DATA_IMM', 0x20, L10, [
    b('Force Write Completion Check', 0, 10), b('Store Qword', 0, 21), b('Use Global GTT', 0, 22), b('Core Mode Enable', 1, 0),
    a('Address', 1, 2), h('Data DWord 0', 3, 0, 31), h('Data DWord 1', 4, 0, 31),
  ], { special: 'sdi' }),
  mi('MI_STORE_DATA_INDEX', 0x21, L8, [b('Use Per-Process Hardware Status Page', 0, 21), h('Offset', 1, 2, 11), h('Data DWord 0', 2, 0, 31), h('Data DWord 1', 3, 0, 31)]),
  mi('MI_LOAD_REGISTER_IMM', 0x22, L8, [
    h('Byte Write Disables', 0, 8, 11), b('Force Posted', 0, 12), b('MMIO Remap Enable', 0, 17), b('Add CS MMIO Start Offset', 0, 19),
  ], { special: 'lri' }),
  mi('MI_UPDATE_GTT', 0x23, L10, [b('Entry Address is GGTT', 0, 22), h('Entry Address', 1, 12, 31)]),
  mi('MI_STORE_REGISTER_MEM', 0x24, L8, [
    b('MMIO Remap Enable', 0, 17), b('Add CS MMIO Start Offset', 0, 19), b('Predicate Enable', 0, 21), b('Use Global GTT', 0, 22),
    r('Register Address', 1), a('Memory Address', 2, 2),
  ]),
  mi('MI_FLUSH_DW', 0x26, L6, [
    b('Video Pipeline Cache Invalidate', 0, 7), b('Notify Enable', 0, 8), b('Flush LLC', 0, 9),
    e('Post-Sync Operation', 0, 14, 15, { 0: 'No Write', 1: 'Write Immediate Data', 3: 'Write Timestamp' }), b('Flush CCS', 0, 16),
    b('TLB Invalidate', 0, 18), b('Store Data Index', 0, 21), e('Destination Address Type', 1, 2, 2, { 0: 'PPGTT', 1: 'GGTT' }),
    a('Destination Address', 1, 3), h('Immediate Data DWord 0', 3, 0, 31), h('Immediate Data DWord 1', 4, 0, 31),
  ]),
  mi('MI_CLFLUSH', 0x27, L10, [b('Use Global GTT', 0, 22), u('Starting Cacheline Offset', 1, 6, 11), a('Page Base Address', 1, 12)]),
  mi('MI_REPORT_PERF_COUNT', 0x28, L6, [b('Use Global GTT', 1, 0), b('Core Mode Enable', 1, 4), a('Memory Address', 1, 6), h('Report ID', 3, 0, 31)]),
  mi('MI_LOAD_REGISTER_MEM', 0x29, L8, [
    b('MMIO Remap Enable', 0, 17), b('Add CS MMIO Start Offset', 0, 19), b('Add Loop Variable', 0, 20), b('Async Mode Enable', 0, 21),
    b('Use Global GTT', 0, 22), r('Register Address', 1), a('Memory Address', 2, 2),
  ]),
  mi('MI_LOAD_REGISTER_REG', 0x2a, L8, [
    b('MMIO Remap Enable Source', 0, 16), b('MMIO Remap Enable Destination', 0, 17),
    b('Add CS MMIO Start Offset Source', 0, 18), b('Add CS MMIO Start Offset Destination', 0, 19),
    r('Source Register Address', 1), r('Destination Register Address', 2),
  ]),
  mi('MI_RS_STORE_DATA_IMM', 0x2b, L8, [b('Core Mode Enable', 1, 0), a('Destination Address', 1, 2), h('Data DWord 0', 3, 0, 31)]),
  mi('MI_LOAD_URB_MEM', 0x2c, L8, [u('URB Address', 1, 2, 14), a('Memory Address', 2, 6)]),
  mi('MI_STORE_URB_MEM', 0x2d, L8, [u('URB Address', 1, 2, 14), a('Memory Address', 2, 6)]),
  mi('MI_COPY_MEM_MEM', 0x2e, L8, [
    b('Use Global GTT Destination', 0, 21), b('Use Global GTT Source', 0, 22), a('Destination Memory Address', 1, 2), a('Source Memory Address', 3, 2),
  ]),
  mi('MI_ATOMIC', 0x2f, L8, [
    e('ATOMIC OPCODE', 0, 8, 15, {
      0x01: 'MI_ATOMIC_OP_AND', 0x02: 'MI_ATOMIC_OP_OR', 0x03: 'MI_ATOMIC_OP_XOR', 0x04: 'MI_ATOMIC_OP_MOVE', 0x05: 'MI_ATOMIC_OP_INC',
      0x06: 'MI_ATOMIC_OP_DEC', 0x07: 'MI_ATOMIC_OP_ADD', 0x08: 'MI_ATOMIC_OP_SUB', 0x09: 'MI_ATOMIC_OP_RSUB', 0x0a: 'MI_ATOMIC_OP_IMAX',
      0x0b: 'MI_ATOMIC_OP_IMIN', 0x0c: 'MI_ATOMIC_OP_UMAX', 0x0d: 'MI_ATOMIC_OP_UMIN', 0x0e: 'MI_ATOMIC_OP_CMP_WR', 0x0f: 'MI_ATOMIC_OP_PREDEC',
      0x21: 'MI_ATOMIC_OP_AND8B', 0x22: 'MI_ATOMIC_OP_OR8B', 0x23: 'MI_ATOMIC_OP_XOR8B', 0x24: 'MI_ATOMIC_OP_MOVE8B', 0x25: 'MI_ATOMIC_OP_INC8B',
      0x26: 'MI_ATOMIC_OP_DEC8B', 0x27: 'MI_ATOMIC_OP_ADD8B', 0x28: 'MI_ATOMIC_OP_SUB8B', 0x2e: 'MI_ATOMIC_OP_CMP_WR8B',
    }),
    b('Return Data Control', 0, 16), b('CS STALL', 0, 17), b('Inline Data', 0, 18),
    e('Data Size', 0, 19, 20, { 0: 'DWORD', 1: 'QWORD', 2: 'OCTWORD' }), b('Post-Sync Operation', 0, 21),
    e('Memory Type', 0, 22, 22, { 0: 'Per Process Graphics Address', 1: 'Global Graphics Address' }),
    a('Memory Address', 1, 2), h('Operand1 Data Dword 0', 3, 0, 31), h('Operand2 Data Dword 0', 4, 0, 31),
  ]),
  mi('MI_BATCH_BUFFER_START', 0x31, L8, [
    e('Address Space Indicator', 0, 8, 8, ADDRESS_SPACE), b('Resource Streamer Enable', 0, 10), b('Predication Enable', 0, 15), b('Add Offset Enable', 0, 16),
    e('Second Level Batch Buffer', 0, 22, 22, { 0: 'First level batch', 1: 'Second level batch' }),
    a('Batch Buffer Start Address', 1, 2),
  ], { special: 'bbs' }),
  mi('MI_CONDITIONAL_BATCH_BUFFER_END', 0x36, L8, [
    e('Compare Operation', 0, 12, 14, COMPARE_OPS), b('End Current Batch Buffer Level', 0, 18), b('Compare Mask Mode', 0, 19),
    b('Compare Semaphore', 0, 21), b('Use Global GTT', 0, 22), h('Compare Data Dword', 1, 0, 31), a('Compare Address', 2, 3),
  ]),
];

// ---------------------------------------------------------------- GFXPIPE common / single dword
const PIPELINE = { 0: '3D', 1: 'Media', 2: 'GPGPU' };
/** STATE_BASE_ADDRESS's fields on Gen12; gen125.ts derives its own from these. */
export const SBA_FIELDS: FieldSpec[] = [
  b('General State Base Address Modify Enable', 1, 0), u('General State MOCS', 1, 4, 10), a('General State Base Address', 1, 12, 63),
  u('Stateless Data Port Access MOCS', 3, 16, 22),
  b('Surface State Base Address Modify Enable', 4, 0), u('Surface State MOCS', 4, 4, 10), a('Surface State Base Address', 4, 12, 63),
  b('Dynamic State Base Address Modify Enable', 6, 0), u('Dynamic State MOCS', 6, 4, 10), a('Dynamic State Base Address', 6, 12, 63),
  b('Indirect Object Base Address Modify Enable', 8, 0), u('Indirect Object MOCS', 8, 4, 10), a('Indirect Object Base Address', 8, 12, 63),
  b('Instruction Base Address Modify Enable', 10, 0), u('Instruction MOCS', 10, 4, 10), a('Instruction Base Address', 10, 12, 63),
  b('General State Buffer Size Modify Enable', 12, 0), u('General State Buffer Size', 12, 12, 31),
  b('Dynamic State Buffer Size Modify Enable', 13, 0), u('Dynamic State Buffer Size', 13, 12, 31),
  b('Indirect Object Buffer Size Modify Enable', 14, 0), u('Indirect Object Buffer Size', 14, 12, 31),
  b('Instruction Buffer Size Modify Enable', 15, 0), u('Instruction Buffer Size', 15, 12, 31),
  b('Bindless Surface State Base Address Modify Enable', 16, 0), u('Bindless Surface State MOCS', 16, 4, 10),
  a('Bindless Surface State Base Address', 16, 12, 63), u('Bindless Surface State Size', 18, 12, 31),
  b('Bindless Sampler State Base Address Modify Enable', 19, 0), u('Bindless Sampler State MOCS', 19, 4, 10),
  a('Bindless Sampler State Base Address', 19, 12, 63), u('Bindless Sampler State Buffer Size', 21, 12, 31),
];

const COMMON: InstrDef[] = [
  gfx('STATE_BASE_ADDRESS', 0, 1, 1, L8, SBA_FIELDS),
  gfx('STATE_SIP', 0, 1, 2, L8, [a('System Instruction Pointer', 1, 4, 63)]),
  gfx('SWTESS_BASE_ADDRESS', 0, 1, 3, L8, [u('SW Tessellation MOCS', 1, 8, 11), a('SW Tessellation Base Address', 1, 12)]),
  gfx('GPGPU_CSR_BASE_ADDRESS', 0, 1, 4, L8, [a('GPGPU CSR Base Address', 1, 12, 63)]),
  gfx('3DSTATE_VF_STATISTICS', 1, 0, 0x0b, ONE, [b('Statistics Enable', 0, 0)]),
  gfx('PIPELINE_SELECT', 1, 1, 4, ONE, [
    e('Pipeline Selection', 0, 0, 1, PIPELINE), b('Media Sampler DOP Clock Gate Enable', 0, 4), b('Force Media Awake', 0, 5),
    h('Mask Bits', 0, 8, 15),
  ]),
];

// ---------------------------------------------------------------- compute / media (pipeline 2, render and compute engines)
const CE = ['render', 'compute'] as const;
const COMPUTE: InstrDef[] = [
  gfx('MEDIA_VFE_STATE', 2, 0, 0, L8, [
    a('Scratch Space Base Pointer', 1, 10, 47), u('Per Thread Scratch Space', 1, 0, 3), u('Number of URB Entries', 3, 8, 15),
    u('Maximum Number of Threads', 3, 16, 31), u('CURBE Allocation Size', 5, 0, 15), u('URB Entry Allocation Size', 5, 16, 31),
  ], { engines: CE }),
  gfx('MEDIA_CURBE_LOAD', 2, 0, 1, L8, [u('CURBE Total Data Length', 2, 0, 16), ra('CURBE Data Start Address', 3, 0, 31)], { engines: CE }),
  gfx('MEDIA_INTERFACE_DESCRIPTOR_LOAD', 2, 0, 2, L8, [u('Interface Descriptor Total Length', 2, 0, 16), ra('Interface Descriptor Data Start Address', 3, 0, 31)], { engines: CE }),
  gfx('MEDIA_STATE_FLUSH', 2, 0, 4, L8, [u('Interface Descriptor Offset', 1, 0, 5), b('Flush to GO', 1, 7)], { engines: CE }),
  gfx('MEDIA_OBJECT', 2, 1, 0, L9, [u('Interface Descriptor Offset', 1, 0, 5), u('Indirect Data Length', 2, 0, 16), ra('Indirect Data Start Address', 3, 0, 31)], { engines: CE }),
  gfx('MEDIA_OBJECT_PRT', 2, 1, 2, L8, [u('Interface Descriptor Offset', 1, 0, 5)], { engines: CE }),
  gfx('MEDIA_OBJECT_WALKER', 2, 1, 3, L9, [u('Interface Descriptor Offset', 1, 0, 5)], { engines: CE }),
  gfx('GPGPU_WALKER', 2, 1, 5, L8, [
    b('Predicate Enable', 0, 8), b('Indirect Parameter Enable', 0, 10), u('Interface Descriptor Offset', 1, 0, 5),
    u('Indirect Data Length', 2, 0, 16), ra('Indirect Data Start Address', 3, 6, 31),
    u('Thread Width Counter Maximum', 4, 0, 5), u('Thread Height Counter Maximum', 4, 8, 13), u('Thread Depth Counter Maximum', 4, 16, 21),
    e('SIMD Size', 4, 30, 31, { 0: 'SIMD8', 1: 'SIMD16', 2: 'SIMD32' }),
    u('Thread Group ID Starting X', 5, 0, 31), u('Thread Group ID X Dimension', 7, 0, 31), u('Thread Group ID Starting Y', 8, 0, 31),
    u('Thread Group ID Y Dimension', 10, 0, 31), u('Thread Group ID Starting/Resume Z', 11, 0, 31), u('Thread Group ID Z Dimension', 12, 0, 31),
    h('Right Execution Mask', 13, 0, 31), h('Bottom Execution Mask', 14, 0, 31),
  ], { engines: CE }),
];

// ---------------------------------------------------------------- 3D (pipeline 3)
const TOPOLOGY: Record<number, string> = {
  0x01: 'POINTLIST', 0x02: 'LINELIST', 0x03: 'LINESTRIP', 0x04: 'TRILIST', 0x05: 'TRISTRIP', 0x06: 'TRIFAN', 0x07: 'QUADLIST',
  0x08: 'QUADSTRIP', 0x09: 'LINELIST_ADJ', 0x0a: 'LINESTRIP_ADJ', 0x0b: 'TRILIST_ADJ', 0x0c: 'TRISTRIP_ADJ', 0x0d: 'TRISTRIP_REVERSE',
  0x0e: 'POLYGON', 0x0f: 'RECTLIST', 0x10: 'LINELOOP', 0x11: 'POINTLIST _BF', 0x12: 'LINESTRIP_CONT', 0x13: 'LINESTRIP_BF',
  0x14: 'LINESTRIP_CONT_BF', 0x15: 'TRIFAN_NOSTIPPLE', 0x20: 'PATCHLIST_1',
};
const BTP = (stage: string, sub: number) => g3d(`3DSTATE_BINDING_TABLE_POINTERS_${stage}`, 0, sub, L8, [ra(`Pointer to ${stage} Binding Table`, 1, 5, 15)]);
const SSP = (stage: string, sub: number) => g3d(`3DSTATE_SAMPLER_STATE_POINTERS_${stage}`, 0, sub, L8, [ra(`Pointer to ${stage} Sampler State`, 1, 5, 31)]);
const CONST = (stage: string, sub: number): InstrDef => g3d(`3DSTATE_CONSTANT_${stage}`, 0, sub, L8, [
  u('MOCS', 0, 8, 14),
  u('Read Length[0]', 1, 0, 15), u('Read Length[1]', 1, 16, 31), u('Read Length[2]', 2, 0, 15), u('Read Length[3]', 2, 16, 31),
  a('Buffer[0]', 3, 5, 63), a('Buffer[1]', 5, 5, 63), a('Buffer[2]', 7, 5, 63), a('Buffer[3]', 9, 5, 63),
]);
const PCA = (stage: string, sub: number) => g3d(`3DSTATE_PUSH_CONSTANT_ALLOC_${stage}`, 1, sub, L8, [u('Constant Buffer Size', 1, 0, 5), u('Constant Buffer Offset', 1, 16, 20)]);
const URB = (stage: string, sub: number) => g3d(`3DSTATE_URB_${stage}`, 0, sub, L8, [
  u(`${stage} Number of URB Entries`, 1, 0, 15), u(`${stage} URB Entry Allocation Size`, 1, 16, 24), u(`${stage} URB Starting Address`, 1, 25, 31),
]);

const VERTEX_BUFFER_STATE: FieldSpec[] = [
  u('Buffer Pitch', 0, 0, 11), b('Null Vertex Buffer', 0, 13), b('Address Modify Enable', 0, 14), u('MOCS', 0, 16, 22),
  u('Vertex Buffer Index', 0, 26, 31), a('Buffer Starting Address', 1, 0, 63), u('Buffer Size', 3, 0, 31),
];
const VERTEX_ELEMENT_STATE: FieldSpec[] = [
  u('Source Element Offset', 0, 0, 11), b('Edge Flag Enable', 0, 15), h('Source Element Format', 0, 16, 24), b('Valid', 0, 25),
  u('Vertex Buffer Index', 0, 26, 31), u('Component 3 Control', 1, 16, 18), u('Component 2 Control', 1, 20, 22),
  u('Component 1 Control', 1, 24, 26), u('Component 0 Control', 1, 28, 30),
];

const THREE_D: InstrDef[] = [
  g3d('3DSTATE_CLEAR_PARAMS', 0, 4, L8, [f32('Depth Clear Value', 1), b('Depth Clear Value Valid', 2, 0)]),
  g3d('3DSTATE_DEPTH_BUFFER', 0, 5, L8, [
    u('Surface Pitch', 1, 0, 17), b('Corner Texel Mode', 1, 18), b('Hierarchical Depth Buffer Enable', 1, 22), b('Stencil Write Enable', 1, 27),
    b('Depth Write Enable', 1, 28), e('Surface Format', 1, 24, 26, { 1: 'D32_FLOAT', 3: 'D24_UNORM_X8_UINT', 5: 'D16_UNORM' }),
    e('Surface Type', 1, 29, 31, { 0: 'SURFTYPE_1D', 1: 'SURFTYPE_2D', 2: 'SURFTYPE_3D', 3: 'SURFTYPE_CUBE', 7: 'SURFTYPE_NULL' }),
    a('Surface Base Address', 2, 0, 63), u('Width', 4, 1, 14), u('Height', 4, 17, 30), u('MOCS', 5, 0, 6),
  ]),
  g3d('3DSTATE_STENCIL_BUFFER', 0, 6, L8, [u('Surface Pitch', 1, 0, 16), b('Stencil Write Enable', 1, 28), a('Surface Base Address', 2, 0, 63), u('MOCS', 4, 0, 6)]),
  g3d('3DSTATE_HIER_DEPTH_BUFFER', 0, 7, L8, [u('Surface Pitch', 1, 0, 16), u('MOCS', 1, 25, 31), a('Surface Base Address', 2, 0, 63)]),
  g3d('3DSTATE_VERTEX_BUFFERS', 0, 8, L8, [], { repeat: { from: 1, stride: 4, fields: VERTEX_BUFFER_STATE, label: 'Vertex Buffer' } }),
  g3d('3DSTATE_VERTEX_ELEMENTS', 0, 9, L8, [], { repeat: { from: 1, stride: 2, fields: VERTEX_ELEMENT_STATE, label: 'Element' } }),
  g3d('3DSTATE_INDEX_BUFFER', 0, 0x0a, L8, [
    u('MOCS', 1, 0, 6), e('Index Format', 1, 8, 9, { 0: 'INDEX_BYTE', 1: 'INDEX_WORD', 2: 'INDEX_DWORD' }),
    a('Buffer Starting Address', 2, 0, 63), u('Buffer Size', 4, 0, 31),
  ]),
  g3d('3DSTATE_VF', 0, 0x0c, L8, [b('Indexed Draw Cut Index Enable', 0, 8), b('Component Packing Enable', 0, 9), b('Sequential Draw Cut Index Enable', 0, 10), b('VertexID Offset Enable', 0, 11), h('Cut Index', 1, 0, 31)]),
  g3d('3DSTATE_MULTISAMPLE', 0, 0x0d, L8, [e('Number of Multisamples', 1, 1, 3, { 0: '1', 1: '2', 2: '4', 3: '8', 4: '16' }), b('Pixel Location', 1, 4), b('Pixel Position Offset Enable', 1, 5)]),
  g3d('3DSTATE_CC_STATE_POINTERS', 0, 0x0e, L8, [b('Color Calc State Pointer Valid', 1, 0), ra('Color Calc State Pointer', 1, 6, 31)]),
  g3d('3DSTATE_SCISSOR_STATE_POINTERS', 0, 0x0f, L8, [ra('Scissor Rect Pointer', 1, 5, 31)]),
  g3d('3DSTATE_VS', 0, 0x10, L8, [ra('Kernel Start Pointer', 1, 6, 63), b('Function Enable', 7, 0), b('Statistics Enable', 7, 10), u('Maximum Number of Threads', 7, 22, 31)]),
  g3d('3DSTATE_GS', 0, 0x11, L8, [ra('Kernel Start Pointer', 1, 6, 63), b('Function Enable', 7, 0)]),
  g3d('3DSTATE_CLIP', 0, 0x12, L8, [b('Clip Enable', 2, 31), u('Clip Mode', 2, 13, 15), b('Viewport XY Clip Test Enable', 2, 28)]),
  g3d('3DSTATE_SF', 0, 0x13, L8, [b('Viewport Transform Enable', 1, 1), b('Statistics Enable', 1, 10), u('Line Width', 1, 12, 29)]),
  g3d('3DSTATE_WM', 0, 0x14, L8, [b('Statistics Enable', 1, 31), e('Early Depth/Stencil Control', 1, 21, 22, { 0: 'NORMAL', 1: 'PSEXEC', 2: 'PREPS' })]),
  CONST('VS', 0x15), CONST('GS', 0x16), CONST('PS', 0x17),
  g3d('3DSTATE_SAMPLE_MASK', 0, 0x18, L8, [h('Sample Mask', 1, 0, 15)]),
  CONST('HS', 0x19), CONST('DS', 0x1a),
  g3d('3DSTATE_HS', 0, 0x1b, L8, [b('Enable', 2, 31), ra('Kernel Start Pointer', 3, 6, 63)]),
  g3d('3DSTATE_TE', 0, 0x1c, L8, [b('TE Enable', 1, 0)]),
  g3d('3DSTATE_DS', 0, 0x1d, L8, [ra('Kernel Start Pointer', 1, 6, 63), b('Function Enable', 7, 0)]),
  g3d('3DSTATE_STREAMOUT', 0, 0x1e, L8, [b('SO Function Enable', 1, 31), b('Rendering Disable', 1, 30)]),
  g3d('3DSTATE_SBE', 0, 0x1f, L8, [u('Number of SF Output Attributes', 1, 22, 27)]),
  g3d('3DSTATE_PS', 0, 0x20, L8, [ra('Kernel Start Pointer 0', 1, 6, 63), u('Maximum Number of Threads Per PSD', 6, 23, 31), b('8 Pixel Dispatch Enable', 6, 0), b('16 Pixel Dispatch Enable', 6, 1), b('32 Pixel Dispatch Enable', 6, 2)]),
  g3d('3DSTATE_VIEWPORT_STATE_POINTERS_SF_CLIP', 0, 0x21, L8, [ra('SF Clip Viewport Pointer', 1, 6, 31)]),
  g3d('3DSTATE_VIEWPORT_STATE_POINTERS_CC', 0, 0x23, L8, [ra('CC Viewport Pointer', 1, 5, 31)]),
  g3d('3DSTATE_BLEND_STATE_POINTERS', 0, 0x24, L8, [b('Blend State Pointer Valid', 1, 0), ra('Blend State Pointer', 1, 6, 31)]),
  BTP('VS', 0x26), BTP('HS', 0x27), BTP('DS', 0x28), BTP('GS', 0x29), BTP('PS', 0x2a),
  SSP('VS', 0x2b), SSP('HS', 0x2c), SSP('DS', 0x2d), SSP('GS', 0x2e), SSP('PS', 0x2f),
  URB('VS', 0x30), URB('HS', 0x31), URB('DS', 0x32), URB('GS', 0x33),
  g3d('3DSTATE_GATHER_CONSTANT_VS', 0, 0x34, L8), g3d('3DSTATE_GATHER_CONSTANT_GS', 0, 0x35, L8), g3d('3DSTATE_GATHER_CONSTANT_HS', 0, 0x36, L8),
  g3d('3DSTATE_GATHER_CONSTANT_DS', 0, 0x37, L8), g3d('3DSTATE_GATHER_CONSTANT_PS', 0, 0x38, L8),
  g3d('3DSTATE_DX9_CONSTANTF_VS', 0, 0x39, L8), g3d('3DSTATE_DX9_CONSTANTF_PS', 0, 0x3a, L8), g3d('3DSTATE_DX9_CONSTANTI_VS', 0, 0x3b, L8),
  g3d('3DSTATE_DX9_CONSTANTI_PS', 0, 0x3c, L8), g3d('3DSTATE_DX9_CONSTANTB_VS', 0, 0x3d, L8), g3d('3DSTATE_DX9_CONSTANTB_PS', 0, 0x3e, L8),
  g3d('3DSTATE_DX9_LOCAL_VALID_VS', 0, 0x3f, L8), g3d('3DSTATE_DX9_LOCAL_VALID_PS', 0, 0x40, L8),
  g3d('3DSTATE_DX9_GENERATE_ACTIVE_VS', 0, 0x41, L8), g3d('3DSTATE_DX9_GENERATE_ACTIVE_PS', 0, 0x42, L8),
  g3d('3DSTATE_BINDING_TABLE_EDIT_VS', 0, 0x43, L9), g3d('3DSTATE_BINDING_TABLE_EDIT_GS', 0, 0x44, L9), g3d('3DSTATE_BINDING_TABLE_EDIT_HS', 0, 0x45, L9),
  g3d('3DSTATE_BINDING_TABLE_EDIT_DS', 0, 0x46, L9), g3d('3DSTATE_BINDING_TABLE_EDIT_PS', 0, 0x47, L9),
  g3d('3DSTATE_VF_INSTANCING', 0, 0x49, L8, [u('Vertex Element Index', 1, 0, 5), b('Instancing Enable', 1, 8), u('Instance Data Step Rate', 2, 0, 31)]),
  g3d('3DSTATE_VF_SGVS', 0, 0x4a, L8, [b('VertexID Enable', 1, 15), b('InstanceID Enable', 1, 31)]),
  g3d('3DSTATE_VF_TOPOLOGY', 0, 0x4b, L8, [e('Primitive Topology Type', 1, 0, 5, TOPOLOGY)]),
  g3d('3DSTATE_WM_CHROMAKEY', 0, 0x4c, L8, [b('ChromaKey Kill Enable', 1, 31)]),
  g3d('3DSTATE_PS_BLEND', 0, 0x4d, L8, [b('Has Writeable RT', 1, 30), b('Color Buffer Blend Enable', 1, 29)]),
  g3d('3DSTATE_WM_DEPTH_STENCIL', 0, 0x4e, L8, [b('Depth Buffer Write Enable', 1, 0), b('Depth Test Enable', 1, 1), b('Stencil Buffer Write Enable', 1, 2), b('Stencil Test Enable', 1, 3)]),
  g3d('3DSTATE_PS_EXTRA', 0, 0x4f, L8, [b('Pixel Shader Valid', 1, 31), b('Pixel Shader Kills Pixel', 1, 28), b('Pixel Shader Computed Depth Mode', 1, 26)]),
  g3d('3DSTATE_RASTER', 0, 0x50, L8, [e('Cull Mode', 1, 16, 17, { 0: 'CULLMODE_BOTH', 1: 'CULLMODE_NONE', 2: 'CULLMODE_FRONT', 3: 'CULLMODE_BACK' }), b('Scissor Rectangle Enable', 1, 1)]),
  g3d('3DSTATE_SBE_SWIZ', 0, 0x51, L8),
  g3d('3DSTATE_WM_HZ_OP', 0, 0x52, L8, [
    u('Number of Multisamples', 1, 13, 15), u('Stencil Clear Value', 1, 16, 23), b('Stencil Buffer Resolve Enable', 1, 24),
    b('Full Surface Depth and Stencil Clear', 1, 25), b('Pixel Position Offset Enable', 1, 26), b('Hierarchical Depth Buffer Resolve Enable', 1, 27),
    b('Depth Buffer Resolve Enable', 1, 28), b('Scissor Rectangle Enable', 1, 29), b('Depth Buffer Clear Enable', 1, 30), b('Stencil Buffer Clear Enable', 1, 31),
    u('Clear Rectangle X Min', 2, 0, 15), u('Clear Rectangle Y Min', 2, 16, 31), u('Clear Rectangle X Max', 3, 0, 15), u('Clear Rectangle Y Max', 3, 16, 31),
    h('Sample Mask', 4, 0, 15),
  ]),
  g3d('3DSTATE_VF_COMPONENT_PACKING', 0, 0x55, L8),
  g3d('3DSTATE_VF_SGVS_2', 0, 0x56, L8),
  g3d('3DSTATE_RS_CONSTANT_POINTER', 0, 0x54, L8),
  g3d('3DSTATE_SO_BUFFER_INDEX_0', 0, 0x60, L8, [b('SO Buffer Enable', 1, 31), a('Surface Base Address', 2, 2, 47), u('Surface Size', 4, 0, 29)]),
  g3d('3DSTATE_SO_BUFFER_INDEX_1', 0, 0x61, L8, [b('SO Buffer Enable', 1, 31), a('Surface Base Address', 2, 2, 47), u('Surface Size', 4, 0, 29)]),
  g3d('3DSTATE_SO_BUFFER_INDEX_2', 0, 0x62, L8, [b('SO Buffer Enable', 1, 31), a('Surface Base Address', 2, 2, 47), u('Surface Size', 4, 0, 29)]),
  g3d('3DSTATE_SO_BUFFER_INDEX_3', 0, 0x63, L8, [b('SO Buffer Enable', 1, 31), a('Surface Base Address', 2, 2, 47), u('Surface Size', 4, 0, 29)]),
  g3d('3DSTATE_PRIMITIVE_REPLICATION', 0, 0x6c, L8, [u('Replica Mask', 1, 0, 15), u('Replication Count', 1, 16, 19)]),
  g3d('3DSTATE_DEPTH_BOUNDS', 0, 0x71, L8, [b('Depth Bounds Test Enable', 1, 0), f32('Depth Bounds Test Min Value', 2), f32('Depth Bounds Test Max Value', 3)]),
  g3d('3DSTATE_AMFS_TEXTURE_POINTERS', 0, 0x72, L8),
  g3d('3DSTATE_CONSTANT_TS_POINTER', 0, 0x73, L8),
  g3d('3DSTATE_DRAWING_RECTANGLE', 1, 0x00, L8, [u('Clipped Drawing Rectangle X Min', 1, 0, 15), u('Clipped Drawing Rectangle Y Min', 1, 16, 31), u('Clipped Drawing Rectangle X Max', 2, 0, 15), u('Clipped Drawing Rectangle Y Max', 2, 16, 31), s('Drawing Rectangle Origin X', 3, 0, 15), s('Drawing Rectangle Origin Y', 3, 16, 31)]),
  g3d('3DSTATE_CHROMA_KEY', 1, 0x04, L8),
  g3d('3DSTATE_POLY_STIPPLE_OFFSET', 1, 0x06, L8, [u('Polygon Stipple Y Offset', 1, 0, 4), u('Polygon Stipple X Offset', 1, 8, 12)]),
  g3d('3DSTATE_POLY_STIPPLE_PATTERN', 1, 0x07, L8),
  g3d('3DSTATE_LINE_STIPPLE', 1, 0x08, L8, [h('Line Stipple Pattern', 1, 0, 15), u('Line Stipple Repeat Count', 2, 0, 8)]),
  g3d('3DSTATE_AA_LINE_PARAMETERS', 1, 0x0a, L8),
  g3d('3DSTATE_GS_SVB_INDEX', 1, 0x0b, L8),
  g3d('3DSTATE_MONOFILTER_SIZE', 1, 0x11, L8),
  PCA('VS', 0x12), PCA('HS', 0x13), PCA('DS', 0x14), PCA('GS', 0x15), PCA('PS', 0x16),
  g3d('3DSTATE_SO_DECL_LIST', 1, 0x17, L9, [u('Num Entries 0', 2, 0, 7), u('Num Entries 1', 2, 8, 15)]),
  g3d('3DSTATE_SO_BUFFER', 1, 0x18, L8, [b('SO Buffer Enable', 1, 31), u('SO Buffer Index', 1, 29, 30), u('MOCS', 1, 22, 28), a('Surface Base Address', 2, 2, 47), u('Surface Size', 4, 0, 29), a('Stream Output Buffer Offset Address', 5, 2, 47)]),
  g3d('3DSTATE_BINDING_TABLE_POOL_ALLOC', 1, 0x19, L8, [u('Surface Object Control State', 1, 0, 6), b('Binding Table Pool Enable', 1, 11), a('Binding Table Pool Base Address', 1, 12), u('Binding Table Pool Buffer Size', 3, 12, 31)]),
  g3d('3DSTATE_GATHER_POOL_ALLOC', 1, 0x1a, L8, [b('Gather Pool Enable', 1, 11), a('Gather Pool Base Address', 1, 12)]),
  g3d('3DSTATE_DX9_CONSTANT_BUFFER_POOL_ALLOC', 1, 0x1b, L8),
  g3d('3DSTATE_SAMPLE_PATTERN', 1, 0x1c, L8),
  g3d('3DSTATE_URB_CLEAR', 1, 0x1d, L8, [u('URB Address', 1, 0, 14), u('URB Clear Length', 1, 16, 29)]),
  g3d('3DSTATE_3D_MODE', 1, 0x1e, L8, [
    e('Cross Slice Hashing Mode', 1, 0, 1, { 0: 'Normal Mode', 1: 'Disable', 3: 'hashing 32x32' }),
    e('Subslice Hashing Mode', 1, 2, 3, { 0: 'hashing 8x8', 1: 'hashing 16x4', 2: 'hashing 8x4', 3: 'hashing 16x16' }),
    b('Slice Hashing Table Enable', 1, 6), h('Mask', 1, 16, 31),
  ]),
  g3d('3DSTATE_SUBSLICE_HASH_TABLE', 1, 0x1f, L8),
  g3d('3DSTATE_SLICE_TABLE_STATE_POINTERS', 1, 0x20, L8, [b('Slice Hash Table State Pointer Valid', 1, 0), ra('Slice Hash Table State Pointer', 1, 6, 31)]),
  g3d('3DSTATE_PTBR_TILE_PASS_INFO', 1, 0x22, L8),
  g3d('PIPE_CONTROL', 2, 0, L8, [
    b('Depth Cache Flush Enable', 1, 0), b('Stall At Pixel Scoreboard', 1, 1), b('State Cache Invalidation Enable', 1, 2),
    b('Constant Cache Invalidation Enable', 1, 3), b('VF Cache Invalidation Enable', 1, 4), b('DC Flush Enable', 1, 5),
    b('Pipe Control Flush Enable', 1, 7), b('Notify Enable', 1, 8), b('Indirect State Pointers Disable', 1, 9),
    b('Texture Cache Invalidation Enable', 1, 10), b('Instruction Cache Invalidate Enable', 1, 11),
    b('Render Target Cache Flush Enable', 1, 12), b('Depth Stall Enable', 1, 13), e('Post Sync Operation', 1, 14, 15, POST_SYNC_OPS),
    b('Generic Media State Clear', 1, 16), b('PSD Sync Enable', 1, 17), b('TLB Invalidate', 1, 18), b('Global Snapshot Count Reset', 1, 19),
    b('Command Streamer Stall Enable', 1, 20), b('Store Data Index', 1, 21), b('LRI Post Sync Operation', 1, 23),
    e('Destination Address Type', 1, 24, 24, { 0: 'PPGTT', 1: 'GGTT' }), b('Flush LLC', 1, 26), b('Command Cache Invalidate Enable', 1, 29),
    b('Tile Cache Flush Enable', 1, 28), b('HDC Pipeline Flush Enable', 0, 9),
    a('Address', 2, 2), h('Immediate Data DWord 0', 4, 0, 31), h('Immediate Data DWord 1', 5, 0, 31),
  ]),
  g3d('3DPRIMITIVE', 3, 0, L8, [
    b('Predicate Enable', 0, 8), b('UAV Coherency Required', 0, 9), b('Indirect Parameter Enable', 0, 10), b('Extended Parameters Present', 0, 11),
    e('Primitive Topology Type', 1, 0, 5, TOPOLOGY), e('Vertex Access Type', 1, 8, 8, { 0: 'SEQUENTIAL', 1: 'RANDOM' }), b('End Offset Enable', 1, 9),
    u('Vertex Count Per Instance', 2, 0, 31), u('Start Vertex Location', 3, 0, 31), u('Instance Count', 4, 0, 31),
    u('Start Instance Location', 5, 0, 31), s('Base Vertex Location', 6, 0, 31),
    u('Extended Parameter 0', 7, 0, 31), u('Extended Parameter 1', 8, 0, 31), u('Extended Parameter 2', 9, 0, 31),
  ]),
];

// ---------------------------------------------------------------- blitter (command type 2, copy engines)
// Tiling names of the XY_BLOCK_COPY_BLT / XY_FAST_COLOR_BLT tiling fields: Gen12 has linear and Tile Y
// (Mesa gen120.xml); Gen12.5 on linear, X, Tile4 and Tile64 (gen125.xml, xe2.xml).
const TILE_Y: Record<number, string> = { 0: 'Linear', 1: 'Tile Y' };
export const TILE_4_64: Record<number, string> = { 0: 'Linear', 1: 'Tile X', 2: 'Tile4', 3: 'Tile64' };
// XY_FAST_COPY_BLT's tiling field (not in genxml; kept as the PRM gives it).
const FAST_COPY_TILING: Record<number, string> = { 0: 'Linear', 1: 'Tile X', 2: 'Tile Y (Tile4)', 3: 'Tile 64' };
const BLT_DEPTH: Record<number, string> = { 0: '8 bpp', 1: '16 bpp', 2: '32 bpp', 3: '64 bpp', 4: '96 bpp', 5: '128 bpp' };
const RECT = (who: string, dw: number): FieldSpec[] => [s(`${who} X1`, dw, 0, 15), s(`${who} Y1`, dw, 16, 31), s(`${who} X2`, dw + 1, 0, 15), s(`${who} Y2`, dw + 1, 16, 31)];
/**
 * XY_BLOCK_COPY_BLT's fields with a family's tiling names; `mocsIndex`: Xe2's 4-bit MOCS index (bits
 * 27:24) instead of the 7-bit MOCS (27:21).
 */
export function blockCopyFields(tiling: Record<number, string>, mocsIndex = false): FieldSpec[] {
  const mocs = (who: string, dw: number) => (mocsIndex ? u(`${who} MOCS Index`, dw, 24, 27) : u(`${who} MOCS`, dw, 21, 27));
  return [
    e('Color Depth', 0, 19, 21, BLT_DEPTH), u('Destination Pitch', 1, 0, 17), mocs('Destination', 1), e('Destination Tiling', 1, 30, 31, tiling),
    ...RECT('Destination', 2), a('Destination Base Address', 4, 0, 63), s('Source X1', 7, 0, 15), s('Source Y1', 7, 16, 31), u('Source Pitch', 8, 0, 17),
    mocs('Source', 8), e('Source Tiling', 8, 30, 31, tiling), a('Source Base Address', 9, 0, 63),
  ];
}
/** XY_FAST_COLOR_BLT's fields with a family's tiling names and MOCS field. */
export function fastColorFields(tiling: Record<number, string>, mocs: FieldSpec): FieldSpec[] {
  return [
    e('Color Depth', 0, 19, 21, BLT_DEPTH), u('Destination Pitch', 1, 0, 17), mocs, e('Destination Tiling', 1, 30, 31, tiling),
    ...RECT('Destination', 2), a('Destination Base Address', 4, 0, 63), h('Fill Color Value 0', 7, 0, 31),
  ];
}
const BLITTER: InstrDef[] = [
  blt('XY_SETUP_BLT', 0x01, L8),
  blt('XY_SETUP_CLIP_BLT', 0x03, L8),
  blt('XY_SETUP_MONO_PATTERN_SL_BLT', 0x11, L8),
  blt('XY_PIXEL_BLT', 0x24, L8),
  blt('XY_SCANLINES_BLT', 0x25, L8),
  blt('XY_TEXT_BLT', 0x26, L8),
  blt('XY_TEXT_IMMEDIATE_BLT', 0x31, L8),
  blt('XY_BLOCK_COPY_BLT', 0x41, L8, blockCopyFields(TILE_Y)),
  blt('XY_FAST_COPY_BLT', 0x42, L8, [
    e('Color Depth', 0, 24, 26, BLT_DEPTH), u('Destination Pitch', 1, 0, 15), e('Destination Tiling', 1, 30, 31, FAST_COPY_TILING),
    ...RECT('Destination', 2), a('Destination Base Address', 4, 0, 63), s('Source X1', 6, 0, 15), s('Source Y1', 6, 16, 31), u('Source Pitch', 7, 0, 15),
    a('Source Base Address', 8, 0, 63),
  ]),
  blt('XY_FAST_COLOR_BLT', 0x44, L8, fastColorFields(TILE_Y, u('Destination MOCS', 1, 21, 27))),
  blt('XY_COLOR_BLT', 0x50, L8, [
    e('Color Depth', 0, 19, 21, BLT_DEPTH), u('Destination Pitch', 1, 0, 17),
    ...RECT('Destination', 2), a('Destination Base Address', 4, 0, 63), h('Fill Color', 6, 0, 31),
  ]),
  blt('XY_PAT_BLT', 0x51, L8),
  blt('XY_MONO_PAT_BLT', 0x52, L8),
  blt('XY_SRC_COPY_BLT', 0x53, L8, [
    u('Destination Pitch', 1, 0, 15), u('Raster Operation', 1, 16, 23), e('Color Depth', 1, 24, 25, { 0: '8 bpp', 1: '16 bpp 565', 2: '16 bpp 1555', 3: '32 bpp' }),
    s('Destination X1', 2, 0, 15), s('Destination Y1', 2, 16, 31), s('Destination X2', 3, 0, 15), s('Destination Y2', 3, 16, 31),
    a('Destination Base Address', 4, 0, 63), s('Source X1', 6, 0, 15), s('Source Y1', 6, 16, 31), u('Source Pitch', 7, 0, 15), a('Source Base Address', 8, 0, 63),
  ]),
  blt('XY_MONO_SRC_COPY_BLT', 0x54, L8),
  blt('XY_FULL_BLT', 0x55, L8),
  blt('XY_FULL_MONO_SRC_BLT', 0x56, L8),
  blt('XY_FULL_MONO_PATTERN_BLT', 0x57, L8),
  blt('XY_FULL_MONO_PATTERN_MONO_SRC_BLT', 0x58, L8),
  blt('XY_MONO_PAT_FIXED_BLT', 0x59, L8),
  blt('XY_MONO_SRC_COPY_IMMEDIATE_BLT', 0x71, L8),
  blt('XY_PAT_BLT_IMMEDIATE', 0x72, L8),
  blt('XY_SRC_COPY_CHROMA_BLT', 0x73, L8),
  blt('XY_FULL_IMMEDIATE_PATTERN_BLT', 0x74, L8),
  blt('XY_FULL_MONO_SRC_IMMEDIATE_PATTERN_BLT', 0x75, L8),
  blt('XY_PAT_CHROMA_BLT', 0x76, L8),
  blt('XY_PAT_CHROMA_BLT_IMMEDIATE', 0x77, L8),
];

// ---------------------------------------------------------------- video engines (VCS / VECS): names and lengths
// Header as GFXPIPE: pipeline 28:27, opcode 26:24, sub-opcode 23:16 (MFX: sub-opcode A 23:21, B 20:16;
// HCP/VDENC/HUC/AVP/VD use a 4-bit media opcode 26:23, so their bit 23 shows here as sub-opcode 0x80).
// DWord Length 11:0, bias 2.
const VIDEO: InstrDef[] = [
  vid('MFX_WAIT', 1, 0, 0, ONE, [b('MFX Sync Control Flag', 0, 8), b('PXP Sync Control Flag', 0, 9)]),
  vid('MFX_PIPE_MODE_SELECT', 2, 0, 0x00),
  vid('MFX_SURFACE_STATE', 2, 0, 0x01),
  vid('MFX_PIPE_BUF_ADDR_STATE', 2, 0, 0x02),
  vid('MFX_IND_OBJ_BASE_ADDR_STATE', 2, 0, 0x03),
  vid('MFX_BSP_BUF_BASE_ADDR_STATE', 2, 0, 0x04),
  vid('MFX_STATE_POINTER', 2, 0, 0x06),
  vid('MFX_QM_STATE', 2, 0, 0x07),
  vid('MFX_FQM_STATE', 2, 0, 0x08),
  vid('MFX_PAK_INSERT_OBJECT', 2, 0, 0x48),
  vid('VDENC_PIPE_MODE_SELECT', 2, 0, 0x80),
  vid('VDENC_SRC_SURFACE_STATE', 2, 0, 0x81),
  vid('VDENC_REF_SURFACE_STATE', 2, 0, 0x82),
  vid('VDENC_DS_REF_SURFACE_STATE', 2, 0, 0x83),
  vid('VDENC_PIPE_BUF_ADDR_STATE', 2, 0, 0x84),
  vid('VDENC_IMG_STATE', 2, 0, 0x85),
  vid('VDENC_CONST_QPT_STATE', 2, 0, 0x86),
  vid('VDENC_WALKER_STATE', 2, 0, 0x87),
  vid('VDENC_WEIGHTSOFFSETS_STATE', 2, 0, 0x88),
  vid('MFX_AVC_IMG_STATE', 2, 1, 0x00),
  vid('MFX_AVC_DIRECTMODE_STATE', 2, 1, 0x02),
  vid('MFX_AVC_SLICE_STATE', 2, 1, 0x03),
  vid('MFX_AVC_REF_IDX_STATE', 2, 1, 0x04),
  vid('MFX_AVC_WEIGHTOFFSET_STATE', 2, 1, 0x05),
  vid('MFD_AVC_DPB_STATE', 2, 1, 0x06),
  vid('MFD_AVC_SLICEADDR', 2, 1, 0x07),
  vid('MFD_AVC_BSD_OBJECT', 2, 1, 0x28),
  vid('AVP_PIPE_MODE_SELECT', 2, 1, 0x80),
  vid('AVP_SURFACE_STATE', 2, 1, 0x81),
  vid('AVP_PIPE_BUF_ADDR_STATE', 2, 1, 0x82),
  vid('AVP_IND_OBJ_BASE_ADDR_STATE', 2, 1, 0x83),
  vid('AVP_BSD_OBJECT', 2, 1, 0xa0),
  vid('AVP_PIC_STATE', 2, 1, 0xb0),
  vid('AVP_SEGMENT_STATE', 2, 1, 0xb2),
  vid('AVP_INLOOP_FILTER_STATE', 2, 1, 0xb3),
  vid('MFX_VC1_PRED_PIPE_STATE', 2, 2, 0x01),
  vid('MFD_VC1_BSD_OBJECT', 2, 2, 0x28),
  vid('MFX_MPEG2_PIC_STATE', 2, 3, 0x00),
  vid('MFD_MPEG2_BSD_OBJECT', 2, 3, 0x28),
  vid('HCP_PIPE_MODE_SELECT', 2, 3, 0x80),
  vid('HCP_SURFACE_STATE', 2, 3, 0x81),
  vid('HCP_PIPE_BUF_ADDR_STATE', 2, 3, 0x82),
  vid('HCP_IND_OBJ_BASE_ADDR_STATE', 2, 3, 0x83),
  vid('HCP_QM_STATE', 2, 3, 0x84),
  vid('HCP_FQM_STATE', 2, 3, 0x85),
  vid('HCP_PIC_STATE', 2, 3, 0x90),
  vid('HCP_TILE_STATE', 2, 3, 0x91),
  vid('HCP_REF_IDX_STATE', 2, 3, 0x92),
  vid('HCP_WEIGHTOFFSET_STATE', 2, 3, 0x93),
  vid('HCP_SLICE_STATE', 2, 3, 0x94),
  vid('HCP_TILE_CODING', 2, 3, 0x95),
  vid('HCP_BSD_OBJECT', 2, 3, 0xa0),
  vid('HCP_PAK_INSERT_OBJECT', 2, 3, 0xa2),
  vid('HCP_VP9_PIC_STATE', 2, 3, 0xb0),
  vid('HCP_VP9_SEGMENT_STATE', 2, 3, 0xb2),
  vid('VEBOX_SURFACE_STATE', 2, 4, 0x00),
  vid('VEBOX_TILING_CONVERT', 2, 4, 0x01),
  vid('VEBOX_STATE', 2, 4, 0x02),
  vid('VEB_DI_IECP', 2, 4, 0x03),
  vid('HUC_PIPE_MODE_SELECT', 2, 5, 0x80),
  vid('HUC_IMEM_STATE', 2, 5, 0x81),
  vid('HUC_DMEM_STATE', 2, 5, 0x82),
  vid('HUC_CFG_STATE', 2, 5, 0x83),
  vid('HUC_VIRTUAL_ADDR_STATE', 2, 5, 0x84),
  vid('HUC_IND_OBJ_BASE_ADDR_STATE', 2, 5, 0x85),
  vid('HUC_STREAM_OBJECT', 2, 5, 0xa0),
  vid('HUC_START', 2, 5, 0xa1),
  vid('CRYPTO_KEY_EXCHANGE', 2, 6, 0x09),
  vid('MFX_JPEG_PIC_STATE', 2, 7, 0x00),
  vid('MFX_JPEG_HUFF_TABLE_STATE', 2, 7, 0x02),
  vid('MFD_JPEG_BSD_OBJECT', 2, 7, 0x28),
  vid('VD_PIPELINE_FLUSH', 2, 7, 0x80),
  vid('VD_CONTROL_STATE', 2, 7, 0x8a),
];

export const GEN12: FamilyTable = {
  family: 'gen12',
  base: null,
  changed: [...MI, ...COMMON, ...COMPUTE, ...THREE_D, ...BLITTER, ...VIDEO],
  source: "Intel Gen12 PRM (Vol 2a Command Reference); Mesa src/intel/genxml/gen12.xml; Linux drivers/gpu/drm/xe/instructions/*.h",
};
