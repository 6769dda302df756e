// The Export snapshot dialog (Ctrl+Shift+E): which memory goes in the snapshot file, with blobs and
// uncaptured ranges or not. The file is devcoredump text of the dump's own layout. Logic in share-store.ts.
import { Modal } from '../common/Modal.tsx';
import { describeScope, useShareStore, type ExportScope } from './share-store.ts';
import { humanBytes } from '../../format/text.ts';

const SCOPES: ExportScope[] = ['request', 'range', 'hang'];

export function ExportDialog() {
  const s = useShareStore();
  // What each choice holds now, worked out once a render.
  const scopes = s.exportOpen ? SCOPES.map((scope) => ({ scope, ...describeScope(scope) })) : [];
  const chosen = scopes.find((d) => d.scope === s.exportScope);
  return (
    <Modal open={s.exportOpen} onClose={s.hideExport} title="Export snapshot" titleId="export-title" className="share-dialog" closeLabel="Close export dialog" initialFocus="input[type=radio]:checked">
      {s.exportOpen && (
        <form
          className="share-body"
          data-testid="export-dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void s.exportSnapshot();
          }}
        >
          <p>A smaller dump of the same layout: the header, the GuC state, the job and the engines, with only this memory.</p>
          <fieldset>
            <legend>Memory to keep</legend>
            {scopes.map((d) => {
              const scope = d.scope;
              return (
                <label key={scope} className="share-choice">
                  <input type="radio" name="scope" value={scope} checked={s.exportScope === scope} disabled={d.pieces === 0} onChange={() => s.setExport({ exportScope: scope })} />
                  {d.label}: {d.pieces === 0 ? 'nothing' : `${humanBytes(d.bytes)}${d.pieces > 1 ? ` in ${d.pieces} ranges` : ''}`}
                </label>
              );
            })}
          </fieldset>
          <label className="share-choice">
            <input type="checkbox" checked={s.exportBlobs} onChange={(e) => s.setExport({ exportBlobs: e.currentTarget.checked })} />
            Keep the blobs (HWSP, HWCTX, GuC log, CT buffer)
          </label>
          <label className="share-choice">
            <input type="checkbox" checked={s.exportUncaptured} onChange={(e) => s.setExport({ exportUncaptured: e.currentTarget.checked })} />
            Keep the lines of ranges the kernel could not capture
          </label>
          <div className="share-actions">
            <button type="submit" disabled={s.exporting || !chosen || chosen.pieces === 0}>{s.exporting ? 'Exporting…' : 'Export'}</button>
            <button type="button" onClick={s.hideExport}>Cancel</button>
          </div>
        </form>
      )}
    </Modal>
  );
}
