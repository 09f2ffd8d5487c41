import type { EntityId } from '../../model/ids';
import { ROLES } from '../../context/actions';
import { missingGrantDrafts, isObserved, settingEvidence, settingKnown } from '../helpers';
import { earlierDay, resourceGroupName, systemIdentityThenAcrPull } from './support';
import { defineRule } from '../catalog';

/**
 * R20 and R27: a compute cluster pulls training images from the workspace registry with its default
 * identity once the admin user is off, and only a system identity created after the registry gets AcrPull
 * from Azure ML.
 */
export const computeImagePull = defineRule('AML-ACR-004', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('compute-image-pull')) {
      const compute = topology.getOfKind(path.actor, 'compute');
      const registry = topology.getOfKind(path.target as EntityId, 'containerRegistry');
      // Instances and Kubernetes compute are not covered by the documented behaviour; a missing registry is AML-ACR-003's.
      if (!compute || compute.computeType !== 'amlcompute' || !registry) continue;
      // A registry the import only names (az ml workspace show without az acr show) may pull with its admin user.
      if (!settingKnown(context, registry.id, 'adminUserEnabled')) continue;
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
});
