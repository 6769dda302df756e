// The policy of on-demand decoding as the page asks the worker for it (src/format/paged.ts):
// dumps up to `eagerBytes` of text are decoded whole, larger ones on demand through a page cache of
// `cacheBytes`. Both can be set in localStorage (tests lower the threshold instead of writing GiBs).
import type { OpenSettings } from '../protocol/worker-api.ts';

export const EAGER_BYTES_KEY = 'devcoredump.eagerBytes';
export const CACHE_BYTES_KEY = 'devcoredump.cacheBytes';
/** The setting "open compressed dumps that expand to at most N bytes" (open/limits-store.ts). */
export const MAX_DECOMPRESSED_KEY = 'devcoredump.maxDecompressedBytes';

function storedNumber(key: string): number | undefined {
  try {
    const v = globalThis.localStorage?.getItem(key);
    if (v === null || v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function openSettings(): OpenSettings {
  const s: OpenSettings = {};
  const eager = storedNumber(EAGER_BYTES_KEY);
  const cache = storedNumber(CACHE_BYTES_KEY);
  if (eager !== undefined) s.eagerBytes = eager;
  if (cache !== undefined) s.cacheBytes = cache;
  const most = storedNumber(MAX_DECOMPRESSED_KEY);
  if (most !== undefined && most > 0) s.maxDecompressedBytes = most;
  return s;
}
