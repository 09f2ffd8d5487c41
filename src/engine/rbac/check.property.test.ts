// Property test: the index-based check() must agree with the brute-force reference evaluator on random
// estates: effect, the set of granting assignments, the set of excluding assignments, deny and unknowns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entityId, type EntityId, type RoleId } from '../model/ids';
import type { Permission, RoleDefinition } from '../model/types';
import { findBuiltInRole } from './builtin-roles';
import { allows, check, mayGrant, plainDenial } from './check';
import { buildRbacIndex } from './rbac-index';
import { referenceCheck } from './reference-evaluator';
import { EstateBuilder } from '../testing/rbac';

const ACTIONS = [
  'Microsoft.MachineLearningServices/workspaces/read',
  'Microsoft.MachineLearningServices/workspaces/write',
  'Microsoft.MachineLearningServices/workspaces/computes/write',
  'Microsoft.MachineLearningServices/workspaces/computes/read',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  'Microsoft.Storage/storageAccounts/listKeys/action',
  'Microsoft.Authorization/roleAssignments/write',
  'Microsoft.ContainerRegistry/registries/pull/read',
  'Microsoft.KeyVault/vaults/secrets/getSecret/action',
];

// An unreadable condition, one decided at container c0 (undecided above it), and an action-only guard.
const CONDITIONS = [
  'cond',
  "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'c0'",
  "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})",
];

const BUILT_INS = [
  'Owner',
  'Contributor',
  'Reader',
  'User Access Administrator',
  'AzureML Data Scientist',
  'Storage Blob Data Reader',
  'Key Vault Secrets User',
].map((name) => findBuiltInRole(name)?.id as RoleId);

function flipCase(text: string, seed: number): string {
  if (seed % 3 !== 0) return text;
  return [...text].map((c, i) => ((i + seed) % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join('');
}

// A pattern built from the action vocabulary: literal, star, segment wildcard, trailing "/*", an inserted
// star segment (the form that may also match nothing), "*/verb", or a star inside a segment.
const patternArb = fc
  .tuple(fc.nat(ACTIONS.length - 1), fc.nat(6), fc.nat(20), fc.nat(5))
  .map(([a, kind, pos, flip]) => {
    const action = ACTIONS[a] as string;
    const segs = action.split('/');
    const at = pos % segs.length;
    let pattern: string;
    switch (kind) {
      case 0:
        pattern = action;
        break;
      case 1:
        pattern = '*';
        break;
      case 2:
        pattern = segs.map((s, i) => (i === at ? '*' : s)).join('/');
        break;
      case 3:
        pattern = `${segs.slice(0, Math.max(1, at)).join('/')}/*`;
        break;
      case 4: {
        const cut = 1 + (pos % (segs.length - 1));
        pattern = [...segs.slice(0, cut), '*', ...segs.slice(cut)].join('/');
        break;
      }
      case 5:
        pattern = `*/${segs[segs.length - 1] as string}`;
        break;
      default: {
        const seg = segs[at] as string;
        pattern = segs.map((s, i) => (i === at ? `${seg.slice(0, 1 + (pos % seg.length))}*` : s)).join('/');
      }
    }
    return flipCase(pattern, flip);
  });

const patterns = (max: number) => fc.array(patternArb, { maxLength: max });
const permissionArb: fc.Arbitrary<Permission> = fc.record({
  actions: patterns(3),
  notActions: patterns(2),
  dataActions: patterns(2),
  notDataActions: patterns(1),
});

const planArb = fc.record({
  mgParents: fc.array(fc.nat(), { maxLength: 4 }),
  subMgs: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  rgSubs: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  resources: fc.array(fc.record({ rg: fc.nat(), kind: fc.nat(3) }), { minLength: 1, maxLength: 6 }),
  users: fc.integer({ min: 1, max: 4 }),
  uais: fc.array(fc.nat(), { maxLength: 2 }),
  groups: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 4 }),
  roles: fc.array(fc.array(permissionArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
  assignments: fc.array(
    fc.record({
      principal: fc.nat(),
      role: fc.nat(),
      scope: fc.nat(),
      conditional: fc.nat(8),
      flip: fc.nat(5),
    }),
    { minLength: 4, maxLength: 20 },
  ),
  denies: fc.array(
    fc.record({
      scope: fc.nat(),
      permission: fc.record({
        actions: fc.array(patternArb, { minLength: 1, maxLength: 3 }),
        notActions: patterns(1),
        dataActions: fc.array(patternArb, { minLength: 1, maxLength: 2 }),
        notDataActions: patterns(1),
      }),
      everyone: fc.boolean(),
      principals: fc.array(fc.nat(), { maxLength: 2 }),
      exclude: fc.array(fc.nat(), { maxLength: 2 }),
      childScopes: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  questions: fc.array(
    fc.record({
      principal: fc.nat(),
      action: fc.nat(ACTIONS.length - 1),
      data: fc.boolean(),
      scope: fc.nat(),
      flip: fc.nat(5),
    }),
    { minLength: 50, maxLength: 50 },
  ),
});

type Plan = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

function buildEstate(plan: Plan) {
  const b = new EstateBuilder();
  const mgs: EntityId[] = [];
  plan.mgParents.forEach((p, i) => {
    // Parents are earlier groups only, so the management-group part is a forest, as Azure enforces.
    const parent = p % (i + 1) === i ? undefined : mgs[p % (i + 1)];
    mgs.push(b.mg(`mg${i}`, parent));
  });
  const subs = plan.subMgs.map((m, i) =>
    b.sub(
      `sub${i}`,
      mgs.length === 0 || m % (mgs.length + 1) === mgs.length ? undefined : mgs[m % (mgs.length + 1)],
    ),
  );
  const rgs = plan.rgSubs.map((s, i) => b.rg(pick(subs, s), `rg${i}`));
  const resources: string[] = [];
  const children: string[] = [];
  plan.resources.forEach(({ rg, kind }, i) => {
    const group = pick(rgs, rg);
    if (kind === 0) {
      const sa = b.storage(group, `sa${i}`);
      resources.push(sa);
      children.push(`${sa}/blobServices/default/containers/c${i}`);
    } else if (kind === 1) {
      resources.push(b.keyVault(group, `kv${i}`));
    } else if (kind === 2) {
      const ws = b.workspace(group, `ws${i}`);
      resources.push(ws);
      children.push(`${ws}/onlineEndpoints/ep${i}`);
    } else {
      const acr = b.registry(group, `acr${i}`);
      resources.push(acr);
      children.push(`${acr}/providers/Microsoft.Insights/diagnosticSettings/d${i}`);
    }
  });
  const users = Array.from({ length: plan.users }, (_, i) => b.user(`u${i}`));
  const uais = plan.uais.map((rg, i) => b.uai(pick(rgs, rg), `uai${i}`));
  const groups = plan.groups.map((_, i) => b.group(`g${i}`));
  const members = [...users, ...uais, ...groups];
  // Memberships may point at any principal, groups included, so nesting and cycles both occur.
  plan.groups.forEach((list, i) => {
    for (const m of list) b.addMember(groups[i] as EntityId, pick(members, m));
  });
  const assignOnly = entityId('sp:assigned-only');
  const principals = [...members, assignOnly];

  const roleIds: RoleId[] = [...BUILT_INS];
  plan.roles.forEach((blocks, i) => {
    const role: RoleDefinition = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` as RoleId,
      name: `custom-${i}`,
      roleType: 'CustomRole',
      permissions: blocks,
      assignableScopes: ['/'],
    };
    b.estate.roleDefinitions.push(role);
    roleIds.push(role.id);
  });

  const scopes = ['/', ...mgs, ...subs, ...rgs, ...resources, ...children];
  plan.assignments.forEach(({ principal, role, scope, conditional, flip }) => {
    b.assign(
      pick(principals, principal),
      pick(roleIds, role),
      flipCase(pick(scopes, scope), flip),
      conditional <= 2 ? { condition: CONDITIONS[conditional] as string } : {},
    );
  });
  plan.denies.forEach((d, i) => {
    const deny = b.deny(`d${i}`, pick(scopes, d.scope), d.permission, {
      principals: d.everyone ? 'everyone' : d.principals.map((p) => pick(principals, p)),
      exclude: d.exclude.map((p) => pick(principals, p)),
      childScopes: d.childScopes,
    });
    if (i % 3 === 1) deny.condition = CONDITIONS[1] as string;
  });
  const questionScopes = [
    ...scopes,
    '/subscriptions/ghost/resourceGroups/rg',
    `${pick(rgs, 0)}/providers/Microsoft.Storage/storageAccounts/unlisted`,
  ];
  // Known principals are listed twice so that most questions are about someone the estate knows.
  const questionPrincipals = [...members, ...principals, entityId('user:ghost')];
  return { estate: b.estate, questionScopes, questionPrincipals };
}

describe('check agrees with the reference evaluator', () => {
  it('on random estates and questions', () => {
    let checks = 0;
    const tally = {
      allowed: 0,
      conditional: 0,
      blocked: 0,
      excluded: 0,
      unknown: 0,
      viaGroups: 0,
      multiGrant: 0,
      plain: 0,
    };
    fc.assert(
      fc.property(planArb, (plan) => {
        const { estate, questionScopes, questionPrincipals } = buildEstate(plan);
        const index = buildRbacIndex(estate);
        for (const q of plan.questions) {
          const question = {
            principal: pick(questionPrincipals, q.principal),
            action: flipCase(ACTIONS[q.action] as string, q.flip),
            dataAction: q.data,
            scope: flipCase(pick(questionScopes, q.scope), q.flip + 1),
          };
          const actual = check(index, question);
          const expected = referenceCheck(estate, question);
          checks++;
          const context = JSON.stringify(question);
          expect(actual.effect, context).toBe(expected.effect);
          expect(actual.allowed, context).toBe(expected.effect === 'allowed');
          // The allocation-free yes or no that rules asking many questions use says the same.
          expect(allows(index, question), context).toBe(actual.allowed);
          // A question said to get a bare denial gets one; one with anything to report is never said to.
          const bare =
            actual.effect === 'denied' &&
            actual.grants.length === 0 &&
            actual.exclusions.length === 0 &&
            actual.deniedBy === undefined &&
            actual.possibleDenies === undefined &&
            actual.conditionsNotMet === undefined &&
            actual.unresolvedRoles === undefined &&
            actual.unknown === undefined;
          const plain = plainDenial(index, question);
          if (plain) expect(bare, context).toBe(true);
          if (plain) tally.plain++;
          expect(actual.grants.map((g) => g.assignmentId).sort(), context).toEqual(
            expected.grantingAssignmentIds,
          );
          expect(actual.exclusions.map((x) => x.assignmentId).sort(), context).toEqual(
            expected.excludedAssignmentIds,
          );
          expect(actual.deniedBy !== undefined, context).toBe(expected.blockingDenyIds.length > 0);
          if (actual.deniedBy !== undefined)
            expect(expected.blockingDenyIds, context).toContain(actual.deniedBy.denyAssignmentId);
          expect(actual.unknown !== undefined, context).toBe(expected.unknown);
          // The cheap pre-check is exact about whether any role covers the action: rules skip questions on its
          // word. A grant whose condition fails here still covered it (check() lists it apart).
          expect(mayGrant(index, question), context).toBe(
            actual.grants.length > 0 || (actual.conditionsNotMet?.length ?? 0) > 0,
          );
          if (actual.effect === 'allowed') tally.allowed++;
          if (actual.effect === 'conditional') tally.conditional++;
          if (actual.deniedBy !== undefined && actual.grants.length > 0) tally.blocked++;
          if (actual.exclusions.length > 0) tally.excluded++;
          if (actual.unknown !== undefined) tally.unknown++;
          if (actual.grants.some((g) => g.viaGroups.length > 0)) tally.viaGroups++;
          if (actual.grants.length > 1) tally.multiGrant++;
        }
      }),
      { numRuns: 200 },
    );
    expect(checks).toBeGreaterThanOrEqual(10_000);
    // The generator must exercise every branch, or agreement would prove little.
    for (const [name, count] of Object.entries(tally)) expect(count, name).toBeGreaterThan(25);
  });
});
