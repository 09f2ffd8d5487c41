import type { EntityKind } from './types';

/** Words used in messages for each kind of entity, whatever format the message is about. */
export const KIND_LABELS: Record<EntityKind, string> = {
  managementGroup: 'management group',
  subscription: 'subscription',
  resourceGroup: 'resource group',
  workspace: 'workspace',
  storageAccount: 'storage account',
  keyVault: 'key vault',
  containerRegistry: 'container registry',
  applicationInsights: 'Application Insights component',
  compute: 'compute',
  aksCluster: 'AKS cluster',
  onlineEndpoint: 'online endpoint',
  onlineDeployment: 'online deployment',
  datastore: 'datastore',
  connection: 'connection',
  job: 'job',
  user: 'user',
  group: 'group',
  servicePrincipal: 'service principal',
  userAssignedIdentity: 'user-assigned identity',
  systemAssignedIdentity: 'system-assigned identity',
};
