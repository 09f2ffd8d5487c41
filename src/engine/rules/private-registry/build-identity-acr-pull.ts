import { ROLES } from '../../context/actions';
import { missingGrantDrafts } from '../helpers';
import type { Rule } from '../types';

/** R56 (1): the identity a registry connection names must hold AcrPull on the private registry. */
export const privateRegistryBuildAcrPull: Rule = {
  id: 'AML-PACR-003',
  title: 'Registry connection identity lacks AcrPull on the private registry',
  area: 'private-registry',
  severity: 'error',
  confidence: 'documented',
  facts: ['R56'],
  needs: ['role-assignments'],
  sources: ['S1', 'S26'],
  description:
    'The user-assigned identity named in the container_registry connection is the one the environment build uses to pull the base image, so it needs AcrPull on the private registry that holds it. Nothing grants this automatically.',
  *check(context) {
    for (const path of context.pathsOfKind('environment-build-private-registry')) {
      if (path.identity.kind !== 'managed-identity') continue;
      yield* missingGrantDrafts(context, path, {
        consequence: 'The environment build cannot pull its base image, so the environment fails to build.',
        select: (r) => r.suggestedRole === ROLES.acrPull,
      });
    }
  },
};
