import { ACTIONS, DATA_ACTIONS } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { decisionEvidence, settingEvidence, uniqueSubjects } from '../helpers';
import type { Evidence } from '../types';
import { allows } from '../../rbac';
import { nameList, principalsWithRoleGranting, resourceGroupName, workspaceIdentities } from './storage-helpers';
import { defineRule } from '../catalog';

/**
 * Section 3 role facts: a management role that can list storage keys reads and writes all data with them
 * while shared keys are allowed, whatever its data roles say.
 */
export const keyBasedDataAccess = defineRule('AML-DS-007', {
  *check(context) {
    const { topology } = context;
    for (const storage of context.estate.storageAccounts) {
      if (!storage.allowSharedKeyAccess) continue;
      const byDesign = new Set<EntityId>();
      for (const workspace of context.estate.workspaces) {
        if (workspace.storageAccount === storage.id)
          for (const id of workspaceIdentities(workspace)) byDesign.add(id);
      }
      const holders: { id: EntityId; evidence: Evidence }[] = [];
      const kinds = [
        'user',
        'group',
        'servicePrincipal',
        'userAssignedIdentity',
        'systemAssignedIdentity',
      ] as const;
      // Only role holders whose roles cover listKeys (most have none; check() would deny them with nothing to
      // report), in no particular order: the holders are sorted below.
      for (const principal of principalsWithRoleGranting(context, storage.armId, ACTIONS.storageListKeys, kinds)) {
        if (byDesign.has(principal)) continue;
        // Someone who may already write blobs through Entra gains nothing new on the blob side. Asked first, as a
        // yes or no: both answers are needed, and this one needs no decision kept.
        if (allows(context.rbac, { principal, action: DATA_ACTIONS.blobWrite, scope: storage.armId, dataAction: true })) continue;
        const keys = context.can(principal, ACTIONS.storageListKeys, storage.armId);
        if (!keys.allowed || keys.grants.every((g) => g.origin === 'automatic')) continue;
        holders.push({
          id: principal,
          evidence: decisionEvidence(`${topology.nameOf(principal)}: listKeys on ${storage.name}`, keys),
        });
      }
      if (holders.length === 0) continue;
      // By id, so that the message and the evidence do not follow the order the input files listed principals in.
      holders.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const roleNames = [
        ...new Set(
          holders.flatMap((h) =>
            h.evidence.kind === 'decision' ? h.evidence.decision.grants.map((g) => g.roleName) : [],
          ),
        ),
      ];
      yield {
        subjects: uniqueSubjects(storage.id, ...holders.map((h) => h.id)),
        message: `${nameList(holders.map((h) => topology.nameOf(h.id)))} can list the keys of ${storage.name} (through ${nameList(roleNames)}) and so read and write all of its data, although no data role grants them that.`,
        consequence:
          'Data access escapes the Storage Blob Data roles and ABAC conditions, and key use is not tied to a person in the storage logs.',
        evidence: [
          settingEvidence(storage.id, 'allow_shared_key_access', 'true'),
          ...holders.map((h) => h.evidence),
        ],
        fix: {
          summary: `Disable shared key access on ${storage.name} (after moving key-based datastores and the workspace to identity-based access), or replace these broad roles with narrower ones.`,
          actions: [
            {
              kind: 'manual',
              text: `Before disabling keys, set system_datastores_auth_mode to identity on the workspaces using ${storage.name} and recreate its key or SAS datastores as identity-based.`,
            },
            {
              kind: 'command',
              az: [
                `az storage account update --name ${storage.name} --resource-group ${resourceGroupName(context, storage.id)} --allow-shared-key-access false`,
              ],
              bicep: `// In the properties of storage account ${storage.name}:\nallowSharedKeyAccess: false`,
              terraform: `# In resource "azurerm_storage_account" for ${storage.name}:\nshared_access_key_enabled = false`,
            },
          ],
        },
      };
    }
  },
});
