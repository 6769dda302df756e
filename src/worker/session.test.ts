// ParseSession in Node: Blob, ReadableStream, DecompressionStream exist in Node 20.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateDump } from '../gen/generate.ts';
import type { DumpSummary, OpenFailure, ProgressReport } from '../protocol/worker-api.ts';
import { applyDelta } from '../app/progress-merge.ts';
import { OpenError, ParseSession } from './session.ts';
import { sniffCompression } from './decompress.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url)));
const tiny = fixture('tiny.txt');
const tinyText = new TextDecoder().decode(tiny);

function fileOf(bytes: Uint8Array, name: string) {
  return { kind: 'file' as const, file: new Blob([bytes as Uint8Array<ArrayBuffer>]), name };
}

async function failure(p: Promise<unknown>): Promise<OpenFailure> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OpenError);
    return (e as OpenError).failure;
  }
  throw new Error('expected a failure');
}

describe('ParseSession', () => {
  it('sniffs gzip, zstd and xz magic bytes', () => {
    expect(sniffCompression(gzipSync(tiny).subarray(0, 8))).toBe('gzip');
    expect(sniffCompression(fixture('tiny.txt.zst').subarray(0, 8))).toBe('zstd');
    expect(sniffCompression(fixture('tiny.txt.xz').subarray(0, 8))).toBe('xz');
    expect(sniffCompression(tiny.subarray(0, 8))).toBeNull();
  });

  for (const [kind, bytes] of [
    ['gzip', () => gzipSync(tiny)],
    ['zstd', () => fixture('tiny.txt.zst')],
    ['xz', () => fixture('tiny.txt.xz')],
  ] as const) {
    it(`opens a ${kind} file, then reads bytes and source lines from it`, async () => {
      const s = new ParseSession();
      const packed = bytes();
      const summary = await s.open(fileOf(packed, `tiny.txt.${kind}`), () => {});
      expect(summary.compression).toBe(kind);
      expect(summary.fileSize).toBe(packed.length);
      expect(summary.byteCount).toBe(tiny.length);
      expect(summary.header.kernel).toBe('6.19.0-tiny-fixture');
      expect(summary.ranges.map((r) => r.address)).toEqual([0x1a0000n, 0x200000n, 0x300000n, 0x400000n]);
      expect(summary.done).toBe(true);
      // Range 0x200000 holds (i * 37 + 11) & 0xff.
      const r = s.read({ kind: 'gpu' }, 0x200010n, 8);
      expect(r.address).toBe(0x200010n);
      expect([...r.bytes]).toEqual([...Array(8)].map((_, k) => ((0x10 + k) * 37 + 11) & 0xff));
      expect(r.valid).toBe(8);
      // Source lines come from the (decompressed again) text.
      const lines = await s.sourceLines(3, 1, 1);
      expect(lines).toEqual(tinyText.split('\n').slice(1, 4).map((text, i) => ({ line: i + 2, text })));
    });
  }

  it('opens plain bytes (pasted text) and a plain file to the same summary', async () => {
    const a = await new ParseSession().open({ kind: 'bytes', bytes: tiny, name: 'pasted text' }, () => {});
    const b = await new ParseSession().open(fileOf(tiny, 'tiny.txt'), () => {});
    expect(a.compression).toBeNull();
    expect({ ...a, fileName: '', timing: null }).toEqual({ ...b, fileName: '', timing: null });
  });

  it('reports progress in file bytes while a larger file parses, and the last source line', async () => {
    const g = generateDump({ layout: '6.14', seed: 3 });
    const s = new ParseSession();
    const seen: ProgressReport[] = [];
    const summary = await s.open(fileOf(gzipSync(g.bytes), 'g.gz'), (p) => seen.push(p));
    expect(summary.ranges.length).toBe(g.expected.ranges.length);
    let sofar: DumpSummary | null = null;
    for (const p of seen) {
      expect(p.bytesRead).toBeLessThanOrEqual(p.totalBytes);
      sofar = applyDelta(sofar, p.delta);
      expect(sofar.done).toBe(false);
      expect(sofar.ranges.length).toBeLessThanOrEqual(summary.ranges.length);
    }
    const last = summary.lineCount;
    const lines = await s.sourceLines(last, 0, 5);
    expect(lines.map((l) => l.line)).toEqual([last]);
  });

  it('refuses a kernel log with the reason, and corrupt gzip as a read error', async () => {
    const log = new TextEncoder().encode('| xe 0000:00:02.0: [drm] *ERROR* H2G CTB\n');
    const f = await failure(new ParseSession().open(fileOf(log, 'dmesg.txt'), () => {}));
    expect(f.kind).toBe('not-a-dump');
    expect(f.message).toMatch(/kernel log/);

    const gz = gzipSync(tiny);
    const broken = gz.slice(0, 40);
    broken.fill(0x55, 20, 40);
    const g = await failure(new ParseSession().open(fileOf(broken, 'broken.gz'), () => {}));
    expect(g.kind).toBe('read-error');
    expect(g.message).toMatch(/gzip/);
  });

  it('refuses an empty file', async () => {
    const f = await failure(new ParseSession().open(fileOf(new Uint8Array(0), 'empty'), () => {}));
    expect(f).toEqual({ kind: 'not-a-dump', message: 'empty file: no dump text' });
  });
});

describe('ParseSession.exportSnapshot', () => {
  it('writes the chosen memory as a dump that opens to the same bytes (and is empty before a parse)', async () => {
    const s = new ParseSession();
    expect(s.exportSnapshot({ pieces: [], blobs: false, uncaptured: false })).toEqual([]);
    const g = generateDump({ layout: '6.14', seed: 12 });
    const summary = await s.open(fileOf(g.bytes, 'g.txt'), () => {});
    const r = summary.ranges.find((x) => x.hasData)!;
    const chunks = s.exportSnapshot({ pieces: [{ address: r.address + 0x10n, length: 0x40 }], blobs: true, uncaptured: false });
    const back = new ParseSession();
    const again = await back.open(fileOf(new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer()), 'snap.txt'), () => {});
    expect(again.diagnostics).toEqual([]);
    expect(again.ranges.map((x) => [x.address, x.length])).toEqual([[r.address + 0x10n, 0x40]]);
    expect(back.read({ kind: 'gpu' }, r.address + 0x10n, 0x40).bytes).toEqual(s.read({ kind: 'gpu' }, r.address + 0x10n, 0x40).bytes);
    expect(again.blobs.map((b) => [b.name, b.length])).toEqual(summary.blobs.filter((b) => b.hasData).map((b) => [b.name, b.length]));
    expect(again.engines).toEqual(summary.engines.map((e) => ({ ...e, line: expect.any(Number), registers: e.registers.map((x) => ({ ...x, line: expect.any(Number) })) })));
  });
});

describe('ParseSession with hostile input', () => {
  it('a truncated range keeps only its decoded bytes; reads past them are zeros, not valid', async () => {
    const text = '**** Xe Device Coredump ****\nkernel: k\n**** VM state ****\n[1000].length: 0x10000\n[1000].data: !!!!#!!!!$\n';
    const s = new ParseSession();
    const summary = await s.open({ kind: 'bytes', bytes: new TextEncoder().encode(text), name: 'short' }, () => {});
    expect(summary.ranges[0]).toMatchObject({ length: 0x10000, decodedLength: 8, complete: false, hasData: true });
    const head = s.read({ kind: 'gpu' }, 0x1000n, 16);
    expect([...head.bytes]).toEqual([2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(head.valid).toBe(8);
    const far = s.read({ kind: 'gpu' }, 0x1000n + 0xfff8n, 64);
    expect(far.bytes).toHaveLength(8);
    expect([...far.bytes].every((b) => b === 0)).toBe(true);
    expect(far.valid).toBe(0);
  });
});
