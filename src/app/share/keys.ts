// The sharing shortcuts. Pure.
type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Ctrl+Shift+S (Cmd+Shift+S): Share. */
export function isShareKey(e: Key): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 's';
}

/** Ctrl+Shift+E (Cmd+Shift+E): Export snapshot. */
export function isExportKey(e: Key): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'e';
}
