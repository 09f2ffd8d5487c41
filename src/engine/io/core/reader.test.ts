import { describe, expect, it } from 'vitest';
import { nativeReader } from '../native';
import { sourceFile, type SourceFile } from './reader';
import { parseDocuments } from './source';

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

describe('a format reader', () => {
  it('reads the documents it is given rather than parsing the text again (a native file is parsed once)', () => {
    let parses = 0;
    const parsed = parseDocuments(ESTATE, 'a.yaml');
    // The text is not an estate at all: only the shared parse can give the reader one.
    const source: SourceFile = {
      file: 'a.yaml',
      text: 'not: [an estate',
      options: {},
      parsed: () => {
        parses++;
        return parsed;
      },
    };
    const [result] = nativeReader([source]);
    expect(parses).toBe(1);
    expect(result?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result?.estate?.name).toBe('tiny');
  });
});
