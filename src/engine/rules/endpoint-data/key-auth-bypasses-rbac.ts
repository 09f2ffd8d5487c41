import { ACTIONS } from '../../context/actions';
import { settingEvidence, settingKnown } from '../helpers';
import { defineRule } from '../catalog';

/** R66 and R68: with key or aml_token authentication, holding the secret is all a caller needs. */
export const keyAuthBypassesRbac = defineRule('AML-EPD-003', {
  *check(context) {
    for (const endpoint of context.estate.onlineEndpoints) {
      if (endpoint.authMode === 'aad_token' || !settingKnown(context, endpoint.id, 'authMode')) continue;
      const token = endpoint.authMode === 'aml_token';
      const managed = endpoint.endpointKind === 'managed';
      yield {
        subjects: [endpoint.id],
        message: `Endpoint ${endpoint.name} uses ${token ? 'Azure ML tokens' : 'keys'}: whoever holds ${token ? 'a valid token' : 'a key'} can call it, whatever their roles.`,
        consequence: `Role assignments do not limit who calls ${endpoint.name}; the ${token ? 'tokens' : 'keys'} must be guarded like passwords.`,
        evidence: [settingEvidence(endpoint.id, 'auth_mode', endpoint.authMode)],
        ...(managed
          ? {
              fix: {
                summary: `To have each call checked by RBAC, switch managed endpoint ${endpoint.name} to auth_mode aad_token and give callers the score action.`,
                actions: [
                  {
                    kind: 'manual' as const,
                    text: `Set auth_mode: aad_token in the YAML of endpoint ${endpoint.name} and grant callers ${ACTIONS.endpointScore} on it.`,
                  },
                ],
              },
            }
          : {}),
        pathIds: context
          .pathsTo(endpoint.id)
          .filter((p) => p.kind === 'endpoint-invoke')
          .map((p) => p.id),
      };
    }
  },
});
