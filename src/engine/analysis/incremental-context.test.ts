import { describe, expect, it } from 'vitest';
import { createAnalysisContext, deriveAnalysisContext } from '../context/analysis-context';
import { entityId, type EntityId, type RoleId } from '../model/ids';
import type { Estate, RoleAssignment } from '../model/types';
import { editsTestEstate } from '../testing/edits';
import { estateFromYaml } from '../testing/estates';
import { customRole, permission } from '../testing/rbac';
import { analyze } from './analyze';
import { analyzeTracked, reanalyze } from './incremental';

/*
 * reanalyze() builds the edited estate's context from the previous one (deriveAnalysisContext): these edits
 * change what that reuse depends on (management groups and subscriptions for the scope chains, role
 * definitions for the catalog, principals, group members and assignments for the per-key tables), each
 * checked against a fresh analyze().
 */

const SAMPLES = import.meta.glob<string>('../../../public/samples/*.yaml', { query: '?raw', import: 'default', eager: true });
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const CUSTOM_ROLE = '/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-0000-4000-8000-00000000c0de' as RoleId;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as RoleId;

function assignment(id: string, principal: EntityId, role: RoleId, scope: string): RoleAssignment {
  return { id: entityId(`${scope}/providers/Microsoft.Authorization/roleAssignments/${id}`), principal, role, scope, origin: 'planned' };
}

/** Structural edits, each on the estate the one before it gave. */
function structuralEdits(): { label: string; apply: (estate: Estate) => Estate }[] {
  const mg = entityId('/providers/Microsoft.Management/managementGroups/mg-moved');
  const newcomer = entityId('user:44444444-4444-4444-4444-444444444444');
  const firstPrincipal = (estate: Estate): EntityId | undefined =>
    (estate.userAssignedIdentities[0] ?? estate.systemAssignedIdentities[0] ?? estate.users[0])?.id;
  const firstScope = (estate: Estate): string | undefined => (estate.resourceGroups[0] ?? estate.subscriptions[0])?.armId;
  return [
    {
      label: 'a subscription moves under a new management group',
      apply: (estate) => ({
        ...estate,
        managementGroups: [...estate.managementGroups, { id: mg, kind: 'managementGroup', name: 'mg-moved', armId: mg }],
        subscriptions: estate.subscriptions.map((s, i) => (i === 0 ? { ...s, managementGroup: mg } : s)),
      }),
    },
    {
      label: 'an Owner assignment at the new management group',
      apply: (estate) => {
        const principal = firstPrincipal(estate);
        if (!principal) return estate;
        return { ...estate, roleAssignments: [...estate.roleAssignments, assignment('mg-owner', principal, '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' as RoleId, mg)] };
      },
    },
    {
      label: 'a custom role, assigned',
      apply: (estate) => {
        const principal = firstPrincipal(estate);
        const scope = firstScope(estate);
        if (!principal || !scope) return estate;
        const role = customRole(CUSTOM_ROLE, 'Custom Reader', [permission({ actions: ['*/read'] })]);
        return {
          ...estate,
          roleDefinitions: [...estate.roleDefinitions, role],
          roleAssignments: [...estate.roleAssignments, assignment('custom', principal, CUSTOM_ROLE, scope)],
        };
      },
    },
    {
      label: 'the custom role widened',
      apply: (estate) => ({
        ...estate,
        roleDefinitions: estate.roleDefinitions.map((r) => (r.id === CUSTOM_ROLE ? { ...r, permissions: [permission({ actions: ['*'], dataActions: ['*'] })] } : r)),
      }),
    },
    {
      label: 'a new user, in every group, with Reader',
      apply: (estate) => {
        const scope = firstScope(estate);
        if (!scope) return estate;
        return {
          ...estate,
          users: [...estate.users, { id: newcomer, kind: 'user', name: 'newcomer@contoso.com', userPrincipalName: 'newcomer@contoso.com' }],
          groups: estate.groups.map((g) => ({ ...g, members: [...g.members, newcomer] })),
          roleAssignments: [...estate.roleAssignments, assignment('newcomer', newcomer, READER, scope)],
        };
      },
    },
    {
      label: 'each group loses its first member',
      apply: (estate) => ({ ...estate, groups: estate.groups.map((g) => ({ ...g, members: g.members.slice(1) })) }),
    },
    {
      label: 'a deny assignment on the first scope',
      apply: (estate) => {
        const scope = firstScope(estate);
        if (!scope) return estate;
        const deny = {
          id: entityId(`${scope}/providers/Microsoft.Authorization/denyAssignments/d1`),
          name: 'no writes',
          scope,
          permissions: permission({ actions: ['*/write'] }),
          principals: 'everyone' as const,
          excludePrincipals: [],
          doNotApplyToChildScopes: false,
        };
        return { ...estate, denyAssignments: [...estate.denyAssignments, deny] };
      },
    },
    {
      label: 'the first principal removed with its assignments',
      apply: (estate) => {
        const principal = firstPrincipal(estate);
        if (!principal) return estate;
        return {
          ...estate,
          users: estate.users.filter((u) => u.id !== principal),
          userAssignedIdentities: estate.userAssignedIdentities.filter((u) => u.id !== principal),
          systemAssignedIdentities: estate.systemAssignedIdentities.filter((u) => u.id !== principal),
          roleAssignments: estate.roleAssignments.filter((a) => a.principal !== principal),
        };
      },
    },
    {
      label: 'an assignment at a scope nothing else mentions',
      apply: (estate) => {
        const principal = estate.users[0]?.id;
        const scope = firstScope(estate);
        if (!principal || !scope) return estate;
        return { ...estate, roleAssignments: [...estate.roleAssignments, assignment('unlisted', principal, READER, `${scope}/providers/Microsoft.Example/things/unlisted`)] };
      },
    },
    { label: 'every assignment removed', apply: (estate) => ({ ...estate, roleAssignments: [] }) },
  ];
}

describe('reanalyze with a context derived from the previous one', () => {
  const estates: [string, Estate][] = [
    ['edits test estate', editsTestEstate()],
    ...Object.entries(SAMPLES).map(([file, yaml]): [string, Estate] => [file.split('/').at(-1) as string, estateFromYaml(yaml, file)]),
  ];

  it.each(estates)('gives what analyze() gives after each structural edit of %s', (_, start) => {
    let tracked = analyzeTracked(start);
    let estate = start;
    const steps: string[] = [];
    for (const edit of structuralEdits()) {
      estate = edit.apply(estate);
      steps.push(edit.label);
      tracked = reanalyze(tracked, estate);
      expect(plain(tracked.analysis), steps.join(' → ')).toEqual(plain(analyze(estate)));
    }
  });

  it('derives a context whose RBAC answers are those of a fresh one', () => {
    const start = editsTestEstate();
    let derived = createAnalysisContext(start);
    let estate = start;
    for (const edit of structuralEdits()) {
      estate = edit.apply(estate);
      derived = deriveAnalysisContext(derived, estate);
      const fresh = createAnalysisContext(estate);
      expect(plain(derived.automaticGrants), edit.label).toEqual(plain(fresh.automaticGrants));
      for (const principal of [...estate.users, ...estate.groups, ...estate.userAssignedIdentities, ...estate.systemAssignedIdentities])
        for (const scope of [...estate.resourceGroups, ...estate.storageAccounts, ...estate.workspaces]) {
          const question = [principal.id, 'Microsoft.Storage/storageAccounts/write', scope.armId] as const;
          expect(plain(derived.can(...question)), `${edit.label}: ${question.join(' ')}`).toEqual(plain(fresh.can(...question)));
        }
      expect(plain(derived.rbac.assignmentsAt('/', { inherited: true })), edit.label).toEqual(plain(fresh.rbac.assignmentsAt('/', { inherited: true })));
    }
  });
});
