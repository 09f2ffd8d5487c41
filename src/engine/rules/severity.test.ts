import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import { readInputs } from '../io/inputs';
import { RULES } from './all-rules';
import { CATALOG_ENTRIES } from './catalog';
import { emittableSeverities, findingSeverity, mayReportErrors } from './severity';
import { isConfirmedFact, UNCONFIRMED_FACTS } from '../context/sources';
import type { Rule } from './types';

const FACT_ID = /^(R([1-9]|[1-8][0-9])|section [1-9])$/;

/** Every sample and every az ml file of the corpus, by path. */
const INPUTS: Record<string, string> = {
  ...import.meta.glob<string>('../../../public/samples/*.yaml', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../../fixtures/corpus/azureml-examples/**/*.{yml,yaml}', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
};

describe('every severity rests on a confirmed fact', () => {
  it('cites only facts of the fact sheet, or the unconfirmed parts of them it lists', () => {
    for (const rule of CATALOG_ENTRIES)
      for (const fact of rule.facts)
        expect(FACT_ID.test(fact) || Object.hasOwn(UNCONFIRMED_FACTS, fact), `${rule.id} cites ${fact}`).toBe(true);
  });

  it('lets a rule emit error only when it is documented and every fact it cites is confirmed', () => {
    for (const rule of CATALOG_ENTRIES) {
      if (!emittableSeverities(rule).includes('error')) continue;
      expect(rule.confidence, rule.id).toBe('documented');
      expect(rule.facts.filter((fact) => !isConfirmedFact(fact)), rule.id).toEqual([]);
    }
  });

  it('prints AML-ACR-001 and AML-WS-011 as warnings, and AML-ACR-004 and AML-CMP-006 as error or warning', () => {
    const byId = new Map(RULES.map((rule) => [rule.id, rule]));
    const of = (id: string) => emittableSeverities(byId.get(id) as Rule);
    expect(of('AML-ACR-001')).toEqual(['warning']);
    expect(of('AML-WS-011')).toEqual(['warning']);
    expect(of('AML-ACR-004')).toEqual(['error', 'warning']);
    expect(of('AML-CMP-006')).toEqual(['error', 'warning']);
  });

  it('caps a finding that cites an unconfirmed fact at warning, whatever the draft asks', () => {
    const rule = RULES.find((r) => r.id === 'AML-ACR-004') as Rule;
    const draft = { subjects: [], message: '', consequence: '' };
    expect(mayReportErrors(rule)).toBe(true);
    expect(findingSeverity(rule, draft)).toBe('error');
    expect(findingSeverity(rule, { ...draft, facts: ['R20:cluster-uai'] })).toBe('warning');
    expect(findingSeverity(rule, { ...draft, severity: 'info', facts: ['R20:cluster-uai'] })).toBe('info');
  });

  it('never emits a severity the catalog does not print, over every sample and corpus file', () => {
    const seen = new Set<string>();
    for (const [file, text] of Object.entries(INPUTS)) {
      const estate = readInputs([{ file, text }]).estate;
      if (!estate) continue;
      for (const finding of analyze(estate).findings) {
        const rule = RULES.find((r) => r.id === finding.ruleId) as Rule;
        expect(emittableSeverities(rule), `${finding.ruleId} in ${file}`).toContain(finding.severity);
        seen.add(finding.ruleId);
      }
    }
    expect(Object.keys(INPUTS).length).toBeGreaterThan(200);
    expect(seen.size).toBeGreaterThan(20);
  });
});
