import { describe, expect, it } from 'vitest';
import { RULES } from '../all-rules';
import type { EntityId } from '../../model/ids';
import type { FindingDraft } from '../types';
import { CATALOG_ENTRIES, checkBySubject, defineRule } from '.';

describe('the rule catalog', () => {
  it('describes exactly the rules that run, in the same order, with the metadata they carry', () => {
    const described = RULES.map(({ check: _check, bySubject: _bySubject, ...metadata }) => metadata);
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

  it('runs a check written per subject as each subject in turn', () => {
    const draft = (subject: string, n: number): FindingDraft => ({ subjects: [subject as EntityId], message: `${subject} ${n}`, consequence: 'none' });
    const drafts = (subject: string) => [draft(subject, 1), draft(subject, 2)];
    const rule = defineRule('AML-ACR-004', checkBySubject({ subjects: () => ['b', 'a'], check: (_, subject) => drafts(subject) }));
    const context = {} as Parameters<typeof rule.check>[0];
    expect([...rule.check(context)].map((d) => d.message)).toEqual(['b 1', 'b 2', 'a 1', 'a 2']);
    expect(rule.bySubject?.subjects(context)).toEqual(['b', 'a']);
  });
});
