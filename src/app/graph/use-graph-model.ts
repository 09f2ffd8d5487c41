import { useMemo, useState } from 'react';
import type { Analysis, Estate } from '../../engine';
import { useAnalysisView } from '../analysis/use-analysis';
import { useBuiltInRoleNames } from '../analysis/use-analysis-context';
import { useAppStore } from '../store/app-store';
import { selectEstate } from '../store/selectors';
import { buildGraphModel, GraphModelMemo, type GraphModel, type GraphNodeSpec } from './graph-model';

/** The estate and analysis a graph model is built from. */
export interface ShownPair {
  estate: Estate | undefined;
  analysis: Analysis | undefined;
}

/**
 * Which (estate, analysis) pair the graph shows, given the one shown so far and the current ones. While a
 * large estate's edit is analysed in the worker, the analysis at hand is the previous version's (`stale`):
 * the graph keeps showing the pair it shows, which belong together, rather than drawing the new estate with
 * the old statuses and then drawing it all again when the new analysis arrives. On a business unit each
 * drawing is a model over tens of thousands of paths, a lens, labels and React Flow's update.
 */
export function nextShownPair(shown: ShownPair | undefined, current: ShownPair, stale: boolean): ShownPair {
  if (shown && stale && shown.estate !== undefined) return shown;
  if (shown && shown.estate === current.estate && shown.analysis === current.analysis) return shown;
  return current;
}

/**
 * `next`, with the node specs of `previous` wherever they are the same, and its node list itself when no node
 * changed. Most edits (a grant added or removed, a setting) leave the boxes as they were: the layout, keyed on
 * the node list, is then not computed again (on a business unit, a round trip to the layout worker and a
 * second drawing of the graph when it answers). Edges are left as built: a business unit's carry the ids of
 * tens of thousands of paths, and comparing them all here cost more than the flow edges' own comparison
 * (flow-elements.ts), which looks only at the edges drawn.
 */
export function keepUnchangedSpecs(previous: GraphModel | undefined, next: GraphModel): GraphModel {
  if (!previous) return next;
  const before = new Map(previous.nodes.map((node) => [node.id, node]));
  let same = previous.nodes.length === next.nodes.length;
  const nodes = next.nodes.map((node, i) => {
    const old = before.get(node.id);
    const kept = old !== undefined && sameFields(old, node) ? old : node;
    if (kept !== previous.nodes[i]) same = false;
    return kept;
  });
  return { ...next, nodes: same ? previous.nodes : nodes };
}

/**
 * Whether two node specs have the same fields with the same values. A spec's fields are all plain values; a
 * field that ever holds an object compares by identity, which can only take an unchanged node for a changed
 * one (a layout computed again), never the other way. Not flow-elements' deep comparison: on a business unit's
 * thousands of nodes that took tens of milliseconds.
 */
function sameFields(a: GraphNodeSpec, b: GraphNodeSpec): boolean {
  const keys = Object.keys(a) as (keyof GraphNodeSpec)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** A {@link keepUnchangedSpecs} that remembers the model it returned last, for one graph. */
function keepModelSpecs(): (next: GraphModel) => GraphModel {
  let previous: GraphModel | undefined;
  return (next) => (previous = keepUnchangedSpecs(previous, next));
}

/**
 * The graph model of the open estate and the analysis it was built with (what the graph lights up by):
 * built once per (estate, analysis) pair that is shown. The graph is remounted for each document, so what
 * it shows is always a version of the open document.
 */
export function useGraphModel(): { model: GraphModel | undefined; analysis: Analysis | undefined } {
  const estate = useAppStore(selectEstate);
  const view = useAnalysisView();
  const roles = useBuiltInRoleNames();
  const [shown, setShown] = useState<ShownPair>(() => ({ estate, analysis: view.analysis }));
  const next = nextShownPair(shown, { estate, analysis: view.analysis }, view.stale);
  // Adjusting state while rendering (React's pattern for deriving from the previous render): React renders
  // again at once, before anything is committed.
  if (next !== shown) setShown(next);
  const [keep] = useState(keepModelSpecs);
  // An edit rebuilds only the boxes and edges it touched (see GraphModelMemo).
  const [memo] = useState(() => new GraphModelMemo());
  const model = useMemo(
    () => (next.estate ? keep(buildGraphModel(next.estate, next.analysis, roles, memo)) : undefined),
    [keep, memo, next.estate, next.analysis, roles],
  );
  return { model, analysis: next.analysis };
}
