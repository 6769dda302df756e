import { describe, expect, it } from 'vitest';
import { consumeLaunches, type LaunchParamsLike } from './launch.ts';

function fakeQueue() {
  let consumer: ((p: LaunchParamsLike) => unknown) | null = null;
  return {
    queue: { setConsumer: (c: (p: LaunchParamsLike) => unknown) => void (consumer = c) },
    launch: (p: LaunchParamsLike) => consumer!(p),
  };
}

const handle = (name: string, text = 'x') => ({ kind: 'file', getFile: async () => new File([text], name) });

describe('consumeLaunches', () => {
  it('sets no consumer without a launchQueue', () => {
    expect(consumeLaunches(undefined, () => {})).toBe(false);
  });

  it('opens the files of each launch, in order', async () => {
    const q = fakeQueue();
    const opened: string[][] = [];
    expect(consumeLaunches(q.queue, (files) => opened.push(files.map((f) => f.name)))).toBe(true);
    await q.launch({ files: [handle('a.txt'), handle('b.txt.gz')] });
    await q.launch({ files: [handle('c.devcoredump')] });
    expect(opened).toEqual([['a.txt', 'b.txt.gz'], ['c.devcoredump']]);
  });

  it('ignores a launch with no files (the app started from its icon) and directories', async () => {
    const q = fakeQueue();
    const opened: File[][] = [];
    consumeLaunches(q.queue, (files) => opened.push(files));
    await q.launch({});
    await q.launch({ files: [] });
    await q.launch({ files: [{ kind: 'directory', getFile: async () => new File([], 'd') }] });
    expect(opened).toEqual([]);
  });

  it('reports a file that cannot be read', async () => {
    const q = fakeQueue();
    const errors: string[] = [];
    consumeLaunches(q.queue, () => {}, (m) => errors.push(m));
    await q.launch({ files: [{ kind: 'file', getFile: async () => { throw new Error('gone'); } }] });
    expect(errors).toEqual(['Could not read the file given to the app: gone']);
  });
});
