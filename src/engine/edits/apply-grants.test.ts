import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import type { EntityId, RoleId } from '../model/ids';
import { applyFixGrants, fixGrantsOf, type FixGrant } from './apply-grants';
import { changedCollections, editsTestEstate, idOf, validationErrors } from '../testing/edits';

const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId;

describe('fixGrantsOf', () => {
  const principal = 'p' as EntityId;
  it('keeps the grant actions once each, in order, and leaves commands and manual steps out', () => {
    const changes = fixGrantsOf([
      { kind: 'manual', text: 'ask the owner' },
      { kind: 'assign-role', principal, role: ACR_PULL, scope: '/subscriptions/s/resourceGroups/RG' },
      { kind: 'command', az: ['az something'] },
      { kind: 'assign-role', principal, role: ACR_PULL.toUpperCase() as RoleId, scope: '/subscriptions/s/resourcegroups/rg' },
      { kind: 'set-key-vault-policy', vault: 'kv' as EntityId, principal, secrets: ['get'] },
      { kind: 'set-key-vault-policy', vault: 'kv' as EntityId, principal, secrets: ['List', 'get'], keys: ['get'] },
    ]);
    expect(changes).toEqual([
      { kind: 'assign-role', principal, role: ACR_PULL, scope: '/subscriptions/s/resourceGroups/RG' },
      { kind: 'set-key-vault-policy', vault: 'kv', principal, secrets: ['get', 'list'], keys: ['get'] },
    ]);
  });
});

describe('applyFixGrants', () => {
  const estate = editsTestEstate();
  const uai = idOf(estate, 'userAssignedIdentity', 'uai-train');
  const vault = estate.keyVaults[0]!;
  const registry = estate.containerRegistries[0]!;

  it('adds planned assignments and access-policy permissions in one step, and nothing a second time', () => {
    const changes: FixGrant[] = [
      { kind: 'assign-role', principal: uai, role: ACR_PULL, scope: registry.armId },
      { kind: 'set-key-vault-policy', vault: vault.id, principal: uai, secrets: ['get', 'list'] },
    ];
    const next = applyFixGrants(estate, changes);
    expect(changedCollections(estate, next)).toEqual(['keyVaults', 'roleAssignments']);
    expect(next.roleAssignments.at(-1)).toMatchObject({ principal: uai, role: ACR_PULL, scope: registry.armId, origin: 'planned' });
    expect(next.keyVaults[0]!.accessPolicies.find((p) => p.principal === uai)).toEqual({
      principal: uai,
      keys: [],
      secrets: ['get', 'list'],
      certificates: [],
    });
    expect(validationErrors(next)).toEqual([]);
    expect(applyFixGrants(next, changes)).toBe(next);
  });

  it('closes the findings whose fix it applies', () => {
    const before = analyze(estate);
    const fixable = before.findings.filter((f) => f.fix?.actions.some((a) => a.kind === 'assign-role'));
    expect(fixable.length).toBeGreaterThan(0);
    const after = analyze(applyFixGrants(estate, fixGrantsOf(fixable.flatMap((f) => f.fix?.actions ?? []))));
    const still = after.findings.filter((f) => fixable.some((g) => g.id === f.id)).map((f) => f.id);
    expect(still).toEqual([]);
  });
});

describe('a least-privilege swap', () => {
  it('removes the assignment a command names, and adds the narrower one, in one step', () => {
    const estate = editsTestEstate();
    const wide = estate.roleAssignments[0]!;
    const changes = fixGrantsOf([
      { kind: 'assign-role', principal: wide.principal, role: ACR_PULL, scope: estate.containerRegistries[0]!.armId },
      { kind: 'command', az: ['az role assignment delete --ids x'], removes: wide.id },
      { kind: 'command', az: ['az something else'] },
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['assign-role', 'remove-role-assignment']);
    const next = applyFixGrants(estate, changes);
    expect(next.roleAssignments.some((a) => a.id === wide.id)).toBe(false);
    expect(next.roleAssignments.at(-1)).toMatchObject({ principal: wide.principal, role: ACR_PULL });
  });
});
