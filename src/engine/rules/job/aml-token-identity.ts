import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import { pathsOfUnit } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** R49: what identity an aml_token job reaches storage as is not documented. */
export const amlTokenIdentity = defineRule('AML-JOB-005', {
  *check(context) {
    for (const job of context.estate.jobs) {
      for (const unit of runUnits(job)) {
        if (unit.identity.type !== 'aml_token') continue;
        const who = unit.detail !== undefined ? `Step ${unit.detail} of ${job.name}` : `Job ${job.name}`;
        yield {
          subjects: [job.id],
          ...(unit.detail !== undefined ? { discriminator: unit.detail } : {}),
          message: `${who} uses identity type aml_token; the identity it reaches storage with cannot be determined.`,
          consequence:
            'Whether the job can read and write its data cannot be checked, and access may differ from what the design expects.',
          evidence: [settingEvidence(job.id, `${unit.identityOrigin} identity.type`, 'aml_token')],
          pathIds: pathsOfUnit(context, job, unit).map((p) => p.id),
          fix: {
            summary: `Set identity type managed (compute identity) or user_identity on ${unit.detail !== undefined ? `step ${unit.detail}` : job.name}.`,
            actions: [
              {
                kind: 'manual',
                text: `Replace identity: { type: aml_token } with identity: { type: managed } or { type: user_identity } in ${job.name} and resubmit.`,
              },
            ],
          },
        };
      }
    }
  },
});
