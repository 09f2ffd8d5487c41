import { useMemo, useState } from 'react';
import type { Analysis, Estate } from '../../engine';
import { useAnalysisView } from '../analysis/use-analysis';
import { useBuiltInRoleNames } from '../analysis/use-analysis-context';
import { useAppStore } from '../store/app-store';
import { selectEstate } from '../store/selectors';
import { buildGraphModel, GraphModelMemo, sameItems, type GraphModel } from './graph-model';

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
 * `next`, with the node list of `previous` when it holds the same boxes in the same order. Most edits (a grant
 * added or removed, a setting) leave the boxes as they were: the layout, keyed on the node list, is then not
 * computed again (on a business unit, a round trip to the layout worker and a second drawing of the graph when
 * it answers). Compared by identity: the graph model's memo gives every box that comes out the same as last
 * time its last object (GraphModelMemo).
 */
export function keepUnchangedSpecs(previous: GraphModel | undefined, next: GraphModel): GraphModel {
  return previous && sameItems(previous.nodes, next.nodes) ? { ...next, nodes: previous.nodes } : next;
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
