import type { RuleMetadata } from '../types';

/** The compute rules' metadata, by rule id (their checks are in rules/compute/). */
export const COMPUTE_RULES = {
  'AML-CMP-001': {
    title: 'Compute identity combination Azure refuses',
    area: 'compute',
    severity: 'error',
    confidence: 'documented',
    facts: ['R26', 'R33', 'R15'],
    sources: ['S1'],
    description:
      'A compute cluster carries either its system-assigned identity or one or more user-assigned identities, never both. Kubernetes compute carries a single identity, system- or user-assigned. Azure rejects other combinations when the compute is created or updated.',
  },
  'AML-CMP-002': {
    title: 'Which managed identity job code gets on a compute',
    area: 'compute',
    severity: 'warning',
    otherSeverities: ['info'],
    confidence: 'documented',
    facts: ['R28', 'R27'],
    sources: ['S1'],
    description:
      'Code running on a compute cluster obtains tokens by passing a managed identity client id to ManagedIdentityCredential. The cluster exposes the client id of its default identity (the first user-assigned one when it has no system identity) in DEFAULT_IDENTITY_CLIENT_ID, so code that wants another of its identities must name that one explicitly. A cluster with no identity exposes nothing, and a job that asks for the compute identity gets no token. On Kubernetes compute the credential is built without a client id.',
  },
  'AML-CMP-003': {
    title: 'Compute cluster identity may not read datastore secrets from the workspace key vault',
    area: 'compute',
    severity: 'warning',
    confidence: 'unconfirmed',
    facts: ['R29'],
    needs: ['role-assignments'],
    sources: ['S1'],
    description:
      'Among the duties of a compute cluster managed identity is fetching the connection details of datastores from the workspace key vault, which is where datastores with a stored key, SAS token or service principal secret keep it. Which permission that takes is not documented; this rule checks secret read (Key Vault Secrets User, or a get access policy) for clusters of workspaces that hold such datastores, and reports gaps as warnings.',
  },
  'AML-CMP-004': {
    title: 'Compute instance identity cannot carry out idle shutdown',
    area: 'compute',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R31'],
    needs: ['role-assignments'],
    sources: ['S1'],
    description:
      'A compute instance that has a managed identity and an idle shutdown timer stops itself through that identity, which therefore needs Contributor on the workspace. Without it the timer has no effect: the instance keeps running, and billing, after it falls idle.',
  },
  'AML-CMP-005': {
    title: 'Compute creator cannot assign the user-assigned identity a compute uses',
    area: 'compute',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R30'],
    needs: ['role-assignments'],
    sources: ['S6', 'S14'],
    description:
      'Creating or updating a compute that carries a user-assigned identity needs two things: permission to write computes in the workspace, and permission to assign that identity (Managed Identity Operator on the identity, or a broader role such as Contributor). This rule looks at the users, groups and service principals that can write computes in a workspace and reports those that may not assign an identity already used by one of its computes, since they could not recreate or update that compute.',
  },
  'AML-CMP-006': {
    title: 'Serverless job asks for a managed identity it cannot have',
    area: 'compute',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R34'],
    sources: ['S12'],
    description:
      'Serverless compute has no system-assigned identity of its own. A job on it can run as the submitting user (user_identity) or as one of the workspace user-assigned identities, chosen with identity type managed and that identity\'s client id. Naming an identity the workspace does not carry leaves the job with no identity to use (an error); asking for a managed identity without naming one is a warning, since what serverless compute then does is unconfirmed. Jobs whose datastore access already fails for this reason are left to AML-JOB-006, so this rule covers the ones whose code, rather than a datastore, would need the identity.',
  },
  'AML-CMP-007': {
    title: 'Serverless job with no identity setting reads or writes data',
    area: 'compute',
    severity: 'warning',
    confidence: 'unconfirmed',
    facts: ['R34', 'R34:default'],
    sources: ['S12'],
    description:
      'A job on serverless compute that sets no identity has no compute identity to fall back on, and the documents do not say which identity it then uses for credential-less datastores. Jobs in that situation are flagged so that their owner picks user_identity or a workspace user-assigned identity on purpose.',
  },
} satisfies Record<string, RuleMetadata>;
