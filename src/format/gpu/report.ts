// `devcoredump decode` output: a disassembly-like listing, and the --json shape. Pure (runs in
// Node and in the browser).
import { jsonChunks } from '../json-chunks.ts';
import { hex32, hexAddress } from '../report.ts';
import type { ContextInfo } from './context.ts';
import { engineKindOf, instructionName, type HangContext } from './index.ts';
import { decodeRegister } from './registers.ts';
import type { Instruction } from './types.ts';
import type { WalkResult } from './walk.ts';

export interface DecodeJson {
  platform: string;
  engine: string | null;
  batches: {
    address: string;
    reason: 'batch_addr' | 'chained' | 'address';
    instructions: { address: string; name: string; dwords: number; acthd: boolean; fields: Record<string, string> }[];
  }[];
  context: { name: string; registers: { offset: string; name: string | null; value: string }[] }[];
  diagnostics: { address: string; message: string }[];
}

const hex8 = (v: number) => hex32(v).slice(2);

function fieldsObject(ins: Instruction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ins.fields) {
    let k = f.name;
    for (let n = 2; k in out; n++) k = `${f.name} (${n})`;
    out[k] = f.value;
  }
  return out;
}

type InstructionJson = DecodeJson['batches'][number]['instructions'][number];

function instructionJson(ins: Instruction, acthd: boolean): InstructionJson {
  return { address: hexAddress(ins.address), name: ins.name, dwords: ins.dwords, acthd, fields: fieldsObject(ins) };
}

const isActhd = (walk: WalkResult, bi: number, ii: number) => walk.acthd !== null && walk.acthd.batch === bi && walk.acthd.instruction === ii;

/** Each instruction of batch `bi` as its JSON object, made when iterated; its field objects are forgotten once it has been made. */
function* instructionsJson(walk: WalkResult, bi: number): Generator<InstructionJson> {
  const list = walk.batches[bi].instructions;
  for (let ii = 0; ii < list.length; ii++) {
    yield instructionJson(list[ii], isActhd(walk, bi, ii));
    list[ii].forget?.();
  }
}

/** The report's shape, with each batch's instructions as a lazy list (`instructionsJson`). */
function reportOf(h: Pick<HangContext, 'family' | 'engine'>, walk: WalkResult, contexts: ContextInfo[]) {
  return {
    platform: h.family,
    engine: h.engine?.name ?? null,
    batches: walk.batches.map((b, bi) => ({ address: hexAddress(b.address), reason: b.reason, instructions: instructionsJson(walk, bi) })),
    context: contexts.map((c) => ({
      name: c.name,
      registers: c.image.registers.map((r) => ({ offset: '0x' + r.offset.toString(16), name: r.name, value: hex32(r.value) })),
    })),
    diagnostics: walk.diagnostics.map((d) => ({ address: hexAddress(d.address), message: d.message })),
  };
}

/** The --json report as one object. `contexts` is empty unless asked for. */
export function decodeJson(h: Pick<HangContext, 'family' | 'engine'>, walk: WalkResult, contexts: ContextInfo[]): DecodeJson {
  const r = reportOf(h, walk, contexts);
  return { ...r, batches: r.batches.map((b) => ({ ...b, instructions: [...b.instructions] })) };
}

/**
 * The text of `JSON.stringify(decodeJson(…), null, 2) + "\n"`, piece by piece: one instruction's
 * object is made, written and dropped at a time, so a walk of millions of instructions never becomes
 * one string or one array of objects in memory.
 */
export function* decodeJsonChunks(h: Pick<HangContext, 'family' | 'engine'>, walk: WalkResult, contexts: ContextInfo[]): Generator<string> {
  yield* jsonChunks(reportOf(h, walk, contexts));
  yield '\n';
}

/** One instruction as a listing line plus its fields, indented. */
export function instructionLines(ins: Instruction, acthd: boolean, withFields = true): string[] {
  const shown = Math.min(ins.raw.length, 4);
  let raw = '';
  for (let k = 0; k < shown; k++) raw += (k ? ' ' : '') + hex8(ins.raw[k]);
  if (ins.raw.length > shown) raw += ` …+${ins.raw.length - shown}`;
  const lines = [`  ${hexAddress(ins.address).padStart(14)}  ${raw.padEnd(44)}  ${ins.name}${ins.truncated ? ' (truncated)' : ''}${acthd ? '  <- ACTHD' : ''}`];
  // Flags that are off are left out of the listing (the JSON has every field).
  if (withFields) for (const f of ins.fields) if (f.value !== 'false') lines.push(`${' '.repeat(18)}${f.name}: ${f.value}`);
  return lines;
}

/** The text listing, line by line (each without its newline). */
export function* decodeTextLines(h: Pick<HangContext, 'family' | 'engine' | 'platform' | 'acthd'>, walk: WalkResult, contexts: ContextInfo[], withFields = true): Generator<string> {
  const p = h.platform;
  yield `platform: ${h.family}${p.platform ? ` (${p.platform.name})` : ''}, from ${p.detail}`;
  yield `engine: ${h.engine?.name ?? 'none'}${h.acthd !== null ? `, ACTHD ${hexAddress(h.acthd)}` : ''}`;
  // IPEHR (the header the parser was on) against the instruction at ACTHD; the error registers.
  const ipehr = h.engine?.registers.find((r) => r.name === 'IPEHR' || r.name === 'RING_IPEHR');
  if (ipehr) {
    const hdr = Number(ipehr.value & 0xffffffffn);
    const at = walk.acthd ? walk.batches[walk.acthd.batch].instructions[walk.acthd.instruction] : null;
    const name = instructionName(hdr, h.family, engineKindOf(h.engine));
    const same = at ? (at.raw[0] >>> 0) === hdr : null;
    yield `IPEHR: ${hex32(hdr)} = ${name}${same === null ? '' : same ? ' (the header of the instruction at ACTHD)' : ` (the instruction at ACTHD is ${at!.name})`}`;
  }
  for (const r of h.engine?.registers ?? []) {
    if (!/^(RING_)?(ESR|EIR)$/.test(r.name)) continue;
    const d = decodeRegister(r.name, r.value, undefined, { family: h.family, engineClass: h.engine?.engineClass });
    if (d) yield `${r.name}: ${hex32(Number(r.value & 0xffffffffn))} = ${d.summary}`;
  }
  if (walk.batches.length === 0) { yield ''; yield 'no batch decoded'; }
  for (let bi = 0; bi < walk.batches.length; bi++) {
    const b = walk.batches[bi];
    yield '';
    const how = b.reason === 'chained' ? `${b.secondLevel ? 'second-level' : 'chained'} from ${hexAddress(b.from ?? 0n)}` : b.reason;
    yield `batch ${hexAddress(b.address)} (${how}; range ${hexAddress(b.rangeAddress)}; ${b.instructions.length} instructions, ended by ${b.end})`;
    for (let ii = 0; ii < b.instructions.length; ii++) {
      const ins = b.instructions[ii];
      yield* instructionLines(ins, isActhd(walk, bi, ii), withFields);
      ins.forget?.();
    }
  }
  if (h.acthd !== null && walk.acthd === null && walk.batches.length) { yield ''; yield `ACTHD ${hexAddress(h.acthd)} is not inside any decoded instruction`; }
  for (const c of contexts) {
    { yield ''; yield `context ${c.name}${c.gucId !== null ? ` (GuC ID ${c.gucId})` : ''}: ${c.image.registers.length} registers in ${c.image.blocks} MI_LOAD_REGISTER_IMM blocks`; }
    const num = (v: number | null) => (v === null ? '-' : '0x' + v.toString(16));
    yield `  ring head/tail: LRC ${num(c.lrc.head)}/${num(c.lrc.tail)}, image ${num(c.saved.head)}/${num(c.saved.tail)}, engine ${c.engine ? `${c.engine.name} ${num(c.engine.head)}/${num(c.engine.tail)}` : '-'}`;
    yield `  ${c.ring.note}`;
    if (c.ring.instructions) for (const ins of c.ring.instructions) for (const l of instructionLines(ins, false, withFields)) yield l;
    for (const r of c.image.registers) yield `  ${('0x' + r.offset.toString(16)).padStart(10)}  ${(r.name ?? '(unknown)').padEnd(30)}  ${hex32(r.value)}`;
    for (const d of c.image.diagnostics) yield `  +0x${d.at.toString(16)}: ${d.message}`;
  }
  if (walk.diagnostics.length) {
    { yield ''; yield 'diagnostics:'; }
    for (const d of walk.diagnostics) yield `  ${hexAddress(d.address)}: ${d.message}`;
  }
}

/** The text listing as one string (the CLI writes the lines as they come instead). */
export function decodeText(h: Pick<HangContext, 'family' | 'engine' | 'platform' | 'acthd'>, walk: WalkResult, contexts: ContextInfo[], withFields = true): string {
  return [...decodeTextLines(h, walk, contexts, withFields)].join('\n') + '\n';
}
