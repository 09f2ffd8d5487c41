import type { Rule } from '../types';
export const endpointControlRules: readonly Rule[] = [];
