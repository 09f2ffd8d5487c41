/**
 * Light or dark. The page follows the system until the user picks the other one with the toggle; picking
 * the system's own theme again goes back to following it, so a later change of the system is honoured.
 * The choice is a class on <html> (Tailwind's class strategy) and one localStorage entry.
 */
export type Theme = 'light' | 'dark';
/** `undefined`: follow the system. */
export type ThemeChoice = Theme | undefined;

export const THEME_STORAGE_KEY = 'aml-access-map.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The stored choice; anything unreadable counts as none (storage can be disabled or hold junk). */
export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : undefined;
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice ?? (systemDark ? 'dark' : 'light');
}

/** The choice after a click on the toggle: the other theme, stored only when it differs from the system's. */
export function toggledChoice(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  const next: Theme = resolveTheme(choice, systemDark) === 'dark' ? 'light' : 'dark';
  return next === (systemDark ? 'dark' : 'light') ? undefined : next;
}

export function readThemeChoice(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return undefined;
  }
}

export function writeThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === undefined) window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private modes may refuse storage: the theme still changes for this visit.
  }
}

export function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('dark', theme === 'dark');
  // Native controls (scroll bars, date pickers, select lists) follow too.
  root.style.colorScheme = theme;
}

/** Called once before the first render, so the page never flashes the wrong theme. */
export function initTheme(): void {
  applyTheme(resolveTheme(readThemeChoice(), systemPrefersDark()));
}

/** Calls `listener` when the system theme changes; returns the unsubscribe function. */
export function watchSystemTheme(listener: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
