// The memory search pane (Ctrl+F): query, mode, case option, status with progress and Cancel,
// and a virtualized list of the results. State and logic live in search-store.ts; the search
// itself runs in the worker.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SearchMode } from '../../format/search.ts';
import { useDumpStore } from '../store.ts';
import type { DumpSummary, SearchHit } from '../../protocol/worker-api.ts';
import { useFocusTarget } from '../shortcuts/focus-request.ts';
import { SEARCH_MODES, TEXT_MODES, hexValueHint, statusText, useSearchStore } from './search-store.ts';
import { contextText } from './marks.ts';
import { humanBytes } from '../../format/units.ts';
import './search.css';

/** Height of one result row (px): must match .search-hit in search.css. */
export const HIT_ROW_H = 40;

function focusHexGrid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="hex-view"]')?.focus({ preventScroll: true }));
}

/** Mounted with the workspace: shows the pane when open (Ctrl+F, F3 / Shift+F3: shortcuts/registry.ts). */
export function SearchPane() {
  const open = useSearchStore((s) => s.open);
  if (!open) return null;
  return <SearchPanel />;
}

function SearchPanel() {
  const s = useSearchStore();
  const dump = useDumpStore((x) => x.dump);
  const inputRef = useRef<HTMLInputElement>(null);
  const modeInfo = SEARCH_MODES.find((m) => m.mode === s.mode)!;
  const textMode = TEXT_MODES.has(s.mode);

  // The box has the focus when the pane opens, and again at each Ctrl+F.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);
  useFocusTarget('search', inputRef);

  const close = () => {
    s.setOpen(false);
    focusHexGrid();
  };
  const onPaneKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // not "cancel the open" or "clear the selection" as well
      close();
    }
  };
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      s.enter(e.shiftKey);
    }
  };

  const status = statusText(s);
  const hint = hexValueHint(s);
  const running = s.status === 'running';
  const pct = s.totalBytes > 0 ? (100 * s.scannedBytes) / s.totalBytes : 0;
  return (
    <section className="search-pane" id="pane-search" aria-label="Search memory" onKeyDown={onPaneKey} data-testid="search-pane">
      <div className="search-head">
        <h2>Search memory</h2>
        <button type="button" className="search-close" aria-label="Close search" title="Close (Escape)" onClick={close}>
          ×
        </button>
      </div>
      <form
        role="search"
        className="search-form"
        onSubmit={(e) => {
          // The Find button: always a fresh search (Enter in the box goes to the next match).
          e.preventDefault();
          s.run();
        }}
      >
        <input
          ref={inputRef}
          className="mono search-input"
          type="text"
          spellCheck={false}
          autoComplete="off"
          aria-label="Search for"
          placeholder={`${modeInfo.placeholder} (Enter)`}
          value={s.text}
          aria-invalid={s.invalid !== null || undefined}
          aria-describedby="search-invalid"
          onChange={(e) => s.setText(e.target.value)}
          onKeyDown={onInputKey}
        />
        <div className="search-options">
          <select aria-label="Search mode" value={s.mode} onChange={(e) => s.setMode(e.target.value as SearchMode)}>
            {SEARCH_MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.label}
              </option>
            ))}
          </select>
          <label className={textMode ? undefined : 'search-disabled'}>
            <input type="checkbox" checked={s.caseInsensitive} disabled={!textMode} onChange={(e) => s.setCaseInsensitive(e.target.checked)} />
            Ignore case
          </label>
        </div>
        <div className="search-buttons">
          <button type="submit" disabled={!dump}>
            Find
          </button>
          <button type="button" aria-label="Previous match" title="Previous match (Shift+F3)" disabled={s.hits.length === 0} onClick={() => s.prev()}>
            ↑ Prev
          </button>
          <button type="button" aria-label="Next match" title="Next match (F3)" disabled={s.hits.length === 0} onClick={() => s.next()}>
            ↓ Next
          </button>
          {running && (
            <button type="button" onClick={() => s.cancel()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <div id="search-invalid" className="search-invalid" role="alert" data-testid="search-invalid">
        {s.invalid}
      </div>
      {hint && (
        <p className="search-hint" data-testid="search-hint">
          {hint}
        </p>
      )}
      <div className="search-status" role="status" data-testid="search-status">
        <span data-testid="search-count">{status}</span>
        {s.current >= 0 && s.hits.length > 0 && (
          <span className="search-pos" data-testid="search-position">
            {' '}· {(s.current + 1).toLocaleString('en-US')} of {s.hits.length.toLocaleString('en-US')}
          </span>
        )}
        {!running && s.elapsedMs !== null && (
          <span className="search-time" data-testid="search-time">
            {' '}· {humanBytes(s.scannedBytes)} in {Math.round(s.elapsedMs)} ms
          </span>
        )}
      </div>
      {running && <progress className="search-progress" max={100} value={pct} aria-label="Search progress" />}
      {dump && <ResultList hits={s.hits} current={s.current} patternLength={s.patternLength} dump={dump} />}
    </section>
  );
}

function whereText(dump: DumpSummary, h: SearchHit): string {
  if (h.where.kind === 'blob') return `blob ${dump.blobs[h.where.index]?.name ?? h.where.index}`;
  const start = h.address - BigInt(h.offset);
  return `range ${h.where.index} (0x${start.toString(16)})`;
}

function addressText(h: SearchHit): string {
  return h.where.kind === 'range' ? '0x' + h.address.toString(16) : '+0x' + h.offset.toString(16);
}

function ResultList({ hits, current, patternLength, dump }: { hits: SearchHit[]; current: number; patternLength: number; dump: DumpSummary }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HIT_ROW_H,
    overscan: 8,
  });
  useEffect(() => {
    if (current >= 0 && current < hits.length) v.scrollToIndex(current, { align: 'auto' });
  }, [current, hits.length, v]);

  const onKey = (e: KeyboardEvent) => {
    const s = useSearchStore.getState();
    const n = hits.length;
    if (n === 0) return;
    let i: number;
    switch (e.key) {
      case 'ArrowDown':
        i = Math.min(n - 1, current + 1);
        break;
      case 'ArrowUp':
        i = Math.max(0, current - 1);
        break;
      case 'Home':
        i = 0;
        break;
      case 'End':
        i = n - 1;
        break;
      case 'Enter':
      case ' ':
        i = Math.max(0, current);
        break;
      default:
        return;
    }
    e.preventDefault();
    s.show(i);
  };

  if (hits.length === 0) return null;
  const activeId = current >= 0 ? `search-hit-${current}` : undefined;
  return (
    <div
      ref={scrollRef}
      className="search-results"
      role="listbox"
      tabIndex={0}
      aria-label="Search results"
      aria-activedescendant={activeId}
      data-testid="search-results"
      onKeyDown={onKey}
    >
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((item) => {
          const h = hits[item.index];
          const c = contextText(h, patternLength);
          const where = whereText(dump, h);
          const addr = addressText(h);
          return (
            <div
              key={item.index}
              id={`search-hit-${item.index}`}
              role="option"
              aria-selected={item.index === current}
              aria-posinset={item.index + 1}
              aria-setsize={hits.length}
              aria-label={`${addr} in ${where}`}
              className={`search-hit${item.index === current ? ' search-hit-cur' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              data-testid="search-hit"
              data-address={addr}
              onClick={() => useSearchStore.getState().show(item.index)}
            >
              <div className="search-hit-line">
                <span className="mono search-hit-addr">{addr}</span>
                <span className="search-hit-where">{where}</span>
              </div>
              <div className="mono search-hit-ctx" aria-hidden="true">
                {c.before && <span className="search-ctx-dim">{c.before} </span>}
                <mark>{c.match}</mark>
                {c.more && <span className="search-ctx-dim"> …</span>}
                {c.after && <span className="search-ctx-dim"> {c.after}</span>}
                <span className="search-ctx-ascii">{c.ascii}</span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
