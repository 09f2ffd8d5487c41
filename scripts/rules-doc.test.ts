import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/engine/rules/all-rules';
import { CATALOG_ENTRIES } from '../src/engine/rules/catalog';
import { renderRulesMarkdown } from '../src/engine/rules/rules-doc';

describe('docs/rules.md', () => {
  it('matches the rule catalog (run `npm run docs:rules` after changing a rule)', () => {
    const onDisk = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderRulesMarkdown(CATALOG_ENTRIES));
  });

  it('lists every rule once, each with a unique id', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(renderRulesMarkdown(RULES)).toContain(`### ${id}`);
  });
});
