import type { Rule } from '../types';
import { clusterIdentityCardinality } from './cluster-identity-cardinality';

export const computeRules: readonly Rule[] = [clusterIdentityCardinality];
