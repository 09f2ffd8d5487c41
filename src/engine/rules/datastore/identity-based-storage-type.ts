import { settingEvidence } from '../helpers';
import { resourceGroupName } from './storage-helpers';
import { defineRule } from '../catalog';

/** R39 and R40: which datastore types can work without a credential, and how ADLS Gen1 is then authorised. */
export const identityBasedStorageType = defineRule('AML-DS-002', {
  *check(context) {
    const { topology } = context;
    for (const datastore of context.estate.datastores) {
      if (datastore.credentialKind !== 'none') continue;
      const workspace = topology.getOfKind(datastore.workspace, 'workspace');
      if (datastore.datastoreType === 'azure_file') {
        const share = datastore.containerName ?? '<share>';
        const account = datastore.accountName ?? topology.nameOf(datastore.storageAccount);
        yield {
          subjects: [datastore.id],
          message: `Azure Files datastore ${datastore.name} has no credentials; file share datastores only work with an account key or a SAS token.`,
          consequence:
            'Azure ML cannot reach the share: creating the datastore fails, or every job and preview that uses it does.',
          evidence: [
            settingEvidence(datastore.id, 'credentials', 'none', 'type: azure_file without credentials'),
          ],
          fix: {
            summary: `Give ${datastore.name} a SAS token (or account key), or move the data to a blob container and use an identity-based blob datastore.`,
            actions: [
              {
                kind: 'command',
                az: [
                  `az ml datastore create --file ${datastore.name}.yml --workspace-name ${workspace?.name ?? '<workspace>'} --resource-group ${resourceGroupName(context, datastore.workspace)}`,
                  `# ${datastore.name}.yml: type: azure_file, account_name: ${account}, file_share_name: ${share}, credentials: { sas_token: <token> }`,
                ],
              },
            ],
          },
        };
      } else if (datastore.datastoreType === 'azure_data_lake_gen1') {
        yield {
          subjects: [datastore.id],
          severity: 'info',
          message: `ADLS Gen1 datastore ${datastore.name} is identity-based; Gen1 checks POSIX ACLs only, so Azure role assignments neither grant nor block its data.`,
          consequence:
            'Access for jobs and studio users depends on ACL entries on the store, which this map cannot verify.',
          evidence: [settingEvidence(datastore.id, 'type', datastore.datastoreType)],
        };
      }
    }
  },
});
