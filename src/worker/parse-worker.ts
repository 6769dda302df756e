// The parse worker: one dump per worker. The page creates a worker per open, and terminates it to
// cancel (which stops the work and frees its memory at once) or when another dump replaces it.
import * as Comlink from 'comlink';
import type { ParseWorkerApi } from '../app/protocol.ts';
import { ParseSession } from './session.ts';

const session = new ParseSession();

const api: ParseWorkerApi = {
  open: (source, onProgress) => session.open(source, onProgress),
  async read(space, address, length) {
    const r = session.read(space, address, length);
    return Comlink.transfer(r, [r.bytes.buffer]);
  },
  sourceLines: (line, before, after) => session.sourceLines(line, before, after),
  scanPointers: async (rangeIndex, limit, align) => session.scanPointers(rangeIndex, limit, align),
};

Comlink.expose(api);
