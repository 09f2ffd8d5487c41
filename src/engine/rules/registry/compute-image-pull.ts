import type { EntityId } from '../../model/ids';
import { ROLES } from '../../context/actions';
import { missingGrantDrafts, isObserved, settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { earlierDay, resourceGroupName, systemIdentityThenAcrPull } from './support';

/**
 * R20 and R27: a compute cluster pulls training images from the workspace registry with its default
 * identity once the admin user is off, and only a system identity created after the registry gets AcrPull
 * from Azure ML.
 */
export const computeImagePull: Rule = {
  id: 'AML-ACR-004',
  title: 'Compute cluster cannot pull images from the workspace registry',
  area: 'registry',
  severity: 'error',
  otherSeverities: ['warning'],
  confidence: 'documented',
  facts: ['R20', 'R27'],
  needs: ['role-assignments'],
  sources: ['S1'],
  description:
    'With the registry admin user off, a compute cluster pulls its job images with its default managed identity: the system-assigned one, else the first user-assigned one. Azure ML grants AcrPull on the workspace registry by itself only to a system identity of a cluster created after that registry existed. A cluster created earlier, a cluster running as a user-assigned identity (whose automatic grant is not documented) and a cluster with no identity at all must be given the grant, or an identity, by hand; otherwise every job fails while preparing its image. For a user-assigned identity the finding is a warning, since whether Azure ML grants it is unconfirmed.',
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('compute-image-pull')) {
      const compute = topology.getOfKind(path.actor, 'compute');
      const registry = topology.getOfKind(path.target as EntityId, 'containerRegistry');
      // Instances and Kubernetes compute are not covered by the documented behaviour; a missing registry is AML-ACR-003's.
      if (!compute || compute.computeType !== 'amlcompute' || !registry) continue;
      const workspace = topology.getOfKind(compute.workspace, 'workspace');
      const rg = workspace ? resourceGroupName(context, workspace.id) : '<resource group>';

      if (path.identity.kind === 'none') {
        yield {
          subjects: [compute.id, registry.id],
          message: `Compute cluster ${compute.name} has no managed identity and the admin user of ${registry.name} is off, so it has nothing to pull job images with.`,
          consequence: `Jobs on ${compute.name} fail while fetching their image from ${registry.name}.`,
          evidence: [settingEvidence(compute.id, 'identity.type', 'none'), settingEvidence(registry.id, 'admin_user_enabled', false)],
          fix: {
            summary: `Give ${compute.name} a system-assigned identity and make sure it holds AcrPull on ${registry.name}.`,
            actions: [systemIdentityThenAcrPull(compute, workspace?.name ?? '<workspace>', rg, registry)],
          },
          pathIds: [path.id],
        };
        continue;
      }
      if (path.identity.kind !== 'managed-identity') continue;

      const sai = compute.identity.system;
      let note: string;
      // Only the system identity's automatic grant is documented; a user-assigned one rests on an unconfirmed fact.
      const facts = sai ? [] : ['R20:cluster-uai'];
      if (sai && earlierDay(compute.createdOn, registry.createdOn)) {
        note = `${compute.name} was created on ${compute.createdOn?.slice(0, 10)}, before ${registry.name} existed (${registry.createdOn?.slice(0, 10)}), so Azure ML did not grant it AcrPull.`;
      } else if (sai && isObserved(context)) {
        note = `Azure ML normally grants this to a cluster's system identity when the registry already exists, but the exported assignments do not show it.`;
      } else if (sai) {
        note = 'Azure ML would normally grant this itself; something in the estate prevents it.';
      } else {
        note = `Azure ML is documented to grant AcrPull only to a cluster's system identity; for a user-assigned one that is not confirmed, so assign it yourself.`;
      }
      yield* missingGrantDrafts(context, path, {
        consequence: `Jobs on ${compute.name} fail while fetching their image from ${registry.name}.`,
        select: (r) => r.suggestedRole === ROLES.acrPull,
        note,
        facts,
      });
    }
  },
};
