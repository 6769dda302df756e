// Reading a File front to back in the worker, in a bounded amount of memory: every stream of the
// File (the index pass, a search's pass over a payload, the source view) reads into buffers taken
// from one pool of READ_BUFFERS buffers of READ_BUFFER_BYTES, and gives them back when it ends, is
// stopped, or is left early. So the worker never holds more than READ_BUFFERS read buffers, however
// many payloads a search streams and however fast the garbage collector runs: a stream that would
// need more waits until another gives its buffers back (backpressure), instead of allocating.

/** Bytes of one read buffer (a BYOB read of the File's stream fills at most this much). */
export const READ_BUFFER_BYTES = 4 << 20;
/** Read buffers in the pool: two streams at once (the index pass or a search, and the source view), each double-buffered. */
export const READ_BUFFERS = 4;
/**
 * Chromium leaves about 3 KiB of garbage outside the JavaScript heap per read of a File's byte
 * stream (about 16 MiB per GiB of text), which only a full garbage collection frees, and a worker
 * whose own heap stays small rarely runs one: the renderer grew without bound while a file streamed
 * in (measured: 4 GiB read into two reused buffers, 22 -> 88 MiB). Every NUDGE_BYTES read, the
 * reader makes (and drops at once) an ArrayBuffer of NUDGE_BYTES: never written, it costs no
 * resident memory, but the engine counts it as memory allocated and collects garbage (measured: the
 * same read stays at 44 MiB).
 */
export const NUDGE_BYTES = 64 << 20;

/** The garbage-collection nudge (see NUDGE_BYTES); tests count its calls. */
export const gcNudge = {
  bytes: 0,
  calls: 0,
  /** Held for a moment (not optimised away), then dropped. */
  held: null as ArrayBuffer | null,
  run(): void {
    this.held = new ArrayBuffer(NUDGE_BYTES);
    this.held = null;
  },
};

/** Count `n` bytes read; nudge the garbage collector every NUDGE_BYTES. */
function counted(n: number): void {
  gcNudge.bytes += n;
  if (gcNudge.bytes < NUDGE_BYTES) return;
  gcNudge.bytes = 0;
  gcNudge.calls++;
  gcNudge.run();
}

/** Bytes a stream reads ahead with Blob.slice() once its stream stalled. */
const SLICE = 8 << 20;

/**
 * A file read that has not finished after this long is taken for stuck. Chromium 156 sometimes
 * leaves a BYOB read of a File's stream pending for good (about 1 open in 20 of a 200 MB file, in
 * the end-to-end tests), while the same bytes read with Blob.slice() come at once.
 */
export const READ_STALL_MS = 3000;
/** How long a stream waits for read buffers before the pool makes more (a leak, never the normal case). */
const POOL_WAIT_MS = 10_000;

/**
 * A fixed set of reusable ArrayBuffers. take() hands out buffers (making one only while fewer than
 * `max` exist, else waiting for one to come back); give() returns one. A buffer given to a BYOB read
 * comes back transferred (a new ArrayBuffer object over the same memory): give that one back. A
 * buffer lost in a read that never settled is written off with lose(), which lets the pool make
 * another in its place.
 */
export class BufferPool {
  private idle: ArrayBuffer[] = [];
  private waiters: { n: number; resolve: (b: ArrayBuffer[]) => void }[] = [];
  /** Buffers made and not lost: the idle ones and the ones out. */
  private live = 0;
  /** The most buffers that were live at once. */
  peak = 0;
  /** Buffers made since the pool was created (each one an allocation). */
  made = 0;

  constructor(
    readonly bytes = READ_BUFFER_BYTES,
    readonly max = READ_BUFFERS,
  ) {}

  /** Buffers out at the moment. */
  get out(): number {
    return this.live - this.idle.length;
  }

  /**
   * `n` buffers (at most max), when the pool has them. A stream that was dropped without being
   * ended keeps its buffers out for good: after `waitMs` the pool makes new ones rather than wait
   * forever (and says so; `peak` then exceeds `max`).
   */
  take(n: number, waitMs = POOL_WAIT_MS): Promise<ArrayBuffer[]> {
    n = Math.min(n, this.max);
    const now = this.tryTake(n);
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const w = { n, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i < 0) return;
        this.waiters.splice(i, 1);
        console.warn(`no read buffer came back in ${waitMs} ms: making ${n} more`);
        this.live += n;
        this.made += n;
        this.peak = Math.max(this.peak, this.live);
        resolve(Array.from({ length: n }, () => new ArrayBuffer(this.bytes)));
      }, waitMs);
    });
  }

  private tryTake(n: number): ArrayBuffer[] | null {
    if (this.idle.length + (this.max - this.live) < n) return null;
    const got = this.idle.splice(Math.max(0, this.idle.length - n));
    while (got.length < n) {
      got.push(new ArrayBuffer(this.bytes));
      this.live++;
      this.made++;
    }
    this.peak = Math.max(this.peak, this.live);
    return got;
  }

  /** Give a buffer back (a detached or foreign one is not taken: the pool makes another when needed). */
  give(b: ArrayBuffer): void {
    if (b.byteLength !== this.bytes || this.idle.includes(b)) {
      this.lose();
      return;
    }
    this.idle.push(b);
    this.serve();
  }

  /** A buffer out will not come back (a read that never settled). */
  lose(): void {
    this.live--;
    this.serve();
  }

  private serve(): void {
    while (this.waiters.length) {
      const got = this.tryTake(this.waiters[0].n);
      if (!got) return;
      this.waiters.shift()!.resolve(got);
    }
  }
}

/** The worker's one pool of read buffers. */
export const readBuffers = new BufferPool();

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Chunks of a Blob from `offset` to `end` (default: its end), read with a BYOB reader into two
 * buffers of `pool` in turn: no fresh ArrayBuffer per chunk, and the browser fills one while the
 * consumer works on the other, so reading and parsing (or decoding) overlap. A chunk is valid until
 * the next is asked for (the consumer copies what it keeps). The buffers go back to the pool when
 * the stream ends or the consumer leaves (return()): a read still in flight is awaited for its
 * buffer. If a read stalls (`stallMs`), the stream is cancelled and the rest is read with
 * Blob.slice().
 */
export async function* blobChunks(blob: globalThis.Blob, offset = 0, end = blob.size, stallMs = READ_STALL_MS, pool: BufferPool = readBuffers): AsyncGenerator<Uint8Array> {
  end = Math.min(end, blob.size);
  if (offset >= end) return;
  const stream = (offset > 0 || end < blob.size ? blob.slice(offset, end) : blob).stream() as ReadableStream<Uint8Array>;
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    yield* streamChunks(stream); // no byte stream here
    return;
  }
  let pos = offset;
  const bufs = await pool.take(2);
  let k = 0;
  /** The read in flight (into bufs[k]), or null. */
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = reader.read(new Uint8Array(bufs[0]));
  /** bufs[k ^ 1]: in the consumer's hands (or free); null once it went back to the pool. */
  let stalled = false;
  let ended = false;
  try {
    for (;;) {
      const r = await withDeadline(pending!, stallMs);
      if (r === null) {
        stalled = true;
        console.warn(`file read stalled for ${stallMs} ms at byte ${pos}: reading the rest with Blob.slice()`);
        break;
      }
      pending = null;
      // The buffer read into comes back transferred: keep the new object.
      if (r.value) bufs[k] = r.value.buffer as ArrayBuffer;
      if (r.done || !r.value) {
        ended = true;
        return;
      }
      pos += r.value.length;
      counted(r.value.length);
      k ^= 1;
      pending = reader.read(new Uint8Array(bufs[k]));
      yield r.value;
    }
  } finally {
    if (pending && !stalled) {
      // Left early: the read in flight settles soon (it reads what the pipe holds); its buffer is ours.
      const r = await withDeadline(pending, stallMs);
      if (r === null) stalled = true;
      else if (r.value) bufs[k] = r.value.buffer as ArrayBuffer;
      else stalled = true; // settled without its buffer
    }
    if (!ended) reader.cancel().catch(() => {});
    try {
      reader.releaseLock();
    } catch {
      // a read still pending in an older streams implementation
    }
    if (stalled) {
      pending?.catch(() => {});
      pool.lose(); // bufs[k] stays with the stuck read
      pool.give(bufs[k ^ 1]);
    } else {
      pool.give(bufs[0]);
      pool.give(bufs[1]);
    }
  }
  yield* sliceChunks(blob, pos, end);
}

/** Chunks of a Blob from `offset` to `end` by Blob.slice(), the next read in flight while one is parsed. */
async function* sliceChunks(blob: globalThis.Blob, offset: number, end: number): AsyncGenerator<Uint8Array> {
  let next: Promise<ArrayBuffer> | null = offset < end ? blob.slice(offset, Math.min(end, offset + SLICE)).arrayBuffer() : null;
  let pos = offset;
  while (next) {
    const buf = await next;
    if (buf.byteLength === 0) return;
    pos += buf.byteLength;
    next = pos < end ? blob.slice(pos, Math.min(end, pos + SLICE)).arrayBuffer() : null;
    yield new Uint8Array(buf);
  }
}

/** Chunks of any stream (the decompressor's output: a fresh chunk each, so the nudge counts them too). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      counted(value.length);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
