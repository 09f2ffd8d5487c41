import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { analyze } from '../analysis/analyze';
import { estateFromYaml } from '../testing/estates';
import { diffEstates } from './diff';
import { isEmptyDiff } from './empty';

const before = estateFromYaml(starter, 'before.yaml');

/** The starter with its missing AcrPull granted, alice's blob reader role dropped, and public access closed. */
const afterYaml = starter
  .replace(
    '  - principal: uai-build\n    role: AcrPull',
    '  - principal: uai-train\n    role: AcrPull\n    scope: acrchurnprod\n  - principal: uai-build\n    role: AcrPull',
  )
  .replace('  - principal: alice\n    role: Storage Blob Data Reader\n    scope: stchurnprod\n', '')
  .replace('    public_network_access: enabled\n    system_datastores_auth_mode', '    public_network_access: disabled\n    system_datastores_auth_mode')
  .replace('users:\n', 'users:\n  - name: erin\n    object_id: e0000000-0000-4000-8000-000000000009\n');

describe('diffEstates', () => {
  it('finds nothing between an estate and itself, even read from another file', () => {
    const diff = diffEstates(before, estateFromYaml(starter, 'again.yaml'));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.summary.findingsOpened).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it("does not count where a private endpoint was read as a change, but does count the endpoint's parts", () => {
    const endpoint = (status: string, pad: string) =>
      starter.replace(
        '    network: public\n\nkey_vaults:',
        `    network: private_endpoint\n${pad}    private_endpoints:\n      - id: /subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod/providers/Microsoft.Network/privateEndpoints/pe-blob\n        group_ids: [blob]\n        status: ${status}\n\nkey_vaults:`,
      );
    // The same endpoint two lines further down its file: another place, the same endpoint.
    const one = estateFromYaml(endpoint('Approved', ''), 'one.yaml');
    const moved = estateFromYaml(endpoint('Approved', '    # moved\n    # down\n'), 'two.yaml');
    expect(one.storageAccounts[0]?.privateEndpoints?.[0]?.sources?.[0]?.line).not.toBe(moved.storageAccounts[0]?.privateEndpoints?.[0]?.sources?.[0]?.line);
    expect(diffEstates(one, moved).entities.changed).toEqual([]);
    const pending = estateFromYaml(endpoint('Pending', ''), 'three.yaml');
    expect(diffEstates(one, pending).entities.changed).toEqual([expect.objectContaining({ kind: 'storageAccount', fields: ['privateEndpoints'] })]);
  });

  it('matches grants by principal, role and scope, not by assignment id or scope casing', () => {
    const renamed = starter
      .replace('  - principal: carol\n    role: Owner\n    scope: ml-prod\n', '  - principal: carol\n    role: Owner\n    scope: ml-prod\n    id: /subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/providers/Microsoft.Authorization/roleAssignments/99999999-9999-4999-8999-999999999999\n')
      .replace('resourceGroups/rg-ml-prod/providers/Microsoft.Storage/storageAccounts/stchurnprod/blobServices', 'resourcegroups/RG-ML-PROD/providers/microsoft.storage/storageaccounts/STCHURNPROD/blobServices');
    const after = estateFromYaml(renamed, 'renamed.yaml');
    expect(after.roleAssignments.map((a) => a.id)).not.toEqual(before.roleAssignments.map((a) => a.id));
    const diff = diffEstates(before, after);
    expect(diff.grants).toEqual({ added: [], removed: [], conditionChanged: [] });
  });

  it('reports grants added and removed, with readable names', () => {
    const diff = diffEstates(before, estateFromYaml(afterYaml, 'after.yaml'));
    expect(diff.grants.added.map((g) => `${g.roleName} for ${g.principalName} on ${g.scopeName}`)).toEqual(['AcrPull for uai-train on acrchurnprod']);
    expect(diff.grants.removed.map((g) => `${g.roleName} for ${g.principalName} on ${g.scopeName}`)).toEqual(['Storage Blob Data Reader for alice on stchurnprod']);
  });

  it('reports the path whose status changed, by path id', () => {
    const diff = diffEstates(before, estateFromYaml(afterYaml, 'after.yaml'));
    const pull = diff.paths.changed.find((p) => p.id.startsWith('compute-image-pull|') && p.title.includes('cpu-cluster'));
    expect(pull).toMatchObject({ before: { status: 'missing' }, after: { status: 'granted' }, changed: ['status'] });
    expect(diff.summary.pathsChanged).toBe(diff.paths.changed.length);
  });

  it('reports a path whose resolved identity changed', () => {
    const switched = starter.replace(
      '    identity:\n      type: user_assigned\n      user_assigned_identities:\n        - resource_id: uai-train\n    created_on: 2025-03-12',
      '    identity:\n      type: system_assigned\n    created_on: 2025-03-12',
    );
    const diff = diffEstates(before, estateFromYaml(switched, 'switched.yaml'));
    const changed = diff.paths.changed.filter((p) => p.changed.includes('identity'));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.some((p) => p.before.identity.includes('uai-train') && !p.after.identity.includes('uai-train'))).toBe(true);
    expect(diff.entities.changed).toEqual([expect.objectContaining({ kind: 'compute', name: 'cpu-cluster', fields: ['identity'] })]);
  });

  it('reports findings opened and closed by finding id', () => {
    const diff = diffEstates(before, estateFromYaml(afterYaml, 'after.yaml'));
    expect(diff.findings.closed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['AML-ACR-004', 'AML-GOV-003']));
    expect(diff.findings.opened.map((f) => f.ruleId)).not.toContain('AML-ACR-004');
    const beforeIds = new Set(analyze(before).findings.map((f) => f.id));
    for (const f of diff.findings.closed) expect(beforeIds.has(f.id)).toBe(true);
    for (const f of diff.findings.opened) expect(beforeIds.has(f.id)).toBe(false);
    expect(diff.summary.findingsClosed.warning).toBeGreaterThanOrEqual(1);
  });

  it('reports entities added, removed and changed with the fields that changed', () => {
    const diff = diffEstates(before, estateFromYaml(afterYaml, 'after.yaml'));
    expect(diff.entities.added).toEqual([expect.objectContaining({ kind: 'user', name: 'erin' })]);
    expect(diff.entities.removed).toEqual([]);
    expect(diff.entities.changed).toEqual([expect.objectContaining({ kind: 'workspace', name: 'ws-churn', fields: ['publicNetworkAccess'] })]);
    const reverse = diffEstates(estateFromYaml(afterYaml, 'after.yaml'), before);
    expect(reverse.entities.removed).toEqual([expect.objectContaining({ kind: 'user', name: 'erin' })]);
    expect(reverse.grants.added.map((g) => g.principalName)).toEqual(['alice']);
  });

  it('reports a condition added to an existing grant', () => {
    const conditioned = starter.replace(
      '  - principal: alice\n    role: Storage Blob Data Reader\n    scope: stchurnprod\n',
      "  - principal: alice\n    role: Storage Blob Data Reader\n    scope: stchurnprod\n    condition: \"@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'training'\"\n    condition_version: '2.0'\n",
    );
    const diff = diffEstates(before, estateFromYaml(conditioned, 'conditioned.yaml'));
    expect(diff.grants.added).toEqual([]);
    expect(diff.grants.conditionChanged).toHaveLength(1);
    expect(diff.grants.conditionChanged[0]?.after.condition).toContain('StringEquals');
  });
});
