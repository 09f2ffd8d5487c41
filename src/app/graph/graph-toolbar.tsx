import { forwardRef, useState, type ReactNode } from 'react';
import type { EdgeLayer } from '../store/app-state';
import { EDGE_LAYERS } from '../store/graph-view-slice';
import type { GraphNodeSpec } from './graph-model';
import { GraphSearch } from './graph-search';
import { LENS_LABELS, LENSES, type Lens } from './lens';

const LAYER_LABELS: Readonly<Record<EdgeLayer, string>> = {
  paths: 'Access paths',
  roles: 'Role assignments',
  structure: 'Identities and dependencies',
  members: 'Group membership',
};

const LENS_TITLES: Readonly<Record<Lens, string>> = {
  overview: 'What the estate is made of and what is wrong; fine grants bundled per scope',
  paths: 'Every path the selection takes part in',
  reach: 'Who reaches the selected resource, and by which route',
};

export interface GraphToolbarProps {
  lens: Lens;
  onLens: (lens: Lens) => void;
  nodes: readonly GraphNodeSpec[];
  onFind: (node: GraphNodeSpec) => void;
  focusMode: boolean;
  canFocus: boolean;
  onFocusMode: (on: boolean) => void;
  canOpenAll: boolean;
  canCloseAll: boolean;
  onOpenAll: () => void;
  onCloseAll: () => void;
  layers: Readonly<Record<EdgeLayer, boolean>>;
  onLayer: (layer: EdgeLayer, shown: boolean) => void;
  legendOpen: boolean;
  onLegend: (open: boolean) => void;
  /** The status line under the buttons. */
  status: ReactNode;
  /** The legend, drawn under the toolbar while it is open. */
  legend: ReactNode;
}

/**
 * The graph's toolbar: one row of buttons at every graph width the app gives (from about 560 px, a 1024 px
 * window with the panels open) up. On a narrower graph the less used buttons fold into a "More" menu rather
 * than wrapping to a second row, which covered the top of the graph (graph.css, "Graph toolbar", holds the
 * widths). Before the graph in the page, so Tab reaches it before the boxes; drawn over the graph's top-left
 * corner and outside React Flow's element, so no picture of the graph includes it. The ref is the toolbar's
 * box, whose height the first view keeps clear of.
 */
export const GraphToolbar = forwardRef<HTMLDivElement, GraphToolbarProps>(function GraphToolbar(props, ref) {
  const [moreOpen, setMoreOpen] = useState(false);
  const legendButton = (where: 'inline' | 'more') => (
    <button
      type="button"
      className={`graph-button graph-legend-${where}`}
      aria-expanded={props.legendOpen}
      aria-controls="graph-legend"
      onClick={() => props.onLegend(!props.legendOpen)}
    >
      Legend
    </button>
  );
  return (
    <div className="graph-toolbar-lane pointer-events-none absolute inset-x-0 top-0 z-10">
      <div ref={ref} className="graph-toolbar pointer-events-auto absolute top-[15px] left-[15px] max-w-[calc(100%-30px)]" data-testid="graph-toolbar">
        <div className="flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-white/95 p-2 shadow-sm dark:border-slate-700 dark:bg-slate-900/95">
          <div
            className="graph-toolbar-row relative flex flex-nowrap items-start gap-1.5"
            onKeyDown={(event) => {
              if (event.key === 'Escape') setMoreOpen(false);
            }}
          >
            <div role="group" aria-label="Lens" className="inline-flex shrink-0 gap-0.5" data-testid="graph-lens">
              {LENSES.map((option) => (
                <button
                  key={option}
                  type="button"
                  className="graph-button"
                  aria-pressed={props.lens === option}
                  title={LENS_TITLES[option]}
                  onClick={() => props.onLens(option)}
                >
                  {LENS_LABELS[option]}
                </button>
              ))}
            </div>
            <GraphSearch nodes={props.nodes} onFind={props.onFind} />
            <button
              type="button"
              className="graph-button shrink-0"
              aria-pressed={props.focusMode}
              disabled={!props.canFocus && !props.focusMode}
              title={props.canFocus ? 'Draw only what the selection involves' : 'Select a path, a finding or a node first'}
              onClick={() => props.onFocusMode(!props.focusMode)}
            >
              Focus
            </button>
            <button
              type="button"
              className="graph-button graph-more-button shrink-0"
              aria-expanded={moreOpen}
              aria-controls="graph-more"
              onClick={() => setMoreOpen(!moreOpen)}
            >
              More
            </button>
            {/* Inline on a wide graph; on a narrow one a drop-down under More (kept in the page, so nothing remounts). */}
            <div
              id="graph-more"
              className="graph-more gap-1.5"
              data-open={moreOpen || undefined}
            >
              <button type="button" className="graph-button" onClick={props.onOpenAll} disabled={!props.canOpenAll} title="Open every box">
                Open all
              </button>
              <button type="button" className="graph-button" onClick={props.onCloseAll} disabled={!props.canCloseAll} title="Close every box to its header">
                Close all
              </button>
              <details className="graph-layers relative">
                <summary className="graph-button cursor-pointer list-none">Links</summary>
                <fieldset className="absolute left-0 z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
                  <legend className="sr-only">Links to show</legend>
                  {EDGE_LAYERS.map((layer) => (
                    <label key={layer} className="flex items-center gap-2 text-slate-700 dark:text-slate-200">
                      <input type="checkbox" checked={props.layers[layer]} onChange={(event) => props.onLayer(layer, event.target.checked)} />
                      {LAYER_LABELS[layer]}
                    </label>
                  ))}
                </fieldset>
              </details>
              {legendButton('more')}
            </div>
            {legendButton('inline')}
          </div>
          {props.status}
        </div>
        {props.legendOpen && (
          // Under the toolbar, not across the graph's other corner: in a narrow window they would overlap.
          <div
            id="graph-legend"
            className="mt-1.5"
            onKeyDown={(event) => {
              if (event.key === 'Escape') props.onLegend(false);
            }}
          >
            {props.legend}
          </div>
        )}
      </div>
    </div>
  );
});
