// The Share dialog (Ctrl+Shift+S): the link, what it holds, its length against the budget, and the
// copies; over the budget, the choice to trim or to export a snapshot file. Logic in share-store.ts.
import { useEffect } from 'react';
import { foldAddress } from '../../format/addr.ts';
import { Modal } from '../common/Modal.tsx';
import { LINK_BUDGET, SNAPSHOT_BUDGET } from './link.ts';
import { useShareStore } from './share-store.ts';
import { groupDigits, hexAddress, humanBytes } from '../../format/text.ts';


export function ShareDialog() {
  const s = useShareStore();
  const open = s.phase !== 'closed';
  // Once the link is made (or the choice is asked), focus goes to its first action.
  useEffect(() => {
    if (s.phase === 'ready' || s.phase === 'over') document.querySelector<HTMLElement>('.share-dialog [data-autofocus]')?.focus();
  }, [s.phase]);
  return (
    <Modal open={open} onClose={s.hide} title="Share a snapshot" titleId="share-title" className="share-dialog" closeLabel="Close share dialog" initialFocus="[data-autofocus]">
      <div className="share-body" data-testid="share-dialog">
        {s.phase === 'reading' && <p role="status">Reading the bytes…</p>}
        {s.phase === 'error' && <p role="alert" className="share-error">{s.message}</p>}
        {s.phase === 'over' && s.over && s.request && (
          <div role="alert" className="share-over" data-testid="share-over">
            {s.over.reason === 'bytes' ? (
              <p>The selection is {humanBytes(s.over.bytes)} ({groupDigits(s.over.bytes)} bytes); a link holds at most {humanBytes(SNAPSHOT_BUDGET)}.</p>
            ) : (
              <p>
                A link with these {groupDigits(s.over.bytes)} bytes would be {groupDigits(s.over.urlLength ?? 0)} characters long, over the {groupDigits(LINK_BUDGET)}
                {' '}that bug trackers and chat take (the bytes do not compress well).
              </p>
            )}
            <div className="share-actions">
              <button type="button" data-autofocus onClick={() => void s.trim()}>Trim to fit</button>
              <button type="button" onClick={() => s.showExport('request')}>Export snapshot file instead</button>
            </div>
          </div>
        )}
        {s.phase === 'ready' && s.link && s.url && (
          <>
            <label className="share-url">
              <span>Share link</span>
              <textarea readOnly value={s.url} rows={3} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
            </label>
            <p className="share-length" data-testid="share-length">
              {groupDigits(s.url.length)} characters (budget {groupDigits(LINK_BUDGET)}). The snapshot is in the part after #, which browsers never send to a server.
            </p>
            {s.shortOf !== null && (
              <p role="status" className="share-trimmed">Only {groupDigits(s.link.bytes.length)} of the {groupDigits(s.shortOf)} bytes asked for were decoded (the dump is cut short in this range).</p>
            )}
            {s.trimmedFrom !== null && (
              <p role="status" className="share-trimmed">Trimmed to the first {groupDigits(s.link.bytes.length)} of {groupDigits(s.trimmedFrom)} bytes to fit.</p>
            )}
            <dl className="share-holds" aria-label="What the link holds">
              <dt>Dump</dt>
              <dd>
                {s.link.file.name} ({humanBytes(s.link.file.size)}){s.link.file.fingerprint && <>, fingerprint <code>{s.link.file.fingerprint.slice(0, 16)}</code></>}
              </dd>
              <dt>Bytes</dt>
              <dd data-testid="share-bytes">
                {groupDigits(s.link.bytes.length)} bytes at <code>{hexAddress(s.link.address)}</code> ({s.request?.from === 'selection' ? 'the selection' : 'the rows on screen'}) in range <code>{hexAddress(foldAddress(s.link.range.address))}</code>
              </dd>
              <dt>Hang</dt>
              <dd>
                {[s.link.hang.kernel && `kernel ${s.link.hang.kernel}`, s.link.hang.engine, s.link.hang.acthd !== null && `ACTHD ${hexAddress(s.link.hang.acthd)}`, s.link.hang.batch.length > 0 && `batch ${s.link.hang.batch.map(hexAddress).join(', ')}`].filter(Boolean).join(' · ') || 'no facts in the dump'}
                {s.link.hang.reason && <div className="share-reason">{s.link.hang.reason}</div>}
              </dd>
              <dt>View</dt>
              <dd>
                cursor {s.link.view.cursor !== null ? hexAddress(s.link.view.cursor) : '—'}
                {s.link.view.selection && `, selection ${hexAddress(s.link.view.selection.start)}–${hexAddress(s.link.view.selection.end - 1n)}`}, {s.link.view.options.group}-byte groups, {s.link.view.options.bytesPerRow} bytes a row; {s.link.bookmarks.length} bookmark{s.link.bookmarks.length === 1 ? '' : 's'}
              </dd>
            </dl>
            <div className="share-actions">
              <button type="button" data-autofocus onClick={() => void s.copyLink()}>Copy link</button>
              <button type="button" onClick={() => void s.copyReport()}>Copy for bug report</button>
              <button type="button" onClick={() => s.showExport()}>Export snapshot file…</button>
            </div>
            <p role="status" className="share-status" data-testid="share-status">
              {s.copied === 'link' ? 'Link copied.' : s.copied === 'report' ? 'Markdown summary with the link copied.' : s.message ?? ''}
            </p>
          </>
        )}
      </div>
    </Modal>
  );
}
