import type { Rule } from '../types';
export const governanceRules: readonly Rule[] = [];
