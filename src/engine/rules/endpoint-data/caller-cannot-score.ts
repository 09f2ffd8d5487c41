import { ACTIONS } from '../../context/actions';
import { sentence } from '../endpoint-identity/common';
import type { EntityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { decisionEvidence, unmetRequirements } from '../helpers';
import { defineRule } from '../catalog';

/** R69: with aad_token, every call is an RBAC check of the score action at the endpoint. */
export const callerCannotScore = defineRule('AML-EPD-002', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('endpoint-invoke')) {
      const endpoint = topology.getOfKind(path.target as EntityId, 'onlineEndpoint');
      if (!endpoint || endpoint.authMode !== 'aad_token' || endpoint.endpointKind !== 'managed') continue;
      if (!(endpoint.callers ?? []).includes(path.actor)) continue;
      for (const req of unmetRequirements(path)) {
        if (req.action !== ACTIONS.endpointScore || req.decision?.unknown?.principal !== undefined) continue;
        const conditional = req.decision?.effect === 'conditional';
        yield {
          subjects: [path.actor, endpoint.id],
          message: sentence(
            conditional
              ? `${describePrincipal(topology, path.actor)} may score endpoint ${endpoint.name} only where an ABAC condition holds.`
              : `${describePrincipal(topology, path.actor)} is meant to call endpoint ${endpoint.name} but lacks the score action on it.`,
          ),
          consequence: `Calls from ${topology.nameOf(path.actor)} to ${endpoint.name} are refused with 403 even with a valid Entra token.`,
          evidence: req.decision
            ? [decisionEvidence(`${req.action} at endpoint ${endpoint.name}`, req.decision)]
            : [],
          fix: {
            summary: `Assign AzureML Data Scientist to ${topology.nameOf(path.actor)} on endpoint ${endpoint.name}, or a custom role holding only ${ACTIONS.endpointScore}.`,
            actions: [
              { kind: 'assign-role', principal: path.actor, role: req.suggestedRole, scope: req.scope },
            ],
          },
          pathIds: [path.id],
        };
      }
    }
  },
});
