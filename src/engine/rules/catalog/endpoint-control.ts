import type { RuleMetadata } from '../types';

/** The endpoint-control rules' metadata, by rule id (their checks are in rules/endpoint-control/). */
export const ENDPOINT_CONTROL_RULES = {
  'AML-EPC-001': {
    title: 'Endpoint or deployment creator lacks the control-plane permission',
    area: 'endpoint-control',
    severity: 'error',
    confidence: 'documented',
    facts: ['R58', 'R61'],
    needs: ['role-assignments'],
    sources: ['S2', 'S6'],
    description:
      'Creating or updating an online endpoint is a write on the workspace, checked against an Entra token: the person or pipeline that does it needs the onlineEndpoints write action there, and the deployments write action for a deployment. Reading the endpoint back is a separate read action. Owner, Contributor and AzureML Data Scientist all carry these; a narrower custom role may not, and the create command then fails.',
  },
  'AML-EPC-002': {
    title: 'Endpoint creator cannot work from studio',
    area: 'endpoint-control',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R60'],
    needs: ['role-assignments'],
    sources: ['S2'],
    description:
      'Studio does not call the endpoint API directly: it submits an ARM template deployment in the resource group that holds the workspace. A creator who may write endpoints in the workspace but may not create deployments in that resource group can still use the CLI or SDK, but the studio wizard fails for them.',
  },
  'AML-EPC-003': {
    title: 'Endpoint caller cannot fetch a key or token itself',
    area: 'endpoint-control',
    severity: 'info',
    confidence: 'documented',
    facts: ['R62', 'R63'],
    needs: ['role-assignments'],
    sources: ['S2'],
    description:
      'An endpoint that authenticates calls with keys or Azure ML tokens does not check roles on the call, but getting the key or token from Azure is itself a control-plane action on the endpoint (listKeys or token). A declared caller without that action depends on someone handing the secret over, and on being handed a new one after every rotation or expiry.',
  },
  'AML-EPC-004': {
    title: 'Nobody can regenerate the keys of a key-authenticated endpoint',
    area: 'endpoint-control',
    severity: 'info',
    confidence: 'documented',
    facts: ['R64'],
    needs: ['role-assignments'],
    sources: ['S2'],
    description:
      'Keys of a key-authenticated endpoint are long-lived shared secrets; rotating them after a leak needs the regenerateKeys action on the endpoint. The rule looks at every principal the estate links to the endpoint (its creator, the creators of its deployments, its declared callers and anyone holding a role on it or above) and notes when none of them could rotate the keys.',
  },
} satisfies Record<string, RuleMetadata>;
