// sha256 on a second thread, overlapped with decoding: the parser hands each decoded page to a
// Hasher that copies it into the slot being filled of a shared ring (SharedArrayBuffer); a worker
// thread hashes full slots and frees them. The parser's thread decodes every byte; when the worker
// falls behind (the parser had to wait for a free slot), the next hash is done on the parser's
// thread, straight from the decoded page without the copy, while the worker catches up. A hash
// stays on the thread it started on. A slot holds pieces of any number of hashes in order
// (many small payloads share one slot and one message), so the bytes in flight never exceed the
// ring (SLOTS x SLOT) whatever the number of payloads. The parser only waits (Atomics.wait) when
// every slot is still being hashed. Digests arrive as promises; `drain()` sends what is left and
// waits for all of them.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Hasher } from '../format/xe.ts';

const SLOT = 1 << 20;
// 32 MiB: while this thread hashes a whole payload itself (tens of MiB on a large dump), the worker
// has the ring's bytes to hash meanwhile instead of idling. Measured on the bench:large 1 GiB dumps
// (inspect, whole process, quiet machine): 8 slots 0.95 / 1.08 s, 32 slots 0.83 / 0.95 s, 64 slots
// 0.81 / 0.93 s (70 % / 50 % random dwords); peak RSS 82, 107, 140 MiB.
const SLOTS = 32;
/** Bytes the ring holds: the most hashed data in flight at once. */
export const HASH_RING_BYTES = SLOT * SLOTS;

// The worker's code (CommonJS, evaluated: the CLI is one bundled file). A message is one slot:
// `segs` is [id, len, end, id, len, end, …], the slot's pieces in order.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const ring = new Uint8Array(workerData.ring);
const busy = new Int32Array(workerData.busy);
const SLOT = ${SLOT};
const hashes = new Map();
parentPort.on('message', (m) => {
  let at = m.slot * SLOT;
  const done = [];
  for (let k = 0; k < m.segs.length; k += 3) {
    const id = m.segs[k], len = m.segs[k + 1], end = m.segs[k + 2];
    let h = hashes.get(id);
    if (!h) hashes.set(id, (h = createHash('sha256')));
    if (len > 0) h.update(ring.subarray(at, at + len));
    at += len;
    if (end) {
      hashes.delete(id);
      done.push(id, h.digest('hex'));
    }
  }
  Atomics.store(busy, m.slot, 0);
  Atomics.notify(busy, m.slot);
  if (done.length) parentPort.postMessage(done);
});
`;

/** Where hashes go: 'balance' (default) splits them between the two threads, 'worker' and 'main' force one. */
export type HashPlacement = 'balance' | 'worker' | 'main';

export class HashPool {
  readonly worker: Worker;
  /** This thread had to wait for a free slot since the last hash was placed: the worker is behind. */
  private waited = false;
  /** Bytes hashed on each thread (tests, --timing). */
  readonly bytesOn = { main: 0, worker: 0 };
  private readonly ring = new SharedArrayBuffer(HASH_RING_BYTES);
  private readonly bytes = new Uint8Array(this.ring);
  private readonly busy = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  private next = 0;
  private ids = 0;
  /** The slot being filled (-1: none), how full it is, and its pieces [id, len, end, …]. */
  private slot = -1;
  private fill = 0;
  private segs: number[] = [];
  private flushQueued = false;
  private readonly waiting = new Map<number, (hex: string) => void>();
  private readonly pending: Promise<string>[] = [];

  constructor(private readonly placement: HashPlacement = 'balance') {
    this.worker = new Worker(WORKER, { eval: true, workerData: { ring: this.ring, busy: this.busy.buffer } });
    this.worker.on('message', (done: (number | string)[]) => {
      for (let k = 0; k < done.length; k += 2) {
        const id = done[k] as number;
        this.waiting.get(id)?.(done[k + 1] as string);
        this.waiting.delete(id);
      }
    });
  }

  /** A free slot (waits while the worker is still hashing all of them). Slot states: 0 free, 1 filling, 2 sent. */
  private freeSlot(): number {
    for (;;) {
      for (let k = 0; k < SLOTS; k++) {
        const s = (this.next + k) % SLOTS;
        if (Atomics.load(this.busy, s) === 0) {
          this.next = (s + 1) % SLOTS;
          Atomics.store(this.busy, s, 1);
          return s;
        }
      }
      this.waited = true;
      Atomics.wait(this.busy, this.next, 2, 1000);
    }
  }

  /** One piece of hash `id` in the slot being filled (merged with the last one of the same hash). */
  private piece(id: number, len: number, end: boolean): void {
    const s = this.segs;
    const n = s.length;
    if (n > 0 && s[n - 3] === id && s[n - 1] === 0) {
      s[n - 2] += len;
      s[n - 1] = end ? 1 : 0;
    } else s.push(id, len, end ? 1 : 0);
  }

  /** Hand the slot being filled to the worker. */
  private send(): void {
    if (this.slot < 0) return;
    Atomics.store(this.busy, this.slot, 2);
    this.worker.postMessage({ slot: this.slot, segs: this.segs });
    this.slot = -1;
    this.fill = 0;
    this.segs = [];
  }

  /**
   * Whether the next hash is better done here: when this thread has had to wait for the worker
   * since the last hash was placed (or would wait now), the worker is the slower of the two, and a
   * hash done here lets it catch up; otherwise the worker takes it and this thread only decodes.
   */
  private onMain(): boolean {
    if (this.placement !== 'balance') return this.placement === 'main';
    let here = this.waited;
    this.waited = false;
    if (!here && this.slot < 0) {
      here = true;
      for (let k = 0; k < SLOTS; k++) if (Atomics.load(this.busy, k) === 0) here = false;
    }
    return here;
  }

  /**
   * A Hasher: hashed here (digest() is the hex string) or on the worker (digest() is a promise of
   * it), whichever onMain() picks.
   */
  create(): Hasher {
    if (this.onMain()) {
      const h = createHash('sha256');
      return {
        update: (b: Uint8Array) => {
          this.bytesOn.main += b.length;
          h.update(b);
        },
        digest: () => h.digest('hex'),
      };
    }
    const id = ++this.ids;
    return {
      update: (b: Uint8Array) => {
        this.bytesOn.worker += b.length;
        for (let at = 0; at < b.length;) {
          if (this.slot < 0) this.slot = this.freeSlot();
          const n = Math.min(SLOT - this.fill, b.length - at);
          this.bytes.set(b.subarray(at, at + n), this.slot * SLOT + this.fill);
          this.piece(id, n, false);
          this.fill += n;
          at += n;
          if (this.fill === SLOT) this.send();
        }
      },
      digest: () => {
        const p = new Promise<string>((resolve) => this.waiting.set(id, resolve));
        if (this.slot < 0) this.slot = this.freeSlot();
        this.piece(id, 0, true);
        this.pending.push(p);
        // Sent once the synchronous work at hand yields (the parser's chunk): the digests of many
        // small payloads go in one slot, and no digest waits for a drain() to be asked for.
        if (!this.flushQueued) {
          this.flushQueued = true;
          queueMicrotask(() => {
            this.flushQueued = false;
            this.send();
          });
        }
        return p;
      },
    };
  }

  /** Send what is still in the ring and wait for every digest asked for so far. */
  async drain(): Promise<void> {
    this.send();
    await Promise.all(this.pending);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

// The pool the entry starts before the rest of the CLI loads (`inspect` only): the worker's own
// start-up (~30 ms of the other core) overlaps loading the bundle. Unreferenced until taken, so an
// `inspect` that stops early (bad arguments) exits without it.
let early: HashPool | null = null;

export function prestartHashPool(): void {
  early ??= new HashPool();
  early.worker.unref();
}

/** The pool started early, or a new one. */
export function takeHashPool(): HashPool {
  const p = early ?? new HashPool();
  early = null;
  p.worker.ref();
  return p;
}
