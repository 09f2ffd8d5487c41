import { ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { missingGrantDrafts, settingEvidence } from '../helpers';
import { resourceGroupName, systemIdentityThenAcrPull } from '../registry/support';
import { defineRule } from '../catalog';

/** R55: a job that pulls a private registry's image as-is pulls it with the compute's own identity. */
export const privateRegistryComputePull = defineRule('AML-PACR-001', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('compute-private-registry')) {
      const compute = topology.getOfKind(path.actor, 'compute');
      const registry = topology.getOfKind(path.target as EntityId, 'containerRegistry');
      if (!compute || !registry) continue;
      const jobs = path.via.map((id) => topology.nameOf(id)).join(', ');
      const consequence = `Jobs on ${compute.name} that use images from ${registry.name}${jobs ? ` (such as ${jobs})` : ''} fail before they start.`;
      if (path.identity.kind === 'none') {
        const workspace = topology.workspaceOf(compute.id);
        const rg = resourceGroupName(context, compute.id);
        yield {
          subjects: [compute.id, registry.id],
          message: `${compute.name} has no managed identity, so it cannot pull the base image from the private registry ${registry.name}.`,
          consequence,
          evidence: [settingEvidence(compute.id, 'identity.type', 'none')],
          fix: {
            summary: `Give ${compute.name} a system-assigned identity and grant it AcrPull on ${registry.name}.`,
            actions: [systemIdentityThenAcrPull(compute, workspace?.name ?? '<workspace>', rg, registry)],
          },
          pathIds: [path.id],
        };
        continue;
      }
      yield* missingGrantDrafts(context, path, {
        consequence,
        select: (r) => r.suggestedRole === ROLES.acrPull,
        note: 'Azure ML grants nothing on registries other than the workspace one.',
      });
    }
  },
});
