import { describe, expect, it } from 'vitest';
import type { RoleId } from '../model/ids';
import { addRoleAssignment, plannedAssignmentId } from './add-role-assignment';
import { changedCollections, editsTestEstate, idOf, validationErrors } from '../testing/edits';

const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as RoleId;

describe('addRoleAssignment', () => {
  const estate = editsTestEstate();
  const uai = idOf(estate, 'userAssignedIdentity', 'uai-train');
  const acr = estate.containerRegistries[0]!;

  it('adds a planned assignment with a deterministic id, sharing every other collection', () => {
    const next = addRoleAssignment(estate, { principal: uai, role: ACR_PULL, scope: acr.armId });
    expect(changedCollections(estate, next)).toEqual(['roleAssignments']);
    const added = next.roleAssignments.at(-1);
    expect(added).toEqual({
      id: plannedAssignmentId(uai, ACR_PULL, acr.armId),
      principal: uai,
      principalType: 'ServicePrincipal',
      role: ACR_PULL,
      scope: acr.armId,
      origin: 'planned',
    });
    expect(added?.id).toMatch(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/);
    expect(addRoleAssignment(estate, { principal: uai, role: ACR_PULL, scope: acr.armId }).roleAssignments.at(-1)?.id).toBe(
      added?.id,
    );
    expect(validationErrors(next)).toEqual([]);
  });

  it('does nothing when the principal already holds the role at that scope (any casing)', () => {
    const alice = idOf(estate, 'user', 'alice@contoso.com');
    const rg = estate.resourceGroups[0]!;
    expect(addRoleAssignment(estate, { principal: alice, role: READER, scope: rg.armId.toUpperCase() })).toBe(estate);
    expect(addRoleAssignment(estate, { principal: alice, role: READER.toUpperCase() as RoleId, scope: rg.armId })).toBe(estate);
  });

  it('keeps a condition and description, and names the principal type', () => {
    const group = idOf(estate, 'group', 'team');
    const next = addRoleAssignment(estate, {
      principal: group,
      role: READER,
      scope: '/',
      condition: "@Resource[x] == 'y'",
      description: 'why',
    });
    expect(next.roleAssignments.at(-1)).toMatchObject({
      principalType: 'Group',
      scope: '/',
      condition: "@Resource[x] == 'y'",
      conditionVersion: '2.0',
      description: 'why',
    });
  });
});
