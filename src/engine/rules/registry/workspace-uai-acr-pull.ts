import { ROLES } from '../../context/actions';
import { missingGrantDrafts } from '../helpers';
import { defineRule } from '../catalog';

/** R17: a workspace that runs as a user-assigned identity needs AcrPull for it on the workspace registry. */
export const workspaceUaiAcrPull = defineRule('AML-ACR-002', {
  *check(context) {
    for (const path of context.pathsOfKind('workspace-dependency')) {
      if (path.identity.kind !== 'managed-identity') continue;
      yield* missingGrantDrafts(context, path, {
        consequence: 'Image builds and environment preparation that read from the registry fail with an authorization error.',
        select: (r) => r.suggestedRole === ROLES.acrPull,
      });
    }
  },
});
