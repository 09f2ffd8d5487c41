import { identityTypeOf } from '../../model/estate';
import { noteEvidence, settingEvidence } from '../helpers';
import { heredoc, pathIdsOf, resourceGroupName, shellArg } from './support';
import { defineRule } from '../catalog';

/**
 * R16: a registry closed to public networks accepts the workspace's system identity or the admin user, but
 * not a workspace user-assigned identity, even one holding AcrPull.
 */
export const registryClosedUaiOnly = defineRule('AML-ACR-001', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
      if (!registry || registry.publicNetworkAccess !== 'Disabled') continue;
      if (workspace.identity.system || workspace.identity.userAssigned.length === 0 || registry.adminUserEnabled) continue;

      const primary = workspace.primaryUserAssignedIdentity ?? workspace.identity.userAssigned[0];
      const uaiIds = workspace.identity.userAssigned.map((id) => topology.getOfKind(id, 'userAssignedIdentity')?.armId ?? String(id));
      const primaryArm = topology.getOfKind(primary, 'userAssignedIdentity')?.armId ?? String(primary);
      // The identity block of an update is the complete set (R7), so every current identity is listed again.
      const yaml = [
        'identity:',
        '  type: system_assigned,user_assigned',
        '  user_assigned_identities:',
        ...uaiIds.map((id) => `    '${id}': {}`),
        `primary_user_assigned_identity: ${primaryArm}`,
      ].join('\n');
      const file = `${workspace.name}-identity.yml`;
      const rg = resourceGroupName(context, workspace.id);
      yield {
        subjects: [registry.id, workspace.id],
        message: `${registry.name} has public network access disabled and its admin user off, while ${workspace.name} has no system-assigned identity: it can only present ${topology.nameOf(primary)}, a user-assigned identity, which such a registry is listed as not accepting.`,
        consequence: `Image builds and pulls that go through ${workspace.name} are likely to be refused by ${registry.name}.`,
        evidence: [
          settingEvidence(registry.id, 'public_network_access', registry.publicNetworkAccess),
          settingEvidence(registry.id, 'admin_user_enabled', false),
          settingEvidence(workspace.id, 'identity.type', identityTypeOf(workspace.identity)),
          noteEvidence('The support table for this case is reconstructed from the AI Foundry copy of the page; the Azure ML page itself was not seen with its marks intact.'),
        ],
        fix: {
          summary: `Give ${workspace.name} its system-assigned identity next to its user-assigned ones (or allow public network access on ${registry.name}).`,
          actions: [
            {
              kind: 'command',
              az: [...heredoc(file, yaml), `az ml workspace update --name ${shellArg(workspace.name)} --resource-group ${shellArg(rg)} --file ${shellArg(file)}`],
              bicep: `// In the existing workspace resource '${workspace.name}' (other properties unchanged):\nidentity: {\n  type: 'SystemAssigned,UserAssigned'\n  userAssignedIdentities: {\n${uaiIds.map((id) => `    '${id}': {}`).join('\n')}\n  }\n}`,
              terraform: `# In the existing azurerm_machine_learning_workspace "${workspace.name}" (other arguments unchanged):\nidentity {\n  type         = "SystemAssigned, UserAssigned"\n  identity_ids = [\n${uaiIds.map((id) => `    "${id}",`).join('\n')}\n  ]\n}`,
            },
          ],
        },
        pathIds: pathIdsOf(context, 'workspace-dependency', workspace.id, registry.id),
      };
    }
  },
});
