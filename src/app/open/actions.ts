// What the open controls do (buttons, shortcuts, drop and paste all end here).
import { useDumpStore, type SampleFile } from '../store.ts';
import { manyFilesNotice } from './format.ts';
import { useNoticeStore } from './notice.ts';
import { fragmentPayload } from '../share/link.ts';
import { useSnapshotStore } from '../share/snapshot-store.ts';

/** Open the first of `files`; say so when there were more. */
export function openFiles(files: ArrayLike<File>): void {
  const notice = useNoticeStore.getState();
  if (files.length === 0) return;
  const first = files[0];
  if (files.length > 1) notice.show(manyFilesNotice(files.length, first.name));
  else notice.clear();
  void useDumpStore.getState().openFile(first);
}

/** Open text that was pasted (or dragged) in. */
export function openPastedText(text: string, name = 'pasted text'): void {
  const notice = useNoticeStore.getState();
  if (text.trim() === '') {
    notice.show('Nothing to open: the pasted text is empty.', 'warning');
    return;
  }
  notice.clear();
  // A share link pasted onto the page opens its snapshot.
  const hash = shareLinkHash(text);
  if (hash !== null) {
    void useSnapshotStore.getState().openFragment(hash);
    return;
  }
  void useDumpStore.getState().openText(text, name);
}

/** The `#s=…` fragment of pasted text that is one share link (a URL and nothing else), or null. */
export function shareLinkHash(text: string): string | null {
  const t = text.trim();
  if (/\s/.test(t) || !/^https?:\/\//.test(t)) return null;
  try {
    const hash = new URL(t).hash;
    return fragmentPayload(hash) !== null ? hash : null;
  } catch {
    return null;
  }
}

/** The Paste button and Ctrl+Shift+V: read the clipboard (the browser may ask the user first). */
export async function pasteFromClipboard(): Promise<void> {
  const notice = useNoticeStore.getState();
  if (!navigator.clipboard?.readText) {
    notice.show('This browser does not let the page read the clipboard: press Ctrl+V to paste the dump text instead.', 'warning');
    return;
  }
  let text: string;
  try {
    text = await navigator.clipboard.readText();
  } catch (e) {
    const name = (e as Error)?.name;
    notice.show(
      name === 'NotAllowedError'
        ? 'Clipboard access was refused. Allow it for this site, or press Ctrl+V to paste the dump text instead.'
        : `Could not read the clipboard (${(e as Error)?.message ?? String(e)}). Press Ctrl+V to paste the dump text instead.`,
      'warning',
    );
    return;
  }
  openPastedText(text);
}

export function openSample(file?: SampleFile): void {
  useNoticeStore.getState().clear();
  void useDumpStore.getState().openSample(file);
}
