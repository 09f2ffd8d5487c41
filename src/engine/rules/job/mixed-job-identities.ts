import { runUnits } from '../../paths/resolve-jobs';
import { noteEvidence, settingEvidence } from '../helpers';
import { nameList, pathsOfUnit, unitName } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** R45: one job uses either the user's identity or a managed identity for data, never both. */
export const mixedJobIdentities = defineRule('AML-JOB-002', {
  *check(context) {
    for (const job of context.estate.jobs) {
      const units = runUnits(job);
      if (units.length < 2) continue;
      const asUser = units.filter((u) => u.identity.type === 'user_identity');
      if (asUser.length === 0) continue;
      // An unset step counts only when it really reaches data with the compute identity.
      const asManaged = units.filter(
        (u) =>
          u.identity.type === 'managed' ||
          (u.identity.type === 'unset' &&
            pathsOfUnit(context, job, u).some((p) => p.identity.kind === 'managed-identity')),
      );
      if (asManaged.length === 0) continue;
      yield {
        subjects: [job.id],
        message: `Job ${job.name} runs ${nameList(asUser.map((u) => unitName(job, u)))} as the user and ${nameList(asManaged.map((u) => unitName(job, u)))} with a managed identity.`,
        consequence:
          'Azure ML does not support both kinds of identity in one job; the job is refused or data access fails in some steps.',
        evidence: [
          ...asUser.map((u) => settingEvidence(job.id, `${u.identityOrigin} identity.type`, u.identity.type)),
          ...asManaged.map((u) =>
            u.identity.type === 'unset'
              ? noteEvidence(
                  `${unitName(job, u)} sets no identity, so it reaches data with its compute identity`,
                )
              : settingEvidence(job.id, `${u.identityOrigin} identity.type`, u.identity.type),
          ),
        ],
        fix: {
          summary: `Choose one kind of identity for every step of ${job.name}, or split the job in two.`,
          actions: [
            {
              kind: 'manual',
              text: `Set identity.type to the same kind (user_identity or managed) on every step of ${job.name} and resubmit it.`,
            },
          ],
        },
      };
    }
  },
});
