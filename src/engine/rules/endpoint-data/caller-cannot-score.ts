import { ACTIONS } from '../../context/actions';
import { sentence } from '../endpoint-identity/common';
import type { EntityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { pathPrincipals } from '../../paths/types';
import { decisionEvidence, unmetRequirements } from '../helpers';
import { defineRule } from '../catalog';

/** R69: with aad_token, every call is an RBAC check of the score action at the endpoint. */
export const callerCannotScore = defineRule('AML-EPD-002', {
  *check(context) {
    const { topology } = context;
    // A caller that two grants each give its access is covered by both of their paths: judged once.
    const judged = new Set<string>();
    for (const path of context.pathsOfKind('endpoint-invoke')) {
      const endpoint = topology.getOfKind(path.target as EntityId, 'onlineEndpoint');
      if (!endpoint || endpoint.authMode !== 'aad_token' || endpoint.endpointKind !== 'managed') continue;
      // A path may stand for several principals reaching the endpoint alike; each declared caller among them
      // is judged with its own decision (the path holds the first principal's).
      const declared = pathPrincipals(path).filter(
        (principal) => (endpoint.callers ?? []).includes(principal) && !judged.has(`${principal}|${endpoint.id}`),
      );
      for (const principal of declared) judged.add(`${principal}|${endpoint.id}`);
      for (const req of declared.length > 0 ? unmetRequirements(path) : []) {
        if (req.action !== ACTIONS.endpointScore) continue;
        for (const principal of declared) {
          const decision = context.can(principal, req.action, req.scope, req.dataAction);
          if (decision.unknown?.principal !== undefined) continue;
          const conditional = decision.effect === 'conditional';
          yield {
            subjects: [principal, endpoint.id],
            message: sentence(
              conditional
                ? `${describePrincipal(topology, principal)} may score endpoint ${endpoint.name} only where an ABAC condition holds.`
                : `${describePrincipal(topology, principal)} is meant to call endpoint ${endpoint.name} but lacks the score action on it.`,
            ),
            consequence: `Calls from ${topology.nameOf(principal)} to ${endpoint.name} are refused with 403 even with a valid Entra token.`,
            evidence: [decisionEvidence(`${req.action} at endpoint ${endpoint.name}`, decision)],
            fix: {
              summary: `Assign AzureML Data Scientist to ${topology.nameOf(principal)} on endpoint ${endpoint.name}, or a custom role holding only ${ACTIONS.endpointScore}.`,
              actions: [
                { kind: 'assign-role', principal: principal, role: req.suggestedRole, scope: req.scope },
              ],
            },
            pathIds: [path.id],
          };
        }
      }
    }
  },
});
