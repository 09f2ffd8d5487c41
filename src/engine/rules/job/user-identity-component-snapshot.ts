import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import type { Rule } from '../types';

/** R45, last point: user identity checks the code snapshot's checksum, which older components may fail. */
export const userIdentityComponentSnapshot: Rule = {
  id: 'AML-JOB-008',
  title: 'User identity step runs a registered component',
  area: 'job',
  severity: 'info',
  confidence: 'documented',
  facts: ['R45'],
  sources: ['S1'],
  description:
    'When a job runs with user identity, Azure ML validates the checksum of each code snapshot it runs. Components registered some time ago may carry snapshots that fail this check and need to be uploaded again; the rule points at the steps where that can happen.',
  *check(context) {
    for (const job of context.estate.jobs) {
      for (const step of job.steps) {
        if (step.component === undefined) continue;
        const unit = runUnits(job).find((u) => u.detail === step.name);
        if (unit?.identity.type !== 'user_identity') continue;
        yield {
          subjects: [job.id],
          discriminator: step.name,
          message: `Step ${step.name} of ${job.name} runs component ${step.component} with user identity; its code snapshot must pass checksum validation.`,
          consequence:
            'If the component was registered long ago, the step may be refused until the component is uploaded again.',
          evidence: [settingEvidence(job.id, `steps.${step.name}.component`, step.component)],
        };
      }
    }
  },
};
