import { noteEvidence } from '../helpers';
import type { Evidence } from '../types';

/** Azure Policy built-in definitions of the Machine Learning category that the governance rules mirror. */
export const POLICIES = {
  userAssignedIdentity: { id: '5f0c7d88-c7de-45b8-ac49-db49e72eaa78', name: 'Azure Machine Learning workspaces should use user-assigned managed identity' },
  computeLocalAuth: { id: 'e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f', name: 'Machine Learning computes should have local authentication methods disabled' },
  publicNetworkAccess: { id: '438c38d2-3772-465a-a9cc-7a6666a275ce', name: 'Azure Machine Learning workspaces should disable public network access' },
  idleShutdown: { id: '679ddf89-ab8f-48a5-9029-e76054077449', name: 'Azure Machine Learning Compute Instance should have idle shutdown.' },
  customerManagedKey: { id: 'ba769a63-b8cc-4b2d-abf6-ac33c7204be8', name: 'Azure Machine Learning workspaces should be encrypted with a customer-managed key' },
  approvedOutbound: { id: '6ddb1705-c8cf-450e-aa4b-19ad6703c440', name: 'Azure Machine Learning and Ai Studio should use Allow Only Approved Outbound Managed Vnet mode' },
} as const;

/** PSRule for Azure rules on Azure ML, with their reference ids. */
export const PSRULES = {
  userManagedIdentity: { name: 'Azure.ML.UserManagedIdentity', ref: 'AZR-000407' },
  disableLocalAuth: { name: 'Azure.ML.DisableLocalAuth', ref: 'AZR-000404' },
  publicAccess: { name: 'Azure.ML.PublicAccess', ref: 'AZR-000406' },
  computeIdleShutdown: { name: 'Azure.ML.ComputeIdleShutdown', ref: 'AZR-000403' },
  computeVnet: { name: 'Azure.ML.ComputeVnet', ref: 'AZR-000405' },
} as const;

/** Evidence naming the Azure Policy definition a finding mirrors. */
export function policyEvidence(policy: { id: string; name: string }): Evidence {
  return noteEvidence(`Azure Policy ${policy.id} ("${policy.name}")`);
}

/** Evidence naming the PSRule for Azure rule a finding mirrors. */
export function psRuleEvidence(rule: { name: string; ref: string }): Evidence {
  return noteEvidence(`PSRule for Azure ${rule.name} (${rule.ref})`);
}
