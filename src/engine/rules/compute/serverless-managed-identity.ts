import { runUnits } from '../../paths/resolve-jobs';
import { noteEvidence, settingEvidence } from '../helpers';
import { unitDataPathsFail, unitPathIds, workspaceUaiNames } from './job-support';
import { defineRule } from '../catalog';

/**
 * R34: serverless compute has no system identity; a job there may run as the submitting user or as a
 * user-assigned identity of the workspace, named by its client id.
 */
export const serverlessManagedIdentity = defineRule('AML-CMP-006', {
  *check(context) {
    const { topology } = context;
    for (const job of context.estate.jobs) {
      const workspace = topology.getOfKind(job.workspace, 'workspace');
      for (const unit of runUnits(job)) {
        if (unit.compute !== 'serverless' || unit.identity.type !== 'managed') continue;
        const named = unit.identity.userAssignedIdentity;
        if (named !== undefined && workspace?.identity.userAssigned.includes(named)) continue;
        // A unit whose data access already fails for this reason is reported by AML-JOB-006.
        if (unitDataPathsFail(context, job, unit)) continue;
        const available = workspaceUaiNames(context, workspace);
        const wsName = workspace?.name ?? 'the workspace';
        yield {
          subjects: named !== undefined ? [job.id, named] : [job.id],
          message:
            named === undefined
              ? `${unit.label} runs on serverless compute and asks for a managed identity without naming one; serverless compute has no system identity, and the identities of ${wsName} are ${available}.`
              : `${unit.label} runs on serverless compute as ${topology.nameOf(named)}, which is not a user-assigned identity of ${wsName} (those are ${available}).`,
          consequence: `${unit.label} has no identity to reach data or other resources with, so it fails.`,
          evidence: [
            settingEvidence(job.id, 'compute', 'serverless'),
            noteEvidence(`${unit.identityOrigin} sets identity type managed${named !== undefined ? ` naming ${topology.nameOf(named)}` : ''}`),
          ],
          fix: {
            summary:
              workspace && workspace.identity.userAssigned.length > 0
                ? `Name one of the user-assigned identities of ${wsName} (${available}) by its client id in the job identity, or use user_identity.`
                : `Attach a user-assigned identity to ${wsName} and name it by client id in the job identity, or use user_identity.`,
            actions: [
              {
                kind: 'manual',
                text: `In the job YAML set identity: {type: managed, client_id: <client id of a user-assigned identity of ${wsName}>}, or identity: {type: user_identity}.`,
              },
            ],
          },
          pathIds: unitPathIds(context, job, unit),
          // Naming no identity at all is not documented to fail (R34 says nothing of it), so that case only warns.
          ...(named === undefined ? { facts: ['R34:managed-without-client-id'] } : {}),
          ...(unit.detail !== undefined ? { discriminator: unit.detail } : {}),
        };
      }
    }
  },
});
