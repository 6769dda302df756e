// `devcoredump`: inspect and extract xe devcoredumps from the command line.
//   devcoredump inspect FILE [--json]
//   devcoredump extract FILE --address 0x… [--length N] -o OUT
//   devcoredump decode FILE [--address ADDR] [--context] [--json] [--platform P]
//   devcoredump snapshot FILE --range ADDR[:LEN][,…] [--blobs] [--uncaptured] -o OUT
// Exit codes: 0 a dump (even with diagnostics), 2 not a dump (one-line reason on stderr),
// 1 an I/O error or a bad request.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { findRangeAt, foldAddress, parseAddress } from '../format/addr.ts';
import { bytesOf, forEachPiece, hasBytes, NotADumpError, type DumpModel } from '../format/model.ts';
import type { SyncHasher } from '../format/report.ts';
import { toInspectJson } from '../format/report.ts';
import { jsonChunks } from '../format/json-chunks.ts';
import type { Piece } from '../format/write.ts';
import { InputError, parseFile } from './read.ts';
import { formatSummary } from './summary.ts';
import { takeHashPool } from './hash-pool.ts';
import type { Family } from '../format/gpu/index.ts';
import { humanBytes } from '../format/text.ts';
import { MAX_DECOMPRESSED, parseByteSize } from '../format/limits.ts';

const USAGE = `usage:
  devcoredump inspect FILE [--json] [--timing]
  devcoredump extract FILE --address ADDR [--length N] [--no-cache] -o OUT
  devcoredump snapshot FILE --range ADDR[:LEN][,ADDR[:LEN]…] [--blobs] [--uncaptured] -o OUT
      a smaller dump (same layout) with the header, job, engines and only these ranges or parts:
      ADDR alone keeps the whole range holding it; --blobs keeps HWSP/HWCTX/LOG/CTB,
      --uncaptured keeps the lines of ranges the kernel could not capture
  devcoredump decode FILE [--address ADDR] [--context] [--json] [--platform P]
      decodes the hung batch (batch_addr) and what it chains to, as a listing with <- ACTHD;
      --address decodes from ADDR instead, --context adds the context images (register state),
      --platform overrides the detected one (gen12, gen12.5, xe2, xe3, or tgl, dg2, mtl, lnl, bmg, ptl, …)
FILE may be - for standard input; gzip-compressed input is inflated, up to --max-decompressed SIZE
(default 8GiB; SIZE in bytes or with K, M, G, T: binary multiples).
Dumps decoded on demand (large ones) keep their index in $XDG_CACHE_HOME/devcoredump/ (~/.cache/…)
so that the next run on the unchanged file skips the scan; --no-cache neither reads nor writes it.
exit: 0 dump read (even with diagnostics), 2 not a dump, 1 I/O error or bad arguments`;

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** An incremental sha256 (ranges of any size are hashed in pieces). */
export function newSha256(): SyncHasher {
  const h = createHash('sha256');
  return { update: (b) => void h.update(b), digest: () => h.digest('hex') };
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Resolves once what `out` was given has gone out (a slow pipe: back-pressure). */
  drain?: () => Promise<void>;
}

/** Writes a long output piece by piece, about 1 MiB at a time, waiting for the reader between. */
async function writeChunks(io: Io, chunks: Iterable<string>, sep = ''): Promise<void> {
  let buf = '';
  for (const c of chunks) {
    buf += c + sep;
    if (buf.length >= 1 << 20) {
      io.out(buf);
      buf = '';
      await io.drain?.();
    }
  }
  if (buf) io.out(buf);
}

class UsageError extends Error {}

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const withValue = new Set(['--address', '--length', '--range', '-o', '--output', '--platform', '--max-decompressed']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) positional.push(a);
    else if (withValue.has(a)) {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      flags.set(a === '--output' ? '-o' : a, argv[++i]);
    } else if (a.includes('=') && withValue.has(a.slice(0, a.indexOf('=')))) {
      flags.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    } else flags.set(a, true);
  }
  return { positional, flags };
}

function parseLength(text: string): number {
  const t = text.trim();
  const v = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^\d+$/.test(t) ? parseInt(t, 10) : NaN;
  if (!Number.isSafeInteger(v) || v < 0) throw new UsageError(`bad length "${text}"`);
  return v;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { positional, flags } = parseArgs(argv);
    const [cmd, file] = positional;
    if (flags.has('--help') || flags.has('-h') || cmd === 'help') {
      io.out(USAGE + '\n');
      return 0;
    }
    if (cmd !== 'inspect' && cmd !== 'extract' && cmd !== 'snapshot' && cmd !== 'decode') throw new UsageError(cmd ? `unknown command "${cmd}"` : 'no command');
    if (!file) throw new UsageError('no FILE given');
    const most = flags.get('--max-decompressed');
    const maxBytes = typeof most === 'string' ? parseByteSize(most) : MAX_DECOMPRESSED;
    if (maxBytes === null) throw new UsageError(`bad size "${most as string}" for --max-decompressed`);
    let address: bigint | null = null;
    let out: string | null = null;
    if (cmd === 'extract') {
      const a = flags.get('--address');
      out = typeof flags.get('-o') === 'string' ? (flags.get('-o') as string) : null;
      if (typeof a !== 'string') throw new UsageError('extract needs --address ADDR');
      if (!out) throw new UsageError('extract needs -o OUT');
      address = parseAddress(a);
      if (address === null) throw new UsageError(`bad address "${a}"`);
    }
    let family: Family | undefined;
    if (cmd === 'decode') {
      const a = flags.get('--address');
      if (a === true) throw new UsageError('--address needs a value');
      if (typeof a === 'string') {
        address = parseAddress(a);
        if (address === null) throw new UsageError(`bad address "${a}"`);
      }
      const p = flags.get('--platform');
      if (p === true) throw new UsageError('--platform needs a value');
      if (typeof p === 'string') {
        // Loaded only by the command that needs them (the instruction tables are large): the
        // other commands start faster (scripts/build-cli.mjs splits the bundle).
        const { FAMILIES, platformById } = await import('../format/gpu/index.ts');
        family = (FAMILIES as readonly string[]).includes(p) ? (p as Family) : platformById(p)?.family;
        if (!family) throw new UsageError(`unknown platform "${p}" (one of ${FAMILIES.join(', ')} or a platform id such as tgl, dg2, mtl, lnl, bmg, ptl)`);
      }
    }
    let wanted: { address: bigint; length: number | null }[] = [];
    if (cmd === 'snapshot') {
      const r = flags.get('--range');
      out = typeof flags.get('-o') === 'string' ? (flags.get('-o') as string) : null;
      if (typeof r !== 'string') throw new UsageError('snapshot needs --range ADDR[:LEN][,…]');
      if (!out) throw new UsageError('snapshot needs -o OUT');
      wanted = r.split(',').filter((x) => x.trim() !== '').map((item) => {
        const [a, l] = item.split(':');
        const at = parseAddress(a);
        if (at === null) throw new UsageError(`bad address "${a}"`);
        return { address: at, length: l === undefined ? null : parseLength(l) };
      });
    }
    const t0 = performance.now();
    // inspect needs every payload once, for its hash: hashed on a second thread while the index
    // scan decodes it, nothing kept.
    const pool = cmd === 'inspect' ? takeHashPool() : null;
    let opened: Awaited<ReturnType<typeof parseFile>>;
    try {
      // extract, snapshot and decode read ranges through their ByteStore: a dump over the threshold
      // keeps only its index (persisted between runs unless --no-cache), and decode's batch walk
      // reads its dwords window by window.
      const eager = eagerBytesFromEnv();
      const note = (s: string) => io.err(`devcoredump: ${s}\n`);
      const indexCache = !flags.has('--no-cache');
      // DEVCOREDUMP_EAGER_BYTES=0 puts every payload on demand, small ones too (tests use it).
      opened = await parseFile(file, pool ? { eagerBytes: 0, hash: () => pool.create(), maxBytes } : { eagerBytes: eager, ...(eager === 0 ? { smallBytes: 0 } : {}), maxBytes, indexCache, note });
      await pool?.drain();
    } finally {
      void pool?.close();
    }
    try {
      if (flags.has('--timing') && pool) io.err(`sha256: ${humanBytes(pool.bytesOn.main)} hashed on the main thread, ${humanBytes(pool.bytesOn.worker)} on the worker\n`);
      if (flags.has('--timing') && opened.index) io.err(`index cache: ${opened.index.cached} of ${opened.index.payloads} payloads read from the cache\n`);
      return await runCommand(cmd, opened.model, performance.now() - t0, { file, flags, address, out, wanted, family, io });
    } finally {
      opened.close();
    }
  } catch (e) {
    if (e instanceof NotADumpError) {
      io.err(`devcoredump: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`devcoredump: ${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`devcoredump: ${e.message}\n${USAGE}\n`);
      return 1;
    }
    throw e;
  }
}

/** DEVCOREDUMP_EAGER_BYTES: dumps up to this size are decoded into memory, larger ones on demand. */
function eagerBytesFromEnv(): number | undefined {
  const v = process.env.DEVCOREDUMP_EAGER_BYTES;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

interface Request {
  file: string;
  flags: Map<string, string | true>;
  address: bigint | null;
  out: string | null;
  wanted: { address: bigint; length: number | null }[];
  family: Family | undefined;
  io: Io;
}

/** Bytes written to a file at once by extract. */
const WRITE_PIECE = 16 << 20;

async function runCommand(cmd: string, model: DumpModel, parseMs: number, { file, flags, address, out, wanted, family, io }: Request): Promise<number> {
  {
    if (flags.has('--timing')) {
      const rss = process.resourceUsage().maxRSS * 1024;
      const payloads = [...model.ranges, ...model.blobs].filter(hasBytes);
      const lazy = payloads.filter((p) => p.lazy).length;
      io.err(`parse: ${parseMs.toFixed(0)} ms, ${(model.byteCount / 1e6 / (parseMs / 1000)).toFixed(0)} MB/s of input, max RSS bytes ${rss} (${humanBytes(rss)}), ${lazy} of ${payloads.length} payloads decoded on demand\n`);
    }
    if (cmd === 'inspect') {
      // The JSON is written as it is made (100,000 ranges are never one string).
      if (flags.has('--json')) return writeChunks(io, jsonChunks(toInspectJson(model, sha256, newSha256))).then(() => (io.out('\n'), 0));
      else io.out(formatSummary(model, file, sha256, newSha256));
      return 0;
    }
    if (cmd === 'decode') {
      const [{ hangContext, walkBatches }, { decodeJsonChunks, decodeTextLines }] = await Promise.all([import('../format/gpu/index.ts'), import('../format/gpu/report.ts')]);
      const h = hangContext(model, family);
      const walk = address === null ? h.walk : walkBatches(model.ranges, [{ address, reason: 'address' }], { family: h.family, engine: h.engineKind, acthd: h.acthd });
      const contexts = flags.has('--context') ? h.contexts : [];
      // Written as it is made: a walk of millions of instructions is never one string.
      const written = flags.has('--json') ? writeChunks(io, decodeJsonChunks(h, walk, contexts)) : writeChunks(io, decodeTextLines(h, walk, contexts), '\n');
      return written.then(() => 0);
    }
    if (cmd === 'snapshot') {
      const { writeDumpText } = await import('../format/write.ts');
      const pieces: Piece[] = [];
      for (const w of wanted) {
        const r = findRangeAt(model.ranges, w.address);
        if (!r || !hasBytes(r)) {
          io.err(`devcoredump: ${r ? `range 0x${r.address.toString(16)} has no data` : `no captured range holds 0x${w.address.toString(16)}`}\n`);
          return 1;
        }
        pieces.push(w.length === null ? { address: r.address, length: r.length } : { address: w.address, length: w.length });
      }
      try {
        const fd = openSync(out!, 'w');
        try {
          for (const c of writeDumpText(model, { pieces, blobs: flags.has('--blobs'), uncaptured: flags.has('--uncaptured') })) writeAll(fd, c);
        } finally {
          closeSync(fd);
        }
      } catch (e) {
        io.err(`devcoredump: cannot write ${out}: ${(e as Error).message}\n`);
        return 1;
      }
      return 0;
    }
    const r = findRangeAt(model.ranges, address!);
    if (!r) {
      io.err(`devcoredump: no captured range holds 0x${address!.toString(16)}\n`);
      return 1;
    }
    const store = bytesOf(r);
    if (!store) {
      io.err(`devcoredump: range 0x${r.address.toString(16)} has no data${r.error ? ` (error ${r.error})` : ''}\n`);
      return 1;
    }
    const offset = Number(foldAddress(address!) - foldAddress(r.address));
    const available = r.decodedLength - offset;
    if (available <= 0) {
      io.err(`devcoredump: range 0x${r.address.toString(16)} was truncated before 0x${address!.toString(16)}\n`);
      return 1;
    }
    const lenFlag = flags.get('--length');
    let length = typeof lenFlag === 'string' ? parseLength(lenFlag) : available;
    if (length > available) {
      io.err(`devcoredump: only ${available} bytes from 0x${address!.toString(16)} to the end of the data; writing those\n`);
      length = available;
    }
    try {
      const fd = openSync(out!, 'w');
      try {
        forEachPiece(store, offset, length, WRITE_PIECE, (b) => writeAll(fd, b));
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      io.err(`devcoredump: cannot write ${out}: ${(e as Error).message}\n`);
      return 1;
    }
    return 0;
  }
}

function writeAll(fd: number, b: Uint8Array): void {
  for (let done = 0; done < b.length;) done += writeSync(fd, b, done, b.length - done);
}
