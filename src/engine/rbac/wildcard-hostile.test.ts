import { describe, expect, it } from 'vitest';
import type { RoleId } from '../model/ids';
import type { RoleDefinition } from '../model/types';
import { check } from './check';
import { buildRbacIndex } from './rbac-index';
import { EstateBuilder } from '../testing/rbac';
import { compilePattern, matcherSteps } from './wildcard';

/**
 * Hostile role definitions: patterns built to make a backtracking matcher take exponential or quadratic-per-star
 * time. The matcher counts its steps (states visited), and each test holds it to the linear bound, at most a
 * few steps per pattern character per action character, instead of timing it.
 */

/** Steps a one-pass NFA may take: every state once per action character, plus its closure and slash moves. */
function bound(pattern: string, action: string): number {
  return 4 * (pattern.length + 1) * (action.length + 1);
}

function stepsOf(run: () => void): number {
  const before = matcherSteps();
  run();
  return matcherSteps() - before;
}

describe('wildcard matching on hostile patterns', () => {
  it('matches thousands of stars against long actions within the linear bound', () => {
    const pattern = `${'*a'.repeat(2_000)}*`;
    const compiled = compilePattern(pattern);
    const cases: [string, boolean][] = [
      ['a'.repeat(5_000), true],
      ['a'.repeat(1_999), false],
      ['ab'.repeat(2_500), true],
      [`${'b'.repeat(4_000)}${'a'.repeat(1_000)}`, false],
      ['b'.repeat(5_000), false],
    ];
    for (const [action, expected] of cases) {
      let result = !expected;
      const steps = stepsOf(() => {
        result = compiled.matches(action);
      });
      expect(result).toBe(expected);
      expect(steps).toBeGreaterThan(0);
      expect(steps).toBeLessThanOrEqual(bound(pattern, action));
    }
  });

  it('keeps star-slash runs and collapsing slashes linear too', () => {
    const cases: [string, string, boolean][] = [
      [`${'*/'.repeat(1_000)}x`, `${'/'.repeat(3_000)}y`, false],
      [`${'*/'.repeat(1_000)}x`, `${'/'.repeat(3_000)}x`, true],
      [`a${'/*'.repeat(1_000)}/b`, 'a/b', true],
      [`a${'/*'.repeat(1_000)}/b`, `a/${'q/'.repeat(2_000)}c`, false],
      [`${'*a*'.repeat(700)}/read`, `${'A'.repeat(3_000)}/READ`, true],
    ];
    for (const [pattern, action, expected] of cases) {
      const compiled = compilePattern(pattern);
      let result = !expected;
      const steps = stepsOf(() => {
        result = compiled.matches(action);
      });
      expect(result).toBe(expected);
      expect(steps).toBeLessThanOrEqual(bound(pattern, action));
    }
  });

  it('grows the work linearly, not faster, as the action grows', () => {
    const compiled = compilePattern(`${'*a'.repeat(300)}*b`);
    const at = (n: number) => stepsOf(() => compiled.matches('a'.repeat(n)));
    // Once every state is live, each further character costs the same: equal increments, not growing ones.
    const first = at(4_000) - at(2_000);
    const second = at(6_000) - at(4_000);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeLessThanOrEqual(first);
  });

  it('checks access through a role with thousands of hostile actions within the summed bound', () => {
    const hostile = Array.from({ length: 3_000 }, (_, i) => `${'*a'.repeat(5 + (i % 10))}*/x${i}`);
    const role: RoleDefinition = {
      id: '99999999-9999-4999-8999-999999999999' as RoleId,
      name: 'Hostile',
      roleType: 'CustomRole',
      assignableScopes: ['/'],
      permissions: [
        {
          actions: [...hostile, 'Microsoft.Storage/storageAccounts/read'],
          notActions: hostile.slice(0, 1_000),
          dataActions: hostile.slice(0, 1_000),
          notDataActions: [],
        },
      ],
    };
    const b = new EstateBuilder();
    b.estate.roleDefinitions.push(role);
    const rg = b.rg(b.sub('s'), 'rg');
    const sa = b.storage(rg, 'sa');
    const u = b.user('u');
    b.assign(u, role.id, rg);
    const index = buildRbacIndex(b.estate);

    const long = `Microsoft.Storage/${'a'.repeat(300)}/x2999`;
    const patterns = [...hostile, ...hostile.slice(0, 1_000)];
    const limit = patterns.reduce((sum, p) => sum + bound(p, long), 0);
    let effect = '';
    const steps = stepsOf(() => {
      effect = check(index, { principal: u, action: long, scope: sa }).effect;
    });
    expect(effect).toBe('allowed');
    expect(steps).toBeLessThanOrEqual(limit);

    // The plain action among the hostile ones still matches, and one not listed is still refused.
    expect(
      check(index, { principal: u, action: 'Microsoft.Storage/storageAccounts/read', scope: sa }).effect,
    ).toBe('allowed');
    expect(
      check(index, { principal: u, action: 'Microsoft.Storage/storageAccounts/write', scope: sa }).effect,
    ).toBe('denied');
  });
});
