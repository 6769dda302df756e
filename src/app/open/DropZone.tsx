// Drop a file anywhere on the window. Window-level listeners; a full-window overlay while a drag
// is over the page. The overlay is a live region that is always in the DOM, so that its text is
// announced when a drag comes in.
import './open.css';
import { useEffect, useRef, useState } from 'react';
import { openFiles, openPastedText } from './actions.ts';

function carriesFiles(dt: DataTransfer | null): boolean {
  if (!dt) return false;
  // During dragenter/dragover only the types are visible (the files themselves are protected).
  return Array.from(dt.types).includes('Files') || dt.files.length > 0;
}

function carriesText(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes('text/plain');
}

export function DropZone() {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every element crossed: count them.
  const depth = useRef(0);

  useEffect(() => {
    const accept = (e: DragEvent) => carriesFiles(e.dataTransfer) || carriesText(e.dataTransfer);
    const onEnter = (e: DragEvent) => {
      if (!accept(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!accept(e)) return;
      e.preventDefault(); // makes the window a drop target
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!accept(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      // relatedTarget null: the pointer left the window.
      if (depth.current === 0 || e.relatedTarget === null) {
        depth.current = 0;
        setDragging(false);
      }
    };
    const onDrop = (e: DragEvent) => {
      depth.current = 0;
      setDragging(false);
      const dt = e.dataTransfer;
      if (!dt) return;
      e.preventDefault(); // never let the browser navigate to the file
      if (dt.files.length > 0) {
        openFiles(Array.from(dt.files));
        return;
      }
      const text = dt.getData('text/plain');
      if (text) openPastedText(text, 'dropped text');
    };
    const onEnd = () => {
      depth.current = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', onEnd);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', onEnd);
    };
  }, []);

  return (
    <div className={dragging ? 'dropzone dropzone-active' : 'dropzone'} role="status" aria-live="assertive" data-testid="drop-overlay">
      {dragging && (
        <div className="dropzone-box">
          <p className="dropzone-title">Drop a devcoredump to open it</p>
          <p className="dropzone-hint">Plain text, or compressed with gzip, zstd or xz. It is read on this machine only.</p>
        </div>
      )}
    </div>
  );
}
