import type { EntityId } from '../../model/ids';
import type { Topology } from '../../model/topology';
import type { ManagedIdentitySetting, Workspace } from '../../model/types';
import { settingEvidence } from '../helpers';
import type { FindingDraft } from '../types';
import { nameList, workspaceArgs, workspaceBicep, workspaceTerraform } from './cli-args';
import { defineRule } from '../catalog';

function armIdOf(topology: Topology, id: EntityId): string {
  const entity = topology.getOfKind(id, 'userAssignedIdentity');
  return entity?.armId ?? String(id);
}

function draftFor(
  topology: Topology,
  workspace: Workspace,
  primary: EntityId,
  identity: ManagedIdentitySetting,
  planned: boolean,
): FindingDraft {
  const primaryName = topology.nameOf(primary);
  const attached = identity.userAssigned.length > 0 ? `only ${nameList(topology, identity.userAssigned)} ${identity.userAssigned.length === 1 ? 'is' : 'are'} attached` : 'no user-assigned identity is attached';
  const where = planned ? `The planned update of ${workspace.name}` : `Workspace ${workspace.name}`;
  const keep = [...identity.userAssigned, primary].map((id) => armIdOf(topology, id));
  const draft: FindingDraft = {
    subjects: [primary, workspace.id],
    message: `${where} names ${primaryName} as its primary user-assigned identity, but ${attached}.`,
    consequence: 'Azure rejects a primary identity that is not one of the workspace\'s user-assigned identities, so the workspace cannot be created or updated as written.',
    evidence: [
      settingEvidence(workspace.id, planned ? 'planned_update.primary_user_assigned_identity' : 'primary_user_assigned_identity', primaryName),
      settingEvidence(
        workspace.id,
        planned ? 'planned_update.identity.user_assigned_identities' : 'identity.user_assigned_identities',
        identity.userAssigned.map((id) => topology.nameOf(id)),
      ),
    ],
    fix: {
      summary: `Attach ${primaryName} to ${workspace.name} (or choose an attached identity as primary).`,
      actions: [
        {
          kind: 'command',
          az: [
            `# In the workspace YAML list ${armIdOf(topology, primary)} under identity.user_assigned_identities (type ${identity.system ? 'system_assigned,user_assigned' : 'user_assigned'}), then:`,
            `az ml workspace update ${workspaceArgs(topology, workspace)} --file workspace.yml`,
          ],
          bicep: workspaceBicep(
            workspace,
            `identity: {\n  type: '${identity.system ? 'SystemAssigned,UserAssigned' : 'UserAssigned'}'\n  userAssignedIdentities: {\n${keep.map((id) => `    '${id}': {}`).join('\n')}\n  }\n}\nproperties: {\n  primaryUserAssignedIdentity: '${armIdOf(topology, primary)}'\n}`,
          ),
          terraform: workspaceTerraform(
            workspace,
            `identity {\n  type         = "${identity.system ? 'SystemAssigned, UserAssigned' : 'UserAssigned'}"\n  identity_ids = [\n${keep.map((id) => `    "${id}",`).join('\n')}\n  ]\n}\nprimary_user_assigned_identity = "${armIdOf(topology, primary)}"`,
          ),
        },
      ],
    },
  };
  if (planned) draft.discriminator = 'planned-update';
  return draft;
}

/** R5: the primary user-assigned identity must be one of the workspace's user-assigned identities. */
export const primaryUaiMembership = defineRule('AML-WS-004', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const primary = workspace.primaryUserAssignedIdentity;
      if (primary !== undefined && !workspace.identity.userAssigned.includes(primary)) {
        yield draftFor(topology, workspace, primary, workspace.identity, false);
      }
      const update = workspace.plannedUpdate;
      if (!update || (update.identity === undefined && update.primaryUserAssignedIdentity === undefined)) continue;
      const identity = update.identity ?? workspace.identity;
      // The current primary carries over unless the update names another one.
      const plannedPrimary = update.primaryUserAssignedIdentity ?? primary;
      if (plannedPrimary === undefined || identity.userAssigned.includes(plannedPrimary)) continue;
      // Dropping today's primary from the list is reported by AML-WS-006 with what else relies on it.
      if (update.primaryUserAssignedIdentity === undefined && workspace.identity.userAssigned.includes(plannedPrimary)) continue;
      yield draftFor(topology, workspace, plannedPrimary, identity, true);
    }
  },
});
