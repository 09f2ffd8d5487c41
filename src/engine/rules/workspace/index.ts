import type { Rule } from '../types';
import { primaryUaiGrants } from './primary-uai-grants';

export const workspaceRules: readonly Rule[] = [primaryUaiGrants];
