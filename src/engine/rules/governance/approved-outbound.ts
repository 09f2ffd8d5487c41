import { settingEvidence, settingKnown } from '../helpers';
import { workspaceArgs, workspaceBicep, workspaceTerraform } from '../workspace/cli-args';
import { POLICIES, policyEvidence } from './references';
import { defineRule } from '../catalog';

/** R87: the managed network should admit approved outbound traffic only. */
export const approvedOutboundOnly = defineRule('AML-GOV-006', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const mode = workspace.managedNetwork.isolationMode;
      if (mode === 'allow_only_approved_outbound' || workspace.workspaceKind === 'project') continue;
      if (!settingKnown(context, workspace.id, 'managedNetwork')) continue;
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} has managed network mode ${mode}, not allow_only_approved_outbound as Azure Policy ${POLICIES.approvedOutbound.id} expects.`,
        consequence:
          mode === 'disabled'
            ? 'The workspace has no managed network, so outbound traffic from its computes is not limited by Azure ML at all.'
            : 'Computes in the managed network can reach any internet destination, which leaves a path for data to leave.',
        evidence: [settingEvidence(workspace.id, 'managed_network.isolation_mode', mode), policyEvidence(POLICIES.approvedOutbound)],
        fix: {
          summary: `Switch ${workspace.name} to allow_only_approved_outbound and add outbound rules for what it must reach; the change cannot be reverted.`,
          actions: [
            {
              kind: 'command',
              az: [`az ml workspace update ${workspaceArgs(topology, workspace)} --managed-network allow_only_approved_outbound`],
              bicep: workspaceBicep(workspace, "properties: {\n  managedNetwork: {\n    isolationMode: 'AllowOnlyApprovedOutbound'\n  }\n}"),
              terraform: workspaceTerraform(workspace, 'managed_network {\n  isolation_mode = "AllowOnlyApprovedOutbound"\n}'),
            },
          ],
        },
      };
    }
  },
});
