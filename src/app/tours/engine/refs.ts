import {
  type AccessPath,
  allEntities,
  type Analysis,
  type Entity,
  type EntityId,
  type EntityKind,
  type Estate,
  type Finding,
} from '../../../engine';
import type { EntityRef, FindingRef, PathRef, Tour, TourAction, TourRefs } from './types';

/** Builders that keep tour files short: `ref('compute', 'cpu-cluster')`. */
export function ref(kind: EntityKind, name: string): EntityRef {
  return { kind, name };
}

export function pathRef(kind: PathRef['kind'], actor: EntityRef, target: EntityRef): PathRef {
  return { kind, actor, target };
}

// One name index per estate object: estates are replaced on every edit, never mutated.
const indexes = new WeakMap<Estate, Map<string, Entity[]>>();

const keyOf = (kind: EntityKind, name: string) => `${kind}\n${name}`;

function indexOf(estate: Estate): Map<string, Entity[]> {
  let index = indexes.get(estate);
  if (!index) {
    index = new Map();
    for (const entity of allEntities(estate)) {
      const key = keyOf(entity.kind, entity.name);
      const list = index.get(key);
      if (list) list.push(entity);
      else index.set(key, [entity]);
    }
    indexes.set(estate, index);
  }
  return index;
}

/** Every entity the ref names: one when the sample is as the tour expects, none or several when it is not. */
export function entitiesNamed(estate: Estate, target: EntityRef): readonly Entity[] {
  return indexOf(estate).get(keyOf(target.kind, target.name)) ?? [];
}

/** The id of the one entity the ref names, or undefined when there is none (or, wrongly, more than one). */
export function resolveEntity(estate: Estate, target: EntityRef): EntityId | undefined {
  const found = entitiesNamed(estate, target);
  return found.length === 1 ? found[0]!.id : undefined;
}

/** The access paths the ref names, in analysis order. */
export function resolvePaths(estate: Estate, analysis: Analysis, target: PathRef): AccessPath[] {
  const actor = resolveEntity(estate, target.actor);
  const to = resolveEntity(estate, target.target);
  if (actor === undefined || to === undefined) return [];
  return analysis.paths.filter(
    (path) => path.kind === target.kind && path.actor === actor && path.target === to,
  );
}

/** The findings the ref names. A ref with a subject that does not resolve names none. */
export function resolveFindings(estate: Estate, analysis: Analysis, target: FindingRef): Finding[] {
  const subject = target.subject ? resolveEntity(estate, target.subject) : undefined;
  if (target.subject && subject === undefined) return [];
  return analysis.findings.filter(
    (finding) =>
      finding.ruleId === target.rule && (subject === undefined || finding.subjects.includes(subject)),
  );
}

export function mergeRefs(...parts: readonly Partial<TourRefs>[]): TourRefs {
  return {
    entities: parts.flatMap((part) => part.entities ?? []),
    paths: parts.flatMap((part) => part.paths ?? []),
    findings: parts.flatMap((part) => part.findings ?? []),
  };
}

function actionRefs(action: TourAction): Partial<TourRefs> {
  switch (action.kind) {
    case 'select':
      return { entities: [action.entity] };
    case 'select-path':
      return { paths: [action.path] };
    case 'show-panel':
      return {};
    case 'assign-role':
      return { entities: [action.principal, action.scope] };
    case 'set-identity':
      return { entities: [action.resource, ...action.userAssigned] };
  }
}

/** Every entity, path and finding a tour mentions anywhere: highlights, conditions and actions. */
export function tourRefs(tour: Tour): TourRefs {
  return mergeRefs(
    ...tour.steps.flatMap((step) => [
      step.highlight ?? {},
      step.waitFor?.refs ?? {},
      ...(step.doIt ?? []).map(actionRefs),
    ]),
  );
}

/** "compute cpu-cluster", for messages about a ref. */
export function describeRef(target: EntityRef): string {
  return `${target.kind} "${target.name}"`;
}
