import type { EntityId } from '../model/ids';
import { buildTopology, type Topology } from '../model/topology';
import type { Estate } from '../model/types';
import { buildRbacIndex, check as checkAccess, type RbacIndex } from '../rbac';
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
}

const MEMO_LIMIT = 500_000;

/** Builds the {@link AnalysisContext} of an estate. */
export function createAnalysisContext(estate: Estate): AnalysisContext {
  const topology = buildTopology(estate);
  const predicted = predictAutomaticGrants(estate, topology);
  const unconditional = predicted.filter((g) => g.requiresCreatorSecretAccess === undefined);
  const conditional = predicted.filter((g) => g.requiresCreatorSecretAccess !== undefined);

  let rbac = buildRbacIndex(estate, { extraAssignments: unconditional.map((g) => g.assignment) });
  const withheld: { grant: AutomaticGrant; reason: string }[] = [];
  const held: AutomaticGrant[] = [...unconditional];
  if (conditional.length > 0) {
    // The connection-secrets grant depends on the creator's own permission, which the first index answers;
    // the creator is a person, so the automatic grants being added cannot change that answer.
    for (const g of conditional) {
      const creator = g.requiresCreatorSecretAccess as EntityId;
      const decision = checkAccess(rbac, { principal: creator, action: ACTIONS.connectionListSecrets, scope: g.assignment.scope });
      if (decision.allowed) held.push(g);
      else withheld.push({ grant: g, reason: `${topology.nameOf(creator)} may not read connection secrets` });
    }
    if (held.length > unconditional.length) {
      rbac = buildRbacIndex(estate, { extraAssignments: held.map((g) => g.assignment) });
    }
  }

  // Bounded: on a large tenant the questions asked run into the millions and a Map has a hard size limit.
  // Clearing costs only recomputation, and repeated questions cluster within one rule or path kind.
  const memo = new Map<string, Decision>();
  const index = rbac;
  return {
    estate,
    topology,
    rbac: index,
    automaticGrants: held,
    withheldGrants: withheld,
    can(principal, action, scope, dataAction = false) {
      const key = `${principal}\n${action}\n${scope}\n${dataAction ? 1 : 0}`;
      let decision = memo.get(key);
      if (!decision) {
        decision = checkAccess(index, { principal, action, scope, dataAction });
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, decision);
      }
      return decision;
    },
  };
}
