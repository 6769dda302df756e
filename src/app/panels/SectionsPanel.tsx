// Section outline, and the key/value entries of the chosen section.
import { useRef } from 'react';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import type { Section } from '../../format/model.ts';
import { entryAt, type EntryTable } from '../../format/entries.ts';
import { sectionTitle } from './rows.ts';
import { LineButton } from './JumpButton.tsx';
import { useRowWindow } from './useRowWindow.ts';

export function SectionsPanel({ summary }: { summary: DumpSummary }) {
  const current = useViewStore((s) => s.section);
  const section = current !== null ? summary.sections[current] ?? null : null;
  return (
    <div className="panel-body sections-panel">
      <nav className="outline" aria-label="Sections">
        <ul>
          {summary.sections.map((s, i) => (
            <li key={`${i}-${s.line}`}>
              <button
                type="button"
                className={`outline-item${i === current ? ' selected' : ''}`}
                aria-current={i === current ? 'true' : undefined}
                onClick={() => useViewStore.getState().setSection(i)}
              >
                <span className="outline-title">{sectionTitle(s.title)}</span>
                <span className="muted mono">line {s.line}</span>
                <span className="muted">{s.count} {s.count === 1 ? 'entry' : 'entries'}</span>
              </button>
            </li>
          ))}
        </ul>
        {summary.sections.length === 0 && <p className="empty">No sections.</p>}
      </nav>
      {section ? <Entries section={section} table={summary.entries} /> : <p className="empty">Choose a section to see its entries.</p>}
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
