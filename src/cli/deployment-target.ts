import type { InputFile } from '../engine';
import { UsageError } from './errors';

/** Where the ARM templates (and Terraform) of an import are deployed, as the readers take it. */
export type DeploymentTarget = NonNullable<InputFile['deployment']>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `--deployment-target` value: a resource group id (`/subscriptions/<id>/resourceGroups/<name>`), as
 * `az deployment group create --resource-group` deploys to, or a subscription id (`/subscriptions/<id>`) for a
 * template deployed at subscription scope. Undefined when not given. Anything else is a usage error that quotes
 * the value: a template placed in a wrong or half-read target would be merged with the wrong resources.
 */
export function deploymentTargetOption(value: string | undefined): DeploymentTarget | undefined {
  if (value === undefined) return undefined;
  const parts = value.trim().replace(/\/+$/, '').split('/');
  const [empty, subscriptions, subscriptionId, groups, resourceGroup, ...rest] = parts;
  const isSubscription = empty === '' && subscriptions?.toLowerCase() === 'subscriptions' && subscriptionId !== undefined && GUID.test(subscriptionId);
  if (isSubscription && groups === undefined) return { subscriptionId };
  if (isSubscription && groups?.toLowerCase() === 'resourcegroups' && resourceGroup !== undefined && resourceGroup !== '' && rest.length === 0)
    return { subscriptionId, resourceGroup };
  throw new UsageError(
    `--deployment-target ${JSON.stringify(value)} is not a resource group or subscription id; write /subscriptions/<subscription GUID>/resourceGroups/<name>`,
  );
}
