import type { Rule } from '../types';
import { credentialCallerPermission } from './credential-caller-permission';
import { credentialPrincipalRole } from './credential-principal-role';
import { credentialSecretReaders } from './credential-secret-readers';
import { crossTenantStorage } from './cross-tenant-storage';
import { identityBasedStorageType } from './identity-based-storage-type';
import { jobDataRole } from './job-data-role';
import { keyBasedDataAccess } from './key-based-data-access';
import { previewIdentityRole } from './preview-identity-role';
import { sharedKeyDisabled } from './shared-key-disabled';
import { sharedKeyDisabledUserRoles } from './shared-key-disabled-user-roles';

export const datastoreRules: readonly Rule[] = [
  credentialSecretReaders,
  identityBasedStorageType,
  jobDataRole,
  crossTenantStorage,
  sharedKeyDisabled,
  previewIdentityRole,
  keyBasedDataAccess,
  credentialCallerPermission,
  credentialPrincipalRole,
  sharedKeyDisabledUserRoles,
];
