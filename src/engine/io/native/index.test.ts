import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../core/reader';
import { parseDocuments } from '../core/source';
import { nativeReader } from './index';
import { TINY_NATIVE_ESTATE as ESTATE } from '../../testing/estates';

describe('nativeReader', () => {
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
