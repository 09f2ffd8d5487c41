import { noteEvidence, settingEvidence, settingKnown } from '../helpers';
import type { FindingDraft } from '../types';
import { nameList, resourceGroupName, shellArg, workspacesUsingRegistry } from './support';
import { defineRule } from '../catalog';

/**
 * R18 and R19: the registry admin user is a shared password outside RBAC. Azure ML turns it on for the
 * registry it creates lazily, so a workspace without a registry will end up with one too.
 */
export const registryAdminUser = defineRule('AML-ACR-003', {
  *check(context) {
    for (const registry of context.estate.containerRegistries) {
      if (!registry.adminUserEnabled || !settingKnown(context, registry.id, 'adminUserEnabled')) continue;
      const workspaces = workspacesUsingRegistry(context, registry.id);
      const rg = resourceGroupName(context, registry.id);
      const users = workspaces.length > 0 ? ` (the registry of ${nameList(workspaces.map((w) => w.name))})` : '';
      const draft: FindingDraft = {
        subjects: [registry.id, ...workspaces.map((w) => w.id)],
        message: `${registry.name}${users} has its admin user enabled, so a shared password can push and pull every image in it.`,
        consequence:
          'Anyone who obtains the admin password gets full image access that no role assignment shows; once it is turned off, computes and endpoints pull with their managed identities, which then need AcrPull.',
        evidence: [settingEvidence(registry.id, 'admin_user_enabled', true)],
        fix: {
          summary: `Turn off the admin user of ${registry.name} after checking that the identities pulling from it hold AcrPull.`,
          actions: [
            {
              kind: 'command',
              az: [`az acr update --name ${shellArg(registry.name)} --resource-group ${shellArg(rg)} --admin-enabled false`],
              bicep: `// In the existing registry resource (location, sku and other properties unchanged):\nresource ${bicepSymbol(registry.name)} 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: '${registry.name}'\n  // ...\n  properties: {\n    adminUserEnabled: false\n  }\n}`,
              terraform: `# In the existing registry resource (location, sku and other arguments unchanged):\nresource "azurerm_container_registry" "${bicepSymbol(registry.name)}" {\n  name                = "${registry.name}"\n  resource_group_name = "${rg}"\n  # ...\n  admin_enabled       = false\n}`,
            },
          ],
        },
        pathIds: context
          .pathsTo(registry.id)
          .filter((p) => p.kind === 'compute-image-pull' && p.identity.kind === 'acr-admin')
          .map((p) => p.id),
      };
      yield draft;
    }

    for (const workspace of context.estate.workspaces) {
      if (workspace.containerRegistry !== undefined || !settingKnown(context, workspace.id, 'containerRegistry')) continue;
      const rg = resourceGroupName(context, workspace.id);
      yield {
        subjects: [workspace.id],
        message: `${workspace.name} names no container registry; Azure ML will create one on first need, with its admin user enabled.`,
        consequence:
          'The new registry starts with a shared admin password; if a subscription policy forbids the admin user, the lazy creation fails and builds and deployments cannot start.',
        evidence: [settingEvidence(workspace.id, 'container_registry', '(not set)'), noteEvidence('A registry created by Azure ML for a workspace has its admin user turned on.')],
        fix: {
          summary: `Attach a registry created without the admin user to ${workspace.name} (or turn the admin user off once Azure ML has created one).`,
          actions: [
            {
              kind: 'command',
              az: [
                `az acr create --name <registry name> --resource-group ${shellArg(rg)} --sku Standard --admin-enabled false`,
                `az ml workspace update --name ${shellArg(workspace.name)} --resource-group ${shellArg(rg)} --update-dependent-resources --container-registry "$(az acr show --name <registry name> --resource-group ${shellArg(rg)} --query id --output tsv)"`,
              ],
              bicep: `// In the existing workspace resource '${workspace.name}':\nproperties: {\n  containerRegistry: '<registry resource id>'\n}`,
              terraform: `# In the existing azurerm_machine_learning_workspace "${workspace.name}":\ncontainer_registry_id = "<registry resource id>"`,
            },
          ],
        },
        // Without a registry, the image-pull paths of the workspace's computes point at the workspace itself.
        pathIds: context
          .pathsTo(workspace.id)
          .filter((p) => p.kind === 'compute-image-pull')
          .map((p) => p.id),
      };
    }
  },
});

function bicepSymbol(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `r_${cleaned}`;
}
