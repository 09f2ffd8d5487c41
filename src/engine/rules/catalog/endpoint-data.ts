import type { RuleMetadata } from '../types';

/** The endpoint-data rules' metadata, by rule id (their checks are in rules/endpoint-data/). */
export const ENDPOINT_DATA_RULES = {
  'AML-EPD-001': {
    title: 'Kubernetes endpoint asks for Entra token authentication',
    area: 'endpoint-data',
    severity: 'error',
    confidence: 'documented',
    facts: ['R67'],
    sources: ['S2'],
    description:
      'Only managed online endpoints can check callers with Microsoft Entra tokens. An endpoint that runs on Kubernetes compute supports key and aml_token authentication alone, so a Kubernetes endpoint declared with auth_mode aad_token is a configuration Azure ML does not accept.',
  },
  'AML-EPD-002': {
    title: 'Declared caller may not score an Entra-authenticated endpoint',
    area: 'endpoint-data',
    severity: 'error',
    confidence: 'documented',
    facts: ['R69', 'R65'],
    needs: ['role-assignments'],
    sources: ['S2'],
    description:
      'A managed endpoint with auth_mode aad_token accepts any Entra token (no Azure ML action is needed to obtain one) but then checks the caller against RBAC on every request: the caller needs the onlineEndpoints score action on the endpoint or a scope above it. The rule checks each principal the estate declares as a caller of such an endpoint.',
  },
  'AML-EPD-003': {
    title: 'Endpoint calls are not checked by RBAC',
    area: 'endpoint-data',
    severity: 'info',
    confidence: 'documented',
    facts: ['R66', 'R68'],
    sources: ['S2', 'S13'],
    description:
      'Online endpoints authenticate with keys unless told otherwise; aml_token is the other secret-based mode. In both, the scoring request carries the secret and Azure does not consult role assignments, so the access map cannot say who is able to call such an endpoint: anyone who has been given, or has fetched, the key or token can. Entra token authentication (managed endpoints only) makes each call an RBAC decision instead.',
  },
} satisfies Record<string, RuleMetadata>;
