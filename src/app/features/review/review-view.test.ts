import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../../engine/analysis/analyze';
import { reviewSummary } from '../../../engine/review/summary';
import { estateFromYaml } from '../../../engine/testing/estates';
import { draftChanged, draftOf, draftProblem, filterChecklist } from './review-view';

describe('review checklist view', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');
  const analysis = analyze(estate);
  const pull = analysis.findings.find((f) => f.ruleId === 'AML-ACR-004')!;
  const summary = reviewSummary(analysis, { ...estate, review: { entries: [{ finding: pull.id, status: 'fixed' }] } });

  it('filters the checklist by status, dropping areas left empty', () => {
    expect(filterChecklist(summary, 'all')).toBe(summary.areas);
    const fixed = filterChecklist(summary, 'fixed');
    expect(fixed).toEqual([{ area: 'registry', findings: [expect.objectContaining({ status: 'fixed' })] }]);
    const toFix = filterChecklist(summary, 'to-fix').flatMap((group) => group.findings);
    expect(toFix).toHaveLength(analysis.findings.length - 1);
    expect(filterChecklist(summary, 'accepted-risk')).toEqual([]);
  });

  it('asks for a reason only for an accepted risk', () => {
    expect(draftProblem('f', { status: 'accepted-risk', reason: ' ', notes: '' })).toMatch(/needs a reason/);
    expect(draftProblem('f', { status: 'accepted-risk', reason: 'sandbox', notes: '' })).toBeUndefined();
    expect(draftProblem('f', { status: 'fixed', reason: '', notes: '' })).toBeUndefined();
  });

  it('knows when a draft differs from what is saved', () => {
    const entry = { finding: 'f', status: 'accepted-risk' as const, reason: 'sandbox' };
    expect(draftChanged(draftOf(entry), entry)).toBe(false);
    expect(draftChanged({ ...draftOf(entry), notes: 'more' }, entry)).toBe(true);
    expect(draftChanged({ ...draftOf(entry), reason: ' sandbox ' }, entry)).toBe(false);
    // Nothing saved yet: saving even a blank "to fix" records that the finding was looked at.
    expect(draftChanged(draftOf(undefined), undefined)).toBe(true);
  });
});
