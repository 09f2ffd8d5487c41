import type { PathStatus } from '../../engine';
import { PRINCIPALS_BAND_ID, sameItems, type GraphEdgeSpec, type GraphModel } from './graph-model';
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
  /** While comparing: the edges that were added, removed or changed, drawn one by one whatever else holds. */
  changed?: ReadonlySet<string> | undefined;
}

/**
 * The grant edges of assignments the open document did not have when it was opened: what a what-if (Try this
 * fix, the inspector's form) added. The Overview draws them one by one, so the grant a fix added is in view.
 */
export function whatIfGrantEdges(model: GraphModel, openedAssignments: ReadonlySet<string> | undefined): Set<string> {
  const added = new Set<string>();
  if (openedAssignments === undefined) return added;
  for (const edge of model.edges)
    if (edge.relation === 'roleAssignment' && edge.assignmentId !== undefined && !openedAssignments.has(edge.assignmentId))
      added.add(edge.id);
  return added;
}

/**
 * What one graph keeps from one Overview to the next (a what-if edit, a new analysis), so that an edit costs
 * what it changed: each bundle is last time's object while it stands for the same edge objects from the same
 * source, and the lens's model is last time's while its edges all are. A bundle's edge ids number in the
 * thousands on a business unit; handed over as a new object, the flow-edge comparison (flow-elements.ts) went
 * through them all again on every edit. The result is equal to the lens applied without a memo.
 */
export class LensMemo {
  /** @internal Each bundle drawn last time, by key, with the edges it stood for. */
  bundles = new Map<string, { source: string; edges: readonly GraphEdgeSpec[]; spec: GraphEdgeSpec }>();
  /** @internal The model the Overview gave last. */
  last: GraphModel | undefined;
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
 * With `memo`, what is the same as last time is last time's object (see LensMemo).
 */
export function applyLens(model: GraphModel, lens: Lens, context: LensContext, memo?: LensMemo): GraphModel {
  if (lens === 'paths') {
    const highlight = context.highlight;
    const edges = highlight
      ? model.edges.filter((edge) => highlight.edges.has(edge.id))
      : model.edges.filter((edge) => CONTAINMENT.has(edge.relation));
    return { ...model, edges };
  }
  if (lens === 'reach' && context.resource !== undefined && model.nodes.some((node) => node.id === context.resource))
    return { ...model, edges: reachEdges(model, context.resource) };
  const edges = overviewEdges(model, context.findingSubjects, context.changed, memo);
  if (!memo) return { ...model, edges };
  const last = memo.last;
  // The same edges over the same boxes: last time's model, so that nothing downstream runs again.
  if (last && last.nodes === model.nodes && last.unplacedAssignments === model.unplacedAssignments && sameItems(last.edges, edges))
    return last;
  return (memo.last = { ...model, edges });
}

/** Fewer edges than this between the same boxes of a container and one target are drawn one by one. */
const CONTAINER_BUNDLE_MIN = 3;

function overviewEdges(model: GraphModel, subjects: ReadonlySet<string>, changed: ReadonlySet<string> | undefined, memo: LensMemo | undefined): GraphEdgeSpec[] {
  const parentOf = new Map(model.nodes.map((node) => [node.id, node.parent]));
  const inBand = (id: string) => parentOf.get(id) === PRINCIPALS_BAND_ID;
  const kept: GraphEdgeSpec[] = [];
  // A bundle is drawn from `source`: the band of people and apps, or the container of the things it stands for.
  // Found by their parts (grants by scope; paths by status, source and target), not by a key string built for
  // each edge: a business unit has tens of thousands, and a new string per edge (hashed again for each lookup)
  // was most of the lens's cost after an edit.
  type Bundle = { key: string; source: string; minimum: number; edges: GraphEdgeSpec[] };
  const bundles = new Map<string, Bundle>();
  const grantBundles = new Map<string, Bundle>();
  const pathBundles = new Map<string | undefined, Map<string, Map<string, Bundle>>>();
  const pathBundle = (source: string, minimum: number, edge: GraphEdgeSpec) => {
    let bySource = pathBundles.get(edge.status);
    if (bySource === undefined) pathBundles.set(edge.status, (bySource = new Map()));
    let byTarget = bySource.get(source);
    if (byTarget === undefined) bySource.set(source, (byTarget = new Map()));
    const entry = byTarget.get(edge.target);
    if (entry) return entry.edges.push(edge);
    const key = `${edge.relation}|${source}|${edge.target}|${edge.status ?? ''}`;
    byTarget.set(edge.target, { key, source, minimum, edges: [edge] });
    bundles.set(key, byTarget.get(edge.target)!);
  };
  for (const edge of model.edges) {
    // A comparison is about what changed: a changed edge is never folded into a bundle or left out.
    if (CONTAINMENT.has(edge.relation) || changed?.has(edge.id)) kept.push(edge);
    else if (edge.relation === 'accessPath') {
      const wrong = edge.status !== undefined && !FINE.has(edge.status);
      if (inBand(edge.source)) {
        // People reaching a resource wrongly are many edges of one story: one per target and status. Their fine
        // paths are left to the Paths and Who can reach lenses.
        if (wrong) pathBundle(PRINCIPALS_BAND_ID, 2, edge);
      } else if (wrong || subjects.has(edge.source)) {
        // What a compute, job or endpoint reaches wrongly (or anything it reaches, when a finding is about it) is
        // part of its story; twenty clusters failing to pull from one registry are one edge from their workspace.
        const container = parentOf.get(edge.source);
        if (container === undefined) kept.push(edge);
        else pathBundle(container, CONTAINER_BUNDLE_MIN, edge);
      }
    } else if (edge.relation === 'roleAssignment') {
      const concerned = edge.assignmentId !== undefined && subjects.has(edge.assignmentId);
      if (concerned) kept.push(edge);
      // From the band when people or apps hold any of the grants on a scope; otherwise from the first identity
      // that holds one (a stable choice: edges come in model order).
      else {
        const entry = grantBundles.get(edge.target);
        const band = inBand(edge.source);
        if (entry) {
          if (band) entry.source = PRINCIPALS_BAND_ID;
          entry.edges.push(edge);
        } else {
          const key = `${edge.relation}|${edge.target}`;
          const created = { key, source: band ? PRINCIPALS_BAND_ID : edge.source, minimum: 2, edges: [edge] };
          grantBundles.set(edge.target, created);
          bundles.set(key, created);
        }
      }
    }
  }
  const keptBundles = new Map<string, { source: string; edges: readonly GraphEdgeSpec[]; spec: GraphEdgeSpec }>();
  for (const { key, source, minimum, edges } of bundles.values()) {
    if (edges.length < minimum) {
      kept.push(...edges);
      continue;
    }
    // The same edge objects from the same source make the same bundle (each field below is read from them).
    const before = memo?.bundles.get(key);
    if (before && before.source === source && sameItems(before.edges, edges)) {
      keptBundles.set(key, before);
      kept.push(before.spec);
      continue;
    }
    const first = edges[0]!;
    const holders = new Set(edges.map((edge) => edge.source)).size;
    const what = first.relation === 'accessPath' ? `${first.status} access` : 'grants';
    const spec: GraphEdgeSpec = {
      id: `bundle:${key}`,
      source,
      target: first.target,
      relation: first.relation,
      label: `${edges.length} ${what}`,
      ariaLabel: `${edges.length} ${first.relation === 'accessPath' ? `${first.status} access paths` : 'role assignments'} of ${holders} ${first.relation === 'accessPath' ? 'actors' : 'principals'} to ${first.target.split('/').pop() ?? first.target}; open to see who can reach it`,
      ...(first.status !== undefined ? { status: first.status } : {}),
      bundle: { count: edges.length, holders, edgeIds: edges.map((edge) => edge.id) },
    };
    keptBundles.set(key, { source, edges, spec });
    kept.push(spec);
  }
  if (memo) memo.bundles = keptBundles;
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
