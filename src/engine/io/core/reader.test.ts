import { describe, expect, it } from 'vitest';
import { sourceFile } from './reader';

const ESTATE = `version: 1
name: tiny
subscriptions:
  - name: sub
    id: 11111111-2222-4333-8444-555555555555
`;

describe('sourceFile', () => {
  it('parses its text on first use only, and keeps the per-file options', () => {
    const source = sourceFile('a.yaml', ESTATE, { group: 'admins' });
    const first = source.parsed();
    expect(source.parsed()).toBe(first);
    expect(first.docs).toHaveLength(1);
    expect(source.options).toEqual({ group: 'admins' });
  });
});
