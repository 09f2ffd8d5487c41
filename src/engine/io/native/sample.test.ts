import { describe, expect, it } from 'vitest';
import { validateEstate } from '../../model/validate';
import starter from '../../../../public/samples/starter.yaml?raw';
import index from '../../../../public/samples/index.json';
import { readNativeEstate } from './index';

describe('bundled samples', () => {
  it('lists the starter sample in the index', () => {
    expect(index).toContainEqual(expect.objectContaining({ id: 'starter', file: 'starter.yaml' }));
    for (const entry of index)
      for (const field of ['id', 'title', 'summary', 'file'] as const)
        expect(typeof entry[field]).toBe('string');
  });

  it('reads the starter sample with no diagnostics at all', () => {
    const { estate, diagnostics } = readNativeEstate(starter, 'starter.yaml');
    expect(diagnostics).toEqual([]);
    expect(estate).toBeDefined();
    expect(validateEstate(estate!)).toEqual([]);
  });

  it('has the shape the sample promises', () => {
    const estate = readNativeEstate(starter, 'starter.yaml').estate!;
    expect(estate.managementGroups).toHaveLength(1);
    expect(estate.subscriptions).toHaveLength(1);
    expect(estate.subscriptions[0]?.managementGroup).toBe(estate.managementGroups[0]?.id);
    expect(estate.resourceGroups).toHaveLength(1);
    expect(estate.workspaces).toHaveLength(1);
    const ws = estate.workspaces[0]!;
    expect(ws.identity).toEqual({ system: true, userAssigned: [] });
    for (const dependency of [ws.storageAccount, ws.keyVault, ws.containerRegistry, ws.applicationInsights])
      expect(dependency).toBeDefined();
    expect(estate.userAssignedIdentities).toHaveLength(2);
    expect(estate.computes.map((c) => c.computeType).sort()).toEqual(['amlcompute', 'computeinstance']);
    const cluster = estate.computes.find((c) => c.computeType === 'amlcompute')!;
    expect(cluster.identity.userAssigned).toHaveLength(1);
    expect(estate.onlineEndpoints).toHaveLength(1);
    expect(estate.onlineDeployments).toHaveLength(1);
    expect(estate.datastores.map((d) => d.credentialKind).sort()).toEqual(['account_key', 'none']);
    expect(estate.connections).toHaveLength(1);
    expect(estate.jobs.map((j) => j.jobType).sort()).toEqual(['command', 'pipeline']);
    expect(estate.users).toHaveLength(3);
    expect(estate.groups.some((g) => g.members.some((m) => m.startsWith('group:')))).toBe(true);
    expect(estate.roleAssignments.length).toBeGreaterThanOrEqual(12);
    // The deliberate gap: nobody grants the cluster's identity AcrPull on the workspace registry.
    const acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
    const uai = cluster.identity.userAssigned[0];
    expect(estate.roleAssignments.filter((a) => a.principal === uai && a.role === acrPull)).toEqual([]);
  });

  it('carries no real-looking secret: the account key is a placeholder', () => {
    expect(starter).toMatch(/account_key: <redacted>/);
    expect(starter).not.toMatch(/[A-Za-z0-9+]{40,}={0,2}/);
  });
});
