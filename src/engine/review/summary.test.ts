import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { analyze } from '../analysis/analyze';
import type { Estate } from '../model/types';
import { estateFromYaml } from '../testing/estates';
import { reviewEntryOf, reviewEntryProblem, reviewStatusLabel } from './entry';
import { reviewSummary } from './summary';

describe('reviewSummary', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');
  const analysis = analyze(estate);
  const pull = analysis.findings.find((f) => f.ruleId === 'AML-ACR-004')!;
  const governance = analysis.findings.find((f) => f.ruleId === 'AML-GOV-001')!;

  it('counts every finding as to fix while nothing is reviewed', () => {
    const summary = reviewSummary(analysis, estate);
    expect(summary.unreviewed).toBe(analysis.findings.length);
    expect(summary.totals).toEqual({ 'to-fix': analysis.findings.length, 'accepted-risk': 0, fixed: 0 });
    expect(summary.counts.error['to-fix']).toBe(analysis.summary.findings.error);
    expect(summary.counts.warning['to-fix']).toBe(analysis.summary.findings.warning);
    expect(summary.stale).toEqual([]);
    expect(summary.findings.every((f) => f.entry === undefined && f.status === 'to-fix')).toBe(true);
  });

  it('counts reviewed findings by severity and status and keeps entries of vanished findings as stale', () => {
    const reviewed: Estate = {
      ...estate,
      review: {
        entries: [
          { finding: pull.id, status: 'accepted-risk', reason: 'test workspace only' },
          { finding: governance.id, status: 'fixed' },
          { finding: 'AML-OLD-001|gone', status: 'fixed', notes: 'from last quarter' },
        ],
      },
    };
    const summary = reviewSummary(analysis, reviewed);
    // The pull finding (AML-ACR-004 on a user-assigned identity) and the governance one are both warnings.
    expect(pull.severity).toBe('warning');
    expect(summary.counts.error).toEqual({ 'to-fix': analysis.summary.findings.error, 'accepted-risk': 0, fixed: 0 });
    expect(summary.counts.warning).toEqual({ 'to-fix': analysis.summary.findings.warning - 2, 'accepted-risk': 1, fixed: 1 });
    expect(summary.unreviewed).toBe(analysis.findings.length - 2);
    expect(summary.stale).toEqual([{ finding: 'AML-OLD-001|gone', status: 'fixed', notes: 'from last quarter' }]);
    expect(summary.findings.find((f) => f.finding.id === pull.id)).toMatchObject({ status: 'accepted-risk', entry: { reason: 'test workspace only' } });
  });

  it('groups findings by area in catalog order', () => {
    const summary = reviewSummary(analysis, estate);
    const areas = summary.areas.map((group) => group.area);
    expect(areas[0]).toBe('registry');
    expect(areas.indexOf('compute')).toBeLessThan(areas.indexOf('governance'));
    expect(summary.areas.flatMap((group) => group.findings)).toHaveLength(analysis.findings.length);
    expect(summary.areas.find((group) => group.area === 'registry')?.findings.map((f) => f.finding.id)).toContain(pull.id);
  });

  it('tells paths whose identity was set on purpose from those a default picked, per kind', () => {
    const { identity } = reviewSummary(analysis, estate);
    expect(identity.explicit + identity.fallback).toBe(analysis.paths.length);
    expect(identity.fallbackPaths.every((path) => path.identity.chosen === 'fallback')).toBe(true);
    const pullRow = identity.byKind.find((row) => row.kind === 'compute-image-pull');
    expect(pullRow).toEqual({ kind: 'compute-image-pull', explicit: 0, fallback: 1 });
    const dependencies = identity.byKind.find((row) => row.kind === 'workspace-dependency');
    expect(dependencies?.fallback).toBe(0);
    expect(dependencies?.explicit).toBeGreaterThan(0);
    expect(identity.byKind.some((row) => row.explicit + row.fallback === 0)).toBe(false);
  });
});

describe('review entries', () => {
  it('require a reason for an accepted risk and a finding id, and nothing else', () => {
    expect(reviewEntryProblem({ finding: 'x', status: 'accepted-risk' })).toMatch(/needs a reason/);
    expect(reviewEntryProblem({ finding: 'x', status: 'accepted-risk', reason: ' ' })).toMatch(/needs a reason/);
    expect(reviewEntryProblem({ finding: ' ', status: 'fixed' })).toMatch(/name the finding/);
    expect(reviewEntryProblem({ finding: 'x', status: 'accepted-risk', reason: 'ok' })).toBeUndefined();
    expect(reviewEntryProblem({ finding: 'x', status: 'to-fix' })).toBeUndefined();
  });

  it('are found by finding id, and statuses have words', () => {
    const estate = { review: { entries: [{ finding: 'a', status: 'fixed' as const }] } } as Estate;
    expect(reviewEntryOf(estate, 'a')?.status).toBe('fixed');
    expect(reviewEntryOf(estate, 'b')).toBeUndefined();
    expect(reviewStatusLabel('accepted-risk')).toBe('Accepted risk');
  });
});
