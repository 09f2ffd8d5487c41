import { defaultIdentity, findEntity, type PathStatus } from '../../../engine';
import type { PanelTab } from '../../store/app-state';
import { mergeRefs, resolveEntity, resolveFindings, resolvePaths } from './refs';
import type { Condition, EntityRef, FindingRef, PathRef, TourContext } from './types';

/*
 * What a step can wait for. Each builder returns a pure test over the tour context (estate, analysis,
 * selection, panel) with the hint the tour card shows while it waits, and the refs the data test checks.
 * Estate conditions ask about outcomes ("the pull works") where they can, not about one exact edit, so
 * that any correct fix the person finds moves the tour on.
 */

const TAB_NAMES: Readonly<Partial<Record<PanelTab, string>>> = {
  inspector: 'Inspector',
  findings: 'Findings',
  paths: 'Paths',
  explain: 'Explain access',
};

/** The entity is what the inspector shows. */
export function selected(
  entity: EntityRef,
  hint = `select ${entity.name} (click it on the graph, or pick it under Inspect)`,
): Condition {
  return {
    hint,
    refs: mergeRefs({ entities: [entity] }),
    holds: ({ estate, selection }) =>
      selection?.kind === 'entity' && selection.id === resolveEntity(estate, entity),
  };
}

/** One of the paths the ref names is selected (from the Paths panel, the inspector or a finding). */
export function selectedPath(
  path: PathRef,
  hint = `open the path from ${path.actor.name} to ${path.target.name} (in the Paths panel, or under "Access paths through it")`,
): Condition {
  return {
    hint,
    refs: mergeRefs({ paths: [path] }),
    holds: ({ estate, analysis, selection }) =>
      selection?.kind === 'path' &&
      resolvePaths(estate, analysis, path).some((candidate) => candidate.id === selection.id),
  };
}

/** A finding the ref names is selected. */
export function selectedFinding(
  finding: FindingRef,
  hint = `open the ${finding.rule} finding in the Findings panel`,
): Condition {
  return {
    hint,
    refs: mergeRefs({ findings: [finding] }),
    holds: ({ estate, analysis, selection }) =>
      selection?.kind === 'finding' &&
      resolveFindings(estate, analysis, finding).some((candidate) => candidate.id === selection.id),
  };
}

/** The side panel shows this tab. */
export function panelOpen(tab: PanelTab, hint = `open the ${TAB_NAMES[tab] ?? tab} panel`): Condition {
  return { hint, refs: mergeRefs(), holds: ({ panelTab }) => panelTab === tab };
}

/**
 * The resource's default identity (the one the platform itself uses: the system-assigned identity, else the
 * first user-assigned one) is the given user-assigned identity.
 */
export function defaultIdentityIs(resource: EntityRef, identity: EntityRef, hint?: string): Condition {
  return {
    hint:
      hint ??
      `give ${resource.name} the user-assigned identity ${identity.name} as its only identity (Inspector, Managed identity)`,
    refs: mergeRefs({ entities: [resource, identity] }),
    holds: ({ estate }) => {
      const id = resolveEntity(estate, resource);
      const wanted = resolveEntity(estate, identity);
      if (id === undefined || wanted === undefined) return false;
      const owner =
        findEntity(estate, 'compute', id) ??
        findEntity(estate, 'workspace', id) ??
        findEntity(estate, 'onlineEndpoint', id);
      return owner !== undefined && defaultIdentity(owner.id, owner.identity) === wanted;
    },
  };
}

/** Every path the ref names exists and has one of the statuses (a path that is gone does not count). */
export function pathStatusIn(path: PathRef, statuses: readonly PathStatus[], hint: string): Condition {
  return {
    hint,
    refs: mergeRefs({ paths: [path] }),
    holds: ({ estate, analysis }) => {
      const paths = resolvePaths(estate, analysis, path);
      return paths.length > 0 && paths.every((candidate) => statuses.includes(candidate.status));
    },
  };
}

/** No finding the ref names is reported any more, while the entities it names are still there. */
export function findingGone(finding: FindingRef, hint: string): Condition {
  return {
    hint,
    refs: mergeRefs({ findings: [finding] }),
    holds: ({ estate, analysis }) =>
      (finding.subject === undefined || resolveEntity(estate, finding.subject) !== undefined) &&
      resolveFindings(estate, analysis, finding).length === 0,
  };
}

/** All of the conditions hold; the hint lists what each asks, in order. */
export function allOf(...conditions: readonly Condition[]): Condition {
  return {
    hint: conditions.map((condition) => condition.hint).join(', then '),
    refs: mergeRefs(...conditions.map((condition) => condition.refs)),
    holds: (context: TourContext) => conditions.every((condition) => condition.holds(context)),
  };
}
