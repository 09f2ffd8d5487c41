import { settingEvidence, settingKnown } from '../helpers';
import { resourceGroupName, shellQuote, workspaceBicep, workspaceTerraform } from '../workspace/cli-args';
import { POLICIES, policyEvidence } from './references';
import { defineRule } from '../catalog';

/** R87: workspaces (projects excepted) should be encrypted with a customer-managed key. */
export const workspaceCustomerManagedKey = defineRule('AML-GOV-005', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (workspace.customerManagedKey !== undefined || workspace.workspaceKind === 'project') continue;
      if (!settingKnown(context, workspace.id, 'customerManagedKey')) continue;
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} uses Microsoft-managed keys, which Azure Policy ${POLICIES.customerManagedKey.id} reports.`,
        consequence: 'The workspace fails the customer-managed key baseline; revoking access to its data by disabling a key of your own is not possible.',
        evidence: [settingEvidence(workspace.id, 'customer_managed_key', '(not set)'), policyEvidence(POLICIES.customerManagedKey)],
        fix: {
          summary: `Encrypt ${workspace.name} with a customer-managed key; this is set when a workspace is created, so it means a new workspace.`,
          actions: [
            {
              kind: 'command',
              az: [
                `# In the YAML of a new workspace add customer_managed_key: {key_vault: <key vault id>, key_uri: <key uri>}, then:`,
                `az ml workspace create --file workspace.yml --resource-group ${shellQuote(resourceGroupName(topology, workspace.id))}`,
              ],
              bicep: workspaceBicep(
                workspace,
                "properties: {\n  encryption: {\n    status: 'Enabled'\n    keyVaultProperties: {\n      keyVaultArmId: '<key vault id>'\n      keyIdentifier: '<key uri>'\n    }\n  }\n}",
              ),
              terraform: workspaceTerraform(workspace, 'encryption {\n  key_vault_id = "<key vault id>"\n  key_id       = "<key uri>"\n}'),
            },
          ],
        },
      };
    }
  },
});
