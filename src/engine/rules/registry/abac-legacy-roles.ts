import type { EntityId, RoleId } from '../../model/ids';
import type { RoleAssignment } from '../../model/types';
import { describePrincipal } from '../../paths/builder';
import { noteEvidence, settingEvidence } from '../helpers';
import type { RuleContext } from '../types';
import { defineRule } from '../catalog';

/** AcrPull, AcrPush and AcrDelete: the registry roles an ABAC-mode registry no longer honours. */
const LEGACY_REGISTRY_ROLES: ReadonlySet<string> = new Set([
  '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  '8311e382-0749-4cb8-b61a-304f252e45ec',
  'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
]);

/** R23: in "RBAC Registry + ABAC Repository Permissions" mode, the classic registry roles grant nothing. */
export const abacLegacyRoles = defineRule('AML-ACR-006', {
  *check(context) {
    const { topology, rbac } = context;
    for (const registry of context.estate.containerRegistries) {
      if (registry.roleAssignmentMode !== 'abac') continue;
      const byPrincipal = new Map<EntityId, RoleAssignment[]>();
      for (const a of rbac.assignmentsAt(registry.armId, { inherited: true })) {
        if (!LEGACY_REGISTRY_ROLES.has(a.role.toLowerCase())) continue;
        const list = byPrincipal.get(a.principal);
        if (list) list.push(a);
        else byPrincipal.set(a.principal, [a]);
      }
      const registryPaths = context.pathsTo(registry.id);
      for (const [principal, assignments] of byPrincipal) {
        const roles = [...new Set(assignments.map((a) => roleName(context, a.role)))];
        const automatic = assignments.some((a) => a.origin === 'automatic');
        const where = [...new Set(assignments.map((a) => rbac.scopeLabel(a.scope)))].join(', ');
        yield {
          subjects: [principal, registry.id],
          message: `${describePrincipal(topology, principal)} relies on ${roles.join(' and ')} (assigned at ${where}${automatic ? ', made by Azure ML' : ''}), but ${registry.name} uses ABAC repository permissions, where those roles are not honoured.`,
          consequence: `${topology.nameOf(principal)} cannot pull or push images in ${registry.name} despite the assignment.`,
          evidence: [
            settingEvidence(registry.id, 'role_assignment_mode', 'abac'),
            ...assignments.map((a) => noteEvidence(`${roleName(context, a.role)} for ${topology.nameOf(principal)} at ${rbac.scopeLabel(a.scope)} (${a.origin})`)),
          ],
          fix: {
            summary: `Give ${topology.nameOf(principal)} an ABAC-enabled repository role on ${registry.name}, or switch the registry back to classic registry permissions.`,
            actions: [
              {
                kind: 'manual',
                text: `Assign ${topology.nameOf(principal)} an ABAC-enabled registry role (for pulling, Container Registry Repository Reader) on ${registry.name}, optionally limited to the repositories it needs.`,
              },
            ],
          },
          pathIds: registryPaths.filter((p) => p.identity.principal === principal).map((p) => p.id),
        };
      }
    }
  },
});

function roleName(context: RuleContext, role: RoleId): string {
  return context.rbac.catalog.get(role)?.name ?? role;
}
