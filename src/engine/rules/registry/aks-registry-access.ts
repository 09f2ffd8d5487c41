import { ROLES } from '../../context/actions';
import { identityTypeOf } from '../../model/estate';
import { isObserved, missingGrantDrafts, settingEvidence } from '../helpers';
import { pathIdsOf } from './support';
import { defineRule } from '../catalog';

/** R21: an AKS cluster attached for (legacy) inference must run as a service principal that holds AcrPull. */
export const aksRegistryAccess = defineRule('AML-ACR-005', {
  *check(context) {
    const { topology } = context;
    for (const aks of context.estate.aksClusters) {
      const workspace = topology.getOfKind(aks.attachedWorkspace, 'workspace');
      if (!workspace || aks.clusterIdentity.type !== 'managed_identity') continue;
      yield {
        subjects: [aks.id, workspace.id],
        message: `AKS cluster ${aks.name} is attached to ${workspace.name} for inference but authenticates with a managed identity only; Azure ML needs the cluster to run as a service principal.`,
        consequence: `Deployments to ${aks.name} cannot pull their images from the workspace registry.`,
        evidence: [settingEvidence(aks.id, 'cluster_identity.type', `managed_identity (${identityTypeOf(aks.clusterIdentity.identity)})`)],
        fix: {
          summary: `Attach an AKS cluster that uses a service principal to ${workspace.name} instead of ${aks.name}.`,
          actions: [
            {
              kind: 'manual',
              text: `Create (or re-create) ${aks.name} with a service principal as its cluster identity, then attach it to ${workspace.name}; Azure ML grants that principal AcrPull on the workspace registry when attaching.`,
            },
          ],
        },
        pathIds: pathIdsOf(context, 'aks-image-pull', aks.id),
      };
    }

    for (const path of context.pathsOfKind('aks-image-pull')) {
      if (path.identity.kind !== 'service-principal' && path.identity.kind !== 'managed-identity') continue;
      yield* missingGrantDrafts(context, path, {
        consequence: 'Scoring images cannot be pulled, so deployments to the cluster fail to start.',
        select: (r) => r.suggestedRole === ROLES.acrPull,
        note: isObserved(context)
          ? 'Azure ML normally makes this grant when the cluster is attached, but the exported assignments do not show it.'
          : 'Azure ML normally makes this grant when the cluster is attached; something in the estate prevents it.',
      });
    }
  },
});
