import { computeRules } from './compute';
import { datastoreRules } from './datastore';
import { endpointControlRules } from './endpoint-control';
import { endpointDataRules } from './endpoint-data';
import { endpointIdentityRules } from './endpoint-identity';
import { governanceRules } from './governance';
import { jobRules } from './job';
import { managedNetworkRules } from './managed-network';
import { networkRules } from './network';
import { privateRegistryRules } from './private-registry';
import { registryRules } from './registry';
import { secretsRules } from './secrets';
import type { Rule } from './types';
import { workspaceRules } from './workspace';

/**
 * Every rule, in catalog order. Each area folder exports its rules as a list; adding a rule there (and its
 * metadata to rules/catalog) is enough for the analysis, the CLI catalog and the generated docs/rules.md.
 */
export const RULES: readonly Rule[] = [
  ...workspaceRules,
  ...registryRules,
  ...computeRules,
  ...datastoreRules,
  ...jobRules,
  ...networkRules,
  ...privateRegistryRules,
  ...endpointControlRules,
  ...endpointDataRules,
  ...endpointIdentityRules,
  ...secretsRules,
  ...managedNetworkRules,
  ...governanceRules,
];
