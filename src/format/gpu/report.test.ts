import { describe, expect, it } from 'vitest';
import { generateDump } from '../../gen/generate.ts';
import { parseDump } from '../parser.ts';
import { hangContext } from './index.ts';
import { decodeJson, decodeJsonChunks, decodeText, decodeTextLines } from './report.ts';
import type { WalkResult } from './walk.ts';

// The CLI writes `decode`'s output piece by piece (a walk of millions of instructions is never one
// string); the pieces must make exactly the text of the whole report.
describe('decode report written piece by piece', () => {
  const platforms = ['tgl', 'dg2', 'mtl', 'lnl', 'bmg', 'ptl'] as const;
  for (const platform of platforms) {
    it(`${platform}: the JSON pieces are JSON.stringify of the report, the lines are the listing`, () => {
      const g = generateDump({ layout: '6.19', seed: 7, platform });
      const model = parseDump(g.bytes);
      const h = hangContext(model);
      expect(h.walk.batches.length).toBeGreaterThan(0);
      for (const contexts of [[], h.contexts]) {
        const whole = JSON.stringify(decodeJson(h, h.walk, contexts), null, 2) + '\n';
        const pieces = [...decodeJsonChunks(h, h.walk, contexts)];
        expect(pieces.length).toBeGreaterThan(h.walk.batches[0].instructions.length);
        expect(pieces.join('')).toBe(whole);
        expect(JSON.parse(pieces.join(''))).toEqual(decodeJson(h, h.walk, contexts));
        // Written twice (the instructions forget their field objects between): the same text.
        expect([...decodeTextLines(h, h.walk, contexts)].join('\n') + '\n').toBe(decodeText(h, h.walk, contexts));
        expect([...decodeJsonChunks(h, h.walk, contexts)].join('')).toBe(whole);
      }
    });
  }

  it('no batch, and a batch without instructions, print as the whole report does', () => {
    const g = generateDump({ layout: '6.19', seed: 3, platform: 'bmg' });
    const h = hangContext(parseDump(g.bytes));
    const none: WalkResult = { ...h.walk, batches: [], acthd: null, diagnostics: [{ address: 0x1000n, message: 'batch at 0x1000 is outside every captured range' }] };
    const empty: WalkResult = { ...h.walk, batches: [{ ...h.walk.batches[0], instructions: [] }], acthd: null };
    for (const w of [none, empty]) {
      expect([...decodeJsonChunks(h, w, [])].join('')).toBe(JSON.stringify(decodeJson(h, w, []), null, 2) + '\n');
    }
    expect(decodeText(h, none, [])).toContain('\n\nno batch decoded\n');
  });
});
