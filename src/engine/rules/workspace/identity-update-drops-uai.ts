import type { EntityId } from '../../model/ids';
import type { Topology } from '../../model/topology';
import type { Job, Workspace } from '../../model/types';
import { noteEvidence, settingEvidence } from '../helpers';
import type { Evidence } from '../types';
import { nameList } from './cli-args';
import { defineRule } from '../catalog';

/** What still relies on a user-assigned identity of a workspace, each as a short clause and its evidence. */
function usesOf(topology: Topology, workspace: Workspace, uai: EntityId, primaryAfter: EntityId | undefined): { text: string; evidence: Evidence }[] {
  const uses: { text: string; evidence: Evidence }[] = [];
  if (uai === primaryAfter) {
    uses.push({ text: 'it is the primary identity of the workspace', evidence: settingEvidence(workspace.id, 'primary_user_assigned_identity', topology.nameOf(uai)) });
  }
  if (workspace.customerManagedKey?.userAssignedIdentity === uai) {
    uses.push({
      text: 'storage uses it to reach the customer-managed key',
      evidence: settingEvidence(workspace.id, 'customer_managed_key.user_assigned_identity', topology.nameOf(uai)),
    });
  }
  for (const connection of topology.connectionsOf(workspace.id)) {
    if (connection.identity !== uai) continue;
    uses.push({ text: `connection ${connection.name} authenticates with it`, evidence: settingEvidence(connection.id, 'credentials.resource_id', topology.nameOf(uai)) });
  }
  for (const job of topology.jobsOf(workspace.id)) {
    if (serverlessJobUses(job, uai)) {
      uses.push({ text: `serverless job ${job.name} runs as it`, evidence: settingEvidence(job.id, 'identity', topology.nameOf(uai)) });
    }
  }
  return uses;
}

/** A job (or one of its steps) on serverless compute that picks this workspace identity by client id. */
function serverlessJobUses(job: Job, uai: EntityId): boolean {
  if (job.compute === 'serverless' && job.identity.type === 'managed' && job.identity.userAssignedIdentity === uai) return true;
  return job.steps.some((step) => (step.compute ?? job.compute) === 'serverless' && step.identity.type === 'managed' && step.identity.userAssignedIdentity === uai);
}

/** R7: `az ml workspace update` replaces the identity list, so an identity left out is detached. */
export const identityUpdateDropsUai = defineRule('AML-WS-006', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const update = workspace.plannedUpdate;
      if (!update?.identity) continue;
      const kept = new Set(update.identity.userAssigned);
      const primaryAfter = update.primaryUserAssignedIdentity ?? workspace.primaryUserAssignedIdentity;
      for (const uai of workspace.identity.userAssigned) {
        if (kept.has(uai)) continue;
        const uses = usesOf(topology, workspace, uai, primaryAfter);
        if (uses.length === 0) continue;
        const name = topology.nameOf(uai);
        const armId = topology.getOfKind(uai, 'userAssignedIdentity')?.armId ?? String(uai);
        yield {
          subjects: [uai, workspace.id],
          message: `The planned update of ${workspace.name} leaves ${name} out of its identity list, yet ${uses.map((u) => u.text).join('; ')}.`,
          consequence: `Once the update detaches ${name} from ${workspace.name}, each of those uses can no longer authenticate as it.`,
          evidence: [
            settingEvidence(workspace.id, 'planned_update.identity.user_assigned_identities', update.identity.userAssigned.map((id) => topology.nameOf(id))),
            noteEvidence(`Attached today: ${nameList(topology, workspace.identity.userAssigned)}.`),
            ...uses.map((u) => u.evidence),
          ],
          fix: {
            summary: `Keep ${name} in the identity list of the update for ${workspace.name}.`,
            actions: [
              {
                kind: 'manual',
                text: `Add ${armId} to identity.user_assigned_identities in the update file, next to the identities being added, before running az ml workspace update.`,
              },
            ],
          },
        };
      }
    }
  },
});
