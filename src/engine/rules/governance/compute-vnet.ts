import { COMPUTE_KINDS } from '../../model/compute-kinds';
import { settingEvidence, settingKnown } from '../helpers';
import { PSRULES, psRuleEvidence } from './references';
import { defineRule } from '../catalog';

/** R88: clusters and instances should sit in a virtual network the customer controls. */
export const computeVnet = defineRule('AML-GOV-007', {
  *check(context) {
    const { topology } = context;
    for (const compute of context.estate.computes) {
      // Kubernetes and attached computes take the network of the resource they run on.
      if (!COMPUTE_KINDS[compute.computeType].subnetExpected || (compute.subnet ?? '') !== '') continue;
      const workspace = topology.getOfKind(compute.workspace, 'workspace');
      if (!workspace || workspace.managedNetwork.isolationMode !== 'disabled') continue;
      if (!settingKnown(context, compute.id, 'subnet') || !settingKnown(context, workspace.id, 'managedNetwork')) continue;
      const kind = compute.computeType === 'computeinstance' ? 'Compute instance' : 'Compute cluster';
      yield {
        subjects: [compute.id, workspace.id],
        message: `${kind} ${compute.name} in ${workspace.name} is not placed in a subnet, and the workspace has no managed network; PSRule ${PSRULES.computeVnet.name} reports this.`,
        consequence: 'The compute gets its network from Azure ML defaults, so its traffic cannot be kept to private endpoints or filtered by your network rules.',
        evidence: [
          settingEvidence(compute.id, 'network_settings.subnet', '(not set)'),
          settingEvidence(workspace.id, 'managed_network.isolation_mode', 'disabled'),
          psRuleEvidence(PSRULES.computeVnet),
        ],
        fix: {
          summary: `Recreate ${compute.name} in a subnet of your virtual network, or turn on the managed network of ${workspace.name}.`,
          actions: [
            {
              kind: 'manual',
              text: `The subnet of a compute is fixed when it is created: create ${compute.name} again with network_settings {vnet_name, subnet}, or enable a managed network on ${workspace.name} (az ml workspace update --managed-network allow_only_approved_outbound).`,
            },
          ],
        },
      };
    }
  },
});
