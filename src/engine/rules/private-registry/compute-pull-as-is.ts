import { ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { missingGrantDrafts, settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { resourceGroupName, systemIdentityThenAcrPull } from '../registry/support';

/** R55: a job that pulls a private registry's image as-is pulls it with the compute's own identity. */
export const privateRegistryComputePull: Rule = {
  id: 'AML-PACR-001',
  title: 'Compute identity cannot pull a base image from a private registry',
  area: 'private-registry',
  severity: 'error',
  confidence: 'documented',
  facts: ['R55'],
  needs: ['role-assignments'],
  sources: ['S1'],
  description:
    'When a job uses an image from a container registry other than the workspace one, as it is and without an Azure ML build on top, the compute cluster pulls it with its own default managed identity. Azure ML never grants anything on such a registry, so that identity needs AcrPull there, and a cluster with no managed identity cannot pull the image at all.',
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
};
