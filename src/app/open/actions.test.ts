// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { shareLinkHash } from './actions.ts';

describe('shareLinkHash', () => {
  it('takes a pasted share link, and nothing else', () => {
    expect(shareLinkHash('https://x.example/app/#s=AQID')).toBe('#s=AQID');
    expect(shareLinkHash('  http://localhost:4173/?range=0x1#s=AQID\n')).toBe('#s=AQID');
    expect(shareLinkHash('https://x.example/#other')).toBeNull();
    expect(shareLinkHash('**** Xe Device Coredump ****\nkernel: 6.19')).toBeNull();
    expect(shareLinkHash('https://x.example/#s=AQID and more text')).toBeNull();
    expect(shareLinkHash('ftp://x/#s=AQID')).toBeNull();
  });
});
