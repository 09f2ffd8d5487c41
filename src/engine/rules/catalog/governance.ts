import type { RuleMetadata } from '../types';

/**
 * What every rule that mirrors both an Azure Policy definition and a PSRule for Azure rule rests on: the policy facts
 * (R87, R88) and their sources, shared so that these rules cannot drift apart in what they cite.
 */
const POLICY_AND_PSRULE_BASIS: Pick<RuleMetadata, 'area' | 'severity' | 'confidence' | 'facts' | 'sources'> = {
  area: 'governance',
  severity: 'warning',
  confidence: 'documented',
  facts: ['R87', 'R88'],
  sources: ['S20', 'S21'],
};

/** The governance rules' metadata, by rule id (their checks are in rules/governance/). */
export const GOVERNANCE_RULES = {
  'AML-GOV-001': {
    title: 'Workspace does not run as a user-assigned identity',
    ...POLICY_AND_PSRULE_BASIS,
    description:
      'Both the Azure Policy built-in 5f0c7d88-c7de-45b8-ac49-db49e72eaa78 and the PSRule for Azure rule Azure.ML.UserManagedIdentity expect a workspace to name a primary user-assigned identity, so that its identity is a resource with its own lifecycle rather than one tied to the workspace. The rule flags every workspace without one.',
  },
  'AML-GOV-002': {
    title: 'Compute allows local authentication',
    ...POLICY_AND_PSRULE_BASIS,
    facts: ['R36', ...POLICY_AND_PSRULE_BASIS.facts],
    description:
      'A compute whose disableLocalAuth property is not true still accepts local credentials alongside Microsoft Entra identities. Azure Policy e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f and PSRule Azure.ML.DisableLocalAuth both expect it switched off, so that access to the compute always goes through Entra ID and RBAC.',
  },
  'AML-GOV-003': {
    title: 'Workspace allows public network access',
    ...POLICY_AND_PSRULE_BASIS,
    description:
      'Azure Policy 438c38d2-3772-465a-a9cc-7a6666a275ce and PSRule Azure.ML.PublicAccess expect public network access to a workspace to be disabled, leaving private endpoints as the only way in. Projects follow the network settings of their hub, so the rule judges hubs and ordinary workspaces.',
  },
  'AML-GOV-004': {
    title: 'Compute instance has no idle shutdown',
    ...POLICY_AND_PSRULE_BASIS,
    description:
      'Azure Policy 679ddf89-ab8f-48a5-9029-e76054077449 and PSRule Azure.ML.ComputeIdleShutdown expect every compute instance to have an idle shutdown time, so that a forgotten instance does not keep running (and keep its credentials and data in use). The rule flags instances without one.',
  },
  'AML-GOV-005': {
    title: 'Workspace is not encrypted with a customer-managed key',
    area: 'governance',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R87'],
    sources: ['S20'],
    description:
      'Azure Policy ba769a63-b8cc-4b2d-abf6-ac33c7204be8 expects workspace data to be encrypted with a key the customer holds in a key vault rather than a Microsoft-managed key. The policy leaves projects out, and so does the rule. Encryption with a customer-managed key is chosen when a workspace is created.',
  },
  'AML-GOV-006': {
    title: 'Managed network does not restrict outbound traffic to approved destinations',
    area: 'governance',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R87', 'R81'],
    sources: ['S20', 'S8'],
    description:
      'Azure Policy 6ddb1705-c8cf-450e-aa4b-19ad6703c440 expects the workspace managed network to run in allow_only_approved_outbound mode, where computes may reach only destinations listed as outbound rules. Moving to that mode cannot be undone. Projects take their network from their hub, so the rule judges hubs and ordinary workspaces.',
  },
  'AML-GOV-007': {
    title: 'Compute is not attached to a virtual network',
    area: 'governance',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R88'],
    sources: ['S21'],
    description:
      'PSRule Azure.ML.ComputeVnet expects compute clusters and compute instances to be placed in a subnet, so that their traffic stays inside a network the customer controls. A workspace with a managed network already runs its computes inside that network, so the rule only looks at workspaces without one.',
  },
  'AML-GOV-008': {
    title: 'Role assignments held by the Azure Machine Learning first-party app',
    area: 'governance',
    severity: 'info',
    confidence: 'unconfirmed',
    facts: ['R89', 'R89:grants'],
    sources: ['S27'],
    description:
      'Every tenant contains a service principal for Microsoft\'s "Azure Machine Learning" application (app id 0736f41a-0425-4b46-bdb5-1563eff02385). When it holds role assignments it should be recognised as that Microsoft principal rather than as an unknown application. Grants to it appear in sample templates and older scripts, but the Azure ML documentation does not say which ones it needs, so the rule only lists them for review.',
  },
  'AML-GOV-009': {
    title: 'Role assignment wider than the paths it serves',
    area: 'governance',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R40', 'R17'],
    needs: ['role-assignments'],
    sources: ['S1', 'S5'],
    description:
      "Compares each role assignment of a managed identity with what the access paths use it for. When a built-in role with fewer operations covers every operation those paths need (Owner or Contributor where AcrPull or a Storage Blob Data role would do), or the uses sit on resources below the assignment's resource group or subscription (each then gets the least role at its own resource), the grant is wider than it needs to be: anyone who can run code as the identity holds all of it. The fix replaces it with the narrower assignments. Only managed identities are judged, and not the workspace's own (Azure ML uses those for work no path describes); an assignment a path asks for by name is left alone.",
  },
} satisfies Record<string, RuleMetadata>;
