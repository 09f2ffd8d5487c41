import { describe, expect, it } from 'vitest';
import doc from '../../../../docs/estate-format.md?raw';
import starter from '../../../../public/samples/starter.yaml?raw';
import { readNativeEstate } from './index';
import { FIELDS, REVIEW_ENTRY_FIELDS, REVIEW_FIELDS, SECTIONS } from './schema';

/** The fenced blocks of the format documentation with the given info string, in order. */
function codeBlocks(language: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  let currentLanguage = '';
  for (const line of doc.split('\n')) {
    if (current === undefined && line.startsWith('```')) {
      current = [];
      currentLanguage = line.slice(3).trim();
    } else if (current !== undefined && line === '```') {
      if (currentLanguage === language) blocks.push(current.map((l) => `${l}\n`).join(''));
      current = undefined;
    } else current?.push(line);
  }
  return blocks;
}

describe('docs/estate-format.md', () => {
  it('shows the starter sample as its complete example, unchanged', () => {
    expect(codeBlocks('yaml').at(-1)).toBe(starter);
  });

  it('prints the diagnostics of its error example exactly as they come out', () => {
    const example = codeBlocks('yaml').find((block) => block.includes('name: Demo'));
    const printed = codeBlocks('').find((block) => block.startsWith('estate.yaml:'));
    const { diagnostics } = readNativeEstate(example ?? '', 'estate.yaml');
    expect(
      diagnostics
        .map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} (at ${d.path})`)
        .join('\n') + '\n',
    ).toBe(printed);
  });

  it('documents every section and every field the reader accepts', () => {
    for (const section of SECTIONS) expect(doc, section).toContain(`\`${section}\``);
    for (const fields of Object.values(FIELDS))
      for (const field of fields) expect(doc, field).toMatch(new RegExp(`\`${field}[\`:]`));
    for (const field of [...REVIEW_FIELDS, ...REVIEW_ENTRY_FIELDS]) expect(doc, field).toMatch(new RegExp(`\`${field}[\`:]`));
  });

  it('shows a review example that reads without problems', () => {
    const example = codeBlocks('yaml').find((block) => block.startsWith('review:'));
    const { estate, diagnostics } = readNativeEstate(`version: 1\nname: x\n${example ?? ''}`, 'review.yaml');
    expect(diagnostics).toEqual([]);
    expect(estate?.review?.entries).toHaveLength(1);
  });
});
