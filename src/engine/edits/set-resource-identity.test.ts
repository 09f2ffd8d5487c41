import { describe, expect, it } from 'vitest';
import { systemIdentityId } from '../model/ids';
import { setResourceIdentity } from './set-resource-identity';
import { changedCollections, editsTestEstate, idOf, validationErrors } from '../testing/edits';

describe('setResourceIdentity', () => {
  const estate = editsTestEstate();
  const ws = idOf(estate, 'workspace', 'ws-ml');
  const cpu = idOf(estate, 'compute', 'cpu');
  const ep = idOf(estate, 'onlineEndpoint', 'ep');
  const uaiTrain = idOf(estate, 'userAssignedIdentity', 'uai-train');
  const uaiOther = idOf(estate, 'userAssignedIdentity', 'uai-other');

  it('returns the same estate when the setting does not change', () => {
    expect(setResourceIdentity(estate, { resource: cpu, system: false, userAssigned: [uaiTrain] })).toBe(estate);
    expect(setResourceIdentity(estate, { resource: ws, system: true, userAssigned: [] })).toBe(estate);
  });

  it('returns the same estate for an id that is not a workspace, compute or endpoint', () => {
    expect(setResourceIdentity(estate, { resource: uaiTrain, system: true, userAssigned: [] })).toBe(estate);
  });

  it('turning on a system identity declares it, named as Azure names it, and shares everything else', () => {
    const next = setResourceIdentity(estate, { resource: cpu, system: true, userAssigned: [uaiTrain] });
    expect(changedCollections(estate, next)).toEqual(['computes', 'systemAssignedIdentities']);
    const compute = next.computes.find((c) => c.id === cpu);
    expect(compute?.identity).toEqual({ system: true, userAssigned: [uaiTrain] });
    expect(next.systemAssignedIdentities.at(-1)).toEqual({
      id: systemIdentityId(cpu),
      kind: 'systemAssignedIdentity',
      name: 'ws-ml/computes/cpu',
      owner: cpu,
    });
    // Untouched entities are the same objects.
    expect(next.systemAssignedIdentities[0]).toBe(estate.systemAssignedIdentities[0]);
    expect(next.computes.filter((c) => c.id !== cpu)).toEqual(estate.computes.filter((c) => c.id !== cpu));
    expect(validationErrors(next)).toEqual([]);
    expect(estate.computes.find((c) => c.id === cpu)?.identity.system).toBe(false);
  });

  it('turning off a system identity removes it and the grants it held', () => {
    const next = setResourceIdentity(estate, { resource: ep, system: false, userAssigned: [uaiOther] });
    expect(changedCollections(estate, next)).toEqual(['onlineEndpoints', 'roleAssignments', 'systemAssignedIdentities']);
    expect(next.systemAssignedIdentities.map((s) => s.id)).not.toContain(systemIdentityId(ep));
    expect(next.roleAssignments.some((a) => a.principal === systemIdentityId(ep))).toBe(false);
    expect(next.roleAssignments).toHaveLength(estate.roleAssignments.length - 1);
    expect(validationErrors(next)).toEqual([]);
  });

  it('removes a dropped system identity from groups and key vault access policies', () => {
    const saiWs = systemIdentityId(ws);
    const withMembership = {
      ...estate,
      groups: estate.groups.map((g) => ({ ...g, members: [...g.members, saiWs] })),
      keyVaults: estate.keyVaults.map((kv) => ({
        ...kv,
        accessPolicies: [{ principal: saiWs, keys: [], secrets: ['get'], certificates: [] }],
      })),
    };
    const next = setResourceIdentity(withMembership, { resource: ws, system: false, userAssigned: [uaiTrain] });
    expect(next.groups.every((g) => !g.members.includes(saiWs))).toBe(true);
    expect(next.keyVaults.every((kv) => kv.accessPolicies.length === 0)).toBe(true);
  });

  it('keeps user-assigned order, drops duplicates, and sets or clears the workspace primary identity', () => {
    const set = setResourceIdentity(estate, {
      resource: ws,
      system: true,
      userAssigned: [uaiOther, uaiTrain, uaiOther],
      primaryUserAssignedIdentity: uaiOther,
    });
    const workspace = set.workspaces[0];
    expect(workspace?.identity.userAssigned).toEqual([uaiOther, uaiTrain]);
    expect(workspace?.primaryUserAssignedIdentity).toBe(uaiOther);
    expect(changedCollections(estate, set)).toEqual(['workspaces']);

    const kept = setResourceIdentity(set, { resource: ws, system: true, userAssigned: [uaiOther] });
    expect(kept.workspaces[0]?.primaryUserAssignedIdentity).toBe(uaiOther);
    const cleared = setResourceIdentity(kept, {
      resource: ws,
      system: true,
      userAssigned: [uaiOther],
      primaryUserAssignedIdentity: null,
    });
    expect(cleared.workspaces[0]).not.toHaveProperty('primaryUserAssignedIdentity');
  });

  it('round-trips: off then on again gives back the same identities (but not the dropped grants)', () => {
    const off = setResourceIdentity(estate, { resource: ep, system: false, userAssigned: [] });
    const on = setResourceIdentity(off, { resource: ep, system: true, userAssigned: [] });
    expect(on.onlineEndpoints[0]?.identity).toEqual(estate.onlineEndpoints[0]?.identity);
    expect(on.systemAssignedIdentities.map((s) => s.name).sort()).toEqual(
      estate.systemAssignedIdentities.map((s) => s.name).sort(),
    );
  });
});
