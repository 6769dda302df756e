// Engines of the hung queue: identity, attributes and registers; address registers jump.
import type { DumpSummary } from '../../protocol/worker-api.ts';
import type { Engine } from '../../format/model.ts';
import { hexRegister, isJumpRegister, jumpAddress } from './format.ts';
import { JumpButton, LineButton } from './JumpButton.tsx';

export function EnginesPanel({ summary }: { summary: DumpSummary }) {
  if (summary.engines.length === 0) {
    return <div className="panel-body"><p className="empty">No engine registers in this dump.</p></div>;
  }
  return (
    <div className="panel-body scroll engines-panel">
      {summary.engines.map((e, i) => <EngineView key={`${e.name}-${i}`} engine={e} canJump={summary.done} />)}
    </div>
  );
}

function EngineView({ engine: e, canJump }: { engine: Engine; canJump: boolean }) {
  const headingId = `engine-${e.name}-${e.line}`;
  const attrs = Object.entries(e.attributes).filter(([k]) => k !== 'Capture_source');
  return (
    <section className="engine" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="mono">{e.name}</span>
        <span className="muted"> line {e.line}</span>
      </h3>
      <dl className="kv">
        <div><dt>Class</dt><dd>{e.engineClass}</dd></div>
        {e.instance !== null && <div><dt>Instance</dt><dd>{e.instance}</dd></div>}
        {e.logicalInstance !== null && <div><dt>Logical instance</dt><dd>{e.logicalInstance}</dd></div>}
        {e.captureSource !== null && <div><dt>Capture source</dt><dd>{e.captureSource}</dd></div>}
        {attrs.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
      </dl>
      <table className="ptable regs" aria-label={`${e.name} registers`}>
        <thead>
          <tr>
            <th scope="col">Register</th>
            <th scope="col">Value</th>
            <th scope="col" className="num">Line</th>
          </tr>
        </thead>
        <tbody>
          {e.registers.map((r, j) => {
            const text = hexRegister(r);
            const jump = canJump && isJumpRegister(r.name);
            return (
              <tr key={`${r.name}-${j}`} className={isJumpRegister(r.name) ? 'addr-reg' : undefined}>
                <th scope="row" className="mono regname">{r.name}</th>
                <td className="mono">
                  {jump ? (
                    <JumpButton jumpKey={`${e.name}:${e.line}:${r.name}`} address={jumpAddress(r)} text={text} label={`${e.name} ${r.name}`} />
                  ) : (
                    text
                  )}
                </td>
                <td className="num"><LineButton line={r.line} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
