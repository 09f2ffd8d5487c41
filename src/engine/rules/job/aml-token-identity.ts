import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { pathsOfUnit } from '../datastore/storage-helpers';

/** R49: what identity an aml_token job reaches storage as is not documented. */
export const amlTokenIdentity: Rule = {
  id: 'AML-JOB-005',
  title: 'Job uses the aml_token identity, whose data access is undocumented',
  area: 'job',
  severity: 'warning',
  confidence: 'unconfirmed',
  facts: ['R49'],
  sources: ['S13'],
  description:
    "The job YAML accepts identity type aml_token, described only as using the workspace's Azure ML token for data access. Which principal the storage then sees, and which roles it needs, is not spelt out anywhere, so this map cannot tell whether such a job will reach its data. Choosing user_identity or managed makes the outcome predictable and checkable.",
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
};
