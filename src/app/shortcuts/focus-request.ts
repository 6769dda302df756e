// "Put the focus there" for shortcuts whose action is a focus (Ctrl+G → the go-to box, Ctrl+F →
// the search box). The key's action asks by name; the element's component takes the request when
// it is mounted (at once, or as soon as it mounts), so a key pressed before the element exists is
// not lost.
import { useEffect, type RefObject } from 'react';
import { create } from 'zustand';

export type FocusName = 'goto' | 'search' | 'commands-list' | 'commands-filter' | 'commands-platform' | 'hex-grid';

interface FocusRequestState {
  /** The element asked for, until its component has focused it. */
  pending: FocusName | null;
}

export const useFocusRequest = create<FocusRequestState>()(() => ({ pending: null }));

/** Ask for the focus to go to a named element. */
export function requestFocus(name: FocusName): void {
  useFocusRequest.setState({ pending: name });
}

/** Take a pending request for `name` (true once, then it is cleared). */
export function takeFocusRequest(name: FocusName): boolean {
  if (useFocusRequest.getState().pending !== name) return false;
  useFocusRequest.setState({ pending: null });
  return true;
}

/** In the component that owns the element: focus it (and select the text of a text box) when asked. */
export function useFocusTarget(name: FocusName, ref: RefObject<HTMLElement | null>): void {
  const pending = useFocusRequest((s) => s.pending === name);
  useEffect(() => {
    const el = ref.current;
    if (!pending || !el || !takeFocusRequest(name)) return;
    el.focus({ preventScroll: true });
    if (el instanceof HTMLInputElement) el.select();
  }, [pending, name, ref]);
}
