// sha256 of the decoded bytes on a second thread, overlapped with decoding: the parser hands each
// decoded page to a Hasher that copies it into a slot of a shared ring (SharedArrayBuffer); a
// worker thread hashes full slots and frees them. The parser only waits (Atomics.wait) when every
// slot is still being hashed. Digests arrive as promises; `drain()` waits for all of them.
import { Worker } from 'node:worker_threads';
import type { Hasher } from '../format/xe.ts';

const SLOT = 1 << 20;
const SLOTS = 8;

// The worker's code (CommonJS, evaluated: the CLI is one bundled file).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const ring = new Uint8Array(workerData.ring);
const busy = new Int32Array(workerData.busy);
const SLOT = ${SLOT};
const hashes = new Map();
parentPort.on('message', (m) => {
  let h = hashes.get(m.id);
  if (!h) hashes.set(m.id, (h = createHash('sha256')));
  if (m.len > 0) h.update(ring.subarray(m.slot * SLOT, m.slot * SLOT + m.len));
  if (m.slot >= 0) {
    Atomics.store(busy, m.slot, 0);
    Atomics.notify(busy, m.slot);
  }
  if (m.end) {
    hashes.delete(m.id);
    parentPort.postMessage({ id: m.id, hex: h.digest('hex') });
  }
});
`;

export class HashPool {
  private readonly worker: Worker;
  private readonly ring = new SharedArrayBuffer(SLOT * SLOTS);
  private readonly bytes = new Uint8Array(this.ring);
  private readonly busy = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
  private next = 0;
  private ids = 0;
  private readonly waiting = new Map<number, (hex: string) => void>();
  private readonly pending: Promise<string>[] = [];

  constructor() {
    this.worker = new Worker(WORKER, { eval: true, workerData: { ring: this.ring, busy: this.busy.buffer } });
    this.worker.on('message', (m: { id: number; hex: string }) => {
      this.waiting.get(m.id)?.(m.hex);
      this.waiting.delete(m.id);
    });
  }

  /** A free slot (waits while the worker is still hashing all of them). Slot states: 0 free, 1 filling, 2 sent. */
  private slot(): number {
    for (;;) {
      let sent = -1;
      for (let k = 0; k < SLOTS; k++) {
        const s = (this.next + k) % SLOTS;
        const state = Atomics.load(this.busy, s);
        if (state === 0) {
          this.next = (s + 1) % SLOTS;
          Atomics.store(this.busy, s, 1);
          return s;
        }
        if (state === 2 && sent < 0) sent = s;
      }
      if (sent < 0) throw new Error('hash pool: more hashes filling at once than slots');
      Atomics.wait(this.busy, sent, 2, 1000);
    }
  }

  /** A Hasher whose digest() is the hex sha256 once the worker has it (a promise). */
  create(): Hasher {
    const id = ++this.ids;
    let slot = -1;
    let fill = 0;
    const send = (end: boolean) => {
      if (slot >= 0) Atomics.store(this.busy, slot, 2);
      this.worker.postMessage({ id, slot, len: fill, end });
      slot = -1;
      fill = 0;
    };
    return {
      update: (b: Uint8Array) => {
        for (let at = 0; at < b.length;) {
          if (slot < 0) slot = this.slot();
          const n = Math.min(SLOT - fill, b.length - at);
          this.bytes.set(b.subarray(at, at + n), slot * SLOT + fill);
          fill += n;
          at += n;
          if (fill === SLOT) send(false);
        }
      },
      digest: () => {
        const p = new Promise<string>((resolve) => this.waiting.set(id, resolve));
        send(true);
        this.pending.push(p);
        return p;
      },
    };
  }

  /** Wait for every digest asked for so far. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
