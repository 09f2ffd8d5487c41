import { ACTIONS } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { loginServerOf } from '../../paths/builder';
import { noteEvidence, settingEvidence } from '../helpers';
import { heredoc, resourceGroupName, shellArg } from '../registry/support';
import { defineRule } from '../catalog';

/**
 * R56: Azure ML builds an environment on a private-registry base image with ACR Tasks in the workspace
 * registry, and that task pulls the base image as the user-assigned identity a container_registry
 * connection names.
 */
export const privateRegistryBuildConnection = defineRule('AML-PACR-002', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('environment-build-private-registry')) {
      if (path.identity.kind !== 'none') continue;
      const workspace = topology.getOfKind(path.actor, 'workspace');
      const registry = topology.getOfKind(path.target as EntityId, 'containerRegistry');
      if (!workspace || !registry) continue;
      const existing = topology
        .connectionsOf(workspace.id)
        .find((c) => c.connectionType === 'container_registry' && normaliseTarget(c.target) === loginServerOf(registry));
      const name = existing?.name ?? `${registry.name}-managed-identity`;
      // An identity that can already pull from the registry is the natural one to name; otherwise leave blanks.
      const puller = context.estate.userAssignedIdentities.find((u) => context.can(u.id, ACTIONS.acrPull, registry.armId).allowed);
      const clientId = puller?.clientId ?? (puller ? `<client id of ${puller.name}>` : '<client id of a user-assigned identity with AcrPull on the registry>');
      const resourceId = puller?.armId ?? '<resource id of that identity>';
      const file = `${name}.yml`;
      const yaml = [
        `name: ${name}`,
        'type: container_registry',
        `target: https://${loginServerOf(registry)}`,
        'credentials:',
        '  type: managed_identity',
        `  client_id: ${clientId}`,
        `  resource_id: ${resourceId}`,
      ].join('\n');
      const rg = resourceGroupName(context, workspace.id);
      yield {
        subjects: existing ? [existing.id, registry.id, workspace.id] : [registry.id, workspace.id],
        message: existing
          ? existing.credentialKind === 'managed_identity'
            ? `${workspace.name} builds an environment on a base image from ${registry.name}, but connection ${existing.name} to it names no user-assigned identity the estate knows.`
            : `${workspace.name} builds an environment on a base image from ${registry.name}, but connection ${existing.name} to it uses ${existing.credentialKind} credentials rather than a managed identity.`
          : `${workspace.name} builds an environment on a base image from ${registry.name} but has no container_registry connection to ${loginServerOf(registry)} with managed-identity credentials.`,
        consequence: `The image build cannot pull its base image from ${registry.name}, so the environment never becomes available.`,
        evidence: existing
          ? [settingEvidence(existing.id, 'credentials.type', existing.credentialKind)]
          : [noteEvidence(`No connection of ${workspace.name} targets ${loginServerOf(registry)}.`)],
        fix: {
          summary: `Create a container_registry connection in ${workspace.name} to ${loginServerOf(registry)} with managed_identity credentials (a user-assigned identity that holds AcrPull on ${registry.name}, with the workspace identity allowed to assign it):\n${yaml}`,
          actions: [
            {
              kind: 'command',
              az: [
                ...heredoc(file, yaml),
                `az ml connection create --file ${shellArg(file)} --resource-group ${shellArg(rg)} --workspace-name ${shellArg(workspace.name)}`,
              ],
              bicep: `resource ${symbol(name)} 'Microsoft.MachineLearningServices/workspaces/connections@2024-04-01' = {\n  name: '${workspace.name}/${name}'\n  properties: {\n    category: 'ContainerRegistry'\n    target: 'https://${loginServerOf(registry)}'\n    authType: 'ManagedIdentity'\n    credentials: {\n      clientId: '${clientId}'\n      resourceId: '${resourceId}'\n    }\n  }\n}`,
              terraform: `resource "azapi_resource" "${symbol(name)}" {\n  type      = "Microsoft.MachineLearningServices/workspaces/connections@2024-04-01"\n  name      = "${name}"\n  parent_id = "${workspace.armId}"\n  body = {\n    properties = {\n      category    = "ContainerRegistry"\n      target      = "https://${loginServerOf(registry)}"\n      authType    = "ManagedIdentity"\n      credentials = {\n        clientId   = "${clientId}"\n        resourceId = "${resourceId}"\n      }\n    }\n  }\n}`,
            },
          ],
        },
        pathIds: [path.id],
      };
    }
  },
});

function normaliseTarget(target: string | undefined): string {
  return (target ?? '').toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, '');
}

function symbol(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `c_${cleaned}`;
}
