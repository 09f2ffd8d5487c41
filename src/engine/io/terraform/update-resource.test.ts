import { describe, expect, it } from 'vitest';
import type { EntityId } from '../../model/ids';
import type { Estate } from '../../model/types';
import { readInputs } from '../inputs';
import { runRuleOn } from '../../testing/estates';
import { sharedKeyDisabled } from '../../rules/datastore/shared-key-disabled';
import plan from './fixtures/plan.json';
import state from './fixtures/state.json';

// `azapi_update_resource` in `terraform show -json`: a patch of an existing resource (its `type`, its target by
// `resource_id` or `parent_id` and `name`, its `body`), read as a change over that resource.

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const NEW_WS = `${SUB}/resourceGroups/rg-ml-new/providers/Microsoft.MachineLearningServices/workspaces/ws-new`;
const PROD_WS = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;

interface Resource {
  address: string;
  type: string;
  values: Record<string, unknown>;
}
interface Doc {
  planned_values?: { root_module: { resources: Resource[] } };
  values?: { root_module: { resources: Resource[] } };
  resource_changes?: { address: string; change: { after_unknown: Record<string, unknown> } }[];
  configuration?: { root_module: { resources: { address: string; expressions: Record<string, unknown> }[] } };
}

/** An `azapi_update_resource` as `terraform show -json` prints one (azapi 2.x: `body` is an object). */
function update(name: string, values: Record<string, unknown>): Resource & Record<string, unknown> {
  return {
    address: `azapi_update_resource.${name}`,
    mode: 'managed',
    type: 'azapi_update_resource',
    name,
    provider_name: 'registry.terraform.io/azure/azapi',
    schema_version: 2,
    values: {
      ignore_casing: false,
      ignore_missing_property: true,
      locks: null,
      read_headers: null,
      read_query_parameters: null,
      response_export_values: null,
      retry: null,
      timeouts: null,
      update_headers: null,
      update_query_parameters: null,
      ...values,
    },
    sensitive_values: { body: {}, output: {} },
  };
}

/** The settings of `id` the import leaves unknown. */
const unknownOf = (estate: Estate, id: string): string[] | undefined => estate.provenance?.unknown[id as EntityId];

function read(doc: unknown, file = 'plan.json'): Estate {
  const result = readInputs([{ file, text: JSON.stringify(doc, null, 2) }]);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.estate as Estate;
}

/** The fixture plan with its storage account refusing shared keys (known at plan time). */
function planWithoutSharedKeys(): Doc {
  const doc = structuredClone(plan) as Doc;
  const account = doc.planned_values?.root_module.resources.find((r) => r.type === 'azurerm_storage_account');
  if (account) account.values.shared_access_key_enabled = false;
  const change = doc.resource_changes?.find((c) => c.address === 'azurerm_storage_account.ml');
  if (change) delete change.change.after_unknown.shared_access_key_enabled;
  return doc;
}

describe('azapi_update_resource', () => {
  it('reads back the fix AML-DS-005 emits: the finding is gone', () => {
    const before = read(planWithoutSharedKeys());
    const [finding] = runRuleOn(sharedKeyDisabled, before);
    expect(finding?.message).toContain('Workspace ws-new reaches its system datastores with the account key');
    // The Terraform of the fix, as the user pastes it beside the workspace.
    const terraform = finding?.fix?.terraform ?? '';
    const type = /type\s*=\s*"([^"]+)"/.exec(terraform)?.[1];
    const resourceId = /resource_id\s*=\s*"([^"]+)"/.exec(terraform)?.[1];
    const properties = Object.fromEntries([...(/properties = \{([^}]*)\}/.exec(terraform)?.[1] ?? '').matchAll(/(\w+) = "([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect([type, resourceId, properties]).toEqual([
      'Microsoft.MachineLearningServices/workspaces@2024-04-01',
      NEW_WS,
      { systemDatastoresAuthMode: 'identity' },
    ]);
    const doc = planWithoutSharedKeys();
    doc.planned_values?.root_module.resources.unshift(update('ws_new_datastores_auth', { type, resource_id: resourceId, body: { properties } }));
    const after = read(doc);
    expect(after.workspaces.map((w) => [w.name, w.systemDatastoresAuthMode])).toEqual([['ws-new', 'identity']]);
    expect(runRuleOn(sharedKeyDisabled, after)).toEqual([]);
    // The workspace keeps its place (the azurerm resource, after the patch put first); nothing else of it is unknown.
    expect(after.workspaces[0]?.source?.path).toBe('planned_values.root_module.resources[6].values');
    expect(unknownOf(after, after.workspaces[0]?.id ?? '')).toBeUndefined();
  });

  it('follows a target known only after apply through the configuration (`resource_id = azurerm_..ws.id`)', () => {
    const doc = planWithoutSharedKeys();
    const body = { properties: { systemDatastoresAuthMode: 'identity', publicNetworkAccess: 'Enabled' } };
    doc.planned_values?.root_module.resources.unshift(update('auth', { type: 'Microsoft.MachineLearningServices/workspaces@2024-10-01', body }));
    doc.resource_changes?.unshift({ address: 'azapi_update_resource.auth', change: { after_unknown: { id: true, output: true, resource_id: true } } });
    doc.configuration?.root_module.resources.unshift({
      address: 'azapi_update_resource.auth',
      expressions: { resource_id: { references: ['azurerm_machine_learning_workspace.ws.id', 'azurerm_machine_learning_workspace.ws'] } },
    });
    const estate = read(doc);
    // The patch wins over what the azurerm resource says (`public_network_access_enabled = false`).
    expect(estate.workspaces.map((w) => [w.systemDatastoresAuthMode, w.publicNetworkAccess])).toEqual([['identity', 'Enabled']]);
    expect(runRuleOn(sharedKeyDisabled, estate)).toEqual([]);
  });

  it('patches a resource of Terraform state, azapi 1.x writing the body as JSON text', () => {
    const doc = structuredClone(state) as Doc;
    // azurerm has no argument for the mode, so the state alone leaves it unknown.
    const alone = read(doc, 'state.json');
    expect(unknownOf(alone, PROD_WS)).toContain('systemDatastoresAuthMode');
    doc.values?.root_module.resources.push(
      update('ws_auth', {
        id: PROD_WS,
        type: 'Microsoft.MachineLearningServices/workspaces@2023-10-01',
        resource_id: PROD_WS,
        body: JSON.stringify({ properties: { systemDatastoresAuthMode: 'identity', managedNetwork: { isolationMode: 'AllowInternetOutbound' } } }),
        output: '{}',
      }),
    );
    const estate = read(doc, 'state.json');
    const [workspace] = estate.workspaces;
    expect([workspace?.systemDatastoresAuthMode, workspace?.managedNetwork.isolationMode]).toEqual(['identity', 'allow_internet_outbound']);
    expect(unknownOf(estate, PROD_WS)).not.toContain('systemDatastoresAuthMode');
  });

  it('reads a patch of a resource the import does not declare as that resource by reference: the patched settings, the rest unknown', () => {
    const storage = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod`;
    const doc = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [
            update('ws_auth', { type: 'Microsoft.MachineLearningServices/workspaces@2024-04-01', resource_id: PROD_WS, body: { properties: { systemDatastoresAuthMode: 'identity' } } }),
            update('st_keys', { type: 'Microsoft.Storage/storageAccounts@2023-05-01', resource_id: storage, body: { properties: { allowSharedKeyAccess: false } } }),
          ],
        },
      },
      resource_changes: [],
      configuration: { root_module: { resources: [] } },
    };
    const estate = read(doc);
    expect(estate.workspaces.map((w) => [w.armId, w.systemDatastoresAuthMode])).toEqual([[PROD_WS, 'identity']]);
    expect(estate.storageAccounts.map((s) => s.allowSharedKeyAccess)).toEqual([false]);
    expect(unknownOf(estate, PROD_WS)).toEqual(expect.arrayContaining(['identity', 'publicNetworkAccess', 'managedNetwork', 'privateEndpoints']));
    expect(unknownOf(estate, PROD_WS)).not.toContain('systemDatastoresAuthMode');
    expect(unknownOf(estate, storage)).toEqual(expect.arrayContaining(['network', 'privateEndpoints']));
    expect(unknownOf(estate, storage)).not.toContain('allowSharedKeyAccess');
    // Where each patched setting was written: in the patch's body.
    expect(estate.workspaces[0]?.source?.path).toBe('planned_values.root_module.resources[0].values.body');
  });

  it('turns public access on without network rules: the rules an account has are kept, and unknown when the import has none', () => {
    const storage = `${SUB}/resourceGroups/rg-ml-new/providers/Microsoft.Storage/storageAccounts/stmlnew`;
    const patch = update('st_public', { type: 'Microsoft.Storage/storageAccounts@2023-05-01', resource_id: storage, body: { properties: { publicNetworkAccess: 'Enabled' } } });
    const doc = structuredClone(plan) as Doc;
    const account = doc.planned_values?.root_module.resources.find((r) => r.type === 'azurerm_storage_account');
    if (account) account.values.network_rules = [{ bypass: ['AzureServices'], default_action: 'Deny', ip_rules: [], virtual_network_subnet_ids: [], private_link_access: [] }];
    const change = doc.resource_changes?.find((c) => c.address === 'azurerm_storage_account.ml');
    if (change) delete change.change.after_unknown.network_rules;
    expect(read(doc).storageAccounts.map((s) => s.network)).toEqual(['trusted_services']);
    doc.planned_values?.root_module.resources.unshift(patch);
    expect(read(doc).storageAccounts.map((s) => s.network)).toEqual(['trusted_services']);
    // The same patch alone: the account's rules are not in the import.
    const alone = read({ format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { resources: [patch] } }, resource_changes: [], configuration: { root_module: { resources: [] } } });
    expect(unknownOf(alone, storage)).toContain('network');
  });

  it('says so and leaves the patch out when its target is known only after apply and wired to nothing', () => {
    const doc = structuredClone(plan) as Doc;
    doc.planned_values?.root_module.resources.push(
      update('orphan', { type: 'Microsoft.MachineLearningServices/workspaces@2024-04-01', body: { properties: { systemDatastoresAuthMode: 'identity' } } }),
    );
    const result = readInputs([{ file: 'plan.json', text: JSON.stringify(doc) }]);
    expect(result.diagnostics.map((d) => d.message)).toContainEqual(
      'the resource azapi_update_resource.orphan patches is known only after apply (`resource_id`, or `parent_id` and `name`); the patch is left out',
    );
    expect(result.estate?.workspaces.map((w) => w.systemDatastoresAuthMode)).toEqual(['accesskey']);
  });
});
