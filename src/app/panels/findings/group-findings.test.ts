import { describe, expect, it } from 'vitest';
import type { EntityId } from '../../../engine/model/ids';
import type { Finding, RuleArea, Severity } from '../../../engine/rules/types';
import { countBySeverity, filterFindings, groupFindings, subjectChoices } from './group-findings';

const id = (value: string) => value as EntityId;
function finding(ruleId: string, severity: Severity, area: RuleArea, subjects: string[], title = ruleId): Finding {
  return {
    id: `${ruleId}|${subjects.join('|')}`,
    ruleId,
    title,
    area,
    severity,
    confidence: 'documented',
    subjects: subjects.map(id),
    message: `${title} message`,
    consequence: '',
    evidence: [],
    pathIds: [],
    sources: [],
  };
}

const findings = [
  finding('AML-ACR-004', 'error', 'registry', ['uai', 'acr'], 'Cluster cannot pull'),
  finding('AML-GOV-001', 'warning', 'governance', ['ws'], 'Workspace without UAI'),
  finding('AML-CMP-003', 'warning', 'compute', ['uai', 'kv'], 'Compute cannot read secrets'),
  finding('AML-JOB-008', 'info', 'job', ['job']),
];
const names: Record<string, string> = { uai: 'uai-train', acr: 'acrchurn', ws: 'ws-churn', kv: 'kv-churn', job: 'nightly' };
const nameOf = (value: string) => names[value] ?? value;
const all = new Set<Severity>(['error', 'warning', 'info']);

describe('groupFindings', () => {
  it('groups by severity, errors first, then by area in catalog order', () => {
    const groups = groupFindings(findings);
    expect(groups.map((group) => [group.severity, group.count])).toEqual([
      ['error', 1],
      ['warning', 2],
      ['info', 1],
    ]);
    expect(groups[1]?.areas.map((area) => area.area)).toEqual(['compute', 'governance']);
  });

  it('leaves out severities with no findings', () => {
    expect(groupFindings(findings.filter((f) => f.severity !== 'error')).map((g) => g.severity)).toEqual(['warning', 'info']);
  });
});

describe('filterFindings', () => {
  it('filters by severity, by entity and by words in titles and subject names', () => {
    expect(filterFindings(findings, { severities: new Set(['error']), text: '' }, nameOf)).toHaveLength(1);
    expect(filterFindings(findings, { severities: all, entity: id('uai'), text: '' }, nameOf).map((f) => f.ruleId)).toEqual([
      'AML-ACR-004',
      'AML-CMP-003',
    ]);
    expect(filterFindings(findings, { severities: all, text: 'KV-CHURN' }, nameOf).map((f) => f.ruleId)).toEqual(['AML-CMP-003']);
    expect(filterFindings(findings, { severities: all, text: 'cannot uai-train' }, nameOf)).toHaveLength(2);
    expect(filterFindings(findings, { severities: all, text: 'aml-gov' }, nameOf)).toHaveLength(1);
  });
});

describe('subjectChoices and counts', () => {
  it('lists each subject once, by name, with how many findings name it', () => {
    expect(subjectChoices(findings, nameOf).map((choice) => [choice.name, choice.count])).toEqual([
      ['acrchurn', 1],
      ['kv-churn', 1],
      ['nightly', 1],
      ['uai-train', 2],
      ['ws-churn', 1],
    ]);
    expect(countBySeverity(findings)).toEqual({ error: 1, warning: 2, info: 1 });
  });
});
