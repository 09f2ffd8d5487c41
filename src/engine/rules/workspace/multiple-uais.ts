import { settingEvidence } from '../helpers';
import { nameList } from './cli-args';
import { defineRule } from '../catalog';

/** R6 and R10: several user-assigned identities are fine, but studio cannot manage such a workspace. */
export const multipleUais = defineRule('AML-WS-010', {
  *check(context) {
    const { topology } = context;
    for (const workspace of context.estate.workspaces) {
      const uais = workspace.identity.userAssigned;
      if (uais.length < 2) continue;
      yield {
        subjects: [workspace.id],
        message: `Workspace ${workspace.name} carries ${uais.length} user-assigned identities (${nameList(topology, uais)}); manage them with az ml or the SDK, not studio.`,
        consequence: 'Studio cannot create or edit this workspace\'s identities; an update through the CLI must name every identity to keep.',
        evidence: [settingEvidence(workspace.id, 'identity.user_assigned_identities', uais.map((id) => topology.nameOf(id)))],
      };
    }
  },
});
