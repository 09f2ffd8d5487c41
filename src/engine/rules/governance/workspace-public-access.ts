import { settingEvidence, settingKnown } from '../helpers';
import { workspaceArgs, workspaceBicep, workspaceTerraform } from '../workspace/cli-args';
import { POLICIES, PSRULES, policyEvidence, psRuleEvidence } from './references';
import { defineRule } from '../catalog';

/** R87 and R88: a workspace should be reachable only through private endpoints. */
export const workspacePublicAccess = defineRule('AML-GOV-003', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (workspace.publicNetworkAccess !== 'Enabled' || workspace.workspaceKind === 'project') continue;
      if (!settingKnown(context, workspace.id, 'publicNetworkAccess')) continue;
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} accepts requests from public networks, which Azure Policy ${POLICIES.publicNetworkAccess.id} and PSRule ${PSRULES.publicAccess.name} report.`,
        consequence: 'The workspace API and studio are reachable from any network, so only identity checks stand between the internet and the workspace.',
        evidence: [settingEvidence(workspace.id, 'public_network_access', 'Enabled'), policyEvidence(POLICIES.publicNetworkAccess), psRuleEvidence(PSRULES.publicAccess)],
        fix: {
          summary: `Disable public network access on ${workspace.name} (reach it through a private endpoint).`,
          actions: [
            {
              kind: 'command',
              az: [`az ml workspace update ${workspaceArgs(topology, workspace)} --public-network-access Disabled`],
              bicep: workspaceBicep(workspace, "properties: {\n  publicNetworkAccess: 'Disabled'\n}"),
              terraform: workspaceTerraform(workspace, 'public_network_access_enabled = false'),
            },
          ],
        },
      };
    }
  },
});
