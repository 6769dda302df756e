// Every colour is defined once, in theme.css, with its light and dark value; the other stylesheets
// only use the variables, and every variable they use exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..');
const THEME = join(import.meta.dirname, 'theme.css');

function cssFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? cssFiles(p) : n.endsWith('.css') ? [p] : [];
  });
}

const strip = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');
const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|(?<![\w-])(?:white|black|red|green|blue|gray|grey|silver|yellow|orange)(?![\w-])/gi;

describe('theme.css', () => {
  const theme = strip(readFileSync(THEME, 'utf8'));
  const defined = new Set([...theme.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));

  it('defines each colour once, with a light and a dark value', () => {
    const decls = [...theme.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)];
    expect(decls.length).toBeGreaterThan(40);
    const names = decls.map((d) => d[1]);
    expect(new Set(names).size).toBe(names.length);
    for (const [, name, value] of decls) expect(value, name).toMatch(/^light-dark\(.+,.+\)$/s);
  });

  it('is the only stylesheet that names a colour', () => {
    const offenders: string[] = [];
    for (const f of cssFiles(SRC)) {
      if (f === THEME) continue;
      strip(readFileSync(f, 'utf8')).split('\n').forEach((line, i) => {
        // Custom properties holding sizes are fine; a colour literal anywhere is not.
        if (line.match(COLOUR)) offenders.push(`${f.slice(SRC.length + 1)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('defines every colour variable the stylesheets use', () => {
    const local = new Set<string>();
    const used = new Set<string>();
    for (const f of cssFiles(SRC)) {
      const css = strip(readFileSync(f, 'utf8'));
      for (const m of css.matchAll(/(--[\w-]+)\s*:/g)) local.add(m[1]);
      for (const m of css.matchAll(/var\((--[\w-]+)/g)) used.add(m[1]);
    }
    // --w-* are the pane widths (set on the columns by App.tsx); --mono is the font.
    const missing = [...used].filter((v) => !defined.has(v) && !local.has(v) && !v.startsWith('--w-'));
    expect(missing).toEqual([]);
  });
});
