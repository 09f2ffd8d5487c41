import { settingEvidence, settingKnown } from '../helpers';
import { resourceGroupName } from './storage-helpers';
import { defineRule } from '../catalog';

/** R43: once a storage account refuses shared keys, nothing may rely on its account key or key-signed SAS. */
export const sharedKeyDisabled = defineRule('AML-DS-005', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
      if (!storage || storage.allowSharedKeyAccess || workspace.systemDatastoresAuthMode !== 'accesskey')
        continue;
      // An export that leaves the mode out (Terraform state: azurerm has no such argument) does not say the key is used.
      if (!settingKnown(context, workspace.id, 'systemDatastoresAuthMode')) continue;
      yield {
        subjects: [workspace.id, storage.id],
        discriminator: 'system-datastores',
        message: `Workspace ${workspace.name} reaches its system datastores with the account key, but its storage ${storage.name} has shared key access disabled.`,
        consequence:
          'The default datastores (workspaceblobstore, workspacefilestore) are refused: job outputs, logs, uploads and studio data views fail.',
        evidence: [
          settingEvidence(storage.id, 'allow_shared_key_access', 'false'),
          settingEvidence(workspace.id, 'system_datastores_auth_mode', workspace.systemDatastoresAuthMode),
        ],
        fix: {
          summary: `Switch ${workspace.name} to identity-based access for its system datastores, then give its users Storage Blob Data Contributor and Storage File Data Privileged Contributor on ${storage.name}.`,
          actions: [
            {
              kind: 'command',
              az: [
                `az resource update --ids ${workspace.armId} --set properties.systemDatastoresAuthMode=identity`,
              ],
              bicep: `// In the properties of workspace ${workspace.name}:\nsystemDatastoresAuthMode: 'identity'`,
              terraform: `resource "azapi_update_resource" "${workspace.name.replace(/[^A-Za-z0-9_]/g, '_')}_datastores_auth" {\n  type        = "Microsoft.MachineLearningServices/workspaces@2024-04-01"\n  resource_id = "${workspace.armId}"\n  body = {\n    properties = { systemDatastoresAuthMode = "identity" }\n  }\n}`,
            },
          ],
        },
      };
    }

    for (const datastore of context.estate.datastores) {
      if (datastore.credentialKind !== 'account_key' && datastore.credentialKind !== 'sas') continue;
      const storage = topology.getOfKind(datastore.storageAccount, 'storageAccount');
      if (!storage || storage.allowSharedKeyAccess) continue;
      const workspace = topology.getOfKind(datastore.workspace, 'workspace');
      const credential = datastore.credentialKind === 'sas' ? 'a SAS token' : 'an account key';
      yield {
        subjects: [datastore.id, storage.id],
        discriminator: 'key-datastore',
        message: `Datastore ${datastore.name} authenticates with ${credential}, but ${storage.name} has shared key access disabled.`,
        consequence:
          'Every job, preview and download through this datastore is refused by the storage account.',
        evidence: [
          settingEvidence(storage.id, 'allow_shared_key_access', 'false'),
          settingEvidence(datastore.id, 'credentials', datastore.credentialKind),
        ],
        fix: {
          summary: `Recreate ${datastore.name} without credentials (identity-based) and grant Storage Blob Data roles to the identities that use it.`,
          actions: [
            {
              kind: 'command',
              az: [
                `az ml datastore create --file ${datastore.name}.yml --workspace-name ${workspace?.name ?? '<workspace>'} --resource-group ${resourceGroupName(context, datastore.workspace)}`,
                `# ${datastore.name}.yml keeps type, account and container, and drops the credentials block.`,
              ],
            },
          ],
        },
      };
    }
  },
});
