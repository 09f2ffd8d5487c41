import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R45, last point: user identity checks the code snapshot's checksum, which older components may fail. */
export const userIdentityComponentSnapshot = defineRule('AML-JOB-008', {
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
});
