// The Commands view's one-key shortcuts (pressed outside text fields, without Ctrl/Alt/Meta). Pure.
import type { PaneMode } from './commands-store.ts';

export type CommandAction = 'toggle' | 'filter' | 'platform' | 'acthd';

/** Keys and what they do, for the shortcut help. */
export const COMMAND_KEYS: { key: string; action: CommandAction; description: string; where?: string }[] = [
  { key: 'c', action: 'toggle', description: 'Hex / Commands view of the range or blob' },
  { key: '/', action: 'filter', description: 'Filter instructions by name', where: 'in the Commands view' },
  { key: 'p', action: 'platform', description: 'Platform menu (decode as another GPU)', where: 'in the Commands view' },
  { key: 'h', action: 'acthd', description: 'Go to the instruction at ACTHD', where: 'in the Commands view' },
];

type KeyLike = { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean };

/** What a key does in the given view, or null. */
export function commandKey(e: KeyLike, mode: PaneMode): CommandAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const k = COMMAND_KEYS.find((x) => x.key === e.key);
  if (!k) return null;
  if (k.action !== 'toggle' && mode !== 'commands') return null;
  return k.action;
}
