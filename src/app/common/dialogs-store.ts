// Which of the app's own dialogs is shown: the keyboard shortcuts help (?) and the recent dumps (r).
// Their keys (shortcuts/registry.ts) and their buttons open them through here.
import { create } from 'zustand';

export type DialogName = 'help' | 'recent';

interface DialogsState {
  open: DialogName | null;
  show(name: DialogName): void;
  hide(name: DialogName): void;
}

export const useDialogsStore = create<DialogsState>()((set, get) => ({
  open: null,
  show(name) {
    set({ open: name });
  },
  hide(name) {
    if (get().open === name) set({ open: null });
  },
}));
