import { describe, expect, it } from 'vitest';
import { refusalText } from './test-fixtures';
import { decodeRefusal, type DecodedRefusal } from './decode-text';

const fixture = refusalText;

function decoded(name: string): DecodedRefusal {
  const result = decodeRefusal(fixture(name));
  if (!result.ok) throw new Error(result.message);
  return result.refusal;
}

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';

describe('decoding refusals as the services print them', () => {
  it('ARM AuthorizationFailed: client, object id, action and scope', () => {
    expect(decoded('arm-authorization-failed.txt')).toMatchObject({
      service: 'arm',
      code: 'AuthorizationFailed',
      clientId: 'alice@contoso.com',
      objectId: '11111111-1111-1111-1111-111111111111',
      action: 'Microsoft.MachineLearningServices/workspaces/computes/write',
      dataAction: false,
      scope: `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/computes/gpu-cluster`,
    });
  });

  it('Storage AuthorizationPermissionMismatch from AzCopy: account, container and the data action of the GET', () => {
    expect(decoded('storage-permission-mismatch.xml.txt')).toMatchObject({
      service: 'storage',
      code: 'AuthorizationPermissionMismatch',
      resourceName: 'stml',
      child: 'training-data',
      action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
      dataAction: true,
    });
  });

  it('Storage with a JSON body and no request line: the code, and no invented operation or account', () => {
    const refusal = decoded('storage-permission-mismatch.json.txt');
    expect(refusal.code).toBe('AuthorizationPermissionMismatch');
    expect(refusal.action).toBeUndefined();
    expect(refusal.resourceName).toBeUndefined();
  });

  it('Storage AuthorizationFailure says the firewall or a SAS is the likelier cause', () => {
    const refusal = decoded('storage-authorization-failure.xml.txt');
    expect(refusal.code).toBe('AuthorizationFailure');
    expect(refusal.notes.join(' ')).toContain('firewall');
  });

  it('Key Vault ForbiddenByRbac: caller app and object id, data action, resource and vault', () => {
    const refusal = decoded('key-vault-forbidden-by-rbac.txt');
    expect(refusal).toMatchObject({
      service: 'key-vault',
      code: 'ForbiddenByRbac',
      clientId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      objectId: '11111111-1111-1111-1111-111111111111',
      action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      dataAction: true,
      scope: `${SUB}/resourcegroups/rg-ml/providers/microsoft.keyvault/vaults/kv-ml/secrets/db-password`,
      resourceName: 'kv-ml',
    });
    expect(refusal.notes).toContain('Key Vault found no role assignment granting the action.');
  });

  it('Key Vault access-policy denial: the list and permission missing, and the vault', () => {
    expect(decoded('key-vault-access-policy.txt')).toMatchObject({
      service: 'key-vault',
      objectId: '22222222-2222-2222-2222-222222222222',
      accessPolicy: { list: 'secrets', permission: 'get' },
      resourceName: 'kv-ml',
    });
  });

  it('ACR unauthorized on a pull and denied on a push: registry, repository and the operation', () => {
    expect(decoded('acr-pull-unauthorized.txt')).toMatchObject({
      service: 'container-registry',
      code: 'unauthorized',
      resourceName: 'acrml',
      child: 'azureml/azureml_6f1e2c0b9d',
      action: 'Microsoft.ContainerRegistry/registries/pull/read',
    });
    expect(decoded('acr-push-denied.txt')).toMatchObject({
      code: 'denied',
      child: 'models/scorer',
      action: 'Microsoft.ContainerRegistry/registries/push/write',
    });
  });

  it('Azure ML job and deployment failures that carry a storage or registry refusal', () => {
    expect(decoded('azureml-job-storage.txt')).toMatchObject({
      service: 'storage',
      azureMl: 'job',
      resourceName: 'stml',
      child: 'training-data',
      action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
    });
    expect(decoded('azureml-deployment-image-pull.txt')).toMatchObject({
      service: 'container-registry',
      azureMl: 'deployment',
      resourceName: 'acrml',
      action: 'Microsoft.ContainerRegistry/registries/pull/read',
    });
  });

  it('a text it cannot read gets a message naming the parts it found', () => {
    const result = decodeRefusal(fixture('not-a-refusal.txt'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.found).toEqual(['operation Microsoft.MachineLearningServices/workspaces/ws-missing']);
    expect(result.message).toContain('not an authorization failure this decoder reads');
    expect(decodeRefusal('hello').ok === false && (decodeRefusal('hello') as { message: string }).message).toContain('found no principal, operation or scope');
  });
});
