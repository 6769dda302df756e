// The timed passes of the command-stream decode bench (bench/decode.ts), shared by the Node child
// process (bench/decode-node.ts) and the Chromium worker (bench/decode-worker.ts), so both run the
// same code on the same bytes. Pure: no Node APIs, no DOM.
import { commandStream, Rng } from '../src/gen/content.ts';
import { decodeAt, getDecoder, scanInstructions } from '../src/format/gpu/index.ts';

export const STREAM_BYTES = 64 * 2 ** 20;
export const STREAM_BASE = 0x100000000n;

/** The 64 MiB generated Xe2 command stream every side decodes (the same bytes each time). */
export function benchStream(bytes = STREAM_BYTES): Uint32Array {
  const words = new Uint32Array(bytes / 4);
  commandStream(words, 0, words.length, STREAM_BASE, new Rng(13), 'xe2');
  return words;
}

export type PassKind = 'scan' | 'values' | 'text';

/** What one pass saw (so it cannot be optimised away, and sides can be compared). */
export interface PassResult {
  instructions: number;
  fields: number;
  /** Sum of every field's number (values), or of every field's text length (text). */
  check: number;
}

/**
 * One pass over the stream:
 * - scan: instruction boundaries only (what the Commands view needs to list);
 * - values: decodeAt on every instruction, reading every field's value (a number; an address whole);
 * - text: decodeAt on every instruction, reading every field's name and display text.
 */
export function runPass(kind: PassKind, words: Uint32Array): PassResult {
  const dec = getDecoder('xe2', 'render');
  if (kind === 'scan') return { instructions: scanInstructions(words, dec).length, fields: 0, check: 0 };
  let i = 0;
  let instructions = 0;
  let fields = 0;
  let check = 0;
  while (i < words.length) {
    const ins = decodeAt(words, i, STREAM_BASE, dec);
    if (kind === 'values') {
      const v = ins.values;
      for (let k = 0; k < v.length; k++) check += v[k];
      fields += v.length;
    } else {
      for (const f of ins.fields) check += f.name.length + f.value.length;
      fields += ins.fields.length;
    }
    instructions++;
    i += ins.dwords;
  }
  return { instructions, fields, check };
}
