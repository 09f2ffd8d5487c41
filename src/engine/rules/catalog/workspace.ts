import type { RuleMetadata } from '../types';

/** The workspace rules' metadata, by rule id (their checks are in rules/workspace/). */
export const WORKSPACE_RULES = {
  'AML-WS-001': {
    title: 'Workspace has no managed identity',
    area: 'workspace',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R1'],
    sources: ['S1', 'S13'],
    description:
      'Azure ML reaches a workspace\'s storage account, key vault, container registry and Application Insights as the workspace itself, through a managed identity (system-assigned unless told otherwise). A workspace declared with identity type none has no such identity, so every operation Azure ML performs on those resources for it has nothing to sign in with.',
  },
  'AML-WS-002': {
    title: 'Workspace system identity lacks its role on the resource group',
    area: 'workspace',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R3'],
    needs: ['role-assignments'],
    sources: ['S6', 'S14'],
    description:
      'When a workspace has a system-assigned identity, Azure ML gives that identity a broad role on the resource group holding the workspace, so that it can manage the resources the workspace depends on: Azure AI Administrator for workspaces created from 19 November 2024 (or converted with allow_roleassignment_on_rg), Contributor for older ones. The rule asks RBAC whether the identity can still write workspaces and storage accounts in that group; if it cannot, the grant is missing or blocked.',
  },
  'AML-WS-003': {
    title: 'Workspace user-assigned identity lacks a required grant',
    area: 'workspace',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R4'],
    needs: ['role-assignments'],
    sources: ['S1', 'S22'],
    description:
      'When a workspace uses a user-assigned identity, Azure ML does not create any role assignment for it: the primary identity needs Contributor on the workspace, its storage account, key vault, registry and Application Insights, plus Key Vault Administrator (or a full access policy) on the key vault. Storage Blob Data Contributor on the storage account is recommended for data preview.',
  },
  'AML-WS-004': {
    title: 'Primary identity is not attached to the workspace',
    area: 'workspace',
    severity: 'error',
    confidence: 'documented',
    facts: ['R5'],
    sources: ['S1', 'S13'],
    description:
      'The primary_user_assigned_identity of a workspace picks which of its user-assigned identities it runs as, so it has to be one of the identities listed under identity.user_assigned_identities. The rule checks the workspace as it stands and, when the estate carries one, the planned az ml workspace update.',
  },
  'AML-WS-005': {
    title: 'Workspace has user-assigned identities but no primary one',
    area: 'workspace',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R4', 'R5', 'R88'],
    sources: ['S1', 'S13', 'S21'],
    description:
      'A workspace runs as a user-assigned identity only when primary_user_assigned_identity names one. With user-assigned identities alone and no primary, Azure ML has no identity to choose for the workspace (an error). With its system-assigned identity as well, the workspace silently keeps running as the system identity, and grants prepared for the user-assigned ones go unused (a warning).',
  },
  'AML-WS-006': {
    title: 'Planned workspace update detaches an identity still in use',
    area: 'workspace',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R7'],
    sources: ['S1'],
    description:
      'The user_assigned_identities block given to az ml workspace update is taken as the complete list the workspace should end up with; any identity attached today but missing from the block is removed. The rule compares a planned update with the current workspace and reports identities it would remove although the workspace still relies on them: as its primary identity, for its customer-managed key, in a connection, or for serverless jobs.',
  },
  'AML-WS-007': {
    title: 'Planned update reverts the workspace to system-assigned only',
    area: 'workspace',
    severity: 'error',
    confidence: 'documented',
    facts: ['R8', 'R15'],
    sources: ['S1'],
    description:
      'Moving a workspace from its system-assigned identity alone to system_assigned,user_assigned is supported; the reverse move is not. A planned update that would take a workspace carrying both kinds back to system_assigned alone is refused by Azure.',
  },
  'AML-WS-008': {
    title: 'Customer-managed-key identity cannot create the encrypted resources',
    area: 'workspace',
    severity: 'error',
    confidence: 'documented',
    facts: ['R11'],
    needs: ['role-assignments'],
    sources: ['S1', 'S6'],
    description:
      'A workspace encrypted with a customer-managed key gets additional storage, search and Cosmos DB resources created for it on the service side, and the identity doing that (the one named for the key, otherwise the workspace identity) must be allowed to write those three resource types in the workspace resource group. Contributor on the group covers all three; so does the Azure AI Administrator role Azure ML gives a system identity.',
  },
  'AML-WS-009': {
    title: 'Shared dependency without data isolation',
    area: 'workspace',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R14'],
    sources: ['S1'],
    description:
      'Several workspaces may point at the same storage account, key vault or container registry. With data isolation on, each workspace prefixes its containers, secrets and images with its own id and its identity is limited to its own containers; without it, the workspaces write into one shared namespace and each identity can reach the others\' data. Isolation is on by default for hubs and projects, off for ordinary workspaces, and can be chosen only when a workspace is created.',
  },
  'AML-WS-010': {
    title: 'Workspace with several user-assigned identities',
    area: 'workspace',
    severity: 'info',
    confidence: 'documented',
    facts: ['R6', 'R10'],
    sources: ['S1'],
    description:
      'A workspace may carry more than one user-assigned identity, but studio cannot create or edit a workspace set up that way; its identities have to be managed with the CLI or the SDK. Any such update must list every identity to keep (see AML-WS-006).',
  },
  'AML-WS-011': {
    title: 'Customer-managed-key identity may not use the key',
    area: 'workspace',
    severity: 'error',
    confidence: 'unconfirmed',
    facts: ['R11', 'R11:key-permissions'],
    needs: ['role-assignments'],
    sources: ['S1'],
    description:
      'The storage behind a workspace encrypted with a customer-managed key reaches the key in its key vault as the identity named for the key (or the workspace identity). The rule follows that access path and reports when the identity has neither a key vault role nor an access policy that lets it wrap and unwrap keys. The documents do not spell out the exact key permissions, so the finding is a warning.',
  },
  'AML-WS-012': {
    title: 'Nobody in the estate can create the planned role assignments',
    area: 'workspace',
    severity: 'info',
    confidence: 'documented',
    facts: ['R13'],
    needs: ['role-assignments'],
    sources: ['S1', 'S14', 'S16'],
    description:
      'Creating a role assignment takes Microsoft.Authorization/roleAssignments/write at its scope, which Owner, User Access Administrator and Role Based Access Control Administrator carry, while Contributor and Managed Identity Operator do not. For a planned estate the rule groups the designed assignments by scope and notes each scope where no user, group, service principal or user-assigned identity of the estate could create them, so that the person who applies the design knows which role to ask for.',
  },
} satisfies Record<string, RuleMetadata>;
