// The one way views get bytes: asynchronous (address, length) → bytes. Today the parse worker
// answers from memory it decoded; a later source may decode on demand from the File itself.
import type { ReadResult, Space } from '../protocol/worker-api.ts';

export interface ByteSource {
  read(space: Space, address: bigint, length: number): Promise<ReadResult>;
}
