import type { Rule } from '../types';
export const privateRegistryRules: readonly Rule[] = [];
