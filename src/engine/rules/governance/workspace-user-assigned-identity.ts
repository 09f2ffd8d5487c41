import { identityTypeOf } from '../../model/estate';
import { settingEvidence, settingKnown } from '../helpers';
import { shellQuote, workspaceArgs } from '../workspace/cli-args';
import { POLICIES, PSRULES, policyEvidence, psRuleEvidence } from './references';
import { defineRule } from '../catalog';

/** R87 and R88: governance baselines expect every workspace to run as a user-assigned identity. */
export const workspaceUserAssignedIdentity = defineRule('AML-GOV-001', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (workspace.primaryUserAssignedIdentity !== undefined || !settingKnown(context, workspace.id, 'identity')) continue;
      const group = topology.resourceGroupOf(workspace.id);
      const identityName = `${workspace.name}-identity`;
      const identityArmId = `${group?.armId ?? '/subscriptions/<subscription>/resourceGroups/<resource-group>'}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identityName}`;
      const type = identityTypeOf(workspace.identity);
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} has no primary user-assigned identity (identity type ${type}), which Azure Policy ${POLICIES.userAssignedIdentity.id} and PSRule ${PSRULES.userManagedIdentity.name} report.`,
        consequence: 'The workspace fails the user-assigned identity baseline; where the policy is set to Deny, creating or updating such a workspace is refused.',
        evidence: [
          settingEvidence(workspace.id, 'primary_user_assigned_identity', '(not set)'),
          policyEvidence(POLICIES.userAssignedIdentity),
          psRuleEvidence(PSRULES.userManagedIdentity),
        ],
        fix: {
          summary: `Create a user-assigned identity for ${workspace.name}, grant it what AML-WS-003 lists, attach it and make it primary.`,
          actions: [
            {
              kind: 'command',
              az: [
                `az identity create --name ${shellQuote(identityName)} --resource-group ${shellQuote(group?.name ?? '<resource-group>')}`,
                `# Grant ${identityName} the roles AML-WS-003 lists, then in the workspace YAML set identity.type: system_assigned,user_assigned and list ${identityArmId} under user_assigned_identities:`,
                `az ml workspace update ${workspaceArgs(topology, workspace)} --file workspace.yml --primary-user-assigned-identity ${identityArmId}`,
              ],
            },
          ],
        },
      };
    }
  },
});
