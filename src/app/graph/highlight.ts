import type { AccessPath, Analysis, Finding } from '../../engine';
import type { Selection } from '../store/selection';
import type { GraphModel } from './graph-model';

/** What to bring forward for the current selection; everything else is dimmed when `dim` is set. */
export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
  /** True for a path or finding: the rest of the graph steps back. An entity only lights up its own edges. */
  dim: boolean;
}

/** Relations that show how a path's actor reaches its identity and target. */
const CONNECTING = new Set(['hasIdentity', 'runsOn', 'dependsOn']);

function addPath(path: AccessPath, model: GraphModel, nodes: Set<string>, edges: Set<string>, assignments: Set<string>) {
  nodes.add(path.actor);
  nodes.add(path.target);
  for (const via of path.via) nodes.add(via);
  if (path.identity.principal !== undefined) nodes.add(path.identity.principal);
  for (const step of path.trace) if (step.entity !== undefined) nodes.add(step.entity);
  for (const requirement of path.requirements) {
    for (const grant of requirement.decision?.grants ?? []) {
      assignments.add(grant.assignmentId);
      for (const group of grant.viaGroups) nodes.add(group);
    }
  }
  for (const edge of model.edges) if (edge.pathIds?.includes(path.id)) edges.add(edge.id);
}

/**
 * The nodes and edges a selection concerns. For a path: its actor, the compute or endpoint it goes through,
 * its identity, its target, the groups and role assignments that grant it, and the edges between them. For
 * a finding: its subjects and all of its paths. For an entity: its own edges.
 */
export function highlightFor(selection: Selection | undefined, analysis: Analysis | undefined, model: GraphModel): Highlight | undefined {
  if (selection === undefined) return undefined;
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (selection.kind === 'entity') {
    nodes.add(selection.id);
    for (const edge of model.edges) {
      if (edge.source === selection.id || edge.target === selection.id) {
        edges.add(edge.id);
        nodes.add(edge.source);
        nodes.add(edge.target);
      }
    }
    return { nodes, edges, dim: false };
  }
  if (!analysis) return undefined;
  const assignments = new Set<string>();
  let paths: AccessPath[];
  if (selection.kind === 'path') {
    const path = analysis.paths.find((p) => p.id === selection.id);
    if (!path) return undefined;
    paths = [path];
  } else {
    const finding: Finding | undefined = analysis.findings.find((f) => f.id === selection.id);
    if (!finding) return undefined;
    for (const subject of finding.subjects) nodes.add(subject);
    const ids = new Set(finding.pathIds);
    paths = analysis.paths.filter((p) => ids.has(p.id));
  }
  for (const path of paths) addPath(path, model, nodes, edges, assignments);
  for (const edge of model.edges) {
    if (edge.assignmentId !== undefined && assignments.has(edge.assignmentId)) {
      edges.add(edge.id);
      nodes.add(edge.source);
      nodes.add(edge.target);
    } else if (nodes.has(edge.source) && nodes.has(edge.target) && (CONNECTING.has(edge.relation) || edge.relation === 'memberOf')) {
      edges.add(edge.id);
    }
  }
  return { nodes, edges, dim: true };
}

/** The nodes focus mode draws: those of the selected path or finding, or an entity and its neighbours. */
export function focusNodes(highlight: Highlight | undefined): string[] | undefined {
  return highlight ? [...highlight.nodes].sort() : undefined;
}

/** A path's line as its panel names it: actor, what it goes through, the identity it acts as, target. */
function pathLine(path: AccessPath): string[] {
  return [path.actor, ...path.via, ...(path.identity.principal !== undefined ? [path.identity.principal] : []), path.target];
}

/**
 * The things a selection names, to be drawn and brought into view (the graph opens the closed boxes around
 * them): an entity itself, a finding's subjects, a path's actor, what it goes through, its identity and target,
 * and a tour step's nodes and paths. Not everything the highlight lights up: a finding's paths can reach across
 * the estate, and opening every box on them would undo the summary boxes. Without duplicates, the first to
 * centre on first; empty when there is nothing to show (no selection, or a finding or path no longer analysed).
 */
export function revealTargets(
  selection: Selection | undefined,
  analysis: Analysis | undefined,
  tour?: { nodes: readonly string[]; paths: readonly string[] },
): string[] {
  const ids: string[] = [];
  if (selection?.kind === 'entity') ids.push(selection.id);
  else if (selection?.kind === 'finding') ids.push(...(analysis?.findings.find((f) => f.id === selection.id)?.subjects ?? []));
  else if (selection?.kind === 'path') {
    const path = analysis?.paths.find((p) => p.id === selection.id);
    if (path) ids.push(...pathLine(path));
  }
  if (tour) {
    ids.push(...tour.nodes);
    for (const id of tour.paths) {
      const path = analysis?.paths.find((p) => p.id === id);
      if (path) ids.push(...pathLine(path));
    }
  }
  return [...new Set(ids)];
}
