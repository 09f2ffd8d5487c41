import { ACTIONS, ROLES } from '../../context/actions';
import { systemIdentityId, type EntityId } from '../../model/ids';
import type { ResourceGroup } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import { workspaceServiceIdentity } from '../../paths';
import type { Decision } from '../../rbac/types';
import { decisionEvidence, settingEvidence } from '../helpers';
import { nameList } from '../workspace/cli-args';
import { defineRule } from '../catalog';

interface Gap {
  dependency: EntityId;
  action: string;
  decision: Decision;
}

/** R83: a workspace running as a user-assigned identity behind a managed network must approve its own private endpoints. */
export const uaiConnectionApprover = defineRule('AML-MNET-001', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      if (workspace.managedNetwork.isolationMode === 'disabled') continue;
      const identity = workspaceServiceIdentity(workspace);
      if (identity === undefined || identity === systemIdentityId(workspace.id)) continue;

      const gaps = new Map<EntityId, { group: ResourceGroup; gaps: Gap[] }>();
      const note = (dependency: EntityId, armId: string, action: string) => {
        const decision = context.can(identity, action, armId);
        if (decision.allowed) return;
        const group = topology.resourceGroupOf(dependency);
        if (!group) return;
        const entry = gaps.get(group.id) ?? { group, gaps: [] };
        entry.gaps.push({ dependency, action, decision });
        gaps.set(group.id, entry);
      };
      const storage = topology.getOfKind(workspace.storageAccount, 'storageAccount');
      if (storage) note(storage.id, storage.armId, ACTIONS.storagePrivateEndpointConnectionsWrite);
      const registry = topology.getOfKind(workspace.containerRegistry, 'containerRegistry');
      if (registry) note(registry.id, registry.armId, ACTIONS.acrPrivateEndpointConnectionsWrite);

      for (const { group, gaps: list } of gaps.values()) {
        const dependencies = list.map((g) => g.dependency);
        yield {
          subjects: [identity, ...dependencies, workspace.id],
          message: `${describePrincipal(topology, identity)}, the identity of ${workspace.name}, may not approve private endpoint connections on ${nameList(topology, dependencies)} although the workspace uses a managed network (${workspace.managedNetwork.isolationMode}).`,
          consequence: 'The managed private endpoints to these dependencies stay pending, so jobs, computes and deployments in the managed network cannot reach them.',
          evidence: [
            settingEvidence(workspace.id, 'managed_network.isolation_mode', workspace.managedNetwork.isolationMode),
            ...list.map((g) => decisionEvidence(`${g.action} on ${topology.nameOf(g.dependency)}`, g.decision)),
          ],
          fix: {
            summary: `Assign Azure AI Enterprise Network Connection Approver to ${topology.nameOf(identity)} on resource group ${group.name}.`,
            actions: [{ kind: 'assign-role', principal: identity, role: ROLES.networkConnectionApprover, scope: group.armId }],
          },
          discriminator: group.id,
        };
      }
    }
  },
});
