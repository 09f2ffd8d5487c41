import type { RuleMetadata } from '../types';

/** The managed-network rules' metadata, by rule id (their checks are in rules/managed-network/). */
export const MANAGED_NETWORK_RULES = {
  'AML-MNET-001': {
    title: 'Managed network: workspace identity cannot approve private endpoints',
    area: 'managed-network',
    severity: 'error',
    confidence: 'documented',
    facts: ['R83'],
    needs: ['role-assignments'],
    sources: ['S8', 'S14'],
    description:
      'With a managed virtual network, Azure ML creates private endpoints from that network to the workspace storage account and registry, and the workspace identity must approve the matching private endpoint connections. A system identity gets what it needs on its own; a user-assigned identity needs Azure AI Enterprise Network Connection Approver (or a role with the same private-endpoint actions), typically on the resource group of the dependencies. The rule checks the storage and registry connection actions; the key vault equivalent is not in the role data the engine holds, so it is not checked.',
  },
  'AML-MNET-002': {
    title: 'Managed network mode cannot be relaxed',
    area: 'managed-network',
    severity: 'info',
    confidence: 'documented',
    facts: ['R81'],
    sources: ['S8'],
    description:
      'A workspace managed network runs in one of three modes: disabled, allow_internet_outbound or allow_only_approved_outbound. The choice only ever tightens: a workspace that allows internet outbound cannot be set back to disabled, and one that allows only approved outbound cannot be opened up to internet outbound again. The rule points this out for every workspace whose managed network is on.',
  },
} satisfies Record<string, RuleMetadata>;
