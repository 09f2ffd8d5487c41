import { describe, expect, it } from 'vitest';
import { entityId } from '../model/ids';
import { removeRoleAssignment } from './remove-role-assignment';
import { changedCollections, editsTestEstate } from '../testing/edits';

describe('removeRoleAssignment', () => {
  const estate = editsTestEstate();

  it('removes the assignment and nothing else', () => {
    const [first, second] = estate.roleAssignments;
    const next = removeRoleAssignment(estate, { assignment: first!.id });
    expect(changedCollections(estate, next)).toEqual(['roleAssignments']);
    expect(next.roleAssignments).toEqual([second]);
    expect(next.roleAssignments[0]).toBe(second);
  });

  it('returns the same estate when there is no such assignment', () => {
    expect(removeRoleAssignment(estate, { assignment: entityId('/nope') })).toBe(estate);
  });
});
