// A dump's identity, for what is kept about it (bookmarks, share links): SHA-256 over the first
// 64 KiB of its text, its size, and each range's address, length and first 4 KiB of bytes. Cheap
// for any size, and two different dumps share it only if they agree on all of that.
import { bytesOf, type DumpModel } from './model.ts';

export const FINGERPRINT_HEAD = 64 << 10;
const RANGE_SAMPLE = 4 << 10;

export async function dumpFingerprint(model: DumpModel, textHead: Uint8Array): Promise<string> {
  const meta = new TextEncoder().encode(
    `${model.byteCount}\n` + model.ranges.map((r) => `${r.address.toString(16)}:${r.length}:${r.decodedLength}`).join(','),
  );
  const parts: Uint8Array[] = [textHead.subarray(0, FINGERPRINT_HEAD), meta];
  for (const r of model.ranges) {
    const store = bytesOf(r);
    if (store) parts.push(store.read(0, Math.min(RANGE_SAMPLE, r.decodedLength)));
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
