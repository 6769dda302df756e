// Exact GPU command encodings for generated batches, per platform family: every instruction has
// the header and length the hardware expects (Gen12 / Gen12.5 / Xe2 / Xe3), so the decoder reads
// them back field by field. Pure module.
import type { Family } from '../format/gpu/types.ts';

/** Writes dwords into a Uint32Array from an index; remembers where each instruction started. */
export class Emitter {
  readonly words: Uint32Array;
  i: number;
  /** Dword index and name of every instruction emitted, in order. */
  readonly starts: { index: number; name: string }[] = [];
  constructor(words: Uint32Array, start: number) {
    this.words = words;
    this.i = start;
  }
  /** Emits one instruction (header + operands). Returns its dword index. */
  op(name: string, ...dw: number[]): number {
    const at = this.i;
    this.starts.push({ index: at, name });
    for (const x of dw) this.words[this.i++] = x >>> 0;
    return at;
  }
  lo(a: bigint): number {
    return Number(a & 0xffffffffn);
  }
  hi(a: bigint): number {
    return Number((a >> 32n) & 0xffffn);
  }
}

// Headers (type | opcode | DWord Length = dwords - 2 where a length applies).
export const H = {
  MI_NOOP: 0x00000000,
  MI_BATCH_BUFFER_END: 0x05000000,
  /** MI_BATCH_BUFFER_START, first level (chained), PPGTT, 3 dwords. */
  MI_BATCH_BUFFER_START: 0x18800101,
  /** MI_BATCH_BUFFER_START, second level (bit 22), PPGTT. */
  MI_BATCH_BUFFER_START_2ND: 0x18c00101,
  MI_LOAD_REGISTER_IMM: 0x11000000,
  MI_STORE_DATA_IMM: 0x10000002,
  MI_SEMAPHORE_WAIT: 0x0e000003,
  MI_FLUSH_DW: 0x13000003,
  MI_ARB_CHECK: 0x02800000,
  PIPE_CONTROL: 0x7a000004,
  STATE_BASE_ADDRESS: 0x61010014,
  PIPELINE_SELECT: 0x69040000,
  STATE_COMPUTE_MODE: 0x61050000,
  CFE_STATE: 0x72000004,
  /** COMPUTE_WALKER: 39 dwords on Gen12.5, 40 from Xe2 (see computeWalkerHeader). */
  COMPUTE_WALKER: 0x72080025,
  MEDIA_VFE_STATE: 0x70000007,
  GPGPU_WALKER: 0x7105000d,
  _3DSTATE_VERTEX_BUFFERS: 0x78080000,
  _3DSTATE_INDEX_BUFFER: 0x780a0003,
  _3DSTATE_VF_TOPOLOGY: 0x784b0000,
  _3DSTATE_BINDING_TABLE_POINTERS_PS: 0x782a0000,
  _3DSTATE_CONSTANT_PS: 0x78170009,
  _3DPRIMITIVE: 0x7b000005,
  XY_FAST_COPY_BLT: 0x50800008,
} as const;

/** MI_LOAD_REGISTER_IMM with (offset, value) pairs. */
export function lri(e: Emitter, pairs: readonly [number, number][], flags = 0): number {
  const dw: number[] = [(H.MI_LOAD_REGISTER_IMM | flags | (pairs.length * 2 - 1)) >>> 0];
  for (const [o, v] of pairs) dw.push(o, v);
  return e.op('MI_LOAD_REGISTER_IMM', ...dw);
}

export function stateBaseAddress(e: Emitter, heap: bigint): number {
  const base = (off: bigint, mocs: number) => [e.lo(heap + off) | (mocs << 4) | 1, e.hi(heap + off)];
  return e.op(
    'STATE_BASE_ADDRESS',
    H.STATE_BASE_ADDRESS,
    ...base(0n, 2), // general state
    2 << 16, // stateless data port MOCS
    ...base(0x10000n, 2), // surface state
    ...base(0x20000n, 2), // dynamic state
    ...base(0n, 2), // indirect object
    ...base(0x30000n, 2), // instruction
    0xfffff001, 0xfffff001, 0xfffff001, 0xfffff001, // buffer sizes (+ modify enables)
    ...base(0x40000n, 2), 0x0000f000, // bindless surface state + size
    ...base(0x50000n, 2), 0x0000f000, // bindless sampler state + size
  );
}

export function pipeControl(e: Emitter, flags: number, address: bigint, data: number): number {
  return e.op('PIPE_CONTROL', H.PIPE_CONTROL, flags, e.lo(address) & ~3, e.hi(address), data, 0);
}

export function storeDataImm(e: Emitter, address: bigint, value: number): number {
  return e.op('MI_STORE_DATA_IMM', H.MI_STORE_DATA_IMM, e.lo(address) & ~3, e.hi(address), value);
}

export function batchStart(e: Emitter, target: bigint, secondLevel: boolean): number {
  return e.op('MI_BATCH_BUFFER_START', secondLevel ? H.MI_BATCH_BUFFER_START_2ND : H.MI_BATCH_BUFFER_START, e.lo(target) & ~3, e.hi(target));
}

export function batchEnd(e: Emitter): number {
  return e.op('MI_BATCH_BUFFER_END', H.MI_BATCH_BUFFER_END);
}

/** A draw: vertex/index buffers, topology, binding table, 3DPRIMITIVE. */
export function draw(e: Emitter, vb: bigint, ib: bigint, vertices: number, instances: number): void {
  e.op('3DSTATE_VERTEX_BUFFERS', H._3DSTATE_VERTEX_BUFFERS | 3, (0 << 26) | (2 << 16) | (1 << 14) | 16, e.lo(vb), e.hi(vb), 0x1000);
  e.op('3DSTATE_INDEX_BUFFER', H._3DSTATE_INDEX_BUFFER, (1 << 8) | 2, e.lo(ib), e.hi(ib), 0x600);
  e.op('3DSTATE_VF_TOPOLOGY', H._3DSTATE_VF_TOPOLOGY, 0x04);
  e.op('3DSTATE_BINDING_TABLE_POINTERS_PS', H._3DSTATE_BINDING_TABLE_POINTERS_PS, 0x1c0);
  e.op('3DPRIMITIVE', H._3DPRIMITIVE, 0x04 | (1 << 8), vertices, 0, instances, 0, 0);
}

/** A compute dispatch in the family's own commands. */
export function dispatch(e: Emitter, family: Family, groupsX: number, groupsY: number, kernel: number): void {
  if (family === 'gen12') {
    e.op('PIPELINE_SELECT', H.PIPELINE_SELECT | 0x300 | 2);
    e.op('MEDIA_VFE_STATE', H.MEDIA_VFE_STATE, 0, 0, (64 << 16) | (2 << 8), 0, (1 << 16) | 2, 0, 0, 0);
    const w = new Array(14).fill(0);
    w[0] = 0; // interface descriptor offset
    w[3] = (1 << 30) | (0 << 16) | (0 << 8) | 15; // SIMD16, thread width max 15
    w[6] = groupsX;
    w[9] = groupsY;
    w[11] = 1;
    w[12] = 0xffffffff;
    w[13] = 0xffffffff;
    e.op('GPGPU_WALKER', H.GPGPU_WALKER, ...w);
    return;
  }
  e.op('PIPELINE_SELECT', H.PIPELINE_SELECT | 0x300 | 2);
  // Two dwords on Gen12.5, three from Xe2 (genxml's xe2.xml / xe3.xml).
  if (family === 'gen12.5') e.op('STATE_COMPUTE_MODE', H.STATE_COMPUTE_MODE, (1 << 31) | (1 << 15));
  else e.op('STATE_COMPUTE_MODE', H.STATE_COMPUTE_MODE | 1, (1 << 31) | (1 << 15), 0);
  e.op('CFE_STATE', H.CFE_STATE, 0x400, 0, (128 << 16), 0, 0);
  const hdr = computeWalkerHeader(family);
  const w = new Array((hdr & 0xff) + 1).fill(0); // dwords 1.. of the command
  const at = (dw: number, v: number) => { w[dw - 1] = v >>> 0; };
  at(2, 32); // Indirect Data Length
  at(4, (1 << 30) | (1 << 17)); // SIMD16, message SIMT16
  at(5, 0xffffffff); // execution mask
  at(6, 15); // local X maximum
  at(7, groupsX);
  at(8, groupsY);
  at(9, 1);
  at(family === 'gen12.5' ? 18 : 19, kernel & ~0x3f); // interface descriptor: kernel start pointer
  e.op('COMPUTE_WALKER', hdr, ...w);
}

/** COMPUTE_WALKER's header: 39 dwords on Gen12.5, 40 from Xe2 (a Walker ID dword before the descriptor). */
export function computeWalkerHeader(family: Family): number {
  return family === 'gen12.5' ? 0x72080025 : 0x72080026;
}
