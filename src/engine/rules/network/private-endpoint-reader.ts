import { ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import type { StorageAccount, Workspace } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import { workspaceServiceIdentity } from '../../paths/resolve-jobs';
import { noteEvidence, settingEvidence } from '../helpers';
import type { RuleContext } from '../types';
import { nameList, resourceGroupName } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** The shell expression that yields the object id of a workspace identity, known or looked up. */
function principalIdExpression(context: RuleContext, workspace: Workspace, identity: EntityId): string {
  const entity = context.topology.get(identity);
  if (entity?.kind === 'userAssignedIdentity')
    return entity.principalId ?? `$(az identity show --ids ${entity.armId} --query principalId -o tsv)`;
  if (entity?.kind === 'systemAssignedIdentity' && entity.principalId) return entity.principalId;
  return `$(az ml workspace show --name ${workspace.name} --resource-group ${resourceGroupName(context, workspace.id)} --query identity.principal_id -o tsv)`;
}

/** The identities studio uses for a workspace's data on one storage account: preview choices, else the service identity. */
function studioIdentities(context: RuleContext, workspace: Workspace, storage: StorageAccount): EntityId[] {
  const ids = new Set<EntityId>();
  for (const path of context.pathsOfKind('studio-preview')) {
    if (
      path.actor !== workspace.id ||
      path.identity.kind !== 'managed-identity' ||
      path.identity.principal === undefined
    )
      continue;
    if (context.topology.getOfKind(path.target as EntityId, 'datastore')?.storageAccount === storage.id)
      ids.add(path.identity.principal);
  }
  if (ids.size === 0) {
    const service = workspaceServiceIdentity(workspace);
    if (service !== undefined) ids.add(service);
  }
  return [...ids];
}

/** R54 and R44: with private-endpoint storage, the workspace identity must be able to read those endpoints. */
export const privateEndpointReader = defineRule('AML-NET-003', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const accounts = new Map<EntityId, string[]>();
      const note = (id: EntityId | undefined, label: string) => {
        if (id === undefined) return;
        const list = accounts.get(id);
        if (list) list.push(label);
        else accounts.set(id, [label]);
      };
      note(workspace.storageAccount, 'its default storage');
      for (const datastore of topology.datastoresOf(workspace.id))
        note(datastore.storageAccount, `datastore ${datastore.name}`);
      for (const [storageId, uses] of accounts) {
        const storage = topology.getOfKind(storageId, 'storageAccount');
        if (storage?.network !== 'private_endpoint') continue;
        const identities = studioIdentities(context, workspace, storage);
        if (identities.length === 0) continue;
        yield {
          subjects: [storage.id, workspace.id, ...identities],
          message: `${storage.name} is reached through private endpoints (${nameList(uses)} of ${workspace.name}); ${nameList(identities.map((i) => describePrincipal(topology, i)))} needs Reader on its blob and file private endpoints, which this map cannot check.`,
          consequence:
            'Without it, studio cannot list or preview the data on this account, even when the storage data roles are in place.',
          evidence: [
            settingEvidence(storage.id, 'network', storage.network),
            noteEvidence(
              'Role assignments on private endpoints are not checked, so whether that identity can read them is unknown.',
            ),
          ],
          fix: {
            summary: `Assign Reader on the blob and file private endpoints of ${storage.name} to ${nameList(identities.map((i) => topology.nameOf(i)))}.`,
            actions: [
              {
                kind: 'command',
                az: identities.flatMap((identity) => [
                  `for pe in $(az storage account show --ids ${storage.armId} --query "privateEndpointConnections[].privateEndpoint.id" -o tsv); do`,
                  `  az role assignment create --assignee-object-id ${principalIdExpression(context, workspace, identity)} --assignee-principal-type ServicePrincipal --role ${ROLES.reader} --scope "$pe"`,
                  'done',
                ]),
              },
            ],
          },
        };
      }
    }
  },
});
