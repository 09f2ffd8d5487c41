import type { RuleMetadata } from '../types';

/** The endpoint-identity rules' metadata, by rule id (their checks are in rules/endpoint-identity/). */
export const ENDPOINT_IDENTITY_RULES = {
  'AML-EPI-001': {
    title: 'Planned update changes an endpoint identity',
    area: 'endpoint-identity',
    severity: 'error',
    confidence: 'documented',
    facts: ['R70', 'R15'],
    sources: ['S2', 'S11', 'S1'],
    description:
      'An online endpoint is given its identity, system-assigned or a user-assigned one, when it is created, and Azure ML offers no way to change it afterwards. A planned update that switches the identity type or swaps the user-assigned identity cannot be applied; the endpoint has to be recreated (with its deployments and traffic moved over) under the new identity.',
  },
  'AML-EPI-002': {
    title: 'Endpoint identity cannot pull the image or read the model',
    area: 'endpoint-identity',
    severity: 'error',
    confidence: 'documented',
    facts: ['R71', 'R72', 'R43'],
    needs: ['role-assignments'],
    sources: ['S2', 'S10', 'S7'],
    description:
      'A deployment starts by pulling its container image and downloading its model and code, both as the endpoint identity: AcrPull on the registry and blob read on the workspace storage. Azure ML gives these to an endpoint system identity on the workspace registry and storage when the endpoint is created, but never to a user-assigned identity, which must hold them before the deployment is created, and never on a registry outside the workspace.',
  },
  'AML-EPI-003': {
    title: 'Endpoint identity cannot write metrics',
    area: 'endpoint-identity',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R72', 'R71'],
    needs: ['role-assignments'],
    sources: ['S2', 'S10'],
    description:
      'Deployments publish their metrics to the workspace as the endpoint identity, which needs AzureML Metrics Writer there. Azure ML grants it to an endpoint system identity; a user-assigned identity needs it assigned by hand. Nothing else depends on it, so the deployment serves traffic either way, but its metrics stay empty.',
  },
  'AML-EPI-004': {
    title: 'Kubernetes endpoint depends on a private registry or storage',
    area: 'endpoint-identity',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R75'],
    sources: ['S11'],
    description:
      'Pods of a Kubernetes online endpoint pull the image and model themselves, from inside the cluster network. When the registry or the blob storage accepts traffic only through private endpoints, the cluster must have a private-link route to them, and this holds whether or not the workspace itself is private; a role assignment alone is not enough.',
  },
} satisfies Record<string, RuleMetadata>;
