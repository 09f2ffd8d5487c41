import type { Rule } from '../types';
import { amlTokenIdentity } from './aml-token-identity';
import { ignoredPipelineIdentity } from './ignored-pipeline-identity';
import { jobWithoutIdentity } from './job-without-identity';
import { mixedJobIdentities } from './mixed-job-identities';
import { submitterPermissions } from './submitter-permissions';
import { userIdentityComponentSnapshot } from './user-identity-component-snapshot';
import { userIdentityFromStudio } from './user-identity-from-studio';
import { userIdentityOverridden } from './user-identity-overridden';

export const jobRules: readonly Rule[] = [
  userIdentityFromStudio,
  mixedJobIdentities,
  ignoredPipelineIdentity,
  userIdentityOverridden,
  amlTokenIdentity,
  jobWithoutIdentity,
  submitterPermissions,
  userIdentityComponentSnapshot,
];
