/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // dist/cli/ holds the CLI bundle (scripts/build-cli.mjs); the app gets its own folder so that a
  // build, which empties its output folder, leaves the CLI alone.
  build: { outDir: 'dist/app' },
  // Pre-bundle what the worker imports too: found late, they would make the dev server reload the
  // page (and lose the dump being opened).
  optimizeDeps: { include: ['comlink', 'fzstd', 'xz-decompress', 'zustand', '@tanstack/react-virtual'] },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
});
