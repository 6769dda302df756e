// "Open with" from the desktop: an installed app that declares `file_handlers` (vite.config.ts) is
// started with the files in `window.launchQueue`. Each launch's files are opened like files chosen
// with Open dump (the first one; a note says when there were more).

/** What the page gets from launchQueue (a FileSystemFileHandle has `kind` and `getFile()`). */
export interface LaunchFileHandle {
  kind?: string;
  getFile(): Promise<File>;
}
export interface LaunchParamsLike {
  files?: readonly LaunchFileHandle[];
}
export interface LaunchQueueLike {
  setConsumer(consumer: (params: LaunchParamsLike) => unknown): void;
}

/**
 * Take the launches of `queue` (none when the browser has no launchQueue) and open their files
 * with `open`. Returns whether a consumer was set. A file that cannot be read is reported to
 * `onError`.
 */
export function consumeLaunches(
  queue: LaunchQueueLike | undefined,
  open: (files: File[]) => void,
  onError: (message: string) => void = () => {},
): boolean {
  if (!queue || typeof queue.setConsumer !== 'function') return false;
  queue.setConsumer(async (params) => {
    const handles = (params?.files ?? []).filter((h) => h && h.kind !== 'directory');
    if (handles.length === 0) return;
    try {
      const files = await Promise.all(handles.map((h) => h.getFile()));
      open(files);
    } catch (e) {
      onError(`Could not read the file given to the app: ${(e as Error)?.message ?? String(e)}`);
    }
  });
  return true;
}

declare global {
  interface Window {
    launchQueue?: LaunchQueueLike;
  }
}
