import type { ContainerRegistry, StorageAccount, Workspace } from '../../model/types';
import { settingEvidence } from '../helpers';
import type { FindingDraft, RuleContext } from '../types';
import { resourceGroupName } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

function storageDraft(context: RuleContext, workspace: Workspace, storage: StorageAccount): FindingDraft {
  const rg = resourceGroupName(context, storage.id);
  const tenant =
    workspace.tenantId ??
    context.topology.subscriptionOf(workspace.id)?.tenantId ??
    context.estate.tenantId ??
    '<tenant-id>';
  return {
    subjects: [storage.id, workspace.id],
    message: `Storage account ${storage.name}, used by ${workspace.name}, admits only selected networks without the trusted-services exception (resource-instance rules are not recorded in the estate).`,
    consequence:
      'The workspace service itself (studio, data preview, managed network rules) is blocked by the storage firewall.',
    evidence: [settingEvidence(storage.id, 'network', storage.network)],
    fix: {
      summary: `Let ${workspace.name} through the firewall of ${storage.name} with a resource-instance rule, or allow trusted Azure services.`,
      actions: [
        {
          kind: 'command',
          az: [
            `az storage account network-rule add --account-name ${storage.name} --resource-group ${rg} --resource-id ${workspace.armId} --tenant-id ${tenant}`,
            `az storage account update --name ${storage.name} --resource-group ${rg} --bypass AzureServices`,
          ],
          bicep: `// In the properties of storage account ${storage.name}:\nnetworkAcls: {\n  defaultAction: 'Deny'\n  bypass: 'AzureServices'\n  resourceAccessRules: [\n    { tenantId: '${tenant}', resourceId: '${workspace.armId}' }\n  ]\n}`,
          terraform: `# In resource "azurerm_storage_account" for ${storage.name}:\nnetwork_rules {\n  default_action = "Deny"\n  bypass         = ["AzureServices"]\n  private_link_access {\n    endpoint_resource_id = "${workspace.armId}"\n    endpoint_tenant_id   = "${tenant}"\n  }\n}`,
        },
      ],
    },
  };
}

function registryDraft(
  context: RuleContext,
  workspace: Workspace,
  registry: ContainerRegistry,
): FindingDraft {
  const how = registry.networkRestriction === 'private_endpoint' ? 'private endpoints' : 'IP rules';
  return {
    subjects: [registry.id, workspace.id],
    message: `Container registry ${registry.name} of ${workspace.name} is restricted by ${how} and does not allow trusted Azure services.`,
    consequence:
      'Azure ML cannot build or pull environment images through the registry firewall, so jobs and deployments fail at image preparation.',
    evidence: [
      settingEvidence(registry.id, 'network_restriction', registry.networkRestriction),
      settingEvidence(registry.id, 'trusted_services_allowed', 'false'),
    ],
    fix: {
      summary: `Allow trusted Azure services on ${registry.name}.`,
      actions: [
        {
          kind: 'command',
          az: [
            `az acr update --name ${registry.name} --resource-group ${resourceGroupName(context, registry.id)} --allow-trusted-services true`,
          ],
          bicep: `// In the properties of registry ${registry.name}:\nnetworkRuleBypassOptions: 'AzureServices'`,
          terraform: `# In resource "azurerm_container_registry" for ${registry.name}:\nnetwork_rule_bypass_option = "AzureServices"`,
        },
      ],
    },
  };
}

/** R84: network-restricted dependencies of a workspace must let Azure ML through as a trusted service. */
export const trustedServicesException = defineRule('AML-NET-004', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const storageIds = new Set([
        workspace.storageAccount,
        ...topology.datastoresOf(workspace.id).map((d) => d.storageAccount),
      ]);
      for (const id of storageIds) {
        const storage = topology.getOfKind(id, 'storageAccount');
        if (storage?.network === 'selected_networks') yield storageDraft(context, workspace, storage);
      }
      const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
      // Service-endpoint restrictions are left to the registry rules: the trusted-services switch does not help there.
      if (
        registry &&
        (registry.networkRestriction === 'private_endpoint' || registry.networkRestriction === 'ip_rules') &&
        !registry.trustedServicesAllowed
      )
        yield registryDraft(context, workspace, registry);
    }
  },
});
