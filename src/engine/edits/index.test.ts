import { describe, expect, it } from 'vitest';
import type { RoleId } from '../model/ids';
import { EDITS, estateEdit } from './index';
import { editsTestEstate, idOf } from '../testing/edits';

describe('EDITS', () => {
  const estate = editsTestEstate();

  it('describes every edit with a title and the kinds that offer it', () => {
    for (const [name, edit] of Object.entries(EDITS)) {
      expect(edit.title, name).not.toBe('');
      expect(edit.appliesTo.length, name).toBeGreaterThan(0);
    }
  });

  it('builds store edits whose labels name things as a person would', () => {
    const cpu = idOf(estate, 'compute', 'cpu');
    const uai = idOf(estate, 'userAssignedIdentity', 'uai-train');
    const identity = estateEdit('setResourceIdentity', { resource: cpu, system: true, userAssigned: [uai] }, estate);
    expect(identity.label).toBe('Set the identity of cpu to system + uai-train');
    expect(identity.apply(estate).computes[0]?.identity.system).toBe(true);

    const grant = estateEdit(
      'addRoleAssignment',
      { principal: uai, role: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId, scope: estate.containerRegistries[0]!.armId },
      estate,
    );
    expect(grant.label).toBe('Grant AcrPull to uai-train on acrml');

    const removal = estateEdit('removeRoleAssignment', { assignment: estate.roleAssignments[0]!.id }, estate);
    expect(removal.label).toBe('Remove Reader for alice@contoso.com on rg-ml');

    const storage = estateEdit(
      'setStorageAccess',
      { storageAccount: estate.storageAccounts[0]!.id, network: 'private_endpoint', allowSharedKeyAccess: false },
      estate,
    );
    expect(storage.label).toBe('stml: network private endpoints only, shared keys off');
  });
});
