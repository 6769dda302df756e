// While a dump is being opened (indexed): file name, percent of bytes read, MB/s, elapsed, what the
// worker does besides parsing (decompressing into a temporary file), and Cancel (Escape).
import './open.css';
import { useDumpStore } from '../store.ts';
import { progressText } from './format.ts';

export function ProgressBar() {
  const loading = useDumpStore((s) => s.loading);
  const cancel = useDumpStore((s) => s.cancel);
  // Escape cancels too (shortcuts/registry.ts).

  if (!loading) return null;
  const t = loading.progress ? progressText(loading.progress) : null;
  const pct = t?.percent ?? null;
  const label = `Opening ${loading.name}`;
  return (
    <section className="progress" aria-label="Opening a dump" data-testid="progress">
      <span className="progress-name" title={loading.name}>
        Opening <strong>{loading.name}</strong>
      </span>
      {pct === null ? (
        <progress aria-label={label} />
      ) : (
        <progress max={100} value={pct} aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-valuetext={`${pct.toFixed(0)}% read`} />
      )}
      <span className="progress-figures" aria-live="off">
        {t ? (
          <>
            <span data-testid="progress-percent">{pct === null ? '' : `${pct.toFixed(1)}%`}</span>
            <span>{t.amount}</span>
            <span data-testid="progress-rate">{t.rate}</span>
            <span data-testid="progress-elapsed">{t.elapsed}</span>
            {loading.progress?.note ? <span data-testid="progress-note">{loading.progress.note}</span> : null}
          </>
        ) : (
          <span>Starting…</span>
        )}
      </span>
      <button type="button" onClick={cancel} aria-keyshortcuts="Escape" title="Stop opening this dump (Escape)">
        Cancel
      </button>
    </section>
  );
}
