import { describe, expect, it } from 'vitest';
import datastoreList from '../azcli/fixtures/datastore-list.json';
import identityList from '../azcli/fixtures/identity-list.json';
import workspaceShow from '../azcli/fixtures/workspace-show.json';
import { readInputs, type InputFile } from '../inputs';

// The same datastore or identity told by two formats is one entity, whatever the order of the files: az ml
// YAML beside `az ml datastore show -o json`, `az ml workspace show -o json` beside `az identity show -o json`.
const WS = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod';
const json = (value: unknown) => JSON.stringify(value, null, 2);
const WORKSPACE_SHOW = json(workspaceShow);
const DATASTORE_SHOW = json(datastoreList[0]);
const DATASTORE_YAML = `$schema: https://azuremlschemas.azureedge.net/latest/azureBlob.schema.json
name: workspaceblobstore
type: azure_blob
account_name: stmlprod
container_name: azureml-blobstore-12345
`;
const UAI_WS = (identityList as { name: string }[]).find((u) => u.name === 'uai-ws');
const IDENTITY_SHOW = json(UAI_WS);

/** Every permutation of the files. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * Reads the files in every order; no order may err, and the entities must not differ (where each was read
 * aside: that names a file, and the provenance lists the files in input order).
 */
function readEveryOrder(files: InputFile[]) {
  const results = permutations(files).map((order) => readInputs(order));
  const entities = (estate: (typeof results)[number]['estate']) => {
    const { provenance: _files, name: _name, ...rest } = estate ?? {};
    return JSON.parse(JSON.stringify(rest, (key, v: unknown) => (key === 'source' ? undefined : v))) as unknown;
  };
  for (const result of results) {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(entities(result.estate)).toEqual(entities(results[0]?.estate));
  }
  return results[0]?.estate;
}

describe('one entity from two formats, in any file order', () => {
  it('a datastore YAML and `az ml datastore show` of the same datastore', () => {
    const estate = readEveryOrder([
      { file: 'datastore.yml', text: DATASTORE_YAML },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
      { file: 'datastore.json', text: DATASTORE_SHOW },
    ]);
    expect(estate?.datastores.map((d) => d.id)).toEqual([`${WS}/datastores/workspaceblobstore`]);
    expect(estate?.datastores[0]).toMatchObject({ accountName: 'stmlprod', containerName: 'azureml-blobstore-12345', workspace: WS });
  });

  it("a workspace's user-assigned identity and `az identity show` of it", () => {
    const estate = readEveryOrder([
      { file: 'workspace.json', text: WORKSPACE_SHOW },
      { file: 'identity.json', text: IDENTITY_SHOW },
    ]);
    const identities = estate?.userAssignedIdentities.filter((u) => u.name === 'uai-ws');
    expect(identities).toHaveLength(1);
    expect(identities?.[0]).toMatchObject({ clientId: 'cccccccc-0000-4000-8000-000000000001', principalId: 'bbbbbbbb-0000-4000-8000-000000000001' });
    expect(estate?.workspaces[0]?.identity.userAssigned).toEqual([identities?.[0]?.id]);
  });
});
