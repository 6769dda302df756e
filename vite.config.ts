/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** The icon's background (scripts/make-icons.ts) is the theme colour of the installed app's title bar. */
const THEME = '#1f3a5f';
/** The page background (app.css --bg), shown while the installed app starts. */
const BACKGROUND = '#fbfbfa';

/**
 * The Content-Security-Policy of the built app: only its own files run, connect and load; no inline
 * script (Vite's build has none); WebAssembly may be compiled (the ascii85 fast path and the xz
 * decoder, in the parse worker; the page may run the same format code); the parse worker and the
 * service worker come from the app's own origin; images may be data: or blob: URLs (icons, saved
 * files); nothing may frame-embed, post forms or plug in. A meta tag, so that any static host
 * serves it; only in the build (the dev server's hot reload injects inline script).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // An installable, offline app (README "Offline and installed"). The service worker precaches
    // the whole build; it is only built for `vite build` (none under the dev server).
    VitePWA({
      // A new version waits until the user chooses "Reload to update" (src/app/pwa/).
      registerType: 'prompt',
      injectRegister: false,
      // The icons are in the glob below already.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'Devcoredump Viewer',
        short_name: 'Devcoredump',
        description: 'Read the GPU crash dumps of the Linux xe driver: header, engines, GuC state and captured GPU memory. Works offline; nothing is uploaded.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: THEME,
        background_color: BACKGROUND,
        lang: 'en',
        categories: ['developer', 'utilities'],
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'maskable-icon-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
        // "Open with" from the desktop: the files come to launchQueue (src/app/pwa/launch.ts). Each
        // launch opens a window of its own, so a dump already open is never replaced.
        file_handlers: [
          {
            action: './',
            accept: {
              'text/plain': ['.txt', '.devcoredump'],
              'application/gzip': ['.gz'],
              'application/zstd': ['.zst'],
              'application/x-xz': ['.xz'],
            },
          },
        ],
        launch_handler: { client_mode: 'navigate-new' },
      },
      workbox: {
        // Everything the app needs offline: shell, parse worker chunk, styles, icons, the sample dump.
        globPatterns: ['**/*.{html,js,css,svg,png,ico,txt,wasm,woff,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // Any page of the app (with ?range=, #s= …) is the app shell.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first install takes the open page at once (so it works offline right away); an update
        // waits for "Reload to update" (no skipWaiting).
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  worker: { format: 'es' },
  // dist/cli/ holds the CLI bundle (scripts/build-cli.mjs); the app gets its own folder so that a
  // build, which empties its output folder, leaves the CLI alone.
  build: { outDir: 'dist/app' },
  // Pre-bundle what the worker imports too: found late, they would make the dev server reload the
  // page (and lose the dump being opened).
  optimizeDeps: { include: ['comlink', 'fzstd', 'xz-decompress', 'zustand', '@tanstack/react-virtual', 'workbox-window'] },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // The property tests take 0.5–1 s on a quiet machine and 5–7 s on a loaded one (a CI runner
    // shared with other jobs); vitest's 5 s default then fails them for the load, not the code.
    testTimeout: 30_000,
    // The CLI tests spawn the bundle: build it from this checkout's sources first.
    globalSetup: ['scripts/vitest-setup.mjs'],
  },
});
