import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R67: Entra-token authentication exists only for managed online endpoints. */
export const kubernetesAadToken = defineRule('AML-EPD-001', {
  *check(context) {
    for (const endpoint of context.estate.onlineEndpoints) {
      if (endpoint.endpointKind !== 'kubernetes' || endpoint.authMode !== 'aad_token') continue;
      yield {
        subjects: [endpoint.id],
        message: `Kubernetes endpoint ${endpoint.name} is set to auth_mode aad_token, which only managed endpoints support.`,
        consequence: `${endpoint.name} cannot be created as written; callers cannot authenticate with Entra tokens on Kubernetes.`,
        evidence: [
          settingEvidence(endpoint.id, 'auth_mode', endpoint.authMode),
          settingEvidence(endpoint.id, 'kind', endpoint.endpointKind),
        ],
        fix: {
          summary: `Use auth_mode key or aml_token for ${endpoint.name}, or move it to a managed online endpoint to keep Entra tokens.`,
          actions: [
            {
              kind: 'manual',
              text: `Set auth_mode: key (or aml_token) in the YAML of endpoint ${endpoint.name}, or recreate it as a managed online endpoint.`,
            },
          ],
        },
        pathIds: context
          .pathsTo(endpoint.id)
          .filter((p) => p.kind === 'endpoint-invoke')
          .map((p) => p.id),
      };
    }
  },
});
