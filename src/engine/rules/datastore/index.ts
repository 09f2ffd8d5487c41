import type { Rule } from '../types';
export const datastoreRules: readonly Rule[] = [];
