import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding } from '../../testing/findings';
import { ROLES } from '../../context/actions';
import { runRuleOn } from '../../testing/estates';
import { credentialPrincipalRole } from './credential-principal-role';
import { commandJob, datastore, idOf, ruleEstate, STORAGE_ID } from '../../testing/datastores';
import workspaceShow from '../../io/azcli/fixtures/workspace-show.json';
import { readInputs, type InputFile } from '../../io/inputs';
import type { Estate } from '../../model/types';

const lake = datastore(
  'lake',
  '    type: azure_blob\n    credentials: { type: service_principal, principal: sp-loader }\n',
);

describe('AML-DS-009 stored service principal lacks a data role', () => {
  it('asks for Storage Blob Data Reader for the stored service principal', () => {
    const estate = ruleEstate({ datastores: lake, jobs: commandJob('train', { input: 'lake' }) });
    const findings = runRuleOn(credentialPrincipalRole, estate);
    expect(findings).toHaveLength(1);
    const sp = idOf(estate, 'servicePrincipals', 'sp-loader');
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.subjects[0]).toBe(sp);
    expectFinding(findings[0], {
      message: ['sp-loader'],
      fixActions: [assignRole(sp, ROLES.storageBlobDataReader, `${STORAGE_ID}/blobServices/default/containers/lake`)],
    });
    expect(findings[0]?.fix?.az.join('\n')).toContain(
      '--assignee-object-id 99999999-9999-9999-9999-999999999999',
    );
  });

  it('stays quiet when the service principal holds the role', () => {
    const estate = ruleEstate({
      datastores: lake,
      jobs: commandJob('train', { input: 'lake' }),
      assignments: '  - { principal: sp-loader, role: Storage Blob Data Reader, scope: stml }\n',
    });
    expect(runRuleOn(credentialPrincipalRole, estate)).toEqual([]);
  });
});

/* The same check from az ml YAML: `az ml datastore create --file` with a service principal, beside real exports. */
const SP_APP_ID = '12121212-0000-4000-8000-0000000000a1';
const SP_OBJECT_ID = '34343434-0000-4000-8000-0000000000a1';
const WS = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';
const STORAGE = `${WS}/providers/Microsoft.Storage/storageAccounts/stmlprod`;

const SP_DATASTORE_YAML = `$schema: https://azuremlschemas.azureedge.net/latest/azureDataLakeGen2.schema.json
name: lake_sp
type: azure_data_lake_gen2
description: Datastore pointing to an ADLS Gen2 filesystem with a service principal
account_name: stmlprod
filesystem: lake
credentials:
  tenant_id: 99999999-8888-7777-6666-555555555555
  client_id: ${SP_APP_ID}
  client_secret: not-a-real-secret-but-never-kept
`;

const JOB_YAML = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py --data \${{inputs.lake}}
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:gpu-cluster
inputs:
  lake:
    type: uri_folder
    path: azureml://datastores/lake_sp/paths/raw/
`;

/** `az role assignment list -o json`: one assignment of the stored service principal (az prints its app id as its name). */
function roleAssignmentList(role: { name: string; guid: string }): string {
  return JSON.stringify([
    {
      condition: null,
      conditionVersion: null,
      id: `${STORAGE}/providers/Microsoft.Authorization/roleAssignments/20000000-0000-4000-8000-0000000000a1`,
      name: '20000000-0000-4000-8000-0000000000a1',
      principalId: SP_OBJECT_ID,
      principalName: SP_APP_ID,
      principalType: 'ServicePrincipal',
      resourceGroup: 'rg-ml',
      roleDefinitionId: `/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`,
      roleDefinitionName: role.name,
      scope: STORAGE,
      type: 'Microsoft.Authorization/roleAssignments',
    },
  ]);
}

function yamlEstate(assignments: string): Estate {
  const files: InputFile[] = [
    { file: 'workspace.json', text: JSON.stringify(workspaceShow, null, 2) },
    { file: 'datastores/lake_sp.yml', text: SP_DATASTORE_YAML },
    { file: 'jobs/train.yml', text: JOB_YAML },
    { file: 'role-assignments.json', text: assignments },
  ];
  const result = readInputs(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!result.estate) throw new Error('no estate');
  expect(JSON.stringify(result.estate)).not.toContain('not-a-real-secret');
  return result.estate;
}

describe('AML-DS-009 for a service-principal datastore read from az ml YAML', () => {
  it('keeps the client id (never the secret) and fires when the service principal holds no data role', () => {
    // Reader, not Storage Blob Data Reader: a role that grants no blob data action.
    const estate = yamlEstate(roleAssignmentList({ name: 'Reader', guid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }));
    const datastore = estate.datastores.find((d) => d.name === 'lake_sp');
    const sp = estate.servicePrincipals.find((p) => p.id === datastore?.credentialPrincipal);
    expect(sp?.appId).toBe(SP_APP_ID);
    expect(sp?.objectId).toBe(SP_OBJECT_ID);
    const findings = runRuleOn(credentialPrincipalRole, estate);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.subjects[0]).toBe(sp?.id);
    expect(findings[0]?.fix?.az.join('\n')).toContain(`--assignee-object-id ${SP_OBJECT_ID}`);
  });

  it('stays quiet when the service principal holds Storage Blob Data Reader on the account', () => {
    const estate = yamlEstate(
      roleAssignmentList({ name: 'Storage Blob Data Reader', guid: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' }),
    );
    expect(runRuleOn(credentialPrincipalRole, estate)).toEqual([]);
  });
});
