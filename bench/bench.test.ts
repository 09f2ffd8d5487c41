// The benchmark's own guarantees: deterministic estates of the stated sizes, questions whose answers the
// indexed evaluator, the naive one and Cedar agree on. No timing is asserted here.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, buildRbacIndex, check, referenceCheck } from '../src/engine/rbac';
import { cedarDisagreement, likePatterns, loadCedar, translate } from './cedar';
import { estateCounts, generateEstate } from './generate';
import { disagreement, sampleQuestions, scopeHierarchy } from './questions';

const within = (actual: number | undefined, stated: number): void => {
  expect(actual).toBeGreaterThanOrEqual(stated * 0.9);
  expect(actual).toBeLessThanOrEqual(stated * 1.1);
};

describe('generateEstate', () => {
  it('gives the same estate for the same seed, and another for another seed', () => {
    const a = JSON.stringify(generateEstate('S', 7));
    expect(JSON.stringify(generateEstate('S', 7))).toBe(a);
    expect(JSON.stringify(generateEstate('S', 8))).not.toBe(a);
  });

  it('builds S at the stated size', () => {
    const c = estateCounts(generateEstate('S'));
    expect([c.subscriptions, c.resourceGroups, c.workspaces]).toEqual([1, 3, 1]);
    within(c.computes, 20);
    within(c.onlineEndpoints, 5);
    within(c.onlineDeployments, 15);
    within(c.principals, 50);
    within(c.roleAssignments, 300);
  });

  it('builds M at the stated size', () => {
    const c = estateCounts(generateEstate('M'));
    within(c.subscriptions, 5);
    within(c.workspaces, 10);
    within(c.computes, 200);
    within(c.onlineEndpoints, 50);
    within(c.principals, 1_000);
    within(c.roleAssignments, 5_000);
  });

  it('gives every workspace its dependencies and identities', () => {
    const estate = generateEstate('S');
    const [workspace] = estate.workspaces;
    expect(
      workspace?.storageAccount &&
        workspace.keyVault &&
        workspace.containerRegistry &&
        workspace.applicationInsights,
    ).toBeTruthy();
    expect(estate.computes.some((c) => c.identity.system)).toBe(true);
    expect(estate.computes.some((c) => c.identity.userAssigned.length > 0)).toBe(true);
    expect(estate.datastores.length).toBeGreaterThan(0);
    expect(estate.jobs.length).toBeGreaterThan(0);
  });
});

describe('evaluators agree on a generated S estate', () => {
  const estate = generateEstate('S');
  const hierarchy = scopeHierarchy(estate);
  const index = buildRbacIndex(estate);
  const questions = sampleQuestions(estate, hierarchy, 2_000, 1);

  it('check() and referenceCheck() agree on 2,000 random questions', () => {
    const differing = questions.filter(
      (q) => disagreement(check(index, q), referenceCheck(estate, q)) !== undefined,
    );
    expect(differing).toEqual([]);
    // Not a degenerate sample: some questions are allowed, most are not.
    const allowed = questions.filter((q) => check(index, q).allowed).length;
    expect(allowed).toBeGreaterThan(100);
    expect(allowed).toBeLessThan(1_900);
  });

  it('check() and Cedar agree on the same questions', () => {
    const cedar = loadCedar(
      estate,
      hierarchy,
      translate(estate, [...BUILT_IN_ROLES, ...estate.roleDefinitions]),
      'subscription',
    );
    const differing = questions.slice(0, 100).filter((q) => {
      const { setId, call } = cedar.prepare(q);
      cedar.activate(setId);
      return cedarDisagreement(check(index, q), cedar.authorize(call)) !== undefined;
    });
    expect(differing).toEqual([]);
  });
});

describe('likePatterns', () => {
  it('doubles each star segment between slashes, since Azure lets it vanish', () => {
    expect(likePatterns('Microsoft.X/workspaces/*/read')).toEqual([
      'microsoft.x/workspaces/*/read',
      'microsoft.x/workspaces/read',
    ]);
    expect(likePatterns('*/read')).toEqual(['*/read']);
    expect(likePatterns('Microsoft.X/*')).toEqual(['microsoft.x/*']);
    expect(likePatterns('a/*/*/b').sort()).toEqual(['a/*/*/b', 'a/*/b', 'a/b']);
  });
});
