import type { Rule } from '../types';
import { clusterIdentityCardinality } from './cluster-identity-cardinality';
import { identityAssignPermission } from './identity-assign-permission';
import { identityInCode } from './identity-in-code';
import { instanceIdleShutdown } from './instance-idle-shutdown';
import { computeKeyVaultAccess } from './key-vault-access';
import { serverlessManagedIdentity } from './serverless-managed-identity';
import { serverlessUnsetIdentity } from './serverless-unset-identity';

export const computeRules: readonly Rule[] = [
  clusterIdentityCardinality,
  identityInCode,
  computeKeyVaultAccess,
  instanceIdleShutdown,
  identityAssignPermission,
  serverlessManagedIdentity,
  serverlessUnsetIdentity,
];
