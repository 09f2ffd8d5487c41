import { baseEstateYaml, estateFromYaml } from '../testing/estates';
import type { Estate } from '../model/types';

/**
 * The estate the question tests share (tests only): a cluster running as uai-train, which reads stml; an
 * account-key datastore on stml; an endpoint running as uai-ep, which reads stml too; alice an AzureML Data
 * Scientist on ws-ml; bob reading stml's data through two nested groups at the resource group; carol a
 * Reader of the resource group. `extra` is appended (more roles, denies...), `datastores` joins raw.
 */
export function questionEstate(options: QuestionEstateOptions = {}): Estate {
  return estateFromYaml(questionEstateYaml(options));
}

interface QuestionEstateOptions {
  extraRoles?: string[];
  extra?: string;
  endpointAuth?: string;
  datastores?: string;
}

/** The native YAML of {@link questionEstate}, for tests that read files (the CLI's). */
export function questionEstateYaml(options: QuestionEstateOptions = {}): string {
  const roles = [
    '{ principal: uai-train, role: Storage Blob Data Reader, scope: stml }',
    '{ principal: uai-ep, role: Storage Blob Data Reader, scope: stml }',
    '{ principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }',
    '{ principal: ml-readers, role: Storage Blob Data Reader, scope: rg-ml }',
    '{ principal: carol@contoso.com, role: Reader, scope: rg-ml }',
    ...(options.extraRoles ?? []),
  ];
  return baseEstateYaml({
      extra: `user_assigned_identities:
  - name: uai-train
    resource_group: rg-ml
    principal_id: 55555555-5555-5555-5555-555555555555
  - name: uai-ep
    resource_group: rg-ml
    principal_id: 66666666-6666-6666-6666-666666666666
groups:
  - name: ml-readers
    members: [data-team]
  - name: data-team
    members: [bob@contoso.com]
computes:
  - name: cpu-cluster
    workspace: ws-ml
    type: amlcompute
    identity: { type: user_assigned, user_assigned_identities: [uai-train] }
datastores:
  - name: raw
    workspace: ws-ml
    type: azure_blob
    account_name: stml
    container_name: training-data
    credentials: account_key
${options.datastores ?? ''}online_endpoints:
  - name: ep
    workspace: ws-ml
    auth_mode: ${options.endpointAuth ?? 'aad_token'}
    identity: { type: user_assigned, user_assigned_identities: [uai-ep] }
role_assignments:
${roles.map((r) => `  - ${r}\n`).join('')}${options.extra ?? ''}`,
  });
}

export const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml';
export const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/stml`;
export const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
export const ALICE = 'user:11111111-1111-1111-1111-111111111111';
export const BOB = 'user:22222222-2222-2222-2222-222222222222';
export const CAROL = 'user:33333333-3333-3333-3333-333333333333';
