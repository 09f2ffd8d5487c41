import type { DeploymentTarget } from './core/reader';

export type { DeploymentTarget };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads where an import's ARM templates are deployed from a resource group id
 * (`/subscriptions/<GUID>/resourceGroups/<name>`, what `az deployment group create --resource-group` deploys to) or a
 * subscription id (`/subscriptions/<GUID>`, for a template deployed at subscription scope), as written (trimmed, a
 * trailing `/` dropped). Returns undefined for anything else: a template placed in a half-read target would be
 * merged with the wrong resources, so the caller refuses the value and quotes it.
 */
export function parseDeploymentTarget(text: string): DeploymentTarget | undefined {
  const [empty, subscriptions, subscriptionId, groups, resourceGroup, ...rest] = text.trim().replace(/\/+$/, '').split('/');
  if (empty !== '' || subscriptions?.toLowerCase() !== 'subscriptions' || subscriptionId === undefined || !GUID.test(subscriptionId)) return undefined;
  if (groups === undefined) return { subscriptionId };
  if (groups.toLowerCase() !== 'resourcegroups' || resourceGroup === undefined || resourceGroup === '' || rest.length > 0) return undefined;
  return { subscriptionId, resourceGroup };
}
