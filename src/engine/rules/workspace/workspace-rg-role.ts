import { ACTIONS, AI_ADMINISTRATOR_CUTOVER, ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import type { Workspace } from '../../model/types';
import { decisionEvidence, grantsExportedFor, settingEvidence } from '../helpers';
import type { Evidence, FindingDraft, FixAction } from '../types';
import { joinWords, workspaceArgs, workspaceBicep } from './cli-args';
import { defineRule } from '../catalog';

/** The role Azure ML gives the workspace system identity on its group: which one depends on the creation date. */
function expectedRoleName(workspace: Workspace): string {
  const older = workspace.allowRoleAssignmentOnRg !== true && workspace.createdOn !== undefined && workspace.createdOn.slice(0, 10) < AI_ADMINISTRATOR_CUTOVER;
  return older ? 'Contributor' : 'Azure AI Administrator';
}

/** R3: the workspace system identity should hold Azure AI Administrator (or, for older workspaces, Contributor) on its group. */
export const workspaceResourceGroupRole = defineRule('AML-WS-002', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (!workspace.identity.system) continue;
      const group = topology.getOfKind(workspace.resourceGroup, 'resourceGroup');
      if (!group) continue;
      const identity = systemIdentityId(workspace.id);
      const checks = [
        { label: 'workspaces', action: ACTIONS.workspaceWrite },
        { label: 'storage accounts', action: ACTIONS.storageWrite },
      ].map((c) => ({ ...c, decision: context.can(identity, c.action, group.armId) }));
      const missing = checks.filter((c) => !c.decision.allowed);
      if (missing.length === 0) continue;

      const expected = expectedRoleName(workspace);
      const denied = missing.some((c) => c.decision.deniedBy !== undefined);
      const what = joinWords(missing.map((c) => c.label), 'or');
      let message = `The system-assigned identity of ${workspace.name} may not manage ${what} in resource group ${group.name}: it holds neither Azure AI Administrator nor Contributor there.`;
      if (denied) message = `A deny assignment stops the system-assigned identity of ${workspace.name} from managing ${what} in resource group ${group.name}.`;
      else if (grantsExportedFor(context, workspace.id)) message += ` Azure ML normally grants it ${expected} on the group when the workspace is created; the exported assignments do not include it.`;

      const evidence: Evidence[] = missing.map((c) => decisionEvidence(`${c.action} at resource group ${group.name}`, c.decision));
      if (workspace.createdOn) evidence.push(settingEvidence(workspace.id, 'created_on', workspace.createdOn));
      evidence.push(settingEvidence(workspace.id, 'allow_roleassignment_on_rg', workspace.allowRoleAssignmentOnRg === true));

      const actions: FixAction[] = [];
      if (workspace.allowRoleAssignmentOnRg !== true) {
        actions.push({
          kind: 'command',
          az: [`az ml workspace update ${workspaceArgs(topology, workspace)} --allow-roleassignment-on-rg true`],
          bicep: workspaceBicep(workspace, 'properties: {\n  allowRoleAssignmentOnRG: true\n}'),
        });
      }
      actions.push({ kind: 'assign-role', principal: identity, role: ROLES.azureAiAdministrator, scope: group.armId });
      const draft: FindingDraft = {
        subjects: [identity, group.id, workspace.id],
        message,
        consequence: 'The workspace may fail to create or update the resources it depends on (storage, registry, key vault), so deployments and builds can break.',
        evidence,
      };
      // Another role assignment cannot lift a deny assignment, so offering one would mislead.
      if (!denied) {
        draft.fix = {
          summary: `Let Azure ML manage the role (allow_roleassignment_on_rg) and give the identity of ${workspace.name} Azure AI Administrator on ${group.name}.`,
          actions,
        };
      }
      yield draft;
    }
  },
});
