import { describe, expect, it } from 'vitest';
import { commandKey } from './keys.ts';

const k = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('Commands view keys', () => {
  it('c toggles the view from either side; the others work in the Commands view only', () => {
    expect(commandKey(k('c'), 'hex')).toBe('toggle');
    expect(commandKey(k('c'), 'commands')).toBe('toggle');
    expect(commandKey(k('/'), 'commands')).toBe('filter');
    expect(commandKey(k('/'), 'hex')).toBeNull();
    expect(commandKey(k('p'), 'commands')).toBe('platform');
    expect(commandKey(k('h'), 'commands')).toBe('acthd');
    expect(commandKey(k('h'), 'hex')).toBeNull();
  });
  it('leaves Ctrl, Alt and Meta combinations and other keys alone', () => {
    expect(commandKey(k('c', { ctrlKey: true }), 'hex')).toBeNull();
    expect(commandKey(k('c', { metaKey: true }), 'hex')).toBeNull();
    expect(commandKey(k('/', { altKey: true }), 'commands')).toBeNull();
    expect(commandKey(k('C'), 'hex')).toBeNull();
    expect(commandKey(k('x'), 'commands')).toBeNull();
  });
});
