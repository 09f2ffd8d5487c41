import type { PathStatus } from '../../engine';
import { PRINCIPALS_BAND_ID, type GraphEdgeSpec, type GraphModel } from './graph-model';
import type { Highlight } from './highlight';

/*
 * Lenses: which of the model's edges the graph draws, for the question being asked (issue 16). A lens never
 * adds or removes a box, so the layout, and every box's position, is the same whichever lens is on; only the
 * edges change. Pure and framework-free like graph-model.ts.
 */

/** Overview: what the estate is made of and what is wrong. Paths: the selection's paths. Reach: who reaches a resource. */
export type Lens = 'overview' | 'paths' | 'reach';

export const LENSES: readonly Lens[] = ['overview', 'paths', 'reach'];

export const LENS_LABELS: Readonly<Record<Lens, string>> = {
  overview: 'Overview',
  paths: 'Paths',
  reach: 'Who can reach',
};

/** The statuses of a path that works as it should: drawn one by one only when a question asks for them. */
const FINE: ReadonlySet<PathStatus> = new Set(['granted', 'automatic', 'per-user', 'not-required']);

/** The relations that say what a thing is made of: its identity, what it depends on, where it runs. */
const CONTAINMENT = new Set(['hasIdentity', 'dependsOn', 'runsOn']);

export interface LensContext {
  /** Subjects of the current findings (entity and assignment ids): their grants are drawn one by one. */
  findingSubjects: ReadonlySet<string>;
  /** The current selection's highlight (Paths lens). */
  highlight?: Highlight | undefined;
  /** The selected resource (Who can reach lens). */
  resource?: string | undefined;
}

/**
 * The model with only the edges the lens draws (the same node list, so the layout does not move).
 * - Overview: identities, dependencies and where jobs run; the wrong access paths of computes, jobs and
 *   endpoints, and all of them for one a finding is about;
 *   the wrong access paths of people and apps (bundled per target); grants that a finding is about. The other grants held by people and apps are bundled into one edge per scope, from the
 *   band of people and apps, with a count; group membership is left to the other lenses.
 * - Paths: the edges of the selection's paths (or of the selected box); only the containment edges without one.
 * - Who can reach: every grant on the resource or a scope above it, the memberships and identities behind
 *   them, and every access path that ends at it; the Overview without a resource.
 */
export function applyLens(model: GraphModel, lens: Lens, context: LensContext): GraphModel {
  if (lens === 'paths') {
    const highlight = context.highlight;
    const edges = highlight
      ? model.edges.filter((edge) => highlight.edges.has(edge.id))
      : model.edges.filter((edge) => CONTAINMENT.has(edge.relation));
    return { ...model, edges };
  }
  if (lens === 'reach' && context.resource !== undefined && model.nodes.some((node) => node.id === context.resource))
    return { ...model, edges: reachEdges(model, context.resource) };
  return { ...model, edges: overviewEdges(model, context.findingSubjects) };
}

function overviewEdges(model: GraphModel, subjects: ReadonlySet<string>): GraphEdgeSpec[] {
  const inBand = new Set(model.nodes.filter((node) => node.parent === PRINCIPALS_BAND_ID).map((node) => node.id));
  const kept: GraphEdgeSpec[] = [];
  const bundles = new Map<string, GraphEdgeSpec[]>();
  const bundle = (key: string, edge: GraphEdgeSpec) => {
    const list = bundles.get(key);
    if (list) list.push(edge);
    else bundles.set(key, [edge]);
  };
  for (const edge of model.edges) {
    if (CONTAINMENT.has(edge.relation)) kept.push(edge);
    else if (edge.relation === 'accessPath') {
      // What a compute, job or endpoint that a finding is about reaches is part of its story, fine or not; people reaching a
      // resource are many edges of one story: the wrong ones bundled per target and status, the fine ones left out.
      const wrong = edge.status !== undefined && !FINE.has(edge.status);
      if (!inBand.has(edge.source)) {
        if (wrong || subjects.has(edge.source)) kept.push(edge);
      }
      else if (wrong) bundle(`${edge.relation}|${edge.target}|${edge.status}`, edge);
    } else if (edge.relation === 'roleAssignment') {
      const concerned = edge.assignmentId !== undefined && subjects.has(edge.assignmentId);
      if (concerned) kept.push(edge);
      else bundle(`${edge.relation}|${edge.target}`, edge);
    }
  }
  for (const [key, grouped] of bundles) {
    if (grouped.length === 1) {
      kept.push(grouped[0]!);
      continue;
    }
    const first = grouped[0]!;
    const fromBand = grouped.some((edge) => inBand.has(edge.source));
    const holders = new Set(grouped.map((edge) => edge.source)).size;
    const what = first.relation === 'accessPath' ? `${first.status} access` : 'grants';
    kept.push({
      id: `bundle:${key}`,
      // From the band when people or apps hold any of them; grants held by identities alone, from the first
      // identity (a stable choice: edges come in model order).
      source: fromBand ? PRINCIPALS_BAND_ID : first.source,
      target: first.target,
      relation: first.relation,
      label: `${grouped.length} ${what}`,
      ariaLabel: `${grouped.length} ${first.relation === 'accessPath' ? `${first.status} access paths` : 'role assignments'} of ${holders} principals to ${first.target.split('/').pop() ?? first.target}; open to see who can reach it`,
      ...(first.status !== undefined ? { status: first.status } : {}),
      bundle: { count: grouped.length, holders, edgeIds: grouped.map((edge) => edge.id) },
    });
  }
  return kept;
}

function reachEdges(model: GraphModel, resource: string): GraphEdgeSpec[] {
  const parentOf = new Map(model.nodes.map((node) => [node.id, node.parent]));
  const scopes = new Set<string>();
  for (let scope: string | undefined = resource; scope !== undefined; scope = parentOf.get(scope)) scopes.add(scope);
  const kept = new Set<GraphEdgeSpec>();
  const holders = new Set<string>();
  for (const edge of model.edges) {
    if (edge.relation === 'roleAssignment' && scopes.has(edge.target)) {
      kept.add(edge);
      holders.add(edge.source);
    } else if (edge.target === resource && edge.relation !== 'roleAssignment') kept.add(edge);
  }
  // Members reach through their groups (nested groups too), and a managed identity through what it belongs to.
  const members = model.edges.filter((edge) => edge.relation === 'memberOf' || edge.relation === 'hasIdentity');
  const queue = [...holders];
  while (queue.length > 0) {
    const holder = queue.pop()!;
    for (const edge of members) {
      if (edge.target !== holder || kept.has(edge)) continue;
      kept.add(edge);
      if (!holders.has(edge.source)) {
        holders.add(edge.source);
        queue.push(edge.source);
      }
    }
  }
  return model.edges.filter((edge) => kept.has(edge));
}
