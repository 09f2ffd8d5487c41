import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R81: once a managed network mode is chosen, a workspace can only move to a stricter one. */
export const isolationIrreversible = defineRule('AML-MNET-002', {
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
});
