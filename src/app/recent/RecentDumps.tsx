// The list of recent dumps: one click (or Enter) reopens one; Forget, Forget all; the storage used
// and the quota; the setting that turns keeping off. On the Welcome screen and in the Recent dialog.
import { useEffect, useId } from 'react';
import { useRecentStore } from './recent.ts';
import { describeRecent, usageText } from './records.ts';
import { MAX_FILE_CHOICES } from './recent-store.ts';
import { humanBytes } from '../../format/units.ts';
import './recent.css';

export function RecentDumps({ onOpened, headingLevel = 3 }: { onOpened?: () => void; headingLevel?: 2 | 3 }) {
  const s = useRecentStore();
  const titleId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  useEffect(() => {
    void useRecentStore.getState().refresh();
  }, []);

  if (!s.available) {
    return (
      <section className="recent" aria-labelledby={titleId}>
        <Heading id={titleId} className="recent-title">Recent dumps</Heading>
        <p className="recent-empty">This browser cannot keep dumps (no Origin Private File System).</p>
      </section>
    );
  }

  const usage = usageText(s.figures);
  return (
    <section className="recent" aria-labelledby={titleId} data-testid="recent-dumps">
      <Heading id={titleId} className="recent-title">Recent dumps</Heading>
      {s.entries.length > 0 ? (
        <ul className="recent-list">
          {s.entries.map((e) => (
            <li key={e.id} className="recent-item" data-id={e.id}>
              <button
                type="button"
                className="recent-open"
                aria-label={`Reopen ${e.name}`}
                title={`Reopen ${e.name} (kept in this browser)`}
                onClick={() => {
                  onOpened?.();
                  void useRecentStore.getState().reopen(e.id);
                }}
              >
                <span className="recent-name">{e.name}</span>
                <span className="recent-meta">{describeRecent(e)}</span>
              </button>
              <button type="button" className="recent-forget" aria-label={`Forget ${e.name}`} onClick={() => void s.forget(e.id)}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="recent-empty">
          {s.loaded ? (s.keep ? 'Dumps you open are kept here, in this browser only, to reopen with one click, offline too.' : 'No dumps kept.') : 'Reading…'}
        </p>
      )}
      <p className="recent-status" role="status">
        {s.saving ? `Keeping a copy of ${s.saving}…` : s.note}
      </p>
      {s.pasted && s.keep && (
        <p className="recent-offer" data-testid="recent-pasted">
          The pasted text is not kept.{' '}
          <button type="button" onClick={() => void s.keepPasted()}>Keep the pasted dump</button>
        </p>
      )}
      {s.offerForget && (
        <p className="recent-offer" role="alert" data-testid="recent-offer-forget">
          Keeping is off. Forget the {s.entries.length === 1 ? 'dump' : `${s.entries.length} dumps`} already kept?{' '}
          <button type="button" onClick={() => void s.answerForget(true)}>Forget them</button>{' '}
          <button type="button" onClick={() => void s.answerForget(false)}>Leave them</button>
        </p>
      )}
      <div className="recent-footer">
        <label className="recent-keep">
          <input type="checkbox" checked={s.keep} onChange={(ev) => s.setKeep(ev.currentTarget.checked)} /> Keep recent dumps in this browser
        </label>
        <label className="recent-max">
          Keep dumps up to{' '}
          <select value={s.maxFileBytes} onChange={(ev) => s.setMaxFileBytes(Number(ev.currentTarget.value))} aria-label="Largest dump kept">
            {[...new Set([...MAX_FILE_CHOICES, s.maxFileBytes])].sort((a, b) => a - b).map((n) => (
              <option key={n} value={n}>{humanBytes(n)}</option>
            ))}
          </select>
        </label>
        {usage && <span className="recent-usage" data-testid="recent-usage">{usage}</span>}
        <button type="button" onClick={() => void s.forgetAll()} disabled={s.entries.length === 0}>
          Forget all
        </button>
      </div>
      <p className="recent-privacy">Kept only in this browser's own storage; nothing is uploaded.</p>
    </section>
  );
}
