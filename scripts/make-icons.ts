// Writes the app's PNG icons from public/icon.svg (the SVG favicon): 192 and 512 px icons with a
// transparent background, maskable 192 and 512 px icons (full-bleed background, the drawing kept
// inside the central safe zone), and a 180 px Apple touch icon. Run `npx tsx scripts/make-icons.ts`
// after changing the SVG; the PNGs are committed in public/. A test (make-icons.test.ts) checks that
// every file exists at its size.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateMaskableAsset, generateTransparentAsset } from '@vite-pwa/assets-generator/api';

export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** The icon's own background colour, which is also the manifest's theme colour. */
export const ICON_BACKGROUND = '#1f3a5f';

export interface IconSpec {
  file: string;
  size: number;
  kind: 'transparent' | 'maskable' | 'apple';
}

export const ICONS: IconSpec[] = [
  { file: 'pwa-192x192.png', size: 192, kind: 'transparent' },
  { file: 'pwa-512x512.png', size: 512, kind: 'transparent' },
  { file: 'maskable-icon-192x192.png', size: 192, kind: 'maskable' },
  { file: 'maskable-icon-512x512.png', size: 512, kind: 'maskable' },
  { file: 'apple-touch-icon-180x180.png', size: 180, kind: 'apple' },
];

async function main(): Promise<void> {
  const svg = readFileSync(`${PUBLIC_DIR}icon.svg`);
  const background = ICON_BACKGROUND;
  for (const icon of ICONS) {
    const png = { compressionLevel: 9, quality: 100 } as const;
    const image =
      icon.kind === 'transparent'
        ? await generateTransparentAsset('png', svg, icon.size, { padding: 0, outputOptions: png })
        : // A maskable icon may be cut to any shape that holds its central circle of 80% of the
          // size: the drawing, scaled to 90%, has its glyph's diagonal at 74% of the size, on a
          // full-bleed background of the icon's own colour (so its rounded square disappears).
          await generateMaskableAsset('png', svg, icon.size, {
            padding: 0.1,
            resizeOptions: { background, fit: 'contain' },
            outputOptions: png,
          });
    writeFileSync(`${PUBLIC_DIR}${icon.file}`, await image.toBuffer());
    console.log(`wrote public/${icon.file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
