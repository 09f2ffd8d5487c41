import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../../context/analysis-context';
import { ACTIONS } from '../../context/actions';
import { createRuleContext } from '../../analysis/analyze';
import { EstateBuilder } from '../../testing/rbac';
import { principalsWithRoleGranting, principalsWithRoleGrantingInOrder, principalsWithRolesAt } from './storage-helpers';

const KINDS = ['user', 'group', 'servicePrincipal'] as const;

/**
 * Two storage accounts under one resource group: Contributor (which lists keys) held at the subscription by a
 * nested group and at one account by a user, Reader (which does not) held widely. Every holder's answer comes
 * from somewhere different: its own role, a group's above it, a group's at the account, or nothing.
 */
function estate() {
  const b = new EstateBuilder();
  const sub = b.sub('s');
  const rg = b.rg(sub, 'rg');
  const one = b.storage(rg, 'one');
  const two = b.storage(rg, 'two');
  const inner = b.user('inner');
  const outer = b.user('outer');
  const reader = b.user('reader');
  const local = b.user('local');
  const memberHere = b.user('member-here');
  const nested = b.group('nested', [inner]);
  const admins = b.group('admins', [nested, outer]);
  const accountGroup = b.group('account-group', [memberHere]);
  b.assign(admins, 'Contributor', sub);
  // Holding some role on the chain makes a member one of the scope's role holders.
  b.assign(inner, 'Reader', rg);
  b.assign(outer, 'Reader', one);
  b.assign(reader, 'Reader', sub);
  b.assign(local, 'Contributor', one);
  b.assign(accountGroup, 'Contributor', two);
  b.assign(memberHere, 'Reader', sub);
  const context = createRuleContext(createAnalysisContext(b.estate), []);
  return { context, one, two, ids: { inner, outer, reader, local, memberHere, nested, admins, accountGroup } };
}

describe('principalsWithRoleGranting', () => {
  it('finds exactly the role holders mayGrant lets through, through groups nested or granted at the resource', () => {
    const { context, one, two, ids } = estate();
    for (const scope of [one, two]) {
      const expected = principalsWithRolesAt(context, scope, KINDS).filter((p) => context.mayGrant(p, ACTIONS.storageListKeys, scope));
      expect([...principalsWithRoleGranting(context, scope, ACTIONS.storageListKeys, KINDS)].sort()).toEqual(expected.sort());
    }
    expect([...principalsWithRoleGranting(context, one, ACTIONS.storageListKeys, KINDS)].sort()).toEqual(
      [ids.admins, ids.inner, ids.local, ids.outer].sort(),
    );
    expect([...principalsWithRoleGranting(context, two, ACTIONS.storageListKeys, KINDS)].sort()).toEqual(
      [ids.accountGroup, ids.admins, ids.inner, ids.memberHere].sort(),
    );
  });

  it('leaves out holders whose roles do not grant the action, and kinds not asked for', () => {
    const { context, one, ids } = estate();
    const found = principalsWithRoleGranting(context, one, ACTIONS.storageListKeys, KINDS);
    expect(found).not.toContain(ids.reader);
    expect(found).not.toContain(ids.memberHere);
    expect(principalsWithRoleGranting(context, one, ACTIONS.storageListKeys, ['group'])).toEqual([ids.admins]);
  });

  it('lists them in the order of the role holders of the scope when asked to, each placed at the nearest scope it holds a role', () => {
    const { context, one, two, ids } = estate();
    for (const scope of [one, two]) {
      const expected = principalsWithRolesAt(context, scope, KINDS).filter((p) => context.mayGrant(p, ACTIONS.storageListKeys, scope));
      expect(principalsWithRoleGrantingInOrder(context, scope, ACTIONS.storageListKeys, KINDS)).toEqual(expected);
    }
    // The account's own holders first (local, then outer, whose Reader is there), then inner from the resource
    // group, then admins from the subscription: not the order the set comes in.
    expect(principalsWithRoleGrantingInOrder(context, one, ACTIONS.storageListKeys, KINDS)).toEqual([ids.outer, ids.local, ids.inner, ids.admins]);
    expect(principalsWithRoleGrantingInOrder(context, one, ACTIONS.storageListKeys, ['group'])).toEqual([ids.admins]);
  });
});
