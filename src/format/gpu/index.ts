// Public surface of the command-stream decoder: pure TypeScript (no DOM, no Node APIs), used by the
// CLI (`devcoredump decode`), the parse worker (on-demand decode for the Commands view) and tests.
//
//   detectPlatform(header)            → family + platform (IP ver, else PCI ID), PLATFORMS for a menu
//   getDecoder(family, engineKind)    → CommandDecoder (lengthOf, nameOf, lookup)
//   scanInstructions(words, dec, …)   → Uint32Array of instruction start indices (fast; ≥ 100 MB/s)
//   decodeAt(words, index, base, dec) → Instruction { address, dwords, name, known, raw, fields, batchStart? }
//   walkBatches(ranges, starts, opts) → hung batches followed through MI_BATCH_BUFFER_START
//   hangContext(model, family?)       → everything for "what was the GPU executing" in one call
//   decodeContextImage(bytes, engine) → every (offset, name, value) of the LRC register state
//   decodeRegister(name, value)       → engine register bitfields (ESR/EIR/EMR/IPEHR/INSTDONE/…)
import { hungEngines, type HungInput } from '../hung.ts';
import { foldAddress } from '../addr.ts';
import { findRegister, REGISTER_ALIASES, type DumpModel, type Engine } from '../model.ts';
import { getDecoder } from './decode.ts';
import { detectPlatform, type PlatformDetection } from './platform.ts';
import type { EngineKind, Family } from './types.ts';
import { walkBatches, type WalkResult } from './walk.ts';
import { decodeContexts, type ContextInfo } from './context.ts';

export * from './types.ts';
export { CommandDecoder, getDecoder, scanInstructions, decodeAt, decodeField, unknownName, plainField, formatFieldValue, Field } from './decode.ts';
export { PLATFORMS, detectPlatform, platformById, platformFromPciId, familyFromIpVersion, type PlatformInfo, type PlatformDetection } from './platform.ts';
export { walkBatches, decodeLinear, rangeWords, type WalkResult, type WalkedBatch, type WalkOptions, type WalkDiagnostic, type BatchReason } from './walk.ts';
export { decodeContextImage, decodeContexts, contextValue, type ContextImage, type ContextRegister, type ContextInfo } from './context.ts';
export {
  decodeRegister, registerSpec, registerName, engineRegisterOffset, specFields, bitTable, ENGINE_MMIO_BASES, ENGINE_REGISTERS, GLOBAL_REGISTERS, REGISTER_SPECS,
  type DecodedRegister, type DecodedBitField, type RegisterSpec, type BitField, type RegisterContext,
} from './registers.ts';
export { familyTable, FAMILY_TABLES } from './tables/index.ts';

/** The engine kind of a model engine ("rcs0" → render). */
export function engineKindOf(engine: Pick<Engine, 'engineClass'> | null | undefined): EngineKind {
  const c = engine?.engineClass;
  return c === 'render' || c === 'compute' || c === 'copy' || c === 'video' || c === 'video-enhance' ? c : 'render';
}

/**
 * The engine a hang analysis looks at: the first hung engine with ACTHD (xe dumps print only the
 * hung one; an i915 error state prints every engine, see hung.ts), else the first engine with ACTHD.
 */
export function hungEngine(model: HungInput): Engine | null {
  const hung = hungEngines(model);
  const withActhd = (e: Engine) => findRegister(e, ...REGISTER_ALIASES.acthd) !== undefined;
  return model.engines.find((e) => hung.includes(e.name) && withActhd(e)) ?? model.engines.find(withActhd) ?? model.engines[0] ?? null;
}

export interface HangContext {
  platform: PlatformDetection;
  family: Family;
  engine: Engine | null;
  engineKind: EngineKind;
  acthd: bigint | null;
  walk: WalkResult;
  /** Every [HWCTX] decoded, with LRC/engine ring registers and the ring buffer (or why not). */
  contexts: ContextInfo[];
}

/**
 * Decodes every hung batch (`batch_addr[…]`) and what it chains to, marking ACTHD, for the model's
 * hung engine. `family` overrides the detected platform (the override menu).
 */
export function hangContext(model: DumpModel, family?: Family): HangContext {
  const platform = detectPlatform(model.header);
  const fam = family ?? platform.family;
  const engine = hungEngine(model);
  const kind = engineKindOf(engine);
  const acthdReg = engine ? findRegister(engine, ...REGISTER_ALIASES.acthd) : undefined;
  const acthd = acthdReg ? foldAddress(acthdReg.value) : null;
  const walk = walkBatches(model.ranges, model.batchAddresses.map((a) => ({ address: a, reason: 'batch_addr' as const })), {
    family: fam,
    engine: kind,
    acthd,
  });
  return { platform, family: fam, engine, engineKind: kind, acthd, walk, contexts: decodeContexts(model, fam, engine, kind) };
}

/** The name of the instruction header `h` for a family and engine (e.g. for IPEHR). */
export function instructionName(h: number, family: Family, engine: EngineKind = 'render'): string {
  return getDecoder(family, engine).nameOf(h >>> 0);
}
