import {
  type Analysis,
  type Estate,
  type EstateDiff,
  grantIdentity,
  type RoleAssignment,
} from '../../engine';
// Not from the diff's index: that would bring the diff (and the rules engine) into the first load.
import type { ChangeKind, ChangeMarks } from './flow-elements';
import type { GraphEdgeSpec, GraphModel, GraphNodeSpec } from './graph-model';

/*
 * The graph of a comparison, loaded with the first comparison (features/compare/comparison.ts): the explorer's
 * first paint needs only the words for the marks, which are in flow-elements.ts. It draws the "after" estate whole, and adds what only the "before" estate had
 * (removed things, drawn dashed), so that nothing of either side is missing from the picture. Each node and
 * edge that differs carries a mark; flow-elements.ts turns marks into classes, badges and words.
 */

export interface CompareSide {
  estate: Estate;
  analysis: Analysis;
  model: GraphModel;
}

export interface CompareGraph {
  model: GraphModel;
  marks: ChangeMarks;
}

/** Role assignment edges compare by grant (principal, role, scope), as the diff does, not by assignment id. */
function grantKeys(side: CompareSide): Map<string, string> {
  const byId = new Map<string, string>();
  const add = (assignment: RoleAssignment) => {
    if (!byId.has(assignment.id)) byId.set(assignment.id, grantIdentity(assignment));
  };
  for (const assignment of side.estate.roleAssignments) add(assignment);
  for (const assignment of side.analysis.automaticAssignments) add(assignment);
  return byId;
}

function grantKeyOf(edge: GraphEdgeSpec, keys: Map<string, string>): string | undefined {
  return edge.relation === 'roleAssignment' && edge.assignmentId !== undefined
    ? keys.get(edge.assignmentId)
    : undefined;
}

function samePathIds(a: GraphEdgeSpec, b: GraphEdgeSpec): boolean {
  const left = [...(a.pathIds ?? [])].sort();
  const right = [...(b.pathIds ?? [])].sort();
  return left.length === right.length && left.every((id, index) => id === right[index]);
}

/**
 * Merges the graphs of both sides of a comparison into one: every node and edge of `after`, plus those only
 * `before` had, each marked added, removed or changed. Entities are marked from the diff; edges by id, except
 * role assignments, which match by grant so that a re-export with new assignment ids shows no change.
 */
export function compareGraphModel(before: CompareSide, after: CompareSide, diff: EstateDiff): CompareGraph {
  const nodeMarks = new Map<string, ChangeKind>();
  const edgeMarks = new Map<string, ChangeKind>();

  const afterNodeIds = new Set(after.model.nodes.map((node) => node.id));
  const beforeNodeIds = new Set(before.model.nodes.map((node) => node.id));
  const nodes: GraphNodeSpec[] = [...after.model.nodes];
  for (const node of before.model.nodes) {
    if (afterNodeIds.has(node.id)) continue;
    nodes.push(node);
    nodeMarks.set(node.id, 'removed');
  }
  // Virtual nodes (pipeline steps, serverless compute) have no entity in the diff: their presence decides.
  for (const node of after.model.nodes) if (!beforeNodeIds.has(node.id)) nodeMarks.set(node.id, 'added');
  for (const entity of diff.entities.added) nodeMarks.set(entity.id, 'added');
  for (const entity of diff.entities.removed) nodeMarks.set(entity.id, 'removed');
  for (const entity of diff.entities.changed)
    if (!nodeMarks.has(entity.id)) nodeMarks.set(entity.id, 'changed');

  const beforeKeys = grantKeys(before);
  const afterKeys = grantKeys(after);
  const beforeGrantEdges = new Set<string>();
  for (const edge of before.model.edges) {
    const key = grantKeyOf(edge, beforeKeys);
    if (key !== undefined) beforeGrantEdges.add(key);
  }
  const afterGrantEdges = new Set<string>();
  for (const edge of after.model.edges) {
    const key = grantKeyOf(edge, afterKeys);
    if (key !== undefined) afterGrantEdges.add(key);
  }
  const conditionChanged = new Set(diff.grants.conditionChanged.map((change) => grantIdentity(change.after)));
  const changedPaths = new Set(diff.paths.changed.map((change) => change.id));
  const beforeEdges = new Map(before.model.edges.map((edge) => [edge.id, edge]));

  const edges: GraphEdgeSpec[] = [...after.model.edges];
  const edgeIds = new Set(edges.map((edge) => edge.id));
  for (const edge of after.model.edges) {
    const key = grantKeyOf(edge, afterKeys);
    if (key !== undefined) {
      if (!beforeGrantEdges.has(key)) edgeMarks.set(edge.id, 'added');
      else if (conditionChanged.has(key)) edgeMarks.set(edge.id, 'changed');
      continue;
    }
    const previous = beforeEdges.get(edge.id);
    if (!previous) edgeMarks.set(edge.id, 'added');
    else if (
      previous.status !== edge.status ||
      !samePathIds(previous, edge) ||
      (edge.pathIds ?? []).some((id) => changedPaths.has(id))
    )
      edgeMarks.set(edge.id, 'changed');
  }
  for (const edge of before.model.edges) {
    const key = grantKeyOf(edge, beforeKeys);
    const gone = key !== undefined ? !afterGrantEdges.has(key) : !edgeIds.has(edge.id);
    if (!gone) continue;
    // An assignment id reused on the other side for a different grant must not collide with it.
    const id = edgeIds.has(edge.id) ? `was:${edge.id}` : edge.id;
    edges.push(id === edge.id ? edge : { ...edge, id });
    edgeIds.add(id);
    edgeMarks.set(id, 'removed');
  }

  return {
    model: { nodes, edges, unplacedAssignments: after.model.unplacedAssignments },
    marks: { nodes: nodeMarks, edges: edgeMarks },
  };
}

/**
 * One analysis covering both sides, for lighting up a selection on the compare graph: the after side's
 * findings and paths, plus the paths and findings only the before side had (closed findings, removed paths).
 */
export function unionAnalysis(before: Analysis, after: Analysis): Analysis {
  const pathIds = new Set(after.paths.map((path) => path.id));
  const findingIds = new Set(after.findings.map((finding) => finding.id));
  return {
    ...after,
    paths: [...after.paths, ...before.paths.filter((path) => !pathIds.has(path.id))],
    findings: [...after.findings, ...before.findings.filter((finding) => !findingIds.has(finding.id))],
  };
}
