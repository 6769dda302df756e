// Bookmarks of the open dump: add one at the hex cursor (Ctrl+D), name it and note why, jump back
// to it, edit, delete, export to / import from a JSON file. The list lives in bookmarks-store.ts,
// the pane's own state (folded, the form, the status; `b` and Ctrl+D) in pane-store.ts.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useViewStore } from '../store.ts';
import { openAt, useHexStore } from '../hex/hex-store.ts';
import { useBookmarksStore } from './bookmarks-store.ts';
import { selectCollapsed, useBookmarksPane } from './pane-store.ts';
import { saveBlob } from '../download.ts';
import { addressText, exportFileName, type Bookmark } from './serialize.ts';
import './bookmarks.css';

function BookmarkForm({
  label,
  address,
  initialName,
  initialNote,
  onSave,
  onCancel,
}: {
  label: string;
  address: bigint;
  initialName: string;
  initialNote: string;
  onSave: (name: string, note: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [note, setNote] = useState(initialNote);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    nameRef.current?.focus();
    nameRef.current?.select();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(name, note);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault(); // not "cancel the open" as well
      e.stopPropagation();
      onCancel();
    }
  };
  return (
    <form className="bm-form" aria-label={label} onSubmit={submit} onKeyDown={onKeyDown}>
      <div className="bm-form-addr mono">{addressText(address)}</div>
      <label>
        <span>Name</span>
        <input ref={nameRef} type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        <span>Note</span>
        {/* An input, not a textarea: Enter saves. */}
        <input type="text" value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="bm-form-buttons">
        <button type="submit">Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

export function BookmarksPane() {
  const fingerprint = useBookmarksStore((s) => s.fingerprint);
  const bookmarks = useBookmarksStore((s) => s.bookmarks);
  const fileName = useBookmarksStore((s) => s.fileName);
  const cursor = useHexStore((s) => s.cursor);
  const canAdd = useViewStore((s) => s.target?.kind === 'range') && fingerprint !== null;
  const { form, status, setForm, setCollapsed, setStatus, startAdd } = useBookmarksPane();
  const collapsed = useBookmarksPane(selectCollapsed);
  const expandRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);
  const focusAfterToggle = useRef<'expand' | 'collapse' | null>(null);
  useEffect(() => {
    const which = focusAfterToggle.current;
    focusAfterToggle.current = null;
    if (which === 'expand') expandRef.current?.focus();
    else if (which === 'collapse') collapseRef.current?.focus();
  }, [collapsed]);
  /** Where focus goes when the form closes (looked up then: the element may have been re-rendered). */
  const returnFocus = useRef<(() => HTMLElement | null) | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const importRef = useRef<HTMLInputElement>(null);

  // (Another dump clears the form and the status: pane-store.ts.)

  const close = () => {
    const wasAdd = form?.mode === 'add';
    setForm(null);
    // The add form (Ctrl+D or the button) returns the focus where it was, else to the Add button.
    const back = useBookmarksPane.getState().returnTo;
    const find = returnFocus.current ?? (wasAdd ? () => (back?.isConnected ? back : addRef.current) : null);
    returnFocus.current = null;
    if (find) requestAnimationFrame(() => find()?.focus());
  };

  const jump = (b: Bookmark) => {
    if (openAt(b.address)) {
      setStatus('');
    } else {
      setStatus(`${addressText(b.address)} is in no memory range of this dump.`);
    }
  };

  const remove = (b: Bookmark, index: number) => {
    useBookmarksStore.getState().remove(b.id);
    setStatus(`Deleted bookmark ${b.name}.`);
    // Focus the bookmark that took its place (or the one before, or the Add button).
    requestAnimationFrame(() => {
      const items = listRef.current?.querySelectorAll<HTMLButtonElement>('.bm-jump');
      const next = items && items.length > 0 ? items[Math.min(index, items.length - 1)] : addRef.current;
      next?.focus();
    });
  };

  const exportAll = () => {
    const doc = useBookmarksStore.getState().exportJson();
    if (!doc) return;
    saveBlob(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }), exportFileName(doc.fileName));
  };

  const importFile = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setStatus(`Cannot read ${file.name}: ${(e as Error).message}`);
      return;
    }
    const r = useBookmarksStore.getState().importJson(text);
    if (!r.ok) {
      setStatus(`Not imported: ${r.error ?? 'not a bookmarks file'}.`);
      return;
    }
    const parts = [`Imported ${r.added} ${r.added === 1 ? 'bookmark' : 'bookmarks'}`];
    if (r.skipped) parts.push(`${r.skipped} skipped`);
    if (r.otherDump) parts.push('the file was made for another dump');
    setStatus(parts.join('; ') + '.');
  };

  const editing = form?.mode === 'edit' ? form.id : null;

  if (collapsed) {
    return (
      <aside className="bookmarks collapsed" id="pane-bookmarks" aria-label="Bookmarks" data-testid="bookmarks">
        <button
          ref={expandRef}
          type="button"
          className="bm-expand"
          aria-expanded="false"
          title="Show bookmarks"
          onClick={() => {
            focusAfterToggle.current = 'collapse';
            setCollapsed(false);
          }}
        >
          Bookmarks{fingerprint !== null && bookmarks.length > 0 ? ` (${bookmarks.length})` : ''}
        </button>
      </aside>
    );
  }

  return (
    <aside className="bookmarks" id="pane-bookmarks" aria-labelledby="bookmarks-heading" data-testid="bookmarks">
      <div className="bm-head">
        <h2 id="bookmarks-heading">Bookmarks</h2>
        <button
          ref={addRef}
          type="button"
          onClick={startAdd}
          disabled={!canAdd}
          aria-keyshortcuts="Control+D"
          title="Bookmark the byte under the hex cursor (Ctrl+D)"
        >
          Add bookmark
        </button>
        <button
          ref={collapseRef}
          type="button"
          className="bm-collapse"
          aria-label="Hide bookmarks"
          aria-expanded="true"
          title="Hide bookmarks"
          onClick={() => {
            focusAfterToggle.current = 'expand';
            setForm(null);
            setCollapsed(true);
          }}
        >
          »
        </button>
      </div>
      {form?.mode === 'add' && (
        <BookmarkForm
          label="New bookmark"
          address={form.address}
          initialName={addressText(form.address)}
          initialNote=""
          onSave={(name, note) => {
            useBookmarksStore.getState().add(form.address, name, note);
            close();
          }}
          onCancel={close}
        />
      )}
      {fingerprint === null ? (
        <p className="muted bm-empty">Bookmarks are available once the dump has opened.</p>
      ) : bookmarks.length === 0 ? (
        <p className="muted bm-empty">No bookmarks for this dump yet.</p>
      ) : (
        <ul className="bm-list" ref={listRef} aria-label={`Bookmarks of ${fileName}`}>
          {bookmarks.map((b, i) =>
            editing === b.id ? (
              <li key={b.id} className="bm-item">
                <BookmarkForm
                  label={`Edit bookmark ${b.name}`}
                  address={b.address}
                  initialName={b.name}
                  initialNote={b.note}
                  onSave={(name, note) => {
                    useBookmarksStore.getState().update(b.id, { name, note });
                    close();
                  }}
                  onCancel={close}
                />
              </li>
            ) : (
              <li key={b.id} className={`bm-item${cursor === b.address ? ' current' : ''}`}>
                <button
                  type="button"
                  className="bm-jump"
                  aria-label={`Go to bookmark ${b.name} ${addressText(b.address)}`}
                  aria-current={cursor === b.address ? 'location' : undefined}
                  title={`Go to ${addressText(b.address)}`}
                  onClick={() => jump(b)}
                >
                  <span className="bm-name">{b.name}</span>
                  <span className="bm-addr mono">{addressText(b.address)}</span>
                </button>
                {b.note && <p className="bm-note">{b.note}</p>}
                <div className="bm-actions">
                  <button
                    type="button"
                    aria-label={`Edit bookmark ${b.name}`}
                    title="Edit"
                    data-bm-edit={b.id}
                    onClick={() => {
                      returnFocus.current = () => listRef.current?.querySelector<HTMLElement>(`[data-bm-edit="${CSS.escape(b.id)}"]`) ?? addRef.current;
                      setForm({ mode: 'edit', id: b.id });
                    }}
                  >
                    Edit
                  </button>
                  <button type="button" aria-label={`Delete bookmark ${b.name}`} title="Delete" onClick={() => remove(b, i)}>
                    Delete
                  </button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      <div className="bm-foot">
        <button type="button" onClick={exportAll} disabled={fingerprint === null || bookmarks.length === 0}>
          Export bookmarks
        </button>
        <button type="button" onClick={() => importRef.current?.click()} disabled={fingerprint === null}>
          Import bookmarks
        </button>
        <input
          ref={importRef}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Import bookmarks file"
          data-testid="bookmarks-import"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      <p className="bm-status muted" role="status">{status}</p>
    </aside>
  );
}
