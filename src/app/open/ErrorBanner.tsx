// The last open failure (the dump that was open stays open), and notes from the open controls.
import './open.css';
import { useDumpStore } from '../store.ts';
import { errorTitle, oneLine } from './open-text.ts';
import { useNoticeStore } from './notice.ts';

export function ErrorBanner() {
  const error = useDumpStore((s) => s.error);
  const dismissError = useDumpStore((s) => s.dismissError);
  const notice = useNoticeStore((s) => s.notice);
  const clearNotice = useNoticeStore((s) => s.clear);
  return (
    <>
      {error && (
        <div className="banner banner-error" role="alert" data-kind={error.kind}>
          <strong className="banner-title">{errorTitle(error.kind)}</strong>
          <span className="banner-message" title={error.message}>{oneLine(error.message)}</span>
          <button type="button" onClick={dismissError}>Dismiss</button>
        </div>
      )}
      {notice && (
        <div className={`banner banner-${notice.tone}`} role={notice.tone === 'warning' ? 'alert' : 'status'}>
          <span className="banner-message">{notice.message}</span>
          <button type="button" onClick={clearNotice} aria-label="Dismiss note">Dismiss</button>
        </div>
      )}
    </>
  );
}
