import type { RuleMetadata } from '../types';

/** The datastore rules' metadata, by rule id (their checks are in rules/datastore/). */
export const DATASTORE_RULES = {
  'AML-DS-001': {
    title: 'Datastore credential readable by workspace members',
    area: 'datastore',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R37', 'R42'],
    needs: ['role-assignments'],
    sources: ['S1', 'S5', 'S6'],
    description:
      'A datastore created with an account key, a SAS token or a service principal secret keeps that secret in the workspace key vault. Anyone whose role includes the datastore list-secrets action (Contributor, AzureML Data Scientist and Azure AI Developer all do, through wildcards) can pull the raw credential out and use it outside Azure ML, with whatever reach the credential has. The rule names the people, groups and applications that can do so; identity-based datastores avoid the shared secret altogether.',
  },
  'AML-DS-002': {
    title: 'Datastore type cannot use identity-based access as configured',
    area: 'datastore',
    severity: 'error',
    otherSeverities: ['info'],
    confidence: 'documented',
    facts: ['R39', 'R40'],
    sources: ['S1', 'S13'],
    description:
      'Identity-based access (a datastore without credentials) is available for Azure Blob Storage, ADLS Gen1 and ADLS Gen2 only. An Azure Files datastore must carry an account key or a SAS token; without one nothing can read the share. An identity-based ADLS Gen1 datastore is legal, but Gen1 ignores Azure role assignments and authorises with POSIX ACLs alone, which the estate cannot show, so the rule only points that out.',
  },
  'AML-DS-003': {
    title: 'Job identity lacks a storage data role on its datastore',
    area: 'datastore',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R40', 'R50'],
    needs: ['role-assignments'],
    sources: ['S1', 'S5'],
    description:
      'When a datastore has no stored credential, the storage service judges the identity the job runs as: the compute managed identity by default, the named user-assigned identity, or the submitting user with user_identity. Reading needs at least Storage Blob Data Reader and writing needs Storage Blob Data Contributor, on the container or the account; management roles such as Owner or Contributor do not carry these data permissions. Granting them to the compute identity alone lets data scientists train on data they cannot open themselves.',
  },
  'AML-DS-004': {
    title: 'Storage account in a different tenant from its workspace',
    area: 'datastore',
    severity: 'error',
    confidence: 'documented',
    facts: ['R41'],
    sources: ['S1'],
    description:
      'A workspace can only use storage accounts that belong to its own Microsoft Entra tenant; cross-tenant storage is not supported for the workspace storage or for datastores. The rule compares the tenant of each storage account a workspace relies on with the workspace tenant, taking the subscription or estate tenant when a resource does not state its own.',
  },
  'AML-DS-005': {
    title: 'Key-based access to storage that has shared keys disabled',
    area: 'datastore',
    severity: 'error',
    confidence: 'documented',
    facts: ['R43'],
    sources: ['S7'],
    description:
      'Turning off shared key access on a storage account means only Microsoft Entra tokens are accepted. A workspace whose default storage is set up that way must reach its system datastores with identities (system_datastores_auth_mode: identity); left at accesskey, the workspace keeps presenting keys and is refused. Likewise, any datastore that carries an account key or a SAS token for such an account stops working and has to be recreated as identity-based.',
  },
  'AML-DS-006': {
    title: 'Workspace identity used for data preview lacks Storage Blob Data Reader',
    area: 'datastore',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R44', 'R53'],
    needs: ['role-assignments'],
    sources: ['S5', 'S1'],
    description:
      'A datastore can be told to let studio preview and profile its data with the workspace managed identity instead of the person looking. That identity then needs at least Storage Blob Data Reader on the container or account, and, when the datastore picks the system- or user-assigned workspace identity, the workspace must actually have one. Storage that only admits selected networks or trusted services also makes studio fall back on the workspace identity, so the same grant is checked there, as a warning because that case is inferred from the network guidance.',
  },
  'AML-DS-007': {
    title: 'Management role gives data access through storage keys',
    area: 'datastore',
    severity: 'warning',
    confidence: 'documented',
    facts: ['section 3', 'R43'],
    needs: ['role-assignments'],
    sources: ['S15', 'S14', 'S7'],
    description:
      'Owner, Contributor and other roles whose actions cover the storage listKeys operation carry no blob data permissions of their own, yet as long as the account accepts shared keys, their holders can fetch a key and read or change every blob, file, queue and table. The rule names those principals for each storage account that still allows shared keys, leaving out the identity of a workspace that uses the account as its own storage (it needs the access by design) and grants Azure ML makes by itself.',
  },
  'AML-DS-008': {
    title: 'Job submitter may not read the datastore credential',
    area: 'datastore',
    severity: 'error',
    confidence: 'documented',
    facts: ['R42', 'R46'],
    needs: ['role-assignments'],
    sources: ['S5'],
    description:
      'When a datastore holds a credential, Azure ML hands that credential to the job instead of using any identity, but only after checking that the person or application submitting the job may list the datastore secrets. A submitter whose roles lack that action (a plain Reader, or a custom role without it) cannot run jobs on the datastore even though the credential itself would work.',
  },
  'AML-DS-009': {
    title: 'Service principal stored in a datastore lacks a storage data role',
    area: 'datastore',
    severity: 'error',
    confidence: 'documented',
    facts: ['R42', 'R40'],
    needs: ['role-assignments'],
    sources: ['S5', 'S1'],
    description:
      'A datastore that stores a service principal secret or certificate signs in to storage as that service principal. Holding the secret is not enough: the service principal itself needs Storage Blob Data Reader to read, or Storage Blob Data Contributor to write, on the container or account (or matching ACLs on ADLS Gen2). The rule checks this for every job that reads or writes through such a datastore.',
  },
  'AML-DS-010': {
    title: 'Workspace user lacks storage data roles on shared-key-disabled storage',
    area: 'datastore',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R43'],
    needs: ['role-assignments'],
    sources: ['S7'],
    description:
      "Once the workspace storage refuses shared keys, studio data views, notebooks, the file explorer and compute instances reach it with the signed-in person's own identity. People who work in the workspace then need Storage Blob Data Contributor and Storage File Data Privileged Contributor on that account; people who only read need Storage Blob Data Reader and Storage File Data Privileged Reader. The rule checks every user and group holding a role on the workspace.",
  },
} satisfies Record<string, RuleMetadata>;
