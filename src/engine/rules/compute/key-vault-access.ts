import type { EntityId } from '../../model/ids';
import { missingGrantDrafts, noteEvidence, settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { nameList } from '../registry/support';

/**
 * R29: a cluster's managed identity fetches datastore connection details from the workspace key vault. The
 * role it needs there is not documented, so the check uses secret read and stays a warning.
 */
export const computeKeyVaultAccess: Rule = {
  id: 'AML-CMP-003',
  title: 'Compute cluster identity may not read datastore secrets from the workspace key vault',
  area: 'compute',
  severity: 'warning',
  confidence: 'unconfirmed',
  facts: ['R29'],
  needs: ['role-assignments'],
  sources: ['S1'],
  description:
    'Among the duties of a compute cluster managed identity is fetching the connection details of datastores from the workspace key vault, which is where datastores with a stored key, SAS token or service principal secret keep it. Which permission that takes is not documented; this rule checks secret read (Key Vault Secrets User, or a get access policy) for clusters of workspaces that hold such datastores, and reports gaps as warnings.',
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
};
