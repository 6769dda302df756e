// Pointers in the current range: on demand, the worker scans the range's 64-bit words for values
// that fall inside a captured range (src/worker/pointers.ts). Each hit is a link.
import { foldAddress } from '../../format/addr.ts';
import { useDumpStore, useViewStore } from '../store.ts';
import { hexA } from './hang.ts';
import { openAt } from '../hex/hex-store.ts';
import { usePointerStore } from './pointer-store.ts';

/** Rows listed at most; the rest are counted. */
export const POINTER_ROWS = 200;

export function PointerScan() {
  // The scan runs once the dump has finished parsing (its worker is the open dump's).
  const dump = useDumpStore((s) => s.dump);
  const target = useViewStore((s) => s.target);
  const { dwordAligned, scan: current, busy, error, setDwordAligned } = usePointerStore();
  const range = target?.kind === 'range' ? target.index : null;
  const info = range !== null ? dump?.ranges[range] : undefined;

  const run = () => {
    if (range !== null) void usePointerStore.getState().run(range);
  };

  const hits = current?.result.hits ?? [];
  const start = current && dump ? foldAddress(dump.ranges[current.range].address) : 0n;
  return (
    <section className="hang-pointers" aria-label="Pointers">
      <span className="hang-item">
        <button type="button" onClick={run} disabled={!dump || !info?.hasData || busy}>
          {busy ? 'Scanning…' : range !== null ? `Pointers in range ${range}` : 'Pointers'}
        </button>
        <label className="hang-note">
          <input type="checkbox" checked={dwordAligned} onChange={(e) => setDwordAligned(e.target.checked)} /> dword-aligned (command operands)
        </label>
        {range === null && <span className="hang-note">select a range to scan</span>}
        {error && <span className="hang-miss">scan failed: {error}</span>}
        {current && (
          <span className="hang-note" role="status" data-testid="pointer-status">
            Range {current.range}: {hits.length} pointer{hits.length === 1 ? '' : 's'} in {current.result.words} words ({current.result.align}-byte aligned)
            {current.result.capped ? ` — stopped at ${hits.length}; there are more` : ''}
            {current.range !== range ? ' (an earlier range)' : ''}
          </span>
        )}
      </span>
      {current && hits.length > 0 && (
        <ul className="hang-ptr-list" data-testid="pointer-list">
          {hits.slice(0, POINTER_ROWS).map((h) => (
            <li key={h.offset} data-testid="pointer-row" data-target={h.address.toString(16)}>
              <button type="button" className="jump mono" aria-label={`Go to the word at ${hexA(start + BigInt(h.offset))}`} onClick={() => openAt(start + BigInt(h.offset))}>
                {hexA(start + BigInt(h.offset))}
              </button>
              <span className="mono hang-note">+{hexA(h.offset)}</span>
              <span className="mono" title="the 64-bit word">{hexA(h.value)}</span>
              <span>→</span>
              <button type="button" className="jump mono" aria-label={`Go to pointer target ${hexA(h.address)}`} onClick={() => openAt(h.address)}>
                {hexA(h.address)}
              </button>
              <span className="hang-note">range {h.target}</span>
            </li>
          ))}
          {hits.length > POINTER_ROWS && <li className="hang-note">and {hits.length - POINTER_ROWS} more{current.result.capped ? ' (and the scan stopped there)' : ''}</li>}
        </ul>
      )}
    </section>
  );
}
