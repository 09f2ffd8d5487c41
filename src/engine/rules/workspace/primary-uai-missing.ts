import { settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { nameList, workspaceArgs, workspaceBicep, workspaceTerraform } from './cli-args';

/** R4 (precondition): user-assigned identities on a workspace do nothing for it until one is made primary. */
export const primaryUaiMissing: Rule = {
  id: 'AML-WS-005',
  title: 'Workspace has user-assigned identities but no primary one',
  area: 'workspace',
  severity: 'error',
  otherSeverities: ['warning'],
  confidence: 'documented',
  facts: ['R4', 'R5', 'R88'],
  sources: ['S1', 'S13', 'S21'],
  description:
    'A workspace runs as a user-assigned identity only when primary_user_assigned_identity names one. With user-assigned identities alone and no primary, Azure ML has no identity to choose for the workspace (an error). With its system-assigned identity as well, the workspace silently keeps running as the system identity, and grants prepared for the user-assigned ones go unused (a warning).',
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
};
