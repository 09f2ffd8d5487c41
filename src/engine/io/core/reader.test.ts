import { describe, expect, it } from 'vitest';
import { sourceFile } from './reader';
import { TINY_NATIVE_ESTATE as ESTATE } from '../../testing/estates';

describe('sourceFile', () => {
  it('parses its text on first use only, and keeps the per-file options', () => {
    const source = sourceFile('a.yaml', ESTATE, { group: 'admins' });
    const first = source.parsed();
    expect(source.parsed()).toBe(first);
    expect(first.docs).toHaveLength(1);
    expect(source.options).toEqual({ group: 'admins' });
  });
});
