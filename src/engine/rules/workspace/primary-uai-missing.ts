import { settingEvidence } from '../helpers';
import { nameList, workspaceArgs, workspaceBicep, workspaceTerraform } from './cli-args';
import { defineRule } from '../catalog';

/** R4 (precondition): user-assigned identities on a workspace do nothing for it until one is made primary. */
export const primaryUaiMissing = defineRule('AML-WS-005', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const uais = workspace.identity.userAssigned;
      const first = uais[0];
      if (first === undefined || workspace.primaryUserAssignedIdentity !== undefined) continue;
      const firstEntity = topology.getOfKind(first, 'userAssignedIdentity');
      const firstArmId = firstEntity?.armId ?? String(first);
      const names = nameList(topology, uais);
      const system = workspace.identity.system;
      yield {
        subjects: [workspace.id],
        severity: system ? 'warning' : 'error',
        message: system
          ? `Workspace ${workspace.name} carries ${names} but names no primary identity, so it still runs as its system-assigned identity.`
          : `Workspace ${workspace.name} has only user-assigned identities (${names}) and none is marked primary.`,
        consequence: system
          ? 'Role assignments made for the user-assigned identities do not apply to the workspace\'s own operations; if the intent was to run as one of them, nothing changes until it is made primary.'
          : 'Azure ML cannot tell which identity the workspace acts as, so the workspace cannot be created or reach its dependencies.',
        evidence: [
          settingEvidence(workspace.id, 'identity.user_assigned_identities', uais.map((id) => topology.nameOf(id))),
          settingEvidence(workspace.id, 'primary_user_assigned_identity', '(not set)'),
        ],
        fix: {
          summary: `Make ${topology.nameOf(first)} the primary identity of ${workspace.name} (and grant it what AML-WS-003 lists).`,
          actions: [
            {
              kind: 'command',
              az: [`az ml workspace update ${workspaceArgs(topology, workspace)} --primary-user-assigned-identity ${firstArmId}`],
              bicep: workspaceBicep(workspace, `properties: {\n  primaryUserAssignedIdentity: '${firstArmId}'\n}`),
              terraform: workspaceTerraform(workspace, `primary_user_assigned_identity = "${firstArmId}"`),
            },
          ],
        },
      };
    }
  },
});
