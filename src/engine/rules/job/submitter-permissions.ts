import { ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import type { Job } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import { decisionEvidence } from '../helpers';
import { nameList } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

const MLS = 'Microsoft.MachineLearningServices/workspaces';

/** What submitting a v2 job asks of the caller at the workspace (R51), with a short label for messages. */
const SUBMIT_ACTIONS: readonly { action: string; label: string }[] = [
  { action: `${MLS}/read`, label: 'read the workspace' },
  { action: `${MLS}/jobs/write`, label: 'create jobs' },
  { action: `${MLS}/environments/write`, label: 'register environments' },
  { action: `${MLS}/environments/build/action`, label: 'build environments' },
  { action: `${MLS}/environments/readSecrets/action`, label: 'read environment secrets' },
  { action: `${MLS}/metadata/artifacts/write`, label: 'upload code and artifacts' },
];

/** R51: the person or application submitting a job needs a set of workspace permissions. */
export const submitterPermissions = defineRule('AML-JOB-007', {
  *check(context) {
    const { topology } = context;
    const bySubmitter = new Map<string, { submitter: EntityId; workspace: EntityId; jobs: Job[] }>();
    for (const job of context.estate.jobs) {
      if (job.submittedBy === undefined) continue;
      const key = `${job.submittedBy}\n${job.workspace}`;
      const entry = bySubmitter.get(key);
      if (entry) entry.jobs.push(job);
      else bySubmitter.set(key, { submitter: job.submittedBy, workspace: job.workspace, jobs: [job] });
    }
    for (const { submitter, workspace: workspaceId, jobs } of bySubmitter.values()) {
      const workspace = topology.getOfKind(workspaceId, 'workspace');
      if (!workspace) continue;
      const missing = SUBMIT_ACTIONS.map((a) => ({
        ...a,
        decision: context.can(submitter, a.action, workspace.armId),
      })).filter((a) => !a.decision.allowed);
      if (missing.length === 0) continue;
      yield {
        subjects: [submitter, workspace.id, ...jobs.map((j) => j.id)],
        message: `${describePrincipal(topology, submitter)} submits ${nameList(jobs.map((j) => j.name))} to ${workspace.name} but may not ${nameList(
          missing.map((m) => m.label),
          SUBMIT_ACTIONS.length,
        )} there.`,
        consequence: 'Job submission is refused with an authorization error before anything runs.',
        evidence: missing.map((m) => decisionEvidence(`${m.action} at ${workspace.name}`, m.decision)),
        fix: {
          summary: `Assign AzureML Data Scientist to ${topology.nameOf(submitter)} on ${workspace.name} (or add the missing actions to its custom role).`,
          actions: [
            {
              kind: 'assign-role',
              principal: submitter,
              role: ROLES.azureMlDataScientist,
              scope: workspace.armId,
            },
          ],
        },
      };
    }
  },
});
