import { ROLES } from '../../context/actions';
import { missingGrantDrafts } from '../helpers';
import { defineRule } from '../catalog';

/** R56 (1): the identity a registry connection names must hold AcrPull on the private registry. */
export const privateRegistryBuildAcrPull = defineRule('AML-PACR-003', {
  *check(context) {
    for (const path of context.pathsOfKind('environment-build-private-registry')) {
      if (path.identity.kind !== 'managed-identity') continue;
      yield* missingGrantDrafts(context, path, {
        consequence: 'The environment build cannot pull its base image, so the environment fails to build.',
        select: (r) => r.suggestedRole === ROLES.acrPull,
      });
    }
  },
});
