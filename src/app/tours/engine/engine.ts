import { type Analysis, type EntityId, type Estate, estateEdit } from '../../../engine';
import type { EstateEdit, PanelTab } from '../../store/app-state';
import type { Selection } from '../../store/selection';
import { entitiesNamed, resolveEntity, resolveFindings, resolvePaths } from './refs';
import type { Tour, TourAction, TourContext, TourStep } from './types';

export { stepIndexOf } from './steps';

/*
 * The tour engine: which step a link names, whether a step is done, what it lights up, and what a deep
 * link has to set up. Pure functions of the tour and the app state; the runner (ui/tour-runner.ts) wires
 * them to the store.
 */

/** Whether the person can move on: a plain step always, a waiting step once its condition holds. */
export function stepSatisfied(step: TourStep, context: TourContext | undefined): boolean {
  if (!step.waitFor) return true;
  return context !== undefined && step.waitFor.holds(context);
}

/**
 * Whether the runner should move on by itself: only when the condition turns true while the step is
 * shown. A condition that already held when the step opened (the person came back to it) waits for "Next",
 * or "Back" would bounce straight forward again.
 */
export function shouldAutoAdvance(step: TourStep, heldOnEntry: boolean, holdsNow: boolean): boolean {
  return step.waitFor !== undefined && !heldOnEntry && holdsNow;
}

/** The ids the graph brings forward for a step: entities (and finding subjects) as nodes, paths by id. */
export function stepHighlight(
  step: TourStep,
  estate: Estate,
  analysis: Analysis,
): { nodes: string[]; paths: string[] } {
  const nodes = new Set<string>();
  const paths = new Set<string>();
  for (const entity of step.highlight?.entities ?? []) {
    const id = resolveEntity(estate, entity);
    if (id !== undefined) nodes.add(id);
  }
  for (const path of step.highlight?.paths ?? [])
    for (const found of resolvePaths(estate, analysis, path)) paths.add(found.id);
  for (const finding of step.highlight?.findings ?? []) {
    for (const found of resolveFindings(estate, analysis, finding)) {
      for (const subject of found.subjects) nodes.add(subject);
      for (const id of found.pathIds) paths.add(id);
    }
  }
  return { nodes: [...nodes].sort(), paths: [...paths].sort() };
}

/** The what-if edit an action makes, named as things are in `estate`; undefined for UI actions or unknown refs. */
export function actionEdit(action: TourAction, estate: Estate): EstateEdit | undefined {
  if (action.kind === 'assign-role') {
    const principal = resolveEntity(estate, action.principal);
    const [scopeEntity, ...others] = entitiesNamed(estate, action.scope);
    const scope =
      scopeEntity && others.length === 0 && 'armId' in scopeEntity ? scopeEntity.armId : undefined;
    if (principal === undefined || scope === undefined) return undefined;
    return estateEdit('addRoleAssignment', { principal, role: action.role, scope }, estate);
  }
  if (action.kind === 'set-identity') {
    const resource = resolveEntity(estate, action.resource);
    const userAssigned = action.userAssigned.map((uai) => resolveEntity(estate, uai));
    if (resource === undefined || userAssigned.some((id) => id === undefined)) return undefined;
    return estateEdit(
      'setResourceIdentity',
      { resource, system: action.system, userAssigned: userAssigned as EntityId[] },
      estate,
    );
  }
  return undefined;
}

/** What a UI action changes: a selection or a panel. Undefined for estate edits. */
export function actionView(
  action: TourAction,
  estate: Estate,
  analysis: Analysis,
): { selection: Selection } | { panelTab: PanelTab } | undefined {
  switch (action.kind) {
    case 'select': {
      const id = resolveEntity(estate, action.entity);
      return id === undefined ? undefined : { selection: { kind: 'entity', id } };
    }
    case 'select-path': {
      const [first] = resolvePaths(estate, analysis, action.path);
      return first ? { selection: { kind: 'path', id: first.id } } : undefined;
    }
    case 'show-panel':
      return { panelTab: action.tab };
    default:
      return undefined;
  }
}

/**
 * The edits a deep link to step `index` applies first: for each earlier step, in order, the estate edits of
 * its "Do it" whose condition does not already hold. Each edit is computed against the estate the previous
 * ones leave, so a link works on the fresh sample and on an estate where the person did some steps already.
 * `analyse` may be asynchronous (the app analyses in a worker).
 */
export async function setupEdits(
  tour: Tour,
  index: number,
  estate: Estate,
  analyse: (estate: Estate) => Analysis | Promise<Analysis>,
): Promise<EstateEdit[]> {
  const edits: EstateEdit[] = [];
  let current = estate;
  for (const step of tour.steps.slice(0, Math.max(0, index))) {
    const estateActions = (step.doIt ?? []).filter(
      (action) => action.kind === 'assign-role' || action.kind === 'set-identity',
    );
    if (estateActions.length === 0) continue;
    if (
      step.waitFor?.holds({
        estate: current,
        analysis: await analyse(current),
        selection: undefined,
        panelTab: 'inspector',
      })
    )
      continue;
    for (const action of estateActions) {
      const edit = actionEdit(action, current);
      if (!edit) continue;
      const next = edit.apply(current);
      if (next === current) continue;
      edits.push(edit);
      current = next;
    }
  }
  return edits;
}

/** The view a deep link to step `index` restores: the last selection or panel an earlier step's "Do it" sets. */
export function setupView(
  tour: Tour,
  index: number,
  estate: Estate,
  analysis: Analysis,
): { selection?: Selection; panelTab?: PanelTab } {
  const view: { selection?: Selection; panelTab?: PanelTab } = {};
  for (const step of tour.steps.slice(0, Math.max(0, index))) {
    for (const action of step.doIt ?? []) {
      const change = actionView(action, estate, analysis);
      if (change && 'selection' in change) view.selection = change.selection;
      else if (change) view.panelTab = change.panelTab;
    }
  }
  return view;
}
