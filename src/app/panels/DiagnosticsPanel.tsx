// Parser diagnostics: a click shows the source line in context.
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { SEVERITY_ICON } from './format.ts';

export function DiagnosticsPanel({ summary }: { summary: DumpSummary }) {
  if (summary.diagnostics.length === 0) {
    return <div className="panel-body"><p className="empty ok">No problems found</p></div>;
  }
  return (
    <div className="panel-body scroll">
      <ul className="diag-list" aria-label="Diagnostics">
        {summary.diagnostics.map((d, i) => {
          const content = (
            <>
              <span className={`sev sev-${d.severity}`}>
                <span aria-hidden="true">{SEVERITY_ICON[d.severity] ?? '•'}</span> {d.severity}
              </span>
              <span className="mono muted diag-line">{d.line > 0 ? `line ${d.line}` : '—'}</span>
              <span className="diag-msg">{d.message}</span>
            </>
          );
          return (
            <li key={i}>
              {d.line > 0 ? (
                <button
                  type="button"
                  className="diag"
                  data-testid="diagnostic"
                  data-line={d.line}
                  onClick={() => useViewStore.getState().showLine(d.line)}
                >
                  {content}
                </button>
              ) : (
                <div className="diag" data-testid="diagnostic">{content}</div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
