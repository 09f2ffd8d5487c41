import type { StoreApi } from 'zustand';
import type { AppState } from './app-state';

/** The parts of a keyboard event the shortcut needs (a plain object in tests). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented?: boolean;
  target?: unknown;
}

/** True when the key goes to something the user is typing in, where Ctrl+Z must undo the typing instead. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Checkboxes and buttons take no text: Ctrl+Z there still means "undo the last edit".
  const type = typeof element.type === 'string' ? element.type.toLowerCase() : 'text';
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** Ctrl+Z (⌘Z) undoes; Ctrl+Shift+Z and Ctrl+Y redo; nothing while typing. */
export function historyAction(event: KeyLike): 'undo' | 'redo' | undefined {
  if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey) || isTypingTarget(event.target)) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
}

/** Binds undo and redo to the keyboard for the whole page; returns the function that unbinds them. */
export function installHistoryShortcuts(store: StoreApi<AppState>, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const action = historyAction(event);
    if (!action) return;
    event.preventDefault();
    if (action === 'undo') store.getState().undo();
    else store.getState().redo();
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
