import { describe, expect, it } from 'vitest';
import { historyAction, isTypingTarget, type KeyLike } from './history-shortcuts';

const key = (init: Partial<KeyLike>): KeyLike => ({ key: 'z', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...init });

describe('history shortcuts', () => {
  it('maps Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and ⌘Z', () => {
    expect(historyAction(key({}))).toBe('undo');
    expect(historyAction(key({ key: 'Z', shiftKey: true }))).toBe('redo');
    expect(historyAction(key({ key: 'y' }))).toBe('redo');
    expect(historyAction(key({ ctrlKey: false, metaKey: true }))).toBe('undo');
  });

  it('ignores other keys, Alt, no modifier, and events already handled', () => {
    expect(historyAction(key({ key: 'x' }))).toBeUndefined();
    expect(historyAction(key({ altKey: true }))).toBeUndefined();
    expect(historyAction(key({ ctrlKey: false }))).toBeUndefined();
    expect(historyAction(key({ defaultPrevented: true }))).toBeUndefined();
  });

  it('leaves Ctrl+Z to text fields, but not to checkboxes or buttons', () => {
    for (const target of [{ tagName: 'INPUT', type: 'text' }, { tagName: 'input', type: 'search' }, { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(isTypingTarget(target)).toBe(true);
      expect(historyAction(key({ target }))).toBeUndefined();
    }
    for (const target of [{ tagName: 'INPUT', type: 'checkbox' }, { tagName: 'BUTTON' }, { tagName: 'DIV' }, null]) expect(historyAction(key({ target }))).toBe('undo');
  });
});
