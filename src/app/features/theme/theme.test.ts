import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, toggledChoice } from './theme';

describe('theme choice', () => {
  it('follows the system until the user chooses', () => {
    expect(resolveTheme(undefined, true)).toBe('dark');
    expect(resolveTheme(undefined, false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('stores only a choice that differs from the system', () => {
    // Light system: toggling goes dark (stored), toggling again goes back to following the system.
    expect(toggledChoice(undefined, false)).toBe('dark');
    expect(toggledChoice('dark', false)).toBeUndefined();
    // Dark system: the same, mirrored.
    expect(toggledChoice(undefined, true)).toBe('light');
    expect(toggledChoice('light', true)).toBeUndefined();
  });

  it('ignores unreadable stored values', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('purple')).toBeUndefined();
    expect(parseThemeChoice(null)).toBeUndefined();
  });
});
