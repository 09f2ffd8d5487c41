import type { Rule } from '../types';
export const secretsRules: readonly Rule[] = [];
