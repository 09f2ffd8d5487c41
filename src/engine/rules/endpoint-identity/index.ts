import type { Rule } from '../types';
import { deploymentDependencyGrants } from './deployment-dependency-grants';
import { deploymentMetricsGrant } from './deployment-metrics-grant';
import { endpointIdentityChange } from './identity-change';
import { kubernetesPrivateDependencies } from './kubernetes-private-dependencies';

export const endpointIdentityRules: readonly Rule[] = [
  endpointIdentityChange,
  deploymentDependencyGrants,
  deploymentMetricsGrant,
  kubernetesPrivateDependencies,
];
