import { settingEvidence } from '../helpers';
import type { Rule } from '../types';

/** R81: once a managed network mode is chosen, a workspace can only move to a stricter one. */
export const isolationIrreversible: Rule = {
  id: 'AML-MNET-002',
  title: 'Managed network mode cannot be relaxed',
  area: 'managed-network',
  severity: 'info',
  confidence: 'documented',
  facts: ['R81'],
  sources: ['S8'],
  description:
    'A workspace managed network runs in one of three modes: disabled, allow_internet_outbound or allow_only_approved_outbound. The choice only ever tightens: a workspace that allows internet outbound cannot be set back to disabled, and one that allows only approved outbound cannot be opened up to internet outbound again. The rule points this out for every workspace whose managed network is on.',
  *check(context) {
    for (const workspace of context.estate.workspaces) {
      const mode = workspace.managedNetwork.isolationMode;
      // A project runs in its hub's managed network, so the note belongs to the hub.
      if (mode === 'disabled' || workspace.workspaceKind === 'project') continue;
      const locked = mode === 'allow_internet_outbound' ? 'disabled' : 'allow_internet_outbound or disabled';
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} uses managed network mode ${mode}; it can never return to ${locked}.`,
        consequence: 'Outbound access that is not allowed now has to be added as outbound rules later; the mode itself cannot be loosened.',
        evidence: [settingEvidence(workspace.id, 'managed_network.isolation_mode', mode)],
      };
    }
  },
};
