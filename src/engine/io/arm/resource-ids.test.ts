import { describe, expect, it } from 'vitest';
import { canonicalArmId } from '../core/azure/ids';
import { assignmentSuffixAt, pathOf, pathOfName, providerId, resourceGroupIdOf, withoutTrailingSlashes } from './resource-ids';

describe('resource ids of a template', () => {
  it('reads a full name against its type in place, as a split into names would', () => {
    const type = 'Microsoft.MachineLearningServices/workspaces/computes';
    expect(pathOfName(type, 'ws/cpu')).toBe('Microsoft.MachineLearningServices/workspaces/ws/computes/cpu');
    expect(pathOfName(type, 'ws/cpu')).toBe(pathOf(type, ['ws', 'cpu']));
    // One name per type segment, empty names included, as `name.split('/')` gives them.
    expect(pathOfName(type, '/cpu')).toBe(pathOf(type, ['', 'cpu']));
    expect(pathOfName(type, 'ws/')).toBe(pathOf(type, ['ws', '']));
  });

  it('refuses a name with more or fewer segments than its type, and a type without one', () => {
    const type = 'Microsoft.MachineLearningServices/workspaces/computes';
    expect(pathOfName(type, 'cpu')).toBeUndefined();
    expect(pathOfName(type, 'ws/cpu/extra')).toBeUndefined();
    expect(pathOfName('Microsoft.Storage', 'st')).toBeUndefined();
  });

  it("finds where a role assignment's id leaves its scope, whatever the spelling", () => {
    const scope = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st';
    const guid = '00000000-0000-4000-8000-000000000001';
    expect(assignmentSuffixAt(`${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`)).toBe(scope.length);
    expect(assignmentSuffixAt(`${scope}/providers/microsoft.authorization/roleassignments/${guid}`)).toBe(scope.length);
    // The last one counts, though an earlier one is spelled as the reader writes it.
    const nested = `${scope}/providers/Microsoft.Authorization/roleAssignments/a/providers/MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/${guid}`;
    expect(assignmentSuffixAt(nested)).toBe(nested.toLowerCase().lastIndexOf('/providers/microsoft.authorization/roleassignments/'));
    expect(assignmentSuffixAt(scope)).toBe(-1);
  });

  it('makes a resource group id once per subscription and group, and trims trailing slashes', () => {
    const target = { subscriptionId: 's', resourceGroup: 'rg' };
    expect(resourceGroupIdOf(target)).toBe('/subscriptions/s/resourceGroups/rg');
    expect(resourceGroupIdOf(target)).toBe(resourceGroupIdOf(target));
    // Each module has a target of its own: the same place gives the same id, another place its own.
    expect(resourceGroupIdOf({ ...target })).toBe(resourceGroupIdOf(target));
    expect(resourceGroupIdOf({ ...target, resourceGroup: 'rg-2' })).toBe('/subscriptions/s/resourceGroups/rg-2');
    expect(withoutTrailingSlashes('/subscriptions/s//')).toBe('/subscriptions/s');
    expect(withoutTrailingSlashes('/subscriptions/s')).toBe('/subscriptions/s');
  });

  it('gives the canonical id of a base, type and name, the same at every lookup, and none for a name that does not fit', () => {
    const base = '/subscriptions/s/resourcegroups/rg';
    const type = 'microsoft.machinelearningservices/workspaces/computes';
    const id = providerId(base, type, 'ws/cpu', canonicalArmId);
    expect(id).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/cpu');
    expect(providerId(base, type, 'ws/cpu', canonicalArmId)).toBe(id);
    // Names are kept as written, and each name has its own id.
    expect(providerId(base, type, 'ws/GPU', canonicalArmId)).toBe(`${id?.slice(0, -3) ?? ''}GPU`);
    expect(providerId(base, type, 'cpu', canonicalArmId)).toBeUndefined();
  });
});

