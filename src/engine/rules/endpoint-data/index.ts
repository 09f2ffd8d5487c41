import type { Rule } from '../types';
export const endpointDataRules: readonly Rule[] = [];
