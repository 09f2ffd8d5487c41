import { settingEvidence } from '../helpers';
import type { Rule } from '../types';
import { nameList } from './cli-args';

/** R6 and R10: several user-assigned identities are fine, but studio cannot manage such a workspace. */
export const multipleUais: Rule = {
  id: 'AML-WS-010',
  title: 'Workspace with several user-assigned identities',
  area: 'workspace',
  severity: 'info',
  confidence: 'documented',
  facts: ['R6', 'R10'],
  sources: ['S1'],
  description:
    'A workspace may carry more than one user-assigned identity, but studio cannot create or edit a workspace set up that way; its identities have to be managed with the CLI or the SDK. Any such update must list every identity to keep (see AML-WS-006).',
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
};
