import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ICONS, PUBLIC_DIR } from './make-icons.ts';

// The PNG icons are committed (run `npx tsx scripts/make-icons.ts` to refresh them from icon.svg).
describe('app icons', () => {
  for (const icon of ICONS) {
    it(`public/${icon.file} is a ${icon.size} px ${icon.kind} PNG`, async () => {
      const file = `${PUBLIC_DIR}${icon.file}`;
      expect(existsSync(file)).toBe(true);
      const meta = await sharp(file).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', icon.size, icon.size]);
      const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3];
      // A maskable (or Apple) icon is cut to a shape by the system: its corners must be painted.
      // The plain icon keeps the rounded square of the SVG, so its corners are see-through.
      expect(alphaAt(0, 0)).toBe(icon.kind === 'transparent' ? 0 : 255);
      expect(alphaAt(icon.size - 1, icon.size - 1)).toBe(icon.kind === 'transparent' ? 0 : 255);
      expect(alphaAt(icon.size >> 1, icon.size >> 1)).toBe(255);
    });
  }
});
