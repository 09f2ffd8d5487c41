import type { RuleMetadata } from '../types';

/** The job rules' metadata, by rule id (their checks are in rules/job/). */
export const JOB_RULES = {
  'AML-JOB-001': {
    title: 'Job with user identity submitted from studio',
    area: 'job',
    severity: 'error',
    confidence: 'documented',
    facts: ['R45'],
    sources: ['S1'],
    description:
      "Running a job with the submitting user's own identity for data access (identity type user_identity) is supported only when the job is submitted with the Azure CLI or the Python SDK v2. Studio does not offer it, so a job designed that way has to be submitted from one of those two tools.",
  },
  'AML-JOB-002': {
    title: 'Job mixes user identity and managed identity',
    area: 'job',
    severity: 'error',
    confidence: 'documented',
    facts: ['R45', 'R47'],
    sources: ['S1'],
    description:
      "Within a single job, data access goes either through the submitting user's identity or through the compute managed identity; Azure ML does not support combining the two. A pipeline whose steps ask for user_identity in one place and a managed identity in another (explicitly, or by leaving the identity unset so the compute identity is used for data) falls into that case.",
  },
  'AML-JOB-003': {
    title: 'Pipeline identity setting that Azure ML ignores',
    area: 'job',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R45'],
    sources: ['S1'],
    description:
      'In a pipeline built from pipeline components, Azure ML honours the identity written on each step and nothing else: an identity declared inside a component, or at the root of the pipeline, has no effect on those steps. The step then runs with whatever its own setting gives (usually the compute identity), which is rarely what the author meant.',
  },
  'AML-JOB-004': {
    title: 'User identity not used because the datastore stores a credential',
    area: 'job',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R46', 'R45'],
    sources: ['S1'],
    description:
      "A job can ask to reach data as the person who submitted it, but a datastore that carries its own credential (account key, SAS token or service principal) always authenticates with that credential. The user's permissions on the storage are then never consulted, which quietly defeats the point of choosing user identity.",
  },
  'AML-JOB-005': {
    title: 'Job uses the aml_token identity, whose data access is undocumented',
    area: 'job',
    severity: 'warning',
    confidence: 'unconfirmed',
    facts: ['R49'],
    sources: ['S13'],
    description:
      "The job YAML accepts identity type aml_token, described only as using the workspace's Azure ML token for data access. Which principal the storage then sees, and which roles it needs, is not spelt out anywhere, so this map cannot tell whether such a job will reach its data. Choosing user_identity or managed makes the outcome predictable and checkable.",
  },
  'AML-JOB-006': {
    title: 'Job has no identity to reach its data with',
    area: 'job',
    severity: 'error',
    // On an attached compute the finding rests on an unconfirmed fact (R28:attached) and is capped at warning.
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R47', 'R48', 'R28', 'R34'],
    sources: ['S1', 'S13', 'S12'],
    description:
      'Without a stored credential, a job reaches identity-based datastores with the compute managed identity unless it asks for the user identity. If the compute has no managed identity, if the job names a user-assigned identity the compute does not carry, or if a serverless job names an identity the workspace does not have, there is nothing to request a token with, and the code inside the job cannot obtain one either.',
  },
  'AML-JOB-007': {
    title: 'Job submitter lacks the permissions to submit jobs',
    area: 'job',
    severity: 'error',
    confidence: 'documented',
    facts: ['R51'],
    needs: ['role-assignments'],
    sources: ['S6'],
    description:
      'Submitting a v2 job touches more than the job itself: the caller reads the workspace, writes the job, registers and builds its environment (reading environment secrets on the way) and uploads the code snapshot as artifacts. Owner, Contributor and AzureML Data Scientist cover all of it; a custom role has to list each of these actions at the workspace scope. The rule checks every job whose submitter is known.',
  },
  'AML-JOB-008': {
    title: 'User identity step runs a registered component',
    area: 'job',
    severity: 'info',
    confidence: 'documented',
    facts: ['R45'],
    sources: ['S1'],
    description:
      'When a job runs with user identity, Azure ML validates the checksum of each code snapshot it runs. Components registered some time ago may carry snapshots that fail this check and need to be uploaded again; the rule points at the steps where that can happen.',
  },
} satisfies Record<string, RuleMetadata>;
