import type { Rule } from '../types';
import { approvedOutboundOnly } from './approved-outbound';
import { computeLocalAuth } from './compute-local-auth';
import { computeVnet } from './compute-vnet';
import { firstPartyAppAssignments } from './first-party-app';
import { instanceIdleShutdown } from './instance-idle-shutdown';
import { leastPrivilegeGrant } from './least-privilege';
import { workspaceCustomerManagedKey } from './workspace-cmk';
import { workspacePublicAccess } from './workspace-public-access';
import { workspaceUserAssignedIdentity } from './workspace-user-assigned-identity';

export const governanceRules: readonly Rule[] = [
  workspaceUserAssignedIdentity,
  computeLocalAuth,
  workspacePublicAccess,
  instanceIdleShutdown,
  workspaceCustomerManagedKey,
  approvedOutboundOnly,
  computeVnet,
  firstPartyAppAssignments,
  leastPrivilegeGrant,
];
