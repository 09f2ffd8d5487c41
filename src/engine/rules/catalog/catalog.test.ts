import { describe, expect, it } from 'vitest';
import { RULES } from '../all-rules';
import { CATALOG_ENTRIES, defineRule } from '.';

describe('the rule catalog', () => {
  it('describes exactly the rules that run, in the same order, with the metadata they carry', () => {
    const described = RULES.map(({ check: _check, ...metadata }) => metadata);
    expect(described).toEqual(CATALOG_ENTRIES);
    expect(RULES.map((rule) => rule.id)).toEqual(CATALOG_ENTRIES.map((entry) => entry.id));
  });

  it('makes a rule of an entry and a check, keeping the check as written', () => {
    const check = () => [];
    const rule = defineRule('AML-ACR-004', { check });
    expect(rule.id).toBe('AML-ACR-004');
    expect(rule.title).toBe('Compute cluster cannot pull images from the workspace registry');
    expect(rule.otherSeverities).toEqual(['warning']);
    expect(rule.check).toBe(check);
  });
});
