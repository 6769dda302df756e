// "A new version is ready": Reload to update, or Later. Shown only when a new version waits; the
// page never reloads without this click.
import { selectShowPrompt, useUpdateStore } from './update-store.ts';
import './pwa.css';

export function UpdatePrompt() {
  const show = useUpdateStore(selectShowPrompt);
  const elsewhere = useUpdateStore((s) => s.activatedElsewhere);
  const updating = useUpdateStore((s) => s.updating);
  const update = useUpdateStore((s) => s.update);
  const dismiss = useUpdateStore((s) => s.dismiss);
  if (!show) return null;
  return (
    <div className="banner banner-info update-prompt" role="status" data-testid="update-prompt">
      <span className="banner-message">
        {elsewhere
          ? 'A new version of Devcoredump Viewer was installed in another window. This window still runs the old one.'
          : 'A new version of Devcoredump Viewer is ready. Reload when it suits you: the open dump will have to be opened again.'}
      </span>
      <button type="button" className="update-reload" onClick={() => void update()} disabled={updating}>
        {updating ? 'Reloading…' : 'Reload to update'}
      </button>
      <button type="button" onClick={dismiss} aria-label="Update later">
        Later
      </button>
    </div>
  );
}
