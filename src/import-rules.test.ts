// Which folder of src/ may import which (src/README.md states the same rules in words):
//   format ← protocol ← worker, and format ← protocol ← app; cli and gen build on format.
//   Nothing in src/ (tests aside) imports src/gen/ or scripts/: those serve tests and tools.
//   A React component (.tsx) never talks to the parse worker: no import of the RPC client, no
//   `client` of the dump store, no call of a worker method. Stores and services do that.
// The checker is a pure function over (path, text) pairs, tested below on made-up files, then run
// on the real tree.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(SRC, '..');

/** The layer a path (relative to the repo root) belongs to. */
export function layerOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('scripts/')) return 'scripts';
  const m = /^src\/([^/]+)\//.exec(p);
  if (m) return m[1];
  if (/^src\/[^/]+\.tsx?$/.test(p)) return 'app'; // main.tsx, App.tsx
  return 'outside';
}

/** Layers each layer's (non-test) files may import from, besides npm packages. */
export const ALLOWED: Record<string, { layers: string[]; packages: RegExp }> = {
  // fflate (pure JavaScript, no DOM, no Node APIs) inflates the zlib-compressed objects of i915 error states.
  format: { layers: ['format'], packages: /^fflate$/ },
  protocol: { layers: ['protocol', 'format'], packages: /^$/ },
  worker: { layers: ['worker', 'protocol', 'format'], packages: /^(comlink|fzstd|xz-decompress|fflate)$/ },
  app: { layers: ['app', 'protocol', 'format'], packages: /^(?!node:)/ },
  cli: { layers: ['cli', 'format'], packages: /^node:/ },
  gen: { layers: ['gen', 'format'], packages: /^(node:|fflate$)/ },
};

/** Methods of the worker API a component must not call (reading bytes through ByteSource is allowed). */
export function workerMethods(protocolText: string, name = 'ParseWorkerApi'): string[] {
  const m = new RegExp(`export interface ${name}(?: extends ([\\w, ]+))? \\{([\\s\\S]*?)\\n\\}`).exec(protocolText);
  const own = [...(m?.[2] ?? '').matchAll(/^\s+(\w+)\(/gm)].map((x) => x[1]).filter((n) => n !== 'read');
  // The interfaces it extends (e.g. the Commands view's part) are part of the contract too.
  const inherited = (m?.[1] ?? '').split(',').map((x) => x.trim()).filter(Boolean).flatMap((base) => workerMethods(protocolText, base));
  return [...own, ...inherited];
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Module specifiers a file imports (static, re-exports, dynamic import()). */
export function importsOf(text: string): string[] {
  const code = stripComments(text);
  const out: string[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

/** Every broken rule of one file, as `path: reason`. */
export function violations(path: string, text: string, methods: string[]): string[] {
  const layer = layerOf(path);
  const rules = ALLOWED[layer];
  const isTest = /\.test\.tsx?$/.test(path);
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(path), spec)).replace(/\\/g, '/');
      const to = layerOf(target);
      if (isTest) continue; // tests may reach for fixtures (src/gen) and tools
      if (rules && !rules.layers.includes(to)) out.push(`${path}: ${layer} must not import ${to} (${spec})`);
      if (path.endsWith('.tsx') && /(^|\/)dump-client(\.ts)?$/.test(target)) {
        out.push(`${path}: a component must not import the worker RPC client (${spec})`);
      }
    } else if (!isTest && rules && !rules.packages.test(spec) && spec !== 'vitest') {
      out.push(`${path}: ${layer} must not import the package ${spec}`);
    }
  }
  if (path.endsWith('.tsx')) {
    const code = stripComments(text);
    if (/\bs\.client\b|\.getState\(\)\.client\b/.test(code)) out.push(`${path}: a component reads the worker RPC client from the dump store`);
    for (const name of methods) {
      // A store action may share a worker method's name (`s.exportSnapshot()`): that is allowed.
      if (new RegExp(`(?<!\\b(?:s|state|getState\\(\\)))\\.${name}\\s*\\(`).test(code)) out.push(`${path}: a component calls the worker method ${name}()`);
    }
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const METHODS = workerMethods(readdirSync(join(SRC, 'protocol')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(SRC, 'protocol', f), 'utf8')).join('\n'));

describe('import rules checker', () => {
  it('reads the worker methods from the contract', () => {
    expect(METHODS).toContain('sourceLines');
    expect(METHODS).toContain('scanPointers');
    expect(METHODS).not.toContain('read');
    // Methods of the interfaces the contract extends count too.
    expect(METHODS).toContain('commandsOpen');
    expect(workerMethods('export interface ParseWorkerApi extends A {\n  x(): void;\n}\nexport interface A {\n  y(): void;\n}')).toEqual(['x', 'y']);
  });

  it('flags the worker importing from the app', () => {
    expect(violations('src/worker/x.ts', "import type { A } from '../app/store.ts';", METHODS)).toEqual([
      "src/worker/x.ts: worker must not import app (../app/store.ts)",
    ]);
  });

  it('flags the parser importing React or the DOM side', () => {
    expect(violations('src/format/x.ts', "import { useState } from 'react';", METHODS)).toHaveLength(1);
    expect(violations('src/format/x.ts', "import { x } from '../protocol/worker-api.ts';", METHODS)).toHaveLength(1);
  });

  it('flags app code importing the generator, and lets tests do it', () => {
    expect(violations('src/app/x.ts', "import { generate } from '../gen/generate.ts';", METHODS)).toHaveLength(1);
    expect(violations('src/app/x.test.ts', "import { generate } from '../gen/generate.ts';", METHODS)).toEqual([]);
  });

  it('flags a component importing the RPC client or calling the worker', () => {
    expect(violations('src/app/panels/X.tsx', "import { DumpClient } from '../dump-client.ts';", METHODS)).toEqual([
      'src/app/panels/X.tsx: a component must not import the worker RPC client (../dump-client.ts)',
    ]);
    expect(violations('src/app/panels/X.tsx', 'const c = useDumpStore((s) => s.client);', METHODS)).toHaveLength(1);
    expect(violations('src/app/panels/X.tsx', 'useEffect(() => { c.sourceLines(1, 2, 3); }, []);', METHODS)).toHaveLength(1);
    expect(violations('src/app/panels/X.tsx', 'useDumpStore.getState().client?.scanPointers(1);', METHODS)).toHaveLength(2);
    expect(violations('src/app/share/X.tsx', 'void useShareStore.getState().exportSnapshot();', METHODS)).toEqual([]);
    // Reading bytes through the ByteSource is the allowed way.
    expect(violations('src/app/hex/X.tsx', 'source.read(space, a, 16);', METHODS)).toEqual([]);
  });

  it('lets a store call the worker', () => {
    expect(violations('src/app/hang/pointer-store.ts', 'await client.scanPointers(1);', METHODS)).toEqual([]);
  });

  it('ignores imports in comments', () => {
    expect(violations('src/worker/x.ts', "// import { x } from '../app/store.ts';", METHODS)).toEqual([]);
  });
});

describe('the source tree', () => {
  const files = walk(SRC).map((p) => relative(ROOT, p).replace(/\\/g, '/'));

  it('has every file in a known layer', () => {
    expect(files.filter((f) => !(layerOf(f) in ALLOWED))).toEqual([]);
  });

  it('keeps the import rules', () => {
    const broken = files.flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8'), METHODS));
    expect(broken).toEqual([]);
  });

  it('keeps the worker contract out of the app', () => {
    expect(files).toContain('src/protocol/worker-api.ts');
    expect(files.some((f) => /^src\/app\/.*protocol/.test(f))).toBe(false);
  });
});
