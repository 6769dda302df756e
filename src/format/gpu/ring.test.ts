// The ring buffer, where a dump holds one (a blob named RING): decoded between the context's head
// and tail, also across the wrap.
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../gen/generate.ts';
import type { Blob } from '../model.ts';
import { parseDump } from '../parser.ts';
import { hangContext } from './index.ts';

/** Sets the saved RING_HEAD / RING_TAIL of the context image (offsets 0x2034 / 0x2030 on rcs0). */
function setSaved(m: ReturnType<typeof parseDump>, head: number, tail: number): void {
  const img = m.blobs.find((b) => b.name === 'HWCTX')!;
  const dv = new DataView(img.data!.buffer, img.data!.byteOffset, img.data!.byteLength);
  for (let o = 0; o + 8 <= img.decodedLength; o += 4) {
    if (dv.getUint32(o, true) === 0x2034) dv.setUint32(o + 4, head, true);
    if (dv.getUint32(o, true) === 0x2030) dv.setUint32(o + 4, tail, true);
  }
}

function ringBlob(words: number[]): Blob {
  const data = new Uint8Array(new Uint32Array(words).buffer);
  return { name: 'RING', section: 'Contexts', line: 1, length: data.length, data, decodedLength: data.length, complete: true, error: null, attributes: {}, gucId: null };
}

describe('ring buffer decode', () => {
  const g = generateDump({ layout: '6.19', seed: 6, platform: 'tgl' });
  const head = g.hang.context.head;
  const tail = head + 0x20;

  it('between head and tail', () => {
    const m = parseDump(g.bytes);
    setSaved(m, head, tail);
    const words = new Array(0x4000 / 4).fill(0);
    // At head: a batch start into the hung batch, then a store and an arbitration check.
    const at = head / 4;
    words.splice(at, 3, 0x18800101, Number(g.hang.batchAddr & 0xffffffffn), Number(g.hang.batchAddr >> 32n));
    words.splice(at + 3, 4, 0x10000002, 0x1000, 0, 7);
    words[at + 7] = 0x02800000;
    m.blobs.push(ringBlob(words));
    const c = hangContext(m).contexts[0];
    expect(c.ring.note).toBe(`ring buffer decoded from head 0x${head.toString(16)} to tail 0x${tail.toString(16)}`);
    const names = c.ring.instructions!.map((i) => i.name);
    expect(names.slice(0, 3)).toEqual(['MI_BATCH_BUFFER_START', 'MI_STORE_DATA_IMM', 'MI_ARB_CHECK']);
    expect(c.ring.instructions![0].batchStart?.address).toBe(g.hang.batchAddr);
    expect(c.ring.instructions![0].address).toBe(BigInt(g.hang.context.ringStart + head));
    // Everything decoded lies in [head, tail).
    for (const i of c.ring.instructions!) expect(i.index * 4).toBeLessThan(tail);
  });

  it('across the wrap when the tail is below the head', () => {
    const m = parseDump(g.bytes);
    const eng = m.engines[0];
    // The saved head near the end of the 16 KiB ring, the tail just past its start.
    setSaved(m, 0x3ff8, 0x8);
    const words = new Array(0x4000 / 4).fill(0);
    words[0x3ff8 / 4] = 0x02800000; // MI_ARB_CHECK
    words[0x3ffc / 4] = 0x01000000; // MI_USER_INTERRUPT
    words[0] = 0x05000000; // MI_BATCH_BUFFER_END
    words[1] = 0x00000000;
    m.blobs.push(ringBlob(words));
    const c = hangContext(m).contexts[0];
    expect(c.saved.head).toBe(0x3ff8);
    expect(c.engine?.name).toBe(eng.name);
    expect(c.ring.instructions!.map((i) => i.name)).toEqual(['MI_ARB_CHECK', 'MI_USER_INTERRUPT', 'MI_BATCH_BUFFER_END', 'MI_NOOP']);
  });
});
