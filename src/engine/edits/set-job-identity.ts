import type { EntityId } from '../model/ids';
import type { Estate, JobIdentity, JobIdentityType } from '../model/types';
import { updateEntity, type Choices } from './shared';

/** The job identity types, in words. */
export const JOB_IDENTITY_TYPES = [
  { value: 'unset', label: 'Not set (the compute decides)' },
  { value: 'user_identity', label: 'The submitting user' },
  { value: 'managed', label: 'Managed identity' },
  { value: 'aml_token', label: 'AML token (legacy)' },
] as const satisfies Choices<JobIdentityType>;

export interface SetJobIdentityParams {
  job: EntityId;
  /** A pipeline step's name; left out: the job's own identity. */
  step?: string;
  type: JobIdentityType;
  /** For `managed`: a user-assigned identity; left out: the compute's default identity. Ignored for other types. */
  userAssignedIdentity?: EntityId;
}

function sameJobIdentity(a: JobIdentity, b: JobIdentity): boolean {
  return a.type === b.type && a.userAssignedIdentity === b.userAssignedIdentity;
}

/** Sets the identity a job, or one step of a pipeline job, runs as. */
export function setJobIdentity(estate: Estate, params: SetJobIdentityParams): Estate {
  const identity: JobIdentity = { type: params.type };
  if (params.type === 'managed' && params.userAssignedIdentity !== undefined)
    identity.userAssignedIdentity = params.userAssignedIdentity;
  return updateEntity(estate, 'job', params.job, (job) => {
    if (params.step === undefined) return sameJobIdentity(job.identity, identity) ? job : { ...job, identity };
    const index = job.steps.findIndex((step) => step.name === params.step);
    const step = job.steps[index];
    if (!step || sameJobIdentity(step.identity, identity)) return job;
    const steps = job.steps.slice();
    steps[index] = { ...step, identity };
    return { ...job, steps };
  });
}
