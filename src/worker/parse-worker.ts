// The parse worker: one dump per worker. The page creates a worker per open, and terminates it to
// cancel (which stops the work and frees its memory at once) or when another dump replaces it.
import * as Comlink from 'comlink';
import type { ParseWorkerApi } from '../protocol/worker-api.ts';
import { ParseSession } from './session.ts';

const session = new ParseSession();

const api: ParseWorkerApi = {
  open: (source, onProgress, settings) => session.openForPage(source, onProgress, settings),
  async read(space, address, length) {
    const r = session.read(space, address, length);
    return Comlink.transfer(r, [r.bytes.buffer]);
  },
  sourceLines: (line, before, after) => session.sourceLines(line, before, after),
  scanPointers: async (rangeIndex, limit, align) => session.scanPointers(rangeIndex, limit, align),
  async exportSnapshot(options) {
    const chunks = session.exportSnapshot(options);
    // Chunks that own their buffer move; views into decoded memory are copied by the clone.
    const own = chunks.filter((c) => c.byteOffset === 0 && c.byteLength === c.buffer.byteLength).map((c) => c.buffer as ArrayBuffer);
    return Comlink.transfer(chunks, own);
  },
  async search(id, query, onBatch) {
    try {
      return await session.search(id, query, (b) => void onBatch(b));
    } finally {
      // The page's callback proxy: let it go once the search is over.
      (onBatch as unknown as Comlink.Remote<(b: unknown) => void>)[Comlink.releaseProxy]?.();
    }
  },
  cancelSearch: () => session.cancelSearch(),
  cacheStats: async () => ({ bytes: session.cache.bytes, peak: session.cache.peak, budget: session.cache.budget }),
  commandsOpen: async (target, platform, at) => session.commands.open(target, platform, at ?? null),
  commandsGrow: async (key) => session.commands.grow(key),
  commandsRows: async (key, filter, first, count) => session.commands.rows(key, filter, first, count),
  commandsFilter: async (key, text) => session.commands.filter(key, text),
  commandsPosOf: async (key, filter, address) => session.commands.posOf(key, filter, address),
  instructionAt: async (address, platform) => session.commands.instructionAt(address, platform),
  contextImage: async (blob, platform) => session.commands.contextImage(blob, platform),
};

Comlink.expose(api);
