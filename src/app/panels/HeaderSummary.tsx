// The header strip: what the dump is, and where the hung engine was. Folded (the default) it is
// one line, file, format, kernel, hung engine and ACTHD; "Details" (key d) shows every field.
import { useMemo } from 'react';
import { useLayoutStore } from '../layout/layout-store.ts';
import { DrawerToggle, FOLD_IDS, FoldToggles } from '../layout/FoldToggles.tsx';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { headerFields, hex64, hungEngines } from './format.ts';
import { JumpButton } from './JumpButton.tsx';
import { hungEngines as hungEngineNames } from '../hang/hang.ts';
import './panels.css';

/** The folded header's fields (with the hung engines and their ACTHD). */
const BRIEF = new Set(['File', 'Format', 'Kernel']);

export function HeaderSummary({ summary }: { summary: DumpSummary }) {
  const fields = useMemo(() => headerFields(summary), [summary]);
  // i915 and msm dumps print every engine or ring: only the hung ones go in the strip.
  const engines = useMemo(() => {
    const hung = hungEngineNames(summary);
    return hungEngines(summary.engines.filter((e) => hung.includes(e.name)));
  }, [summary]);
  const canJump = summary.done;
  const details = useLayoutStore((s) => s.open.details);
  const shownFields = details ? fields : fields.filter((f) => BRIEF.has(f.label));
  return (
    <section className={`header-summary${details ? '' : ' hs-folded'}`} aria-label="Dump summary">
      <DrawerToggle />
      <dl className="hs-list" id={details ? FOLD_IDS.details : undefined}>
        {shownFields.map((f) => (
          <div key={f.label} className={`hs-item${f.emphasis ? ' hs-emph' : ''}`}>
            <dt>{f.label}</dt>
            <dd title={f.title}>{f.value}</dd>
          </div>
        ))}
        {engines.map((e) => (
          <div key={`eng-${e.name}`} className="hs-item hs-hung">
            <dt>Hung engine</dt>
            <dd>
              <strong className="mono">{e.name}</strong>
              {e.acthd && (
                <span className="hs-reg">
                  <span className="hs-reglabel">ACTHD</span>
                  {canJump && e.acthdValue !== null ? (
                    <JumpButton jumpKey={`header:${e.name}:ACTHD`} address={e.acthdValue} text={e.acthd} label={`${e.name} ACTHD`} />
                  ) : (
                    <span className="mono">{e.acthd}</span>
                  )}
                </span>
              )}
              {details && e.bbaddr && (
                <span className="hs-reg">
                  <span className="hs-reglabel">BBADDR</span>
                  {canJump && e.bbaddrValue !== null ? (
                    <JumpButton jumpKey={`header:${e.name}:BBADDR`} address={e.bbaddrValue} text={e.bbaddr} label={`${e.name} batch buffer address`} />
                  ) : (
                    <span className="mono">{e.bbaddr}</span>
                  )}
                </span>
              )}
            </dd>
          </div>
        ))}
        {details && summary.batchAddresses.length > 0 && (
          <div className="hs-item hs-hung">
            <dt>Batch</dt>
            <dd>
              {summary.batchAddresses.map((b, i) =>
                canJump ? (
                  <JumpButton key={i} jumpKey={`header:batch:${i}`} address={b} text={hex64(b)} label={`batch_addr[${i}]`} />
                ) : (
                  <span key={i} className="mono">{hex64(b)}</span>
                ),
              )}
            </dd>
          </div>
        )}
      </dl>
      {!summary.done && <p className="hs-parsing" role="status">parsing…</p>}
      <FoldToggles />
    </section>
  );
}
