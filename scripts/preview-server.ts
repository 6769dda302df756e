// `vite preview` of dist/app/ on a port of its own, for the tools that drive the built app in
// Chromium (bench/browser.ts, scripts/screenshots.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Start `vite preview` of the build on `port` (stop it with .kill()). */
export function startPreview(port: number): ChildProcess {
  return spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
}

/** Wait until `url` answers 200 (20 s at most). */
export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}
