import { describe, expect, it } from 'vitest';
import { estateEdit } from '../edits';
import type { EntityId } from '../model/ids';
import { leastRole, leastRoleEdit } from './least-role';
import { ALICE, BLOB_READ, questionEstate, STORAGE } from './test-estate';

describe('least built-in role', () => {
  it('picks the role with the fewest catalog operations, not the fewest patterns', () => {
    const pull = leastRole(ALICE as EntityId, 'Microsoft.ContainerRegistry/registries/pull/read', false, '/x');
    expect(pull?.role.name).toBe('AcrPull');
    const read = leastRole(ALICE as EntityId, BLOB_READ, true, STORAGE);
    expect(read?.role.name).toBe('Storage Blob Data Reader');
    expect(read?.alternatives.map((a) => a.name)).not.toContain('Contributor');
    expect(read?.breadth).toBeLessThan(read?.alternatives.at(-1)?.breadth ?? 0);
  });

  it("falls back to the widest roles only when nothing narrower grants it, and is undefined when none does", () => {
    // Only the `*` of Contributor and Owner covers an operation no provider publishes.
    expect(leastRole(ALICE as EntityId, 'Contoso.Made/up/action', false, '/')?.role.name).toBe('Contributor');
    expect(leastRole(ALICE as EntityId, 'Contoso.Made/up/action', true, '/')).toBeUndefined();
  });

  it('turns into the what-if edit that adds the assignment', () => {
    const suggestion = leastRole(ALICE as EntityId, BLOB_READ, true, STORAGE);
    if (suggestion === undefined) throw new Error('a role grants blob read');
    const edit = leastRoleEdit(suggestion);
    expect(edit).toEqual({
      name: 'addRoleAssignment',
      params: { principal: ALICE, role: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', scope: STORAGE, description: `Least built-in role for ${BLOB_READ}` },
    });
    const estate = questionEstate();
    const applied = estateEdit(edit.name, edit.params, estate);
    expect(applied.label).toBe('Grant Storage Blob Data Reader to alice@contoso.com on stml');
    expect(applied.apply(estate).roleAssignments.length).toBe(estate.roleAssignments.length + 1);
  });
});
