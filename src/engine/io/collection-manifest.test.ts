import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import computeShow from '../rules/fixtures/compute-show-cluster.json';
import acrShow from './core/fixtures/contoso/az-acr.json?raw';
import roleAssignments from '../rules/fixtures/role-assignment-list-sai.json';
import workspaceShow from '../rules/fixtures/workspace-show-sai.json';
import { COLLECTION_MANIFEST_KIND } from './collection-manifest';
import { readInputs, type InputFile } from './inputs';
import { dropCredentials } from './secrets';

const json = (file: string, value: unknown): InputFile => ({ file, text: JSON.stringify(value, null, 2) });
const SUBSCRIPTION = /^\/subscriptions\/[^/]+/i.exec(workspaceShow.id)?.[0] ?? '';

function manifest(overrides: Record<string, unknown> = {}): InputFile {
  return json('collected/manifest.json', {
    kind: COLLECTION_MANIFEST_KIND,
    version: 1,
    tool: { name: 'aml-access-map', version: '0.1.0' },
    collectedAt: '2026-12-07T10:00:00.000Z',
    scopes: { asked: ['tenant'], reached: [SUBSCRIPTION], unreadable: [] },
    exported: ['role-assignments', 'resources', 'identities'],
    files: [],
    calls: [],
    ...overrides,
  });
}

const missingGrants = (files: InputFile[]) => {
  const result = readInputs(files);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { result, findings: analyze(result.estate).findings.filter((f) => f.fix?.actions.some((a) => a.kind === 'assign-role')) };
};

describe('the collection manifest', () => {
  it('says grants were exported even when the collection found none, so missing grants are judged', () => {
    const estateFiles = [json('workspace.json', workspaceShow), json('compute.json', computeShow)];
    const without = readInputs(estateFiles);
    expect(without.estate?.provenance?.facts['role-assignments']).toBe('absent');
    const withManifest = readInputs([...estateFiles, manifest()]);
    expect(withManifest.estate?.provenance?.facts['role-assignments']).toBe('export');
    expect(withManifest.estate?.provenance?.missing).toEqual([]);
    expect(withManifest.inputs?.find((i) => i.file === 'collected/manifest.json')).toEqual({ file: 'collected/manifest.json', format: 'collection-manifest', used: true });
  });

  it('concludes no missing grant under a scope whose role assignments were not readable', () => {
    // `az acr show` of the workspace registry (admin user off): the cluster pulls with its identity, which lacks AcrPull.
    const registry: InputFile = { file: 'acr.json', text: acrShow.replaceAll('acrmlprod', 'acrml') };
    const files = [json('workspace.json', workspaceShow), json('compute.json', computeShow), json('role-assignments.json', roleAssignments), registry];
    const judged = missingGrants([...files, manifest()]);
    expect(judged.findings.length).toBeGreaterThan(0);
    const unread = missingGrants([...files, manifest({ scopes: { asked: ['tenant'], reached: [], unreadable: [{ scope: SUBSCRIPTION, what: 'role assignments', reason: '403 AuthorizationFailed' }] } })]);
    expect(unread.findings).toEqual([]);
    expect(unread.result.estate?.provenance?.unreadable).toEqual([{ scope: SUBSCRIPTION, what: 'role assignments', reason: '403 AuthorizationFailed' }]);
    expect(unread.result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', file: 'collected/manifest.json', message: expect.stringContaining(`could not read role assignments at ${SUBSCRIPTION} (403 AuthorizationFailed)`) }),
    );
  });

  it('refuses a manifest that is not as documented, rather than trusting it', () => {
    const result = readInputs([json('workspace.json', workspaceShow), manifest({ exported: ['everything'] })]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', file: 'collected/manifest.json', message: expect.stringContaining('`exported` must list facts') }));
    expect(result.estate?.provenance?.facts['role-assignments']).toBe('absent');
    expect(readInputs([manifest()]).estate).toBeUndefined();
  });
});

describe('dropCredentials', () => {
  it('drops credential fields and credentials in text, and keeps the kind of credential', () => {
    const response = {
      value: [
        {
          id: '/subscriptions/x/datastores/blob',
          properties: {
            credentials: { credentialsType: 'Sas', secrets: { secretsType: 'Sas', sasToken: 'sv=2022-11-02&ss=b&sig=abcdefghijklmnopqrstuv%3D' } },
            connectionString: 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0LWtleS1ub3QtdG8tYmUtd3JpdHRlbg==',
            endpoint: 'https://st.blob.core.windows.net/c?sv=2022-11-02&se=2030-01-01&sig=abcdefghijklmnopqrstuvwxyz012345%3D',
            accountKey: '<redacted>',
          },
        },
      ],
    };
    const { value, dropped } = dropCredentials(response);
    const text = JSON.stringify(value);
    expect(text).not.toContain('sig=abcdefghij');
    expect(text).not.toContain('c2VjcmV0LWtleS1ub3QtdG8tYmUtd3JpdHRlbg');
    expect(text).toContain('"credentialsType":"Sas"');
    expect(text).toContain('/subscriptions/x/datastores/blob');
    // A placeholder is no credential: it stays, so a reader sees that something was there.
    expect(text).toContain('"accountKey":"<redacted>"');
    expect(dropped).toBe(3);
  });

  it('leaves a response without credentials as it was', () => {
    const response = { value: [{ id: '/subscriptions/x', properties: { keyVault: '/subscriptions/x/vaults/kv', principalId: 'aaaaaaaa-0000-4000-8000-000000000001' } }] };
    expect(dropCredentials(response)).toEqual({ value: response, dropped: 0 });
  });
});
