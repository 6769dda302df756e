// Pure helpers of the context register table: which blob it shows, and the ring head/tail of the
// context image beside the engine's registers.
import { findRegister, type Engine } from '../../format/model.ts';
import type { ContextImage } from '../../protocol/commands.ts';
import type { BlobInfo, DumpSummary } from '../../protocol/worker-api.ts';
import type { ViewTarget } from '../store.ts';

/** A context image blob's name (HWCTX, or LRC_HWCTX on some kernels). */
export const isContextBlob = (b: Pick<BlobInfo, 'name'>): boolean => /HWCTX/i.test(b.name);

/** The HWCTX blob shown: the one selected, else the first with data; null when there is none. */
export function contextBlob(summary: Pick<DumpSummary, 'blobs'>, target: ViewTarget | null): BlobInfo | null {
  if (target?.kind === 'blob') {
    const b = summary.blobs[target.index];
    if (b && isContextBlob(b) && b.hasData) return b;
  }
  return summary.blobs.find((b) => isContextBlob(b) && b.hasData) ?? null;
}

export interface RingPair {
  name: 'RING_HEAD' | 'RING_TAIL';
  /** Value in the context image (LRC), or null. */
  lrc: number | null;
  /** The engine register as the dump printed it, or null. */
  mmio: number | null;
  engine: string | null;
}

/** RING_HEAD and RING_TAIL of the context image beside the (first) engine's. */
export function ringComparison(img: Pick<ContextImage, 'ring'>, engines: readonly Engine[]): RingPair[] {
  const e = engines[0] ?? null;
  const reg = (n: string) => {
    const r = e ? findRegister(e, n) : undefined;
    return r ? Number(r.value & 0xffffffffn) : null;
  };
  const out: RingPair[] = [
    { name: 'RING_HEAD', lrc: img.ring?.head ?? null, mmio: reg('RING_HEAD'), engine: e?.name ?? null },
    { name: 'RING_TAIL', lrc: img.ring?.tail ?? null, mmio: reg('RING_TAIL'), engine: e?.name ?? null },
  ];
  return out.filter((p) => p.lrc !== null || p.mmio !== null);
}
