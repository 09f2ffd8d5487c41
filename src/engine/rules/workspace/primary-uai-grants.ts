import { systemIdentityId } from '../../model/ids';
import { WORKSPACE_SECRET_PERMISSIONS } from '../../paths/resolve-workspace';
import { missingGrantDrafts } from '../helpers';
import { defineRule } from '../catalog';

/** R4: a workspace that runs as a user-assigned identity needs that identity granted on each dependency. */
export const primaryUaiGrants = defineRule('AML-WS-003', {
  *check(context) {
    for (const path of context.pathsOfKind('workspace-dependency')) {
      if (path.identity.kind !== 'managed-identity') continue;
      // Azure ML makes the system identity's grants itself (R2); one an export shows absent is AML-WS-002's.
      if (path.identity.principal === systemIdentityId(path.actor)) continue;
      // AcrPull on the registry has a rule of its own (AML-ACR-002).
      yield* missingGrantDrafts(context, path, {
        consequence: 'The workspace cannot manage this dependency, so creating computes, jobs or deployments fails with an authorization error.',
        select: (r) => r.suggestedRole !== '7f951dda-4ed3-4680-a7ca-43fe172d538d' && r.accessPolicy === undefined,
      });
      yield* missingGrantDrafts(context, path, {
        consequence: 'Studio cannot preview the data in the workspace storage with the workspace identity.',
        includeOptional: true,
        select: (r) => r.optional === true,
        severity: 'warning',
      });
      // A vault on the access-policy model needs a policy with every secret permission but purge (R4).
      yield* missingGrantDrafts(context, path, {
        consequence: 'The workspace cannot store or read its secrets in the key vault, so connections, datastores and deployments that need them fail.',
        select: (r) => r.accessPolicy !== undefined,
        policyPermissions: [...WORKSPACE_SECRET_PERMISSIONS],
      });
    }
  },
});
