import type { Rule } from '../types';
import { cmkIdentityPermissions } from './cmk-identity-permissions';
import { cmkKeyAccess } from './cmk-key-access';
import { identityTypeRevert } from './identity-type-revert';
import { identityUpdateDropsUai } from './identity-update-drops-uai';
import { multipleUais } from './multiple-uais';
import { primaryUaiGrants } from './primary-uai-grants';
import { primaryUaiMembership } from './primary-uai-membership';
import { primaryUaiMissing } from './primary-uai-missing';
import { roleAssignmentWriters } from './role-assignment-writers';
import { sharedDependencyIsolation } from './shared-dependency-isolation';
import { workspaceWithoutIdentity } from './workspace-without-identity';
import { workspaceResourceGroupRole } from './workspace-rg-role';

export const workspaceRules: readonly Rule[] = [
  workspaceWithoutIdentity,
  workspaceResourceGroupRole,
  primaryUaiGrants,
  primaryUaiMembership,
  primaryUaiMissing,
  identityUpdateDropsUai,
  identityTypeRevert,
  cmkIdentityPermissions,
  sharedDependencyIsolation,
  multipleUais,
  cmkKeyAccess,
  roleAssignmentWriters,
];
