import type { Rule } from '../types';
import { callerCannotScore } from './caller-cannot-score';
import { keyAuthBypassesRbac } from './key-auth-bypasses-rbac';
import { kubernetesAadToken } from './kubernetes-aad-token';

export const endpointDataRules: readonly Rule[] = [
  kubernetesAadToken,
  callerCannotScore,
  keyAuthBypassesRbac,
];
