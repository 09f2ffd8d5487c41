import type { Rule } from '../types';
import { privateRegistryBuildConnection } from './build-connection';
import { privateRegistryBuildAcrPull } from './build-identity-acr-pull';
import { privateRegistryBuildOperator } from './build-identity-operator';
import { privateRegistryComputePull } from './compute-pull-as-is';

export const privateRegistryRules: readonly Rule[] = [
  privateRegistryComputePull,
  privateRegistryBuildConnection,
  privateRegistryBuildAcrPull,
  privateRegistryBuildOperator,
];
