import { ACTIONS, ROLES } from '../../context/actions';
import { systemIdentityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { workspaceServiceIdentity } from '../../paths';
import { decisionEvidence, isObserved, settingEvidence } from '../helpers';
import { joinWords } from './cli-args';
import { defineRule } from '../catalog';

const CMK_ACTIONS = [
  { action: ACTIONS.storageWrite, label: 'storage accounts' },
  { action: ACTIONS.searchServicesWrite, label: 'search services' },
  { action: ACTIONS.cosmosAccountsWrite, label: 'Cosmos DB accounts' },
] as const;

/** R11: with a customer-managed key, Azure ML creates extra encrypted resources as the workspace's CMK identity. */
export const cmkIdentityPermissions = defineRule('AML-WS-008', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const cmk = workspace.customerManagedKey;
      if (!cmk) continue;
      const identity = cmk.userAssignedIdentity ?? workspaceServiceIdentity(workspace);
      const group = topology.getOfKind(workspace.resourceGroup, 'resourceGroup');
      if (identity === undefined || !group) continue;
      const missing = CMK_ACTIONS.map((c) => ({ ...c, decision: context.can(identity, c.action, group.armId) })).filter((c) => !c.decision.allowed);
      if (missing.length === 0) continue;
      const who = describePrincipal(topology, identity);
      const isSystem = identity === systemIdentityId(workspace.id);
      let message = `${who}, which ${workspace.name} uses for its customer-managed key, may not create ${joinWords(missing.map((c) => c.label))} in resource group ${group.name}.`;
      if (isSystem && isObserved(context)) message += ' Azure ML normally gives this system identity a role on the group that covers them; the exported assignments do not show it.';
      yield {
        subjects: [identity, workspace.id],
        message,
        consequence: 'Creating or updating the encrypted workspace fails, because the service-side resources that hold its encrypted data cannot be provisioned.',
        evidence: [
          settingEvidence(workspace.id, cmk.userAssignedIdentity ? 'customer_managed_key.user_assigned_identity' : 'customer_managed_key', cmk.userAssignedIdentity ? topology.nameOf(identity) : 'no identity named; the workspace identity is used'),
          ...missing.map((c) => decisionEvidence(`${c.action} at resource group ${group.name}`, c.decision)),
        ],
        fix: {
          summary: `Assign Contributor to ${topology.nameOf(identity)} on resource group ${group.name}.`,
          actions: [{ kind: 'assign-role', principal: identity, role: ROLES.contributor, scope: group.armId }],
        },
      };
    }
  },
});
