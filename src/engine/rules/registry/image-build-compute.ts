import { noteEvidence, settingEvidence } from '../helpers';
import { resourceGroupName, shellArg } from './support';
import { defineRule } from '../catalog';

/** R25: images cannot be built inside a registry that sits behind a virtual network; a cluster must build them. */
export const imageBuildCompute = defineRule('AML-ACR-008', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
      if (!registry) continue;
      const closed = registry.publicNetworkAccess === 'Disabled' || registry.networkRestriction !== 'none';
      if (!closed) continue;
      const computes = topology.computesOf(workspace.id);
      const clusters = computes.filter((c) => c.computeType === 'amlcompute');
      const named = workspace.imageBuildCompute;
      if (named !== undefined && clusters.some((c) => c.name.toLowerCase() === named.toLowerCase())) continue;
      // A named compute whose type the input left unknown may well be a cluster: nothing to say until it is known.
      if (named !== undefined && computes.some((c) => c.computeType === 'unknown' && c.name.toLowerCase() === named.toLowerCase())) continue;

      const suggestion = clusters[0]?.name ?? '<compute cluster name>';
      const rg = resourceGroupName(context, workspace.id);
      const why =
        registry.publicNetworkAccess === 'Disabled' ? 'has public network access disabled' : `is restricted (${registry.networkRestriction.replace('_', ' ')})`;
      yield {
        subjects: [workspace.id, registry.id],
        message:
          named === undefined
            ? `${registry.name} ${why}, and ${workspace.name} names no image_build_compute to build environment images on.`
            : `${registry.name} ${why}, and ${workspace.name} names image_build_compute ${named}, which is not a compute cluster of the workspace.`,
        consequence: 'Building custom environments fails, so jobs and deployments that need a new image cannot start.',
        evidence: [
          settingEvidence(registry.id, 'public_network_access', registry.publicNetworkAccess),
          settingEvidence(registry.id, 'network_restriction', registry.networkRestriction),
          settingEvidence(workspace.id, 'image_build_compute', named ?? '(not set)'),
          ...(clusters.length === 0 ? [noteEvidence(`${workspace.name} has no compute cluster yet; create one to build images on, or use serverless image building.`)] : []),
        ],
        fix: {
          summary: `Set image_build_compute of ${workspace.name} to a compute cluster in the workspace network (${suggestion}).`,
          actions: [
            {
              kind: 'command',
              az: [`az ml workspace update --name ${shellArg(workspace.name)} --resource-group ${shellArg(rg)} --image-build-compute ${shellArg(suggestion)}`],
              bicep: `// In the existing workspace resource '${workspace.name}' (other properties unchanged):\nproperties: {\n  imageBuildCompute: '${suggestion}'\n}`,
              terraform: `# In the existing azurerm_machine_learning_workspace "${workspace.name}" (other arguments unchanged):\nimage_build_compute_name = "${suggestion}"`,
            },
          ],
        },
        discriminator: named === undefined ? 'unset' : 'unknown-compute',
      };
    }
  },
});
