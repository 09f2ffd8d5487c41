import { ROLES } from '../../context/actions';
import { missingGrantDrafts } from '../helpers';
import type { Rule } from '../types';

/** R17: a workspace that runs as a user-assigned identity needs AcrPull for it on the workspace registry. */
export const workspaceUaiAcrPull: Rule = {
  id: 'AML-ACR-002',
  title: 'Workspace user-assigned identity lacks AcrPull on the workspace registry',
  area: 'registry',
  severity: 'error',
  confidence: 'documented',
  facts: ['R17'],
  needs: ['role-assignments'],
  sources: ['S3', 'S1'],
  description:
    'A workspace that authenticates with a user-assigned identity gets no automatic grants, and the documented setup gives that identity AcrPull on the workspace container registry next to its management role, so that the workspace can read the images it builds and references. The check asks whether the identity may perform the pull action on the registry; AcrPull is the least role that allows it (a broader role whose actions cover it also counts). A system-assigned workspace identity receives what it needs from Azure ML and is not checked here.',
  *check(context) {
    for (const path of context.pathsOfKind('workspace-dependency')) {
      if (path.identity.kind !== 'managed-identity') continue;
      yield* missingGrantDrafts(context, path, {
        consequence: 'Image builds and environment preparation that read from the registry fail with an authorization error.',
        select: (r) => r.suggestedRole === ROLES.acrPull,
      });
    }
  },
};
