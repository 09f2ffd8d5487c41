import type { Rule } from '../types';
export const networkRules: readonly Rule[] = [];
