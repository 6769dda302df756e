// The empty state: what this is, and the ways to open a dump.
import './open.css';
import { openSample } from './actions.ts';
import { OTHER_SAMPLES } from '../store.ts';
import { chooseFile } from './notice.ts';
import { RecentDumps } from '../recent/RecentDumps.tsx';
import { useUpdateStore } from '../pwa/update-store.ts';
import { MAX_DECOMPRESSED_CHOICES, useOpenLimits } from './limits-store.ts';
import { humanBytes } from '../../format/text.ts';

export function Welcome() {
  const offline = useUpdateStore((s) => s.offlineReady);
  const offlineError = useUpdateStore((s) => s.registerError);
  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <div className="welcome-box">
        <h2 id="welcome-title">Look inside an Intel xe GPU crash dump</h2>
        <p className="welcome-lead">
          Devcoredump Viewer reads the devcoredump that the Linux xe driver writes when the GPU hangs, and shows its
          header, engines, GuC state and captured GPU memory.
        </p>
        <button type="button" className="welcome-sample" onClick={() => openSample()}>
          Try a sample
        </button>
        <p className="welcome-others" data-testid="other-samples">
          It reads the other GPU crash dumps of bug reports too; samples:{' '}
          {OTHER_SAMPLES.map((s, i) => (
            <span key={s.file}>
              {i > 0 && ' · '}
              <button type="button" className="welcome-other-sample" onClick={() => openSample(s.file)}>
                {s.label}
              </button>
            </span>
          ))}
        </p>
        <p className="welcome-or">
          or{' '}
          <button type="button" onClick={chooseFile}>
            Open dump
          </button>{' '}
          (Ctrl+O), drop a file anywhere on this page, or paste the dump text (Ctrl+V).
        </p>
        <p className="welcome-hint">
          Take it from <code className="mono">/sys/class/drm/card0/device/devcoredump/data</code>. Plain text, or
          compressed with gzip (.gz), zstd (.zst) or xz (.xz).
        </p>
        <MaxDecompressed />
        <p className="welcome-privacy">Nothing leaves your machine: the dump is read and parsed in this browser tab.</p>
        {offlineError && !offline && (
          <p className="welcome-offline">Offline use is not available here ({offlineError}).</p>
        )}
        {offline && (
          <p className="welcome-offline" data-testid="offline-ready">
            Ready to work offline: the app is stored in this browser, and can be installed as an app.
          </p>
        )}
        <RecentDumps />
      </div>
    </main>
  );
}

/** The decompressed-size cap, as a setting. */
function MaxDecompressed() {
  const most = useOpenLimits((s) => s.maxDecompressed);
  return (
    <p className="welcome-limit">
      <label>
        Open compressed dumps that expand to at most{' '}
        <select value={most} onChange={(ev) => useOpenLimits.getState().setMaxDecompressed(Number(ev.currentTarget.value))} aria-label="Largest expanded size of a compressed dump">
          {[...new Set([...MAX_DECOMPRESSED_CHOICES, most])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>{humanBytes(n)}</option>
          ))}
        </select>
      </label>
    </p>
  );
}
