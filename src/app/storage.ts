// The one way the app reaches browser storage (localStorage): null where there is none (Node,
// tests) or where reading it throws (storage disabled), and settings that never throw.

/** localStorage, or null when there is none or it is disabled. */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage disabled: reading `localStorage` throws
  }
}

/** A stored setting, or null (none stored, or no storage). */
export function readSetting(key: string): string | null {
  try {
    return browserStorage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Store a setting; without storage (private mode, Node) it lasts for this visit only. */
export function writeSetting(key: string, value: string): void {
  try {
    browserStorage()?.setItem(key, value);
  } catch {
    // no storage, or it is full: the setting lasts for this visit
  }
}
