// Top-bar controls: Open dump (Ctrl+O), Paste (Ctrl+Shift+V, or Ctrl+V / a paste anywhere outside a
// text field) and Try a sample.
import './open.css';
import { useEffect, useRef } from 'react';
import { openFiles, openPastedText, openSample, pasteFromClipboard } from './actions.ts';
import { isTextField } from './format.ts';
import { chooseFile, registerPicker } from './notice.ts';
import { RecentButton } from '../recent/RecentButton.tsx';

export function OpenControls() {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    registerPicker(input.current);
    return () => registerPicker(null);
  }, []);

  // Ctrl+O and Ctrl+Shift+V: shortcuts/registry.ts. A paste (Ctrl+V) anywhere outside a text field:
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented || isTextField(e.target) || !e.clipboardData) return;
      const files = e.clipboardData.files;
      if (files && files.length > 0) {
        e.preventDefault();
        openFiles(files);
        return;
      }
      const text = e.clipboardData.getData('text/plain');
      e.preventDefault();
      openPastedText(text);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  return (
    <div className="open-controls">
      <button type="button" onClick={chooseFile} aria-keyshortcuts="Control+O" title="Open a dump file (Ctrl+O)">
        Open dump
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="file-input"
        aria-label="Open dump"
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files && files.length > 0) openFiles(Array.from(files));
          e.currentTarget.value = ''; // choosing the same file again opens it again
        }}
      />
      <button
        type="button"
        onClick={() => void pasteFromClipboard()}
        aria-keyshortcuts="Control+Shift+V"
        title="Open dump text from the clipboard (Ctrl+Shift+V, or Ctrl+V anywhere on the page)"
      >
        Paste
      </button>
      <button type="button" onClick={() => openSample()} title="Open a bundled example dump">
        Try a sample
      </button>
      <RecentButton />
    </div>
  );
}
