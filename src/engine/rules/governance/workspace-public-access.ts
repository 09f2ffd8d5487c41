import { settingEvidence, settingKnown } from '../helpers';
import { workspaceArgs, workspaceBicep, workspaceTerraform } from '../workspace/cli-args';
import { POLICIES, PSRULES, policyEvidence, psRuleEvidence } from './references';
import { defineRule } from '../catalog';

/** R87 and R88: a workspace should be reachable only through private endpoints. */
export const workspacePublicAccess = defineRule('AML-GOV-003', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (workspace.workspaceKind === 'project') continue;
      const enabled = workspace.publicNetworkAccess === 'Enabled' && settingKnown(context, workspace.id, 'publicNetworkAccess');
      // The older switch opens a workspace with private endpoints to public networks whatever publicNetworkAccess says.
      const behindVnet = workspace.allowPublicAccessWhenBehindVnet === true;
      if (!enabled && !behindVnet) continue;
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} accepts requests from public networks${enabled ? '' : ' (allowPublicAccessWhenBehindVnet is true)'}, which Azure Policy ${POLICIES.publicNetworkAccess.id} and PSRule ${PSRULES.publicAccess.name} report.`,
        consequence: 'The workspace API and studio are reachable from any network, so only identity checks stand between the internet and the workspace.',
        evidence: [
          enabled
            ? settingEvidence(workspace.id, 'public_network_access', 'Enabled')
            : settingEvidence(workspace.id, 'allow_public_access_when_behind_vnet', 'true'),
          policyEvidence(POLICIES.publicNetworkAccess),
          psRuleEvidence(PSRULES.publicAccess),
        ],
        fix: {
          summary: `Disable public network access on ${workspace.name} (reach it through a private endpoint).`,
          actions: [
            {
              kind: 'command',
              az: [`az ml workspace update ${workspaceArgs(topology, workspace)} --public-network-access Disabled`],
              bicep: workspaceBicep(
                workspace,
                `properties: {\n  publicNetworkAccess: 'Disabled'${behindVnet ? '\n  allowPublicAccessWhenBehindVnet: false' : ''}\n}`,
              ),
              terraform: workspaceTerraform(workspace, 'public_network_access_enabled = false'),
            },
          ],
        },
      };
    }
  },
});
