import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import { nameList, resourceGroupName, unitName } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** R45: user identity for data access is a CLI and SDK v2 feature; studio cannot submit such a job. */
export const userIdentityFromStudio = defineRule('AML-JOB-001', {
  *check(context) {
    for (const job of context.estate.jobs) {
      if (job.submittedFrom !== 'studio') continue;
      const units = runUnits(job).filter((u) => u.identity.type === 'user_identity');
      if (units.length === 0) continue;
      const workspace = context.topology.getOfKind(job.workspace, 'workspace');
      const where = units.some((u) => u.detail !== undefined)
        ? ` (${nameList(units.map((u) => unitName(job, u)))})`
        : '';
      yield {
        subjects: [job.id],
        message: `Job ${job.name} asks for user identity${where} but is submitted from studio, which cannot run jobs as the user.`,
        consequence: 'The job cannot be submitted this way; it has to go through the CLI or the Python SDK.',
        evidence: [
          settingEvidence(job.id, 'submitted_from', 'studio'),
          settingEvidence(job.id, 'identity.type', 'user_identity'),
        ],
        fix: {
          summary: `Submit ${job.name} with the Azure CLI (or the Python SDK v2) instead of studio.`,
          actions: [
            {
              kind: 'command',
              az: [
                `az ml job create --file ${job.name}.yml --workspace-name ${workspace?.name ?? '<workspace>'} --resource-group ${resourceGroupName(context, job.workspace)}`,
              ],
            },
          ],
        },
      };
    }
  },
});
