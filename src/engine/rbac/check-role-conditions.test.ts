import { describe, expect, it } from 'vitest';
import type { EntityId } from '../model/ids';
import type { Permission, RoleDefinition } from '../model/types';
import { BUILT_IN_ROLES, findBuiltInRole } from './builtin-roles';
import { allows, check } from './check';
import { parseCondition } from './conditions';
import { describeDecision } from './describe';
import { buildRbacIndex } from './rbac-index';
import { customRole, EstateBuilder } from '../testing/rbac';

// Conditions written on built-in role definitions themselves (not on assignments), taken from the generated
// catalog: delegation roles that may write role assignments only for listed roles, and data-action limits.

const ROLE_WRITE = 'Microsoft.Authorization/roleAssignments/write';
const ROLE_DELETE = 'Microsoft.Authorization/roleAssignments/delete';

function holder(role: string, extra: { condition?: string } = {}) {
  const b = new EstateBuilder();
  const rg = b.rg(b.sub('s'), 'rg');
  const vault = b.keyVault(rg, 'kv');
  const u = b.user('u');
  b.assign(u, role, rg, extra.condition === undefined ? {} : { condition: extra.condition, conditionVersion: '2.0' });
  return { b, rg, vault, u };
}

function ask(b: EstateBuilder, principal: EntityId, action: string, scope: string, dataAction = false) {
  const index = buildRbacIndex(b.estate);
  const decision = check(index, { principal, action, scope, dataAction });
  // The yes or no without the decision agrees on every role condition here (the property test has no role conditions).
  expect(allows(index, { principal, action, scope, dataAction })).toBe(decision.allowed);
  return { decision, lines: describeDecision(decision, index) };
}

describe('conditions on built-in role definitions', () => {
  it('are all readable: every conditioned block of the generated catalog parses', () => {
    const blocks = BUILT_IN_ROLES.flatMap((role) =>
      (role.permissions as (Permission & { condition?: string })[])
        .filter((p) => p.condition !== undefined)
        .map((p) => ({ role: role.name, parsed: parseCondition(p.condition as string) })),
    );
    expect(blocks.length).toBe(31);
    expect(blocks.filter((b) => !b.parsed.ok).map((b) => b.role)).toEqual([]);
  });

  it('leave a delegated role-assignment write conditional, quoting the role definition’s condition', () => {
    const { b, vault, u } = holder('Key Vault Data Access Administrator');
    const { decision, lines } = ask(b, u, ROLE_WRITE, vault);
    expect(decision.effect).toBe('conditional');
    expect(decision.allowed).toBe(false);
    const grant = decision.grants[0];
    expect(grant?.roleCondition).toContain('@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]');
    expect(grant?.condition).toBe(grant?.roleCondition);
    expect(grant?.conditionVerdict?.outcome).toBe('undecided');
    expect(grant?.conditionVerdict?.because.join(' ')).toMatch(/^the role definition's condition: .*RoleDefinitionId/);
    expect(lines[0]).toMatch(/^Conditional, because the role definition's condition: .*only roles whose definitions carry an ABAC condition let u perform/);
  });

  it('decide an action the condition lets through by name: deployments are allowed outright', () => {
    const { b, vault, u } = holder('Key Vault Data Access Administrator');
    const { decision } = ask(b, u, 'Microsoft.Resources/deployments/write', vault);
    expect(decision.effect).toBe('allowed');
    expect(decision.grants[0]?.conditionVerdict?.outcome).toBe('holds');
  });

  it('apply only to the block that carries them: Azure Sphere Owner reads without a condition', () => {
    const sphere = findBuiltInRole('Azure Sphere Owner') as RoleDefinition;
    const plain = sphere.permissions.find((p) => (p as { condition?: string }).condition === undefined) as Permission;
    const action = plain.actions.find((a) => !a.includes('*')) as string;
    const { b, rg, u } = holder('Azure Sphere Owner');
    const read = ask(b, u, action, rg).decision;
    expect(read.effect).toBe('allowed');
    expect(read.grants[0]?.roleCondition).toBeUndefined();
    expect(read.grants[0]?.condition).toBeUndefined();
    const write = ask(b, u, ROLE_DELETE, rg).decision;
    expect(write.effect).toBe('conditional');
    expect(write.grants[0]?.roleCondition).toMatch(/^@Resource\[Microsoft.Authorization\/roleAssignments:RoleDefinitionId\]/);
  });

  it('limit data actions: Privileged Monitoring Data Reader reads table data only conditionally, metadata outright', () => {
    const { b, rg, u } = holder('Privileged Monitoring Data Reader');
    const data = ask(b, u, 'Microsoft.OperationalInsights/workspaces/tables/data/read', rg, true).decision;
    expect(data.effect).toBe('conditional');
    expect(data.grants[0]?.conditionVerdict?.because.join(' ')).toContain('protectionLevel');
    const control = ask(b, u, 'Microsoft.OperationalInsights/workspaces/read', rg).decision;
    expect(control.effect).toBe('allowed');
  });

  it('join an assignment condition by AND: a failing assignment condition denies though the role’s is open', () => {
    const { b, vault, u } = holder('Key Vault Data Access Administrator', {
      condition: `(!(ActionMatches{'${ROLE_WRITE}'}))`,
    });
    const { decision } = ask(b, u, ROLE_WRITE, vault);
    expect(decision.effect).toBe('denied');
    const notMet = decision.conditionsNotMet?.[0];
    expect(notMet?.conditionVerdict?.outcome).toBe('fails');
    expect(notMet?.condition).toMatch(/^\(\(!\(ActionMatches.*\) AND \(/);
    expect(notMet?.roleCondition).toBeDefined();
  });

  it('never allow through a role condition that cannot be read', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const u = b.user('u');
    const custom = customRole('11111111-2222-3333-4444-555555555555', 'Half-written delegation', [
      { actions: [ROLE_WRITE], notActions: [], dataActions: [], notDataActions: [], condition: '((!(ActionMatches{' },
    ], [rg]);
    b.estate.roleDefinitions.push(custom);
    b.assign(u, custom.id, rg);
    const { decision, lines } = ask(b, u, ROLE_WRITE, rg);
    expect(decision.effect).toBe('conditional');
    expect(decision.grants[0]?.conditionVerdict?.outcome).toBe('unreadable');
    expect(lines.join('\n')).toContain('could not be read');
  });
});
