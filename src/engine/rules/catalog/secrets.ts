import type { RuleMetadata } from '../types';

/** The secrets rules' metadata, by rule id (their checks are in rules/secrets/). */
export const SECRETS_RULES = {
  'AML-SEC-001': {
    title: 'Endpoint identity cannot read an injected key vault secret',
    area: 'secrets',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R73', 'R79'],
    needs: ['role-assignments'],
    sources: ['S9'],
    description:
      'A deployment environment variable written as a keyvault reference is resolved when the deployment is created, by the endpoint identity. Azure ML never gives that identity access to a key vault on its own, whether it is system- or user-assigned, so it needs Key Vault Secrets User (RBAC vaults) or a get-secret access policy (policy vaults); without it, or when the secret does not exist, creating the deployment fails. A vault the estate does not describe cannot be checked and is reported as a warning.',
  },
  'AML-SEC-002': {
    title: 'Deployment injects a connection the endpoint identity cannot read',
    area: 'secrets',
    severity: 'error',
    confidence: 'documented',
    facts: ['R79', 'R72', 'R78'],
    needs: ['role-assignments'],
    sources: ['S9', 'S2', 'S10'],
    description:
      'A deployment environment variable can refer to a workspace connection (its credentials, a metadata key or its target). Azure ML resolves those references with the endpoint identity when the deployment is created, which needs the connections listsecrets action on the workspace, as in Azure Machine Learning Workspace Connection Secrets Reader. A user-assigned identity never receives it automatically, and a system identity receives it only when the endpoint was created with enforce_access_to_default_secret_stores by someone who may read connection secrets. A reference to a connection the workspace does not have fails the same way.',
  },
  'AML-SEC-003': {
    title: 'Enforce-secret-stores flag set on a user-assigned endpoint',
    area: 'secrets',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R76'],
    sources: ['S9', 'S10'],
    description:
      'The endpoint property enforce_access_to_default_secret_stores tells Azure ML to check that the creator may read connection secrets and, if so, to give the endpoint system identity that access. It has no meaning for an endpoint running as a user-assigned identity, whose grants are always made by hand, and the preview documentation says it may not be combined with one.',
  },
  'AML-SEC-004': {
    title: 'Creator of an enforced endpoint may not read connection secrets',
    area: 'secrets',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R77', 'R80', 'R71'],
    needs: ['role-assignments'],
    sources: ['S9', 'S2'],
    description:
      'When a system-identity endpoint sets enforce_access_to_default_secret_stores, Azure ML gives that identity read access to connection secrets, but only on behalf of someone who has it: the person creating the endpoint, and again each person creating a deployment under it, must be able to read workspace connection secrets (for example through Azure Machine Learning Workspace Connection Secrets Reader). Otherwise the creation is rejected. In an exported estate the endpoint already exists, so the finding concerns the next creation or update and is a warning.',
  },
  'AML-SEC-005': {
    title: 'Connection-secret access of an endpoint rests on a hand-made grant',
    area: 'secrets',
    severity: 'info',
    confidence: 'documented',
    facts: ['R78'],
    needs: ['role-assignments'],
    sources: ['S2', 'S9'],
    description:
      'A system-identity endpoint created without enforce_access_to_default_secret_stores is not given connection-secret access by Azure ML; if its deployments inject connections and work, it is because someone assigned the role by hand. That assignment is easy to lose when the endpoint is recreated (its system identity changes), so the rule points it out. A missing grant is reported by AML-SEC-002 instead.',
  },
} satisfies Record<string, RuleMetadata>;
