import type { Rule } from '../types';
export const registryRules: readonly Rule[] = [];
