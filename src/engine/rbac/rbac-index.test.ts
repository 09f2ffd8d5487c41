import { describe, expect, it } from 'vitest';
import type { RoleId } from '../model/ids';
import { buildRbacIndex } from './rbac-index';
import { customRole, EstateBuilder, permission } from '../testing/rbac';

function setup() {
  const b = new EstateBuilder();
  const mg = b.mg('corp');
  const sub = b.sub('0000aaaa-0000-4000-8000-000000000000', mg);
  const rg = b.rg(sub, 'rg-ml');
  const ws = b.workspace(rg, 'ws-prod');
  const acr = b.registry(rg, 'acrprod');
  const uai = b.uai(rg, 'uai-train', {
    clientId: 'c1c1c1c1-0000-4000-8000-000000000000',
    principalId: 'p1p1p1p1-0000-4000-8000-000000000000',
  });
  const ivan = b.user('ivan@contoso.com', 'a1a1a1a1-0000-4000-8000-000000000000');
  const g1 = b.group('g1', [uai]);
  const g2 = b.group('g2', [g1]);
  const direct = b.assign(uai, 'AcrPull', acr);
  const viaGroup = b.assign(g2, 'Reader', rg);
  const atSub = b.assign(ivan, 'Owner', sub);
  return {
    b,
    mg,
    sub,
    rg,
    ws,
    acr,
    uai,
    ivan,
    g1,
    g2,
    direct,
    viaGroup,
    atSub,
    index: buildRbacIndex(b.estate),
  };
}

describe('buildRbacIndex look-ups', () => {
  it('resolves principals by id, name, object id, client id, principal id and ARM id', () => {
    const { index, uai, ivan } = setup();
    expect(index.resolvePrincipal(uai)).toBe(uai);
    expect(index.resolvePrincipal('UAI-TRAIN')).toBe(uai);
    expect(index.resolvePrincipal('c1c1c1c1-0000-4000-8000-000000000000')).toBe(uai);
    expect(index.resolvePrincipal('P1P1P1P1-0000-4000-8000-000000000000')).toBe(uai);
    expect(index.resolvePrincipal(uai.toLowerCase())).toBe(uai);
    expect(index.resolvePrincipal('ivan@contoso.com')).toBe(ivan);
    expect(index.resolvePrincipal('a1a1a1a1-0000-4000-8000-000000000000')).toBe(ivan);
    expect(index.resolvePrincipal('nobody')).toBeUndefined();
  });

  it('resolves scopes by ARM id, name, subscription id and the root', () => {
    const { index, rg, sub, acr, mg } = setup();
    expect(index.resolveScope('/')).toBe('/');
    expect(index.resolveScope(acr)).toBe(acr.toLowerCase());
    expect(index.resolveScope('RG-ML')).toBe(rg.toLowerCase());
    expect(index.resolveScope('0000aaaa-0000-4000-8000-000000000000')).toBe(sub.toLowerCase());
    expect(index.resolveScope('corp')).toBe(mg.toLowerCase());
    expect(index.resolveScope('nothing-called-this')).toBeUndefined();
  });

  it('lists groups with their paths, outermost last', () => {
    const { index, uai, g1, g2 } = setup();
    expect(index.groupsOf(uai).map(({ group, path }) => ({ group, path }))).toEqual([
      { group: g1, path: [g1] },
      { group: g2, path: [g1, g2] },
    ]);
    expect(index.groupsOf(g2)).toEqual([]);
  });

  it('lists what a principal holds, itself and through groups', () => {
    const { index, uai, direct, viaGroup, g1, g2 } = setup();
    expect(index.assignmentsOf(uai)).toEqual([
      { assignment: direct, viaGroups: [] },
      { assignment: viaGroup, viaGroups: [g1, g2] },
    ]);
  });

  it('lists assignments made at a scope, or inherited by it', () => {
    const { index, acr, rg, direct, viaGroup, atSub } = setup();
    expect(index.assignmentsAt(acr)).toEqual([direct]);
    expect(index.assignmentsAt(rg.toUpperCase())).toEqual([viaGroup]);
    expect(index.assignmentsAt(acr, { inherited: true })).toEqual([direct, viaGroup, atSub]);
  });

  it('labels entities and scopes for people', () => {
    const { index, acr, rg, ivan } = setup();
    expect(index.scopeLabel(acr)).toBe('registry acrprod');
    expect(index.scopeLabel(rg)).toBe('resource group rg-ml');
    expect(index.scopeLabel('/')).toBe('the tenant root');
    expect(index.scopeLabel('/subscriptions/x/resourceGroups/Y')).toBe('/subscriptions/x/resourceGroups/Y');
    expect(index.nameOf(ivan)).toBe('ivan@contoso.com');
    expect(index.nameOf('group:missing')).toBe('group:missing');
  });

  it('memoises role matches and reports unknown roles', () => {
    const { index } = setup();
    const owner = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' as RoleId;
    const first = index.matchRole(owner, 'Microsoft.Foo/bar/write', false);
    expect(first).toEqual({ kind: 'granted', pattern: '*' });
    expect(index.matchRole(owner, 'MICROSOFT.FOO/BAR/WRITE', false)).toBe(first);
    expect(index.matchRole(owner, 'Microsoft.Foo/bar/write', true)).toEqual({ kind: 'none' });
    expect(index.matchRole('99999999-9999-9999-9999-999999999999' as RoleId, 'x', false)).toEqual({
      kind: 'unknownRole',
    });
  });

  it('knows principals and scopes', () => {
    const { index, ivan, acr } = setup();
    expect(index.isKnownPrincipal(ivan)).toBe(true);
    expect(index.isKnownPrincipal('user:ghost')).toBe(false);
    expect(index.isKnownScope(`${acr}/repositories/x`)).toBe(true);
    expect(index.isKnownScope('/subscriptions/ghost')).toBe(false);
  });
});

describe('buildRbacIndex from the index of an earlier estate', () => {
  it('keeps the role catalog while the role definitions are the same array, and builds it again when they change', () => {
    const { b, uai, acr, index } = setup();
    const reader = customRole('/providers/Microsoft.Authorization/roleDefinitions/custom-reader', 'Custom Reader', [permission({ actions: ['*/read'] })]);
    const withRole = { ...b.estate, roleDefinitions: [reader] };
    const first = buildRbacIndex(withRole, { previous: index });
    expect(first.catalog.get(reader.id)?.name).toBe('Custom Reader');

    const moreAssignments = { ...withRole, roleAssignments: [...withRole.roleAssignments] };
    const kept = buildRbacIndex(moreAssignments, { previous: first });
    expect(kept.catalog).toBe(first.catalog);
    // With the catalog go the role matches already worked out (the same answer object, not computed again).
    const read = first.matchRole(reader.id, 'Microsoft.Storage/storageAccounts/read', false);
    expect(kept.matchRole(reader.id, 'Microsoft.Storage/storageAccounts/read', false)).toBe(read);

    // The same role id, now granting writes too: the catalog must say so, not keep the earlier definition.
    const widened = { ...withRole, roleDefinitions: [{ ...reader, permissions: [permission({ actions: ['*'] })] }] };
    const next = buildRbacIndex(widened, { previous: first });
    expect(next.catalog.get(reader.id)?.permissions[0]?.actions).toEqual(['*']);
    expect(next.matchRole(reader.id, 'Microsoft.ContainerRegistry/registries/write', false).kind).toBe('granted');
    expect(first.matchRole(reader.id, 'Microsoft.ContainerRegistry/registries/write', false).kind).toBe('none');
    expect(next.assignmentsOf(uai).map((held) => held.assignment.scope)).toContain(acr);
  });
});
