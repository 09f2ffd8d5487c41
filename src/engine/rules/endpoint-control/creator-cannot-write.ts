import { ACTIONS, ROLES } from '../../context/actions';
import { describePrincipal } from '../../paths/builder';
import type { Decision } from '../../rbac/types';
import { endpointCreators, endpointPathId, listText, sentence } from '../endpoint-identity/common';
import { decisionEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R58 and R61: whoever creates an endpoint or a deployment needs write (and read) on online endpoints in the workspace. */
export const creatorCannotWrite = defineRule('AML-EPC-001', {
  *check(context) {
    const { topology } = context;
    for (const creator of endpointCreators(context)) {
      const { principal, endpoint, workspace, deployment } = creator;
      const checks: { label: string; action: string; scope: string; scopeName: string }[] = [
        deployment
          ? {
              label: 'create or update deployments',
              action: ACTIONS.deploymentWrite,
              scope: workspace.armId,
              scopeName: `workspace ${workspace.name}`,
            }
          : {
              label: 'create or update endpoints',
              action: ACTIONS.endpointWrite,
              scope: workspace.armId,
              scopeName: `workspace ${workspace.name}`,
            },
        {
          label: 'read the endpoint',
          action: ACTIONS.endpointRead,
          scope: endpoint.armId,
          scopeName: `endpoint ${endpoint.name}`,
        },
      ];
      const missing: { label: string; action: string; scopeName: string; decision: Decision }[] = [];
      let unknownPrincipal = false;
      for (const c of checks) {
        const decision = context.can(principal, c.action, c.scope);
        if (decision.unknown?.principal !== undefined) unknownPrincipal = true;
        if (!decision.allowed) missing.push({ ...c, decision });
      }
      // A creator the estate does not describe cannot be judged; the reader reports the dangling reference.
      if (unknownPrincipal || missing.length === 0) continue;
      const who = describePrincipal(topology, principal);
      const what = deployment
        ? `deployment ${deployment.name} of endpoint ${endpoint.name}`
        : `endpoint ${endpoint.name}`;
      yield {
        subjects: deployment ? [principal, deployment.id, endpoint.id] : [principal, endpoint.id],
        message: sentence(
          `${who} creates ${what} but may not ${listText(missing.map((m) => `${m.label} (${m.scopeName})`))}.`,
        ),
        consequence: `Creating or updating ${what} as ${topology.nameOf(principal)} fails with an authorization error.`,
        evidence: missing.map((m) => decisionEvidence(`${m.action} at ${m.scopeName}`, m.decision)),
        fix: {
          summary: `Assign AzureML Data Scientist to ${topology.nameOf(principal)} on workspace ${workspace.name} (or a custom role with the ${deployment ? 'deployments' : 'onlineEndpoints'} write and read actions).`,
          actions: [
            { kind: 'assign-role', principal, role: ROLES.azureMlDataScientist, scope: workspace.armId },
          ],
        },
        pathIds: endpointPathId(context, 'endpoint-manage', principal, endpoint.id),
      };
    }
  },
});
