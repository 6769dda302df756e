// Fixture generator CLI.
//   npx tsx scripts/gen-fixture.ts --layout 6.19 --out FILE [--seed N] [--crlf] [--bom] [--spaces]
//        [--split] [--split-width N] [--split-mode exact|groups] [--truncate N] [--big BYTES]
//        [--platform tgl|dg2|mtl|lnl|bmg|ptl]
//        [--extra N] [--zero-fraction F]
//     writes FILE, FILE.expected.json (InspectJson) and FILE.meta.json (header, truncation, range list);
//     prints the expected JSON path.
//   npx tsx scripts/gen-fixture.ts --large BYTES --out FILE [--seed N] [--zero-fraction F] [--layout 6.19|6.14]
//     streams a large dump to FILE and writes FILE.ranges.json; prints a summary.
// BYTES accepts K/M/G suffixes (powers of 1024), e.g. 300M, 1G.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { generateDump, generateLargeDump, LAYOUTS, type GenPlatform, type Layout } from '../src/gen/generate.ts';

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size: ${s}`);
  const mul: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
  return Math.round(parseFloat(m[1]) * mul[m[2].toLowerCase()]);
}

function usage(msg?: string): never {
  if (msg) console.error(`gen-fixture: ${msg}`);
  console.error(
    'usage: gen-fixture --layout rfc|6.9|6.12|6.14|6.19 --out FILE [--seed N] [--crlf] [--bom] [--spaces] [--split]\n' +
      '                   [--split-width N] [--split-mode exact|groups] [--truncate N] [--big BYTES] [--extra N]\n' +
      '                   [--platform tgl|dg2|mtl|lnl|bmg|ptl]\n' +
      '                   [--zero-fraction F]\n' +
      '       gen-fixture --large BYTES --out FILE [--seed N] [--zero-fraction F] [--layout 6.19|6.14]',
  );
  process.exit(2);
}

const flags = new Set(['crlf', 'bom', 'spaces', 'split']);
const args: Record<string, string | true> = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith('--')) usage(`unexpected argument ${a}`);
  const key = a.slice(2);
  if (flags.has(key)) args[key] = true;
  else if (i + 1 < argv.length) args[key] = argv[++i];
  else usage(`missing value for ${a}`);
}
const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
const out = str('out') ?? usage('--out is required');
const seed = str('seed') !== undefined ? Number(str('seed')) : undefined;
const zeroFraction = str('zero-fraction') !== undefined ? Number(str('zero-fraction')) : undefined;

if (str('large') !== undefined) {
  const targetBytes = parseSize(str('large')!);
  const layout = (str('layout') ?? '6.19') as '6.19' | '6.14';
  if (layout !== '6.19' && layout !== '6.14') usage('--large supports --layout 6.19 or 6.14');
  const fd = openSync(out, 'w');
  const t0 = performance.now();
  const res = generateLargeDump({ targetBytes, seed, zeroFraction, layout }, (chunk) => {
    let off = 0;
    while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
  });
  closeSync(fd);
  const ms = performance.now() - t0;
  const rangesJson = out.startsWith('/dev/') ? null : out + '.ranges.json';
  if (rangesJson) writeFileSync(rangesJson, JSON.stringify(res, null, 1) + '\n');
  console.log(
    JSON.stringify({
      out,
      textBytes: res.textBytes,
      decodedBytes: res.decodedBytes,
      ranges: res.ranges.length,
      seconds: +(ms / 1000).toFixed(2),
      rangesJson,
    }),
  );
} else {
  const layout = str('layout') as Layout | undefined;
  if (!layout || !LAYOUTS.includes(layout)) usage('--layout must be one of ' + LAYOUTS.join(', '));
  const mode = str('split-mode');
  if (mode !== undefined && mode !== 'exact' && mode !== 'groups') usage('--split-mode exact|groups');
  const platform = str('platform') as GenPlatform | undefined;
  if (platform !== undefined && !['tgl', 'dg2', 'mtl', 'lnl', 'bmg', 'ptl'].includes(platform)) usage('--platform must be one of tgl, dg2, mtl, lnl, bmg, ptl');
  const dump = generateDump({
    platform,
    layout,
    seed,
    crlf: !!args.crlf,
    bom: !!args.bom,
    spaces: !!args.spaces,
    splitBlobs: !!args.split,
    splitWidth: str('split-width') !== undefined ? Number(str('split-width')) : undefined,
    splitMode: mode as 'exact' | 'groups' | undefined,
    truncateAt: str('truncate') !== undefined ? parseSize(str('truncate')!) : undefined,
    bigRange: str('big') !== undefined ? parseSize(str('big')!) : undefined,
    extraRanges: str('extra') !== undefined ? Number(str('extra')) : undefined,
    zeroFraction,
  });
  writeFileSync(out, dump.bytes);
  const expectedPath = out + '.expected.json';
  writeFileSync(expectedPath, JSON.stringify(dump.expected, null, 1) + '\n');
  writeFileSync(
    out + '.meta.json',
    JSON.stringify({ header: dump.header, truncated: dump.truncated ?? null, bytes: dump.bytes.length }, null, 1) + '\n',
  );
  console.log(expectedPath);
}
