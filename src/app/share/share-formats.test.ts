// @vitest-environment node
// A share link from an i915 error state or an msm devcoredump reopens as a dump of the same format,
// with the bytes at their address under the object's name.
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../format/parser.ts';
import { summarize } from '../../worker/session.ts';
import { generateI915 } from '../../gen/i915.ts';
import { generateMsm } from '../../gen/msm.ts';
import { DEFAULT_OPTIONS } from '../hex/options.ts';
import { decodeSnapshot, encodeSnapshot } from './link.ts';
import { linkSource, makeLink } from './share.ts';
import { snapshotDumpText } from './snapshot-dump.ts';

describe('share links of the other formats', () => {
  for (const [label, bytes, rangeName, engine] of [
    ['i915', generateI915({ variant: 'compressed' }).bytes, 'rcs0 batch', 'rcs0'],
    ['msm', generateMsm().bytes, 'bo vertex-buffer', 'ringbuffer 0'],
  ] as const) {
    it(`${label}: the snapshot is a ${label} dump with the bytes at their address, named as in the source`, () => {
      const model = parseDump(bytes);
      const summary = summarize(model, { fileName: `${label}.txt`, fileSize: bytes.length, compression: null }, true);
      const r = summary.ranges.find((x) => x.name === rangeName)!;
      const src = linkSource(summary, r, null);
      expect(src.layout).toBe(label);
      expect(src.hang.engine).toBe(engine);
      const data = model.ranges[r.index].data!;
      const at = r.address + 0x40n;
      const link = decodeSnapshot(encodeSnapshot(makeLink(src, at, data.slice(0x40, 0x80), { cursor: null, selection: null, top: null, options: DEFAULT_OPTIONS }, [])));
      expect(link.layout).toBe(label);
      expect(link.range.name).toBe(rangeName);
      const back = parseDump(snapshotDumpText(link));
      expect(back.format).toBe(label);
      expect(back.ranges).toHaveLength(1);
      expect(back.ranges[0]).toMatchObject({ address: at, name: rangeName, length: 0x40 });
      expect(Array.from(back.ranges[0].data!)).toEqual(Array.from(data.slice(0x40, 0x80)));
      expect(back.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      if (label === 'i915') {
        expect(back.header.reason).toBe(model.header.reason);
        expect(back.engines.find((e) => e.name === 'rcs0')?.registers.find((x) => x.name === 'ACTHD')?.value).toBe(src.hang.acthd);
      } else {
        expect(back.header.process).toBe('deqp-vk');
      }
    });
  }
});
