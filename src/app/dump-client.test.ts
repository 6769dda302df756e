// The page's worker handle when the worker dies: nothing it was asked stays pending.
import { describe, expect, it } from 'vitest';
import { DumpClient } from './dump-client.ts';

/** A worker that takes every message and never answers, until it "crashes". */
class SilentWorker extends EventTarget {
  posted = 0;
  postMessage(): void {
    this.posted++;
  }
  terminate(): void {}
  crash(message: string): void {
    const e = new Event('error') as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
  }
}

const settled = <T>(p: Promise<T>) => p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e: e as Error }));

describe('DumpClient after a worker crash', () => {
  it('rejects every pending read, search and export, and every later one, with a clear message', async () => {
    const w = new SilentWorker();
    const c = new DumpClient(w as unknown as Worker);
    const crashes: string[] = [];
    c.onCrash = (m) => crashes.push(m);
    const pending = [
      settled(c.read({ kind: 'gpu' }, 0x1000n, 16)),
      settled(c.sourceLines(1, 0, 0)),
      settled(c.scanPointers(0)),
      settled(c.exportSnapshot({ pieces: [], blobs: false, uncaptured: false })),
      settled(c.search(1, { mode: 'hex', text: 'de ad', caseInsensitive: false }, () => {})),
    ];
    expect(w.posted).toBeGreaterThanOrEqual(5);
    w.crash('out of memory');
    for (const r of await Promise.all(pending)) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.e.message).toBe('the parse worker crashed (out of memory): reopen the dump');
    }
    expect(crashes).toEqual(['out of memory']);
    expect(c.crashed).toBe('out of memory');
    const later = await settled(c.read({ kind: 'gpu' }, 0n, 4));
    expect(later.ok).toBe(false);
    const opened = await settled(c.open({ kind: 'bytes', bytes: new Uint8Array(4), name: 'x' }, () => {}));
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.e).toMatchObject({ kind: 'internal' });
  });
});
