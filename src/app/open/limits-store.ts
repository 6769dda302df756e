// The setting "open compressed dumps that expand to at most N bytes": the decompressed-size cap the
// worker applies to gzip, zstd and xz files (default MAX_DECOMPRESSED, 8 GiB), kept in the browser.
// open-settings.ts reads the same key when a dump is opened.
import { create } from 'zustand';
import { MAX_DECOMPRESSED } from '../../format/limits.ts';
import { readSetting, writeSetting } from '../storage.ts';
import { MAX_DECOMPRESSED_KEY } from '../open-settings.ts';

const GiB = 1024 ** 3;
/** The choices offered (the one stored is offered too, if it is none of these). */
export const MAX_DECOMPRESSED_CHOICES = [GiB / 16, GiB / 4, GiB, 2 * GiB, 4 * GiB, 8 * GiB, 16 * GiB, 32 * GiB, 64 * GiB];

function stored(): number {
  const n = Number(readSetting(MAX_DECOMPRESSED_KEY));
  return Number.isSafeInteger(n) && n > 0 ? n : MAX_DECOMPRESSED;
}

interface OpenLimitsState {
  maxDecompressed: number;
  setMaxDecompressed(bytes: number): void;
}

export const useOpenLimits = create<OpenLimitsState>((set) => ({
  maxDecompressed: stored(),
  setMaxDecompressed(bytes) {
    if (!Number.isSafeInteger(bytes) || bytes <= 0) return;
    writeSetting(MAX_DECOMPRESSED_KEY, String(bytes));
    set({ maxDecompressed: bytes });
  },
}));
