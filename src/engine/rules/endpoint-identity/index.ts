import type { Rule } from '../types';
export const endpointIdentityRules: readonly Rule[] = [];
