// Micro-benchmark of the ascii85 decoder alone: ~100 MB of kernel-style ascii85 (a mix of zero and
// random dwords) decoded from bytes in 4 MiB slices, into a fresh buffer (as the parser does: the
// page faults of first touch included) and into a reused one (the decoding loop alone).
import { Ascii85Decoder, setAscii85Wasm } from '../src/format/ascii85.ts';
import { encodeAscii85 } from '../src/format/ascii85-encode.ts';
import { Rng, mixedBuffer } from '../src/gen/content.ts';

export function benchAscii85(wasm: boolean, dataBytes = 96 << 20, reps = 5): { textMB: number; fresh: number[]; reused: number[] } {
  setAscii85Wasm(wasm);
  const data = mixedBuffer(dataBytes, new Rng(7), 0.5);
  const text = encodeAscii85(data);
  const reuse = new Uint8Array(dataBytes);
  const fresh: number[] = [];
  const reused: number[] = [];
  const CH = 4 << 20;
  for (let rep = 0; rep < reps * 2; rep++) {
    const isFresh = rep % 2 === 0;
    const out = isFresh ? new Uint8Array(dataBytes) : reuse.fill(0);
    const t0 = performance.now();
    const d = new Ascii85Decoder(out);
    for (let s = 0; s < text.length; s += CH) d.decode(text, s, Math.min(text.length, s + CH));
    const dt = (performance.now() - t0) / 1000;
    if (!d.full || out[dataBytes - 1] !== data[dataBytes - 1]) throw new Error('decode mismatch');
    (isFresh ? fresh : reused).push(text.length / 1e6 / dt);
  }
  setAscii85Wasm(true);
  return { textMB: text.length / 1e6, fresh, reused };
}
