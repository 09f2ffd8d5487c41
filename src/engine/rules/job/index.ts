import type { Rule } from '../types';
export const jobRules: readonly Rule[] = [];
