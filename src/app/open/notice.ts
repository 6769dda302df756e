// Short notes from the open controls that are not open failures (clipboard refused, several files
// dropped). Kept apart from the dump store's `error`, which is about the dump itself.
import { create } from 'zustand';

export interface Notice {
  message: string;
  /** 'warning' is announced at once (role=alert); 'info' politely (role=status). */
  tone: 'info' | 'warning';
}

interface NoticeState {
  notice: Notice | null;
  show(message: string, tone?: Notice['tone']): void;
  clear(): void;
}

export const useNoticeStore = create<NoticeState>()((set) => ({
  notice: null,
  show(message, tone = 'info') {
    set({ notice: { message, tone } });
  },
  clear() {
    set({ notice: null });
  },
}));

// The one file picker (in the top bar); the Welcome screen's "Open dump" button uses it too, so the
// page has a single <input type=file>.
let picker: HTMLInputElement | null = null;

export function registerPicker(el: HTMLInputElement | null): void {
  picker = el;
}

export function chooseFile(): void {
  picker?.click();
}
