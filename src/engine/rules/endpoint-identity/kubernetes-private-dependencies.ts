import type { EntityId } from '../../model/ids';
import type { ContainerRegistry, StorageAccount } from '../../model/types';
import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

function privateRegistry(registry: ContainerRegistry): boolean {
  return registry.publicNetworkAccess === 'Disabled' || registry.networkRestriction === 'private_endpoint';
}

function privateStorage(storage: StorageAccount): boolean {
  return storage.network === 'private_endpoint';
}

/** R75: a Kubernetes endpoint reaches a private registry or storage only over private link. */
export const kubernetesPrivateDependencies = defineRule('AML-EPI-004', {
  *check(context) {
    const { topology } = context;
    for (const endpoint of context.estate.onlineEndpoints) {
      if (endpoint.endpointKind !== 'kubernetes') continue;
      const workspace = topology.getOfKind(endpoint.workspace, 'workspace');
      if (!workspace) continue;
      // The registries this endpoint's deployments pull from; the workspace registry when it has none yet.
      const pulls = context.pathsOfKind('deployment-image-pull').filter((p) => p.via[0] === endpoint.id);
      const registryIds = new Set<EntityId>(pulls.map((p) => p.target as EntityId));
      if (pulls.length === 0 && workspace.containerRegistry) registryIds.add(workspace.containerRegistry);
      const registries = [...registryIds]
        .map((id) => topology.getOfKind(id, 'containerRegistry'))
        .filter((r): r is ContainerRegistry => r !== undefined);
      const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
      const privateOnes: { id: EntityId; label: string; field: string; value: string }[] = [
        ...registries.filter(privateRegistry).map((r) => ({
          id: r.id,
          label: `registry ${r.name}`,
          field: r.publicNetworkAccess === 'Disabled' ? 'public_network_access' : 'network_restriction',
          value: r.publicNetworkAccess === 'Disabled' ? 'Disabled' : r.networkRestriction,
        })),
        ...(storage && privateStorage(storage)
          ? [
              {
                id: storage.id,
                label: `storage account ${storage.name}`,
                field: 'network',
                value: storage.network,
              },
            ]
          : []),
      ];
      for (const dependency of privateOnes) {
        yield {
          subjects: [endpoint.id, dependency.id],
          message: `Kubernetes endpoint ${endpoint.name} needs ${dependency.label}, which is reachable only through private endpoints.`,
          consequence: `Unless the cluster behind ${endpoint.name} reaches ${dependency.label} over private link, its pods cannot fetch the image or model and never become ready.`,
          evidence: [
            settingEvidence(dependency.id, dependency.field, dependency.value),
            settingEvidence(endpoint.id, 'kind', 'kubernetes'),
          ],
          fix: {
            summary: `Give the Kubernetes cluster's virtual network a private endpoint (and private DNS) for ${dependency.label}.`,
            actions: [
              {
                kind: 'manual',
                text: `Create a private endpoint for ${dependency.label} in, or peered with, the virtual network of the cluster that runs ${endpoint.name}, and link its private DNS zone.`,
              },
            ],
          },
          pathIds: [
            ...pulls,
            ...context.pathsOfKind('deployment-model-storage').filter((p) => p.via[0] === endpoint.id),
          ]
            .filter((p) => p.target === dependency.id)
            .map((p) => p.id),
        };
      }
    }
  },
});
