import type { EntityId } from '../../model/ids';
import { missingGrantDrafts, noteEvidence, settingEvidence } from '../helpers';
import { nameList } from '../registry/support';
import { defineRule } from '../catalog';

/**
 * R29: a cluster's managed identity fetches datastore connection details from the workspace key vault. The
 * role it needs there is not documented, so the check uses secret read and stays a warning.
 */
export const computeKeyVaultAccess = defineRule('AML-CMP-003', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('compute-key-vault')) {
      const compute = topology.getOfKind(path.actor, 'compute');
      const vault = topology.getOfKind(path.target as EntityId, 'keyVault');
      if (!compute || !vault) continue;
      const secretDatastores = topology.datastoresOf(compute.workspace).filter((d) => d.credentialKind !== 'none');
      // Only datastores with a stored credential put anything in the vault for the cluster to fetch.
      if (secretDatastores.length === 0) continue;
      const names = nameList(secretDatastores.map((d) => d.name));
      const consequence = `Jobs on ${compute.name} that use ${names} may fail to obtain the datastore credentials.`;

      if (path.identity.kind === 'none') {
        yield {
          subjects: [compute.id, vault.id],
          message: `Compute cluster ${compute.name} has no managed identity with which to fetch the credentials of ${names} from ${vault.name}.`,
          consequence,
          evidence: [settingEvidence(compute.id, 'identity.type', 'none'), noteEvidence('The permission a cluster identity needs on the key vault is not documented.')],
          fix: {
            summary: `Give ${compute.name} a managed identity that may read secrets in ${vault.name}.`,
            actions: [{ kind: 'manual', text: `Enable a system-assigned identity on ${compute.name} (az ml compute update --identity-type system_assigned), then let it read secrets in ${vault.name}.` }],
          },
          pathIds: [path.id],
        };
        continue;
      }
      for (const draft of missingGrantDrafts(context, path, { consequence, policyPermissions: ['get', 'list'] })) {
        draft.message = `${draft.message} It needs this to fetch the credentials of ${names}.`;
        yield draft;
      }
    }
  },
});
