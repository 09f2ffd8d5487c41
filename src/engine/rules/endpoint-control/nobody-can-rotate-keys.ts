import { ACTIONS, ROLES } from '../../context/actions';
import { listText } from '../endpoint-identity/common';
import { noteEvidence, settingEvidence } from '../helpers';
import { pathPrincipals } from '../../paths/types';
import { defineRule } from '../catalog';

/** R64: regenerating an endpoint's keys is its own action; a key endpoint should have someone who holds it. */
export const nobodyCanRotateKeys = defineRule('AML-EPC-004', {
  *check(context) {
    const { topology } = context;
    for (const endpoint of context.estate.onlineEndpoints) {
      if (endpoint.authMode !== 'key') continue;
      const operators = context.pathsTo(endpoint.id).filter((p) => p.kind === 'endpoint-manage');
      // With nobody linked to the endpoint there is nothing to judge; the estate simply does not say.
      if (operators.length === 0) continue;
      // Every principal an operator path stands for, not only its first, once: a principal that two grants
      // each give its access is covered by both of their paths.
      const linked = [...new Set(operators.flatMap((p) => pathPrincipals(p)))];
      if (
        linked.some(
          // mayGrant first: most linked principals hold no role covering the action, and it allocates nothing.
          (principal) =>
            context.mayGrant(principal, ACTIONS.endpointRegenerateKeys, endpoint.armId) &&
            context.can(principal, ACTIONS.endpointRegenerateKeys, endpoint.armId).allowed,
        )
      )
        continue;
      const names = linked.map((principal) => topology.nameOf(principal));
      const owner = endpoint.createdBy;
      yield {
        subjects: [endpoint.id],
        message: `None of the principals linked to endpoint ${endpoint.name} (${listText(names)}) may regenerate its keys.`,
        consequence: `If a key of ${endpoint.name} leaks, nobody in this estate can rotate it; the key stays valid until someone with more rights steps in.`,
        evidence: [
          settingEvidence(endpoint.id, 'auth_mode', endpoint.authMode),
          noteEvidence(`${ACTIONS.endpointRegenerateKeys} is denied to ${listText(names)}`),
        ],
        ...(owner
          ? {
              fix: {
                summary: `Assign AzureML Data Scientist to ${topology.nameOf(owner)} on endpoint ${endpoint.name} (or a custom role with the regenerateKeys action).`,
                actions: [
                  {
                    kind: 'assign-role' as const,
                    principal: owner,
                    role: ROLES.azureMlDataScientist,
                    scope: endpoint.armId,
                  },
                ],
              },
            }
          : {}),
        pathIds: operators.map((p) => p.id),
      };
    }
  },
});
