import { settingEvidence } from '../helpers';
import { nameList, workspacesUsingRegistry } from './support';
import { defineRule } from '../catalog';

/**
 * R24: Azure ML gets through to a network-restricted registry as a trusted Microsoft service, an exception
 * that does not exist for registries restricted by a service endpoint. (The private-endpoint and IP-rule
 * cases without the exception are AML-NET-004's, from R84.)
 */
export const registryTrustedServices = defineRule('AML-ACR-007', {
  *check(context) {
    for (const registry of context.estate.containerRegistries) {
      if (registry.networkRestriction !== 'service_endpoint') continue;
      const workspaces = workspacesUsingRegistry(context, registry.id);
      if (workspaces.length === 0) continue;
      yield {
        subjects: [registry.id, ...workspaces.map((w) => w.id)],
        message: `${registry.name} is limited with a service endpoint, where the trusted-services exception does not apply, so ${nameList(workspaces.map((w) => w.name))} cannot get through as a trusted service.`,
        consequence: 'Azure ML operations on the registry that do not originate from the allowed subnet, such as image builds, are refused.',
        evidence: [settingEvidence(registry.id, 'network_restriction', 'service_endpoint')],
        fix: {
          summary: `Restrict ${registry.name} with a private endpoint (or IP rules) and allow trusted Microsoft services, instead of a service endpoint.`,
          actions: [
            {
              kind: 'manual',
              text: `Replace the service-endpoint rule on ${registry.name} with a private endpoint in the workspace network, then run az acr update --name ${registry.name} --allow-trusted-services true.`,
            },
          ],
        },
        pathIds: context.pathsTo(registry.id).map((p) => p.id),
      };
    }
  },
});
