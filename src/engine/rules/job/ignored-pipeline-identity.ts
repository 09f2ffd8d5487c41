import { runUnits } from '../../paths/resolve-jobs';
import { settingEvidence } from '../helpers';
import type { FindingDraft } from '../types';
import { pathsOfUnit } from '../datastore/storage-helpers';
import { defineRule } from '../catalog';

/** R45: only a step's own identity counts for pipeline components; identities set elsewhere are dropped silently. */
export const ignoredPipelineIdentity = defineRule('AML-JOB-003', {
  *check(context) {
    for (const job of context.estate.jobs) {
      for (const unit of runUnits(job)) {
        // Most units ignore nothing; their paths are not looked up.
        if (!unit.ignoredComponentIdentity && !unit.ignoredRootIdentity) continue;
        const step = unit.detail ?? job.name;
        const used = pathsOfUnit(context, job, unit)[0]?.identity.label;
        const outcome = used ? `; it reaches data as ${used}` : '';
        const pathIds = pathsOfUnit(context, job, unit).map((p) => p.id);
        if (unit.ignoredComponentIdentity) {
          const draft: FindingDraft = {
            subjects: [job.id],
            discriminator: `component:${step}`,
            message: `The component behind step ${step} of ${job.name} declares identity ${unit.ignoredComponentIdentity.type}, which Azure ML ignores${outcome}.`,
            consequence:
              'The step does not run with the identity its component asks for, so data access may fail or use broader rights than intended.',
            evidence: [
              settingEvidence(
                job.id,
                `steps.${step}.component identity.type`,
                unit.ignoredComponentIdentity.type,
              ),
            ],
            pathIds,
            fix: {
              summary: `Set identity ${unit.ignoredComponentIdentity.type} on step ${step} of ${job.name} itself.`,
              actions: [
                {
                  kind: 'manual',
                  text: `Add identity: { type: ${unit.ignoredComponentIdentity.type} } to step ${step} in the pipeline YAML of ${job.name} and resubmit.`,
                },
              ],
            },
          };
          yield draft;
        }
        if (unit.ignoredRootIdentity) {
          yield {
            subjects: [job.id],
            discriminator: `root:${step}`,
            message: `Pipeline ${job.name} sets identity ${unit.ignoredRootIdentity.type} at its root, but step ${step} runs a pipeline component and ignores it${outcome}.`,
            consequence:
              'The step falls back to its own identity setting instead of the one the pipeline declares.',
            evidence: [
              settingEvidence(job.id, 'identity.type', unit.ignoredRootIdentity.type),
              settingEvidence(job.id, `steps.${step}.identity.type`, 'unset'),
            ],
            pathIds,
            fix: {
              summary: `Repeat identity ${unit.ignoredRootIdentity.type} on step ${step} of ${job.name}.`,
              actions: [
                {
                  kind: 'manual',
                  text: `Add identity: { type: ${unit.ignoredRootIdentity.type} } to step ${step} of ${job.name} and resubmit.`,
                },
              ],
            },
          };
        }
      }
    }
  },
});
