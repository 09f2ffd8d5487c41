import { parseDeploymentTarget, type DeploymentTarget } from '../engine';
import { UsageError } from './errors';

/**
 * The `--deployment-target` value (see parseDeploymentTarget): where the ARM templates and Terraform of the import
 * are deployed, or undefined when not given. Anything but a resource group or subscription id is a usage error
 * that quotes it.
 */
export function deploymentTargetOption(value: string | undefined): DeploymentTarget | undefined {
  if (value === undefined) return undefined;
  const target = parseDeploymentTarget(value);
  if (target === undefined)
    throw new UsageError(
      `--deployment-target ${JSON.stringify(value)} is not a resource group or subscription id; write /subscriptions/<subscription GUID>/resourceGroups/<name>`,
    );
  return target;
}
