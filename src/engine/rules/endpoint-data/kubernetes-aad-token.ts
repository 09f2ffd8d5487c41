import { settingEvidence } from '../helpers';
import type { Rule } from '../types';

/** R67: Entra-token authentication exists only for managed online endpoints. */
export const kubernetesAadToken: Rule = {
  id: 'AML-EPD-001',
  title: 'Kubernetes endpoint asks for Entra token authentication',
  area: 'endpoint-data',
  severity: 'error',
  confidence: 'documented',
  facts: ['R67'],
  sources: ['S2'],
  description:
    'Only managed online endpoints can check callers with Microsoft Entra tokens. An endpoint that runs on Kubernetes compute supports key and aml_token authentication alone, so a Kubernetes endpoint declared with auth_mode aad_token is a configuration Azure ML does not accept.',
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
};
