import type { EntityId } from '../../model/ids';
import type { StorageAccount, Workspace } from '../../model/types';
import { settingEvidence } from '../helpers';
import type { RuleContext } from '../types';
import { nameList, sameId } from './storage-helpers';
import { defineRule } from '../catalog';

/** The tenant an entity lives in: its own setting, else its subscription's, else the estate's. */
function tenantOf(context: RuleContext, entity: StorageAccount | Workspace): string | undefined {
  return entity.tenantId ?? context.topology.subscriptionOf(entity.id)?.tenantId ?? context.estate.tenantId;
}

/** R41: Azure ML does not reach storage in another Entra tenant. */
export const crossTenantStorage = defineRule('AML-DS-004', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const wsTenant = tenantOf(context, workspace);
      if (wsTenant === undefined) continue;
      const users = new Map<EntityId, string[]>();
      const note = (storage: EntityId | undefined, label: string) => {
        if (storage === undefined) return;
        const list = users.get(storage);
        if (list) list.push(label);
        else users.set(storage, [label]);
      };
      note(workspace.storageAccount, 'the workspace storage');
      // By name, not in the order the files were read: the message must not depend on file order.
      for (const datastore of [...topology.datastoresOf(workspace.id)].sort((a, b) => a.name.localeCompare(b.name)))
        note(datastore.storageAccount, `datastore ${datastore.name}`);

      for (const [storageId, labels] of users) {
        const storage = topology.getOfKind(storageId, 'storageAccount');
        if (!storage) continue;
        const storageTenant = tenantOf(context, storage);
        if (storageTenant === undefined || sameId(storageTenant, wsTenant)) continue;
        yield {
          subjects: [storage.id, workspace.id],
          message: `Storage account ${storage.name} is in tenant ${storageTenant}, but workspace ${workspace.name} is in tenant ${wsTenant}; it backs ${nameList(labels)}.`,
          consequence:
            'Azure ML cannot authenticate across tenants, so jobs, previews and the workspace itself fail to use this storage.',
          evidence: [
            settingEvidence(
              storage.id,
              'tenant_id',
              storageTenant,
              `${storage.name} tenant: ${storageTenant}`,
            ),
            settingEvidence(workspace.id, 'tenant_id', wsTenant, `${workspace.name} tenant: ${wsTenant}`),
          ],
          fix: {
            summary: `Move or copy the data into a storage account of tenant ${wsTenant} and point ${nameList(labels)} at it.`,
            actions: [
              {
                kind: 'manual',
                text: `Create a storage account in tenant ${wsTenant}, copy the data there (for example with azcopy), and recreate the affected datastores against it.`,
              },
            ],
          },
        };
      }
    }
  },
});
