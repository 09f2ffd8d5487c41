import type { Analysis } from '../../../engine';
import type { GraphModel } from '../../graph/graph-model';
import { highlightFor, type Highlight } from '../../graph/highlight';

/** What a tour step asks the graph to bring forward: entity ids and access path ids. */
export interface TourHighlight {
  nodes: readonly string[];
  paths: readonly string[];
}

/**
 * The graph's highlight with a tour step's added: the step's nodes, each of its paths as a selected path
 * would light it up, and the links between the step's own nodes. Whatever the person selected stays lit
 * too. With nothing from the tour the selection's highlight is returned as it is.
 */
export function withTourHighlight(
  base: Highlight | undefined,
  tour: TourHighlight | undefined,
  analysis: Analysis | undefined,
  model: GraphModel,
): Highlight | undefined {
  if (!tour || (tour.nodes.length === 0 && tour.paths.length === 0)) return base;
  const nodes = new Set<string>(base?.nodes);
  const edges = new Set<string>(base?.edges);
  const own = new Set(tour.nodes);
  for (const id of tour.nodes) nodes.add(id);
  for (const id of tour.paths) {
    const lit = highlightFor({ kind: 'path', id }, analysis, model);
    for (const node of lit?.nodes ?? []) nodes.add(node);
    for (const edge of lit?.edges ?? []) edges.add(edge);
  }
  for (const edge of model.edges) if (own.has(edge.source) && own.has(edge.target)) edges.add(edge.id);
  return { nodes, edges, dim: true };
}
