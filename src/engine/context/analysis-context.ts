import type { EntityId } from '../model/ids';
import { buildTopology, type Topology } from '../model/topology';
import type { Estate } from '../model/types';
import { buildRbacIndex, check as checkAccess, mayGrant, type RbacIndex } from '../rbac';
import type { Decision } from '../rbac/types';
import { ACTIONS } from './actions';
import { predictAutomaticGrants, type AutomaticGrant } from './automatic-grants';

/**
 * Everything a rule or the path resolver needs, built once per estate: the topology, Azure ML's automatic
 * grants, the RBAC index that includes them, and a memoised access check (many rules ask the same question).
 */
export interface AnalysisContext {
  readonly estate: Estate;
  readonly topology: Topology;
  readonly rbac: RbacIndex;
  /** Automatic grants that hold (a conditional one whose condition fails is left out). */
  readonly automaticGrants: readonly AutomaticGrant[];
  /** Automatic grants Azure ML would make but that do not hold, with the reason. */
  readonly withheldGrants: readonly { grant: AutomaticGrant; reason: string }[];
  /** May `principal` do `action` at `scope`? Memoised per question. */
  can(principal: EntityId, action: string, scope: string, dataAction?: boolean): Decision;
  /**
   * False when {@link AnalysisContext.can} would certainly deny with no grants at all (no role the principal
   * holds there covers the action). Cheap and not memoised: for skipping most role holders of a resource.
   */
  mayGrant(principal: EntityId, action: string, scope: string, dataAction?: boolean): boolean;
}

const MEMO_LIMIT = 500_000;

/** Builds the {@link AnalysisContext} of an estate. */
export function createAnalysisContext(estate: Estate): AnalysisContext {
  return buildContext(estate, undefined);
}

/**
 * The {@link AnalysisContext} of `estate`, an edit of `previous.estate`: the same as
 * createAnalysisContext(estate), but built from the previous context where the edit left the estate as it
 * was (the RBAC index reuses its scope chains and role catalog; see RbacIndexOptions.previous).
 */
export function deriveAnalysisContext(previous: AnalysisContext, estate: Estate): AnalysisContext {
  return buildContext(estate, previous);
}

function buildContext(estate: Estate, previous: AnalysisContext | undefined): AnalysisContext {
  const topology = buildTopology(estate);
  const predicted = predictAutomaticGrants(estate, topology);
  const unconditional = predicted.filter((g) => g.requiresCreatorSecretAccess === undefined);
  const conditional = predicted.filter((g) => g.requiresCreatorSecretAccess !== undefined);

  // The connection-secrets grant depends on the creator's own permission. The creator is a person and the
  // automatic grants go to endpoint identities, so adding them cannot change that answer: the index is
  // built once with every predicted grant and built again only if one of them turns out to be withheld.
  // (A creator that is itself such an identity, which only odd input gives, takes the two-step route.)
  const grantees = new Set<EntityId>(conditional.map((g) => g.assignment.principal));
  const optimistic = conditional.every((g) => !grantees.has(g.requiresCreatorSecretAccess as EntityId));
  const first = optimistic ? [...unconditional, ...conditional] : unconditional;
  const earlier = previous?.rbac;
  let rbac = buildRbacIndex(estate, { extraAssignments: first.map((g) => g.assignment), previous: earlier });
  const withheld: { grant: AutomaticGrant; reason: string }[] = [];
  const held: AutomaticGrant[] = [...unconditional];
  if (conditional.length > 0) {
    for (const g of conditional) {
      const creator = g.requiresCreatorSecretAccess as EntityId;
      const decision = checkAccess(rbac, { principal: creator, action: ACTIONS.connectionListSecrets, scope: g.assignment.scope });
      if (decision.allowed) held.push(g);
      else withheld.push({ grant: g, reason: `${topology.nameOf(creator)} may not read connection secrets` });
    }
    if (held.length !== first.length) {
      rbac = buildRbacIndex(estate, { extraAssignments: held.map((g) => g.assignment), previous: earlier ?? rbac });
    }
  }

  // Bounded: on a large tenant the questions asked run into the millions and a Map has a hard size limit.
  // Clearing costs only recomputation, and repeated questions cluster within one rule or path kind. Nested
  // by scope, action and principal (each plane apart) so that a look-up hashes strings the estate already
  // holds instead of building a long key per question.
  const memo = [new Map<string, Map<string, Map<string, Decision>>>(), new Map<string, Map<string, Map<string, Decision>>>()] as const;
  let memoised = 0;
  const index = rbac;
  return {
    estate,
    topology,
    rbac: index,
    automaticGrants: held,
    withheldGrants: withheld,
    mayGrant: (principal, action, scope, dataAction = false) => mayGrant(index, { principal, action, scope, dataAction }),
    can(principal, action, scope, dataAction = false) {
      const byScope = memo[dataAction ? 1 : 0];
      let byAction = byScope.get(scope);
      if (byAction === undefined) byScope.set(scope, (byAction = new Map()));
      let byPrincipal = byAction.get(action);
      if (byPrincipal === undefined) byAction.set(action, (byPrincipal = new Map()));
      let decision = byPrincipal.get(principal);
      if (decision === undefined) {
        decision = checkAccess(index, { principal, action, scope, dataAction });
        if (memoised >= MEMO_LIMIT) {
          memo[0].clear();
          memo[1].clear();
          memoised = 0;
          byScope.set(scope, (byAction = new Map()));
          byAction.set(action, (byPrincipal = new Map()));
        }
        byPrincipal.set(principal, decision);
        memoised++;
      }
      return decision;
    },
  };
}
