import { ACTIONS, ROLES } from '../../context/actions';
import { describePrincipal } from '../../paths/builder';
import { endpointCreators, endpointPathId, sentence } from '../endpoint-identity/common';
import { decisionEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R60: studio creates endpoints through an ARM deployment in the workspace resource group. */
export const creatorCannotUseStudio = defineRule('AML-EPC-002', {
  *check(context) {
    const { topology } = context;
    const seen = new Set<string>();
    for (const { principal, endpoint, workspace, deployment } of endpointCreators(context)) {
      const rg = topology.resourceGroupOf(workspace.id);
      if (!rg) continue;
      // One finding per person and endpoint, even when they also create its deployments.
      const key = `${principal}|${endpoint.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const decision = context.can(principal, ACTIONS.resourceDeploymentsWrite, rg.armId);
      if (decision.allowed || decision.unknown?.principal !== undefined) continue;
      const who = describePrincipal(topology, principal);
      yield {
        subjects: [principal, endpoint.id],
        message: sentence(
          `${who} creates ${deployment ? `deployments of endpoint ${endpoint.name}` : `endpoint ${endpoint.name}`} but may not create ARM deployments in resource group ${rg.name}, which studio needs.`,
        ),
        consequence: `${topology.nameOf(principal)} can manage ${endpoint.name} with the CLI or SDK only; creating, updating or deleting it from studio fails.`,
        evidence: [
          decisionEvidence(`${ACTIONS.resourceDeploymentsWrite} at resource group ${rg.name}`, decision),
        ],
        fix: {
          summary: `Assign Azure AI Inference Deployment Operator (which carries Microsoft.Resources/deployments actions) to ${topology.nameOf(principal)} on resource group ${rg.name}, or use the CLI.`,
          actions: [
            {
              kind: 'assign-role',
              principal,
              role: ROLES.azureAiInferenceDeploymentOperator,
              scope: rg.armId,
            },
          ],
        },
        pathIds: endpointPathId(context, 'endpoint-manage', principal, endpoint.id),
      };
    }
  },
});
