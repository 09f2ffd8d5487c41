import { ROLES } from '../../context/actions';
import type { EntityId } from '../../model/ids';
import { describePrincipal } from '../../paths/builder';
import { decisionEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R56 (2): the workspace identity must be allowed to hand the connection's identity to the build task. */
export const privateRegistryBuildOperator = defineRule('AML-PACR-004', {
  *check(context) {
    const { topology } = context;
    for (const path of context.pathsOfKind('environment-build-private-registry')) {
      const uai = path.identity.principal;
      if (path.identity.kind !== 'managed-identity' || uai === undefined) continue;
      const uaiEntity = topology.getOfKind(uai, 'userAssignedIdentity');
      for (const req of path.requirements) {
        if (req.suggestedRole !== ROLES.managedIdentityOperator || req.decision === undefined || req.decision.allowed) continue;
        // The requirement is checked for the workspace identity, not for the path's own identity.
        const operator = req.decision.question.principal as EntityId;
        yield {
          subjects: [operator, uai, path.actor],
          message: `${describePrincipal(topology, operator)} may not assign ${uaiEntity?.name ?? topology.nameOf(uai)}, so ${topology.nameOf(path.actor)} cannot give that identity to the build task that pulls from ${topology.nameOf(path.target)}.`,
          consequence: 'The environment build cannot authenticate to the private registry and fails.',
          evidence: [decisionEvidence(`${req.action} at ${context.rbac.scopeLabel(req.scope)}`, req.decision)],
          fix: {
            summary: `Assign Managed Identity Operator on ${topology.nameOf(uai)} to ${topology.nameOf(operator)}.`,
            actions: [{ kind: 'assign-role', principal: operator, role: ROLES.managedIdentityOperator, scope: req.scope }],
          },
          pathIds: [path.id],
          discriminator: `${req.action}@${req.scope}`,
        };
      }
    }
  },
});
