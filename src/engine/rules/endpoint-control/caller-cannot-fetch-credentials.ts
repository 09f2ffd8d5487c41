import { ACTIONS, ROLES } from '../../context/actions';
import { describePrincipal } from '../../paths/builder';
import { endpointPathId, sentence } from '../endpoint-identity/common';
import { decisionEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R62 and R63: a caller of a key or aml_token endpoint gets its credential from Azure only with listKeys or token. */
export const callerCannotFetchCredentials = defineRule('AML-EPC-003', {
  *check(context) {
    const { topology } = context;
    for (const endpoint of context.estate.onlineEndpoints) {
      if (endpoint.authMode === 'aad_token') continue;
      const token = endpoint.authMode === 'aml_token';
      const action = token ? ACTIONS.endpointToken : ACTIONS.endpointListKeys;
      for (const caller of endpoint.callers ?? []) {
        const decision = context.can(caller, action, endpoint.armId);
        if (decision.allowed || decision.unknown?.principal !== undefined) continue;
        const credential = token ? 'an Azure ML token' : 'a key';
        yield {
          subjects: [caller, endpoint.id],
          message: sentence(
            `${describePrincipal(topology, caller)} is meant to call endpoint ${endpoint.name} but may not fetch ${credential} for it from Azure.`,
          ),
          consequence: token
            ? `Someone else must fetch tokens for ${topology.nameOf(caller)} and pass them on each time one expires.`
            : `Someone else must hand a key to ${topology.nameOf(caller)} and hand it a new one whenever the keys are regenerated.`,
          evidence: [decisionEvidence(`${action} at endpoint ${endpoint.name}`, decision)],
          fix: {
            summary: `If ${topology.nameOf(caller)} should fetch ${credential} itself, assign it AzureML Data Scientist on endpoint ${endpoint.name} (or a custom role with only the ${token ? 'token' : 'listKeys'} action).`,
            actions: [
              {
                kind: 'assign-role',
                principal: caller,
                role: ROLES.azureMlDataScientist,
                scope: endpoint.armId,
              },
            ],
          },
          pathIds: endpointPathId(context, 'endpoint-invoke', caller, endpoint.id),
        };
      }
    }
  },
});
