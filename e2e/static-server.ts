// A small static server for the built app (dist/app), on its own port and origin, that a test can
// stop (to be really offline: nothing answers any more) and whose files a test can replace (to serve
// "the next version"). Like `vite preview`, an unknown path gets index.html.
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../dist/app/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export interface AppServer {
  /** The app's URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Paths requested so far ("/sw.js", …). */
  requests: string[];
  /** Serve `body` at `path` instead of the built file. */
  override(path: string, body: string | Buffer): void;
  /** Stop answering (open connections are cut). */
  close(): Promise<void>;
}

export async function serveApp(root = DIST): Promise<AppServer> {
  const overrides = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    let body = overrides.get(path);
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!body) {
      if (!file.startsWith(root) || !isFile(file)) file = join(root, 'index.html'); // the app shell
      body = readFileSync(file);
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path === '/' ? 'index.html' : file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    override(path, body) {
      overrides.set(path, Buffer.from(body));
    },
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
