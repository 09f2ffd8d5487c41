import { unmetRequirements } from '../helpers';
import type { Rule, RuleContext } from '../types';
import { groupedGapDrafts, workspaceDependencies } from './deployment-dependency-grants';

/** R71 and R72: without AzureML Metrics Writer the deployment runs but its metrics never reach the workspace. */
export const deploymentMetricsGrant: Rule = {
  id: 'AML-EPI-003',
  title: 'Endpoint identity cannot write metrics',
  area: 'endpoint-identity',
  severity: 'warning',
  confidence: 'documented',
  facts: ['R72', 'R71'],
  needs: ['role-assignments'],
  sources: ['S2', 'S10'],
  description:
    'Deployments publish their metrics to the workspace as the endpoint identity, which needs AzureML Metrics Writer there. Azure ML grants it to an endpoint system identity; a user-assigned identity needs it assigned by hand. Nothing else depends on it, so the deployment serves traffic either way, but its metrics stay empty.',
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
};
