// Share-link budget: how 64 KiB of batch-like memory packs into a link (src/app/share/link.ts).
// Generated command streams (src/gen/content.ts commandStream) and the batch ranges of generated dumps.
import { performance } from 'node:perf_hooks';
import { Rng, commandStream } from '../src/gen/content.ts';
import { generateDump } from '../src/gen/generate.ts';
import { parseDump } from '../src/format/parser.ts';
import { foldAddress } from '../src/format/addr.ts';
import { DEFAULT_OPTIONS } from '../src/app/hex/options.ts';
import { SNAPSHOT_BUDGET, snapshotUrl, type SnapshotLink } from '../src/app/share/link.ts';

export interface ShareFigure {
  what: string;
  bytes: number;
  urlLength: number;
  ratio: number;
  encodeMs: number;
}

function figure(what: string, address: bigint, bytes: Uint8Array): ShareFigure {
  const link: SnapshotLink = {
    file: { name: 'hang.txt', size: 50 << 20, fingerprint: 'ab'.repeat(32) },
    layout: 'xe',
    hang: { kernel: '6.19.0-rc3+', reason: 'Timedout job - seqno=4294967064, lrc_seqno=4294967064, guc_id=14, flags=0x0', process: 'chrome [15990]', pciId: 0xe20b, engine: 'rcs0', acthd: address + 0x54n, batch: [address] },
    range: { address, length: bytes.length, properties: 'read_only|bo|mem_region=0x2|pat_index=8|cpu_caching=2' },
    address,
    bytes,
    view: { cursor: address, selection: { start: address, end: address + BigInt(bytes.length) }, top: address, options: DEFAULT_OPTIONS },
    bookmarks: [],
  };
  const t0 = performance.now();
  const url = snapshotUrl('https://devcoredump-viewer.example/', link);
  const encodeMs = performance.now() - t0;
  return { what, bytes: bytes.length, urlLength: url.length, ratio: bytes.length / url.length, encodeMs };
}

export function benchShare(): ShareFigure[] {
  const out: ShareFigure[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const words = new Uint32Array(SNAPSHOT_BUDGET / 4);
    commandStream(words, 0, words.length, 0x1a0000n, new Rng(seed));
    out.push(figure(`command stream, seed ${seed}`, 0x1a0000n, new Uint8Array(words.buffer)));
  }
  for (const seed of [1, 2, 3]) {
    const m = parseDump(generateDump({ layout: '6.19', seed, bigRange: 0 }).bytes);
    const b = m.batchAddresses[0];
    const r = m.ranges.find((x) => x.data && foldAddress(x.address) <= b && b < foldAddress(x.address) + BigInt(x.length));
    if (!r) continue;
    out.push(figure(`batch range of a generated 6.19 dump, seed ${seed}`, foldAddress(r.address), r.data!.slice(0, SNAPSHOT_BUDGET)));
  }
  return out;
}
