import { unmetRequirements } from '../helpers';
import type { RuleContext } from '../types';
import { groupedGapDrafts, workspaceDependencies } from './deployment-dependency-grants';
import { defineRule } from '../catalog';

/** R71 and R72: without AzureML Metrics Writer the deployment runs but its metrics never reach the workspace. */
export const deploymentMetricsGrant = defineRule('AML-EPI-003', {
  *check(context: RuleContext) {
    const gaps = context
      .pathsOfKind('deployment-metrics')
      .flatMap((path) => unmetRequirements(path).map((requirement) => ({ path, requirement })));
    yield* groupedGapDrafts(context, gaps, {
      consequence: (deployments) =>
        `${deployments} serve${deployments.includes(' and ') ? '' : 's'} requests, but no metrics reach the workspace.`,
      automaticTargets: (path) => workspaceDependencies(context, path),
    });
  },
});
