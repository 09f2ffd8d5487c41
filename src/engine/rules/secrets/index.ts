import type { Rule } from '../types';
import { connectionSecretAccess } from './connection-secret-access';
import { enforceFlagCreator } from './enforce-flag-creator';
import { enforceFlagOnUai } from './enforce-flag-on-uai';
import { keyVaultSecretAccess } from './key-vault-secret-access';
import { manualConnectionGrant } from './manual-connection-grant';

export const secretsRules: readonly Rule[] = [
  keyVaultSecretAccess,
  connectionSecretAccess,
  enforceFlagOnUai,
  enforceFlagCreator,
  manualConnectionGrant,
];
