// Section outline, and the key/value entries of the chosen section. Both lists are windowed: a
// dump may hold a million sections, and a section millions of entries.
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import type { Section } from '../../format/model.ts';
import { entryAt, sectionAt, type EntryTable, type SectionTable } from '../../format/entries.ts';
import { outlineMove, sectionTitle } from './rows.ts';
import { LineButton } from './JumpButton.tsx';
import { useRowWindow } from './useRowWindow.ts';

/** Height of one outline row (panels.css .outline-item). */
export const OUTLINE_ROW = 22;

function choose(index: number): void {
  useViewStore.getState().setSection(index);
}

export function SectionsPanel({ summary }: { summary: DumpSummary }) {
  const current = useViewStore((s) => s.section);
  const section = current !== null && current < summary.sections.count ? sectionAt(summary.sections, current) : null;
  return (
    <div className="panel-body sections-panel">
      <Outline sections={summary.sections} current={current} />
      {section ? <Entries section={section} table={summary.entries} /> : <p className="empty">Choose a section to see its entries.</p>}
    </div>
  );
}

/**
 * The section list: a listbox of which only the rows on screen (and a few more) are in the DOM.
 * Focus stays on the list and the active row is its aria-activedescendant; moving with the keys
 * chooses the section (its entries follow).
 */
function Outline({ sections, current }: { sections: SectionTable; current: number | null }) {
  const count = sections.count;
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => OUTLINE_ROW,
    overscan: 10,
    paddingStart: 2,
    paddingEnd: 2,
  });
  const [active, setActive] = useState(current ?? 0);
  const activePos = Math.min(active, Math.max(count - 1, 0));

  // Follow a choice made elsewhere (a jump, a URL, a click): make it the active row and show it.
  const show = useEffectEvent((index: number) => {
    setActive(index);
    v.scrollToIndex(index, { align: 'auto' });
  });
  useEffect(() => {
    if (current !== null && current < count) show(current);
  }, [current, count]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      if (count > 0) choose(activePos);
      e.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 200) / OUTLINE_ROW) - 1);
    const next = outlineMove(activePos, count, e.key, page);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    v.scrollToIndex(next, { align: 'auto' });
    choose(next);
  };

  const items = v.getVirtualItems();
  const idOf = (i: number) => `section-option-${i}`;
  const activeShown = items.some((it) => it.index === activePos);
  return (
    <div
        className="outline"
        ref={scrollRef}
        role="listbox"
        aria-label="Sections"
        tabIndex={0}
        aria-activedescendant={count > 0 && activeShown ? idOf(activePos) : undefined}
        onKeyDown={onKeyDown}
      >
        <div role="presentation" className="outline-rows" style={{ height: v.getTotalSize() }}>
          {items.map((it) => {
            const s = sectionAt(sections, it.index);
            const selected = it.index === current;
            return (
              <div
                key={it.index}
                id={idOf(it.index)}
                role="option"
                aria-selected={selected}
                aria-setsize={count}
                aria-posinset={it.index + 1}
                data-index={it.index}
                className={`outline-item${selected ? ' selected' : ''}${it.index === activePos ? ' active' : ''}`}
                style={{ transform: `translateY(${it.start}px)` }}
                onClick={() => {
                  setActive(it.index);
                  choose(it.index);
                }}
              >
                <span className="outline-title">{sectionTitle(s.title)}</span>
                <span className="muted mono">line {s.line}</span>
                <span className="muted">{s.count} {s.count === 1 ? 'entry' : 'entries'}</span>
              </div>
            );
          })}
        </div>
        {count === 0 && <p className="empty">No sections.</p>}
    </div>
  );
}

/** Only the rows on screen are read from the entry table (a section may hold millions). */
function Entries({ section, table }: { section: Section; table: EntryTable }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const win = useRowWindow(section.count, scrollRef, 200);
  return (
    <div className="table-scroll entries" ref={scrollRef}>
      <table className="ptable" aria-label={`Entries of ${sectionTitle(section.title)}`}>
        <thead>
          <tr>
            <th scope="col" className="num">Line</th>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 && <tr aria-hidden="true" className="spacer" style={{ height: win.padTop }} />}
          {win.positions.map((pos) => {
            const e = entryAt(table, section.first + pos);
            const value = e.value === '' && e.key.endsWith('.data') ? '(binary data)' : e.value;
            return (
              <tr key={`${e.line}-${pos}`} data-pos={pos}>
                <td className="num"><LineButton line={e.line} /></td>
                <td className="mono key" style={{ paddingLeft: `${0.4 + e.indent * 1.5}em` }} title={e.key}>{e.key}</td>
                <td className={`mono value${value !== e.value ? ' muted' : ''}`} title={e.value || undefined}>{value}</td>
              </tr>
            );
          })}
          {win.padBottom > 0 && <tr aria-hidden="true" className="spacer" style={{ height: win.padBottom }} />}
        </tbody>
      </table>
      {section.count === 0 && <p className="empty">This section is empty.</p>}
    </div>
  );
}
