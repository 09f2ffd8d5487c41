import type { Rule } from '../types';
export const managedNetworkRules: readonly Rule[] = [];
