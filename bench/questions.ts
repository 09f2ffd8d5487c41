// Random access questions over a generated estate, and the estate's scope tree read from the model's own
// parent fields. The tree is derived here rather than taken from the engine's scope tree so that the
// Cedar translation and the question sampler do not inherit a bug from the code they measure.
import { ACTIONS as ANALYSIS_ACTIONS } from '../src/engine/context/actions';
import { scopeKey, type EntityId, type ScopeKey } from '../src/engine/model/ids';
import type { Estate } from '../src/engine/model/types';
import type { AccessQuestion, Decision, ReferenceDecision } from '../src/engine/rbac';
import { CONTROL_ACTIONS, DATA_ACTIONS } from './generate';
import { Random } from './random';

export const ROOT = '/' as ScopeKey;

export interface ScopeHierarchy {
  /** Parent of every scope except the root, by lower-cased key. */
  parent: ReadonlyMap<ScopeKey, ScopeKey>;
  children: ReadonlyMap<ScopeKey, readonly ScopeKey[]>;
  /** The ARM id as the estate writes it, by key. */
  armId: ReadonlyMap<ScopeKey, string>;
}

export function scopeHierarchy(estate: Estate): ScopeHierarchy {
  const parent = new Map<ScopeKey, ScopeKey>();
  const armId = new Map<ScopeKey, string>([[ROOT, '/']]);
  const add = (entity: { armId: string }, parentRef: EntityId | string | undefined): void => {
    const key = scopeKey(entity.armId);
    armId.set(key, entity.armId);
    parent.set(key, parentRef === undefined ? ROOT : scopeKey(parentRef));
  };
  for (const mg of estate.managementGroups) add(mg, mg.parent);
  for (const sub of estate.subscriptions) add(sub, sub.managementGroup);
  for (const rg of estate.resourceGroups) add(rg, rg.subscription);
  for (const list of [
    estate.workspaces,
    estate.storageAccounts,
    estate.keyVaults,
    estate.containerRegistries,
    estate.applicationInsights,
    estate.userAssignedIdentities,
    estate.aksClusters,
  ]) {
    for (const r of list) add(r, r.resourceGroup);
  }
  for (const list of [
    estate.computes,
    estate.onlineEndpoints,
    estate.datastores,
    estate.connections,
    estate.jobs,
  ]) {
    for (const r of list) add(r, r.workspace);
  }
  for (const d of estate.onlineDeployments) add(d, d.endpoint);
  const children = new Map<ScopeKey, ScopeKey[]>();
  for (const [child, p] of parent) {
    const list = children.get(p);
    if (list === undefined) children.set(p, [child]);
    else list.push(child);
  }
  return { parent, children, armId };
}

/** Every principal a question may name: directory objects and managed identities. */
export function principalIds(estate: Estate): EntityId[] {
  return [
    estate.users,
    estate.servicePrincipals,
    estate.groups,
    estate.userAssignedIdentities,
    estate.systemAssignedIdentities,
  ].flatMap((list) => list.map((p) => p.id));
}

const ML_ACTIONS: readonly string[] = Object.values(ANALYSIS_ACTIONS);

/**
 * `count` questions, half aimed at a real assignment (its principal or a member of its group, at its scope
 * or below) so that a fair share is allowed, half uniformly random (mostly denied, as most real questions are).
 */
export function sampleQuestions(
  estate: Estate,
  hierarchy: ScopeHierarchy,
  count: number,
  seed: number | string,
): AccessQuestion[] {
  const rng = new Random(`questions:${seed}`);
  const principals = principalIds(estate);
  const scopes = [...hierarchy.armId.keys()];
  const members = new Map(estate.groups.map((g) => [g.id as string, g.members]));
  const questions: AccessQuestion[] = [];
  for (let i = 0; i < count; i++) {
    let principal: EntityId;
    let scope: ScopeKey;
    if (rng.chance(0.5) && estate.roleAssignments.length > 0) {
      const a = rng.pick(estate.roleAssignments);
      const groupMembers = members.get(a.principal) ?? [];
      principal = groupMembers.length > 0 && rng.chance(0.7) ? rng.pick(groupMembers) : a.principal;
      scope = scopeKey(a.scope);
      for (let steps = rng.int(4); steps > 0; steps--) {
        const below = hierarchy.children.get(scope);
        if (below === undefined || below.length === 0) break;
        scope = rng.pick(below);
      }
    } else {
      principal = rng.pick(principals);
      scope = rng.pick(scopes);
    }
    const data = rng.chance(0.2);
    const action = data
      ? rng.pick(DATA_ACTIONS)
      : rng.chance(0.3)
        ? rng.pick(ML_ACTIONS)
        : rng.pick(CONTROL_ACTIONS);
    questions.push({
      principal,
      action,
      scope: hierarchy.armId.get(scope) ?? scope,
      ...(data ? { dataAction: true } : {}),
    });
  }
  return questions;
}

/** Why the indexed decision and the naive one differ, or undefined when they agree on everything the oracle reports. */
export function disagreement(ours: Decision, naive: ReferenceDecision): string | undefined {
  const sorted = (ids: readonly string[]): string => [...ids].sort().join(',');
  if (ours.effect !== naive.effect) return `effect ${ours.effect} vs ${naive.effect}`;
  if (sorted(ours.grants.map((g) => g.assignmentId)) !== sorted(naive.grantingAssignmentIds))
    return 'granting assignments differ';
  if (sorted(ours.exclusions.map((x) => x.assignmentId)) !== sorted(naive.excludedAssignmentIds))
    return 'excluding assignments differ';
  const denied = ours.deniedBy?.denyAssignmentId;
  if ((denied === undefined) !== (naive.blockingDenyIds.length === 0)) return 'deny differs';
  if (denied !== undefined && !naive.blockingDenyIds.includes(denied)) return 'blocking deny differs';
  return undefined;
}
