import { describe, expect, it } from 'vitest';
import { errorTitle, formatBytes, formatElapsed, formatRate, isTextField, manyFilesNotice, oneLine, percentRead, progressText } from './format.ts';
import type { DumpSummary } from '../../protocol/worker-api.ts';

describe('progress figures', () => {
  it('percent of bytes read, floored to a tenth, clamped, null without a size', () => {
    expect(percentRead(0, 200)).toBe(0);
    expect(percentRead(1, 3)).toBe(33.3);
    expect(percentRead(2, 3)).toBe(66.6);
    expect(percentRead(999, 1000)).toBe(99.9);
    expect(percentRead(1000, 1000)).toBe(100);
    expect(percentRead(1200, 1000)).toBe(100);
    expect(percentRead(5, 0)).toBeNull();
  });

  it('sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(2451)).toBe('2.5 kB');
    expect(formatBytes(200_000_000)).toBe('200.0 MB');
    expect(formatBytes(3_400_000_000)).toBe('3.40 GB');
  });

  it('MB/s, with a dash before anything is measured', () => {
    expect(formatRate(0, 100)).toBe('— MB/s');
    expect(formatRate(100, 0)).toBe('— MB/s');
    expect(formatRate(50_000_000, 1000)).toBe('50.0 MB/s');
    expect(formatRate(150_000_000, 1000)).toBe('150 MB/s');
    expect(formatRate(1_000_000, 250)).toBe('4.0 MB/s');
  });

  it('elapsed time', () => {
    expect(formatElapsed(0)).toBe('0.0 s');
    expect(formatElapsed(1234)).toBe('1.2 s');
    expect(formatElapsed(59_949)).toBe('59.9 s');
    expect(formatElapsed(125_000)).toBe('2 min 05 s');
    expect(formatElapsed(-5)).toBe('0.0 s');
  });

  it('a progress report in words', () => {
    const p = { bytesRead: 50_000_000, totalBytes: 200_000_000, elapsedMs: 500, summary: {} as DumpSummary };
    expect(progressText(p)).toEqual({ percent: 25, amount: '50.0 MB of 200.0 MB', rate: '100 MB/s', elapsed: '0.5 s' });
  });
});

describe('messages', () => {
  it('names each failure kind', () => {
    expect(errorTitle('not-a-dump')).toBe('Not a devcoredump');
    expect(errorTitle('read-error')).toBe('Could not read the file');
    expect(errorTitle('internal')).toBe('Internal error');
    expect(errorTitle('cancelled')).toBe('Cancelled');
  });

  it('keeps one line of a message', () => {
    expect(oneLine('  first line\nsecond')).toBe('first line');
    expect(oneLine('a\r\nb')).toBe('a');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx…');
  });

  it('says which of several files is opened', () => {
    expect(manyFilesNotice(3, 'a.txt')).toBe('3 files were dropped: only the first one, a.txt, is opened.');
  });

  it('is not confused by targets that are not elements', () => {
    expect(isTextField(null)).toBe(false);
    expect(isTextField({} as EventTarget)).toBe(false);
  });
});
