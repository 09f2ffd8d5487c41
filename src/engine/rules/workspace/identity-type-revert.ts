import { identityTypeOf } from '../../model/estate';
import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R8: a workspace may gain user-assigned identities next to its system one, but never lose them all again. */
export const identityTypeRevert = defineRule('AML-WS-007', {
  *check(context) {
    for (const workspace of context.estate.workspaces) {
      const planned = workspace.plannedUpdate?.identity;
      if (!planned) continue;
      const before = identityTypeOf(workspace.identity);
      const after = identityTypeOf(planned);
      if (before !== 'system_assigned,user_assigned' || after !== 'system_assigned') continue;
      yield {
        subjects: [workspace.id],
        message: `The planned update of ${workspace.name} takes its identity type from ${before} back to ${after}.`,
        consequence: 'Azure does not allow this transition: the update fails and the workspace keeps both kinds of identity.',
        evidence: [settingEvidence(workspace.id, 'identity.type', before), settingEvidence(workspace.id, 'planned_update.identity.type', after)],
        fix: {
          summary: `Keep ${workspace.name} at system_assigned,user_assigned.`,
          actions: [
            {
              kind: 'manual',
              text: `Leave identity.type at system_assigned,user_assigned in the update and keep at least one user-assigned identity listed; a workspace cannot return to system_assigned alone.`,
            },
          ],
        },
      };
    }
  },
});
