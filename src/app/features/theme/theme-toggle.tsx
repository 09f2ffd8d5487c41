import { useCallback, useSyncExternalStore } from 'react';
import {
  applyTheme,
  readThemeChoice,
  resolveTheme,
  systemPrefersDark,
  toggledChoice,
  watchSystemTheme,
  writeThemeChoice,
  type Theme,
} from './theme';

// The theme lives in two external stores (localStorage and the system setting); this subscribes to both.
const listeners = new Set<() => void>();
function notify() {
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  const unwatch = watchSystemTheme(() => {
    applyTheme(currentTheme());
    notify();
  });
  const onStorage = () => {
    applyTheme(currentTheme());
    notify();
  };
  // Another tab changed the choice.
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    unwatch();
    window.removeEventListener('storage', onStorage);
  };
}
function currentTheme(): Theme {
  return resolveTheme(readThemeChoice(), systemPrefersDark());
}

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme);
  const toggle = useCallback(() => {
    writeThemeChoice(toggledChoice(readThemeChoice(), systemPrefersDark()));
    applyTheme(currentTheme());
    notify();
  }, []);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      aria-pressed={dark}
      onClick={toggle}
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" className="fill-current">
        {dark ? (
          <path d="M17.3 12.9A7.5 7.5 0 0 1 7.1 2.7a7.5 7.5 0 1 0 10.2 10.2Z" />
        ) : (
          <path d="M10 14a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm0-11a1 1 0 0 0 1-1V1a1 1 0 1 0-2 0v1a1 1 0 0 0 1 1Zm0 14a1 1 0 0 0-1 1v1a1 1 0 1 0 2 0v-1a1 1 0 0 0-1-1Zm8-8h-1a1 1 0 1 0 0 2h1a1 1 0 1 0 0-2ZM3 10a1 1 0 0 0-1-1H1a1 1 0 1 0 0 2h1a1 1 0 0 0 1-1Zm12.7-4.3.7-.7a1 1 0 1 0-1.4-1.4l-.7.7a1 1 0 1 0 1.4 1.4ZM4.3 14.3l-.7.7A1 1 0 1 0 5 16.4l.7-.7a1 1 0 0 0-1.4-1.4Zm11.4 0a1 1 0 1 0-1.4 1.4l.7.7a1 1 0 0 0 1.4-1.4l-.7-.7ZM4.3 5.7a1 1 0 0 0 1.4-1.4L5 3.6A1 1 0 0 0 3.6 5l.7.7Z" />
        )}
      </svg>
      <span>Dark mode</span>
    </button>
  );
}
