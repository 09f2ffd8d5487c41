/**
 * Defaults and placeholders for az ml files, which do not say the subscription, resource group or (for
 * workspace children) the workspace: `az ml` takes those from the command line or from `az configure
 * --defaults`. A caller that knows them (the CLI's `--workspace`, say) passes them here; otherwise the reader
 * uses the placeholders below, which are spelt like the `<resource-group>` the rules print in their fixes.
 */
export interface AzureMlDefaults {
  /** Subscription id, as `az ml --subscription`. */
  subscriptionId?: string;
  /** Resource group name, as `az ml --resource-group`. */
  resourceGroup?: string;
  /** Workspace name or ARM id, as `az ml --workspace-name`: children without their own `id` go there. */
  workspace?: string;
}

/** Subscription id used when neither the file nor the caller says one. */
export const PLACEHOLDER_SUBSCRIPTION = '<subscription-id>';
/** Resource group name used when neither the file nor the caller says one. */
export const PLACEHOLDER_RESOURCE_GROUP = '<resource-group>';
export { PLACEHOLDER_WORKSPACE } from '../core/naming';
/** Endpoint name for deployments that say no `endpoint_name` and whose endpoint the import does not settle. */
export const PLACEHOLDER_ENDPOINT = '<endpoint>';
