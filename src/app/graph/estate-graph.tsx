import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type DefaultEdgeOptions,
  type MiniMapNodeProps,
  type Node,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useAnalysis } from '../analysis/use-analysis';
import { useAppStore, type AppState } from '../store/app-store';
import { EDGE_LAYERS, selectCollapsedIds, type EdgeLayer } from '../store/graph-view-slice';
import { selectDocumentVersion, selectEstate } from '../store/selectors';
import { ContainerNodeView } from './container-node';
import { EntityNodeView } from './entity-node';
import { VISUAL_KINDS } from './entity-kinds';
import { toFlowEdges, toFlowNodes, type FlowEdge, type FlowNode } from './flow-elements';
import { GraphActionsContext, type GraphActions } from './graph-context';
import { GraphLegend } from './graph-legend';
import { buildGraphModel, type GraphModel, type GraphNodeSpec } from './graph-model';
import { GraphSearch } from './graph-search';
import { focusNodes, highlightFor } from './highlight';
import { defaultCollapsed } from './layout';
import { useGraphLayout } from './use-graph-layout';
import './graph.css';

// Outside any component: a new nodeTypes object on each render makes React Flow remount every node.
const nodeTypes = { entity: EntityNodeView, container: ContainerNodeView } satisfies NodeTypes;

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
  focusable: false,
  labelBgPadding: [4, 2],
  labelBgBorderRadius: 4,
};

/** Above this many drawn nodes React Flow renders only what is in view (research B1: it helps once most is off-screen). */
const VISIBLE_ONLY_THRESHOLD = 500;

const LAYER_LABELS: Readonly<Record<EdgeLayer, string>> = {
  paths: 'Access paths',
  roles: 'Role assignments',
  structure: 'Identities and dependencies',
  members: 'Group membership',
};

const selectSelection = (state: AppState) => state.selection;
const selectFocusMode = (state: AppState) => state.focusMode;
const selectEdgeLayers = (state: AppState) => state.edgeLayers;

function subscribeToHtmlClass(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
const htmlIsDark = () => document.documentElement.classList.contains('dark');

function miniMapColor(node: Node): string {
  const spec = (node.data as { spec?: GraphNodeSpec }).spec;
  if (!spec) return '#cbd5e1';
  return spec.container ? 'transparent' : VISUAL_KINDS[spec.visual].swatch;
}
function miniMapStroke(node: Node): string {
  const spec = (node.data as { spec?: GraphNodeSpec }).spec;
  return spec?.container ? '#94a3b8' : 'transparent';
}
function MiniMapNode({ x, y, width, height, color, strokeColor }: MiniMapNodeProps) {
  return <rect x={x} y={y} width={width} height={height} rx={6} fill={color} stroke={strokeColor} strokeWidth={6} />;
}

/** The estate as a graph. Remounted for each newly opened document so that the view starts afresh. */
export function EstateGraph() {
  const estate = useAppStore(selectEstate);
  const documentVersion = useAppStore(selectDocumentVersion);
  if (!estate) return null;
  return (
    <ReactFlowProvider key={documentVersion}>
      <GraphView />
    </ReactFlowProvider>
  );
}

/** The entity a click on a node selects: itself, or for a virtual node the entity it stands for. */
function entityFor(spec: GraphNodeSpec): string | undefined {
  if (spec.entityId !== undefined) return spec.entityId;
  if (spec.visual === 'pipelineStep') return spec.attachedTo;
  if (spec.visual === 'serverlessCompute') return spec.parent;
  return undefined;
}

function GraphView() {
  const estate = useAppStore(selectEstate);
  const analysis = useAnalysis();
  const model: GraphModel | undefined = useMemo(() => (estate ? buildGraphModel(estate, analysis) : undefined), [estate, analysis]);
  if (!model) return null;
  return <GraphCanvas model={model} />;
}

function GraphCanvas({ model }: { model: GraphModel }) {
  const analysis = useAnalysis();
  const selection = useAppStore(selectSelection);
  const focusMode = useAppStore(selectFocusMode);
  const layers = useAppStore(selectEdgeLayers);
  const storedCollapsed = useAppStore(selectCollapsedIds);
  const setCollapsed = useAppStore((state) => state.setCollapsed);
  const setEdgeLayer = useAppStore((state) => state.setEdgeLayer);
  const setFocusMode = useAppStore((state) => state.setFocusMode);
  const select = useAppStore((state) => state.select);
  const dark = useSyncExternalStore(subscribeToHtmlClass, htmlIsDark, () => false);
  const { setCenter, getZoom, fitView } = useReactFlow();

  // The default closed set depends only on which containers exist, so it is stable across edits.
  const defaults = useMemo(() => defaultCollapsed(model.nodes), [model.nodes]);
  const defaultsKey = defaults.join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content, not on the array object
  const stableDefaults = useMemo(() => defaults, [defaultsKey]);
  const collapsedIds = storedCollapsed ?? stableDefaults;
  const collapsed = useMemo(() => new Set(collapsedIds), [collapsedIds]);

  const highlight = useMemo(() => highlightFor(selection, analysis, model), [selection, analysis, model]);
  const focusKey = focusMode ? (focusNodes(highlight) ?? []).join('\n') : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content: an edit must not reset the focus layout
  const only = useMemo(() => (focusMode && highlight ? focusNodes(highlight) : undefined), [focusMode, focusKey]);
  const { layout, pending } = useGraphLayout(model.nodes, collapsedIds, only);

  const [found, setFound] = useState<string>();
  const selectedId = selection?.kind === 'entity' ? selection.id : undefined;
  const nodes: FlowNode[] = useMemo(
    () => (layout ? toFlowNodes(model, layout, collapsed, { selectedId, highlight, found }) : []),
    [model, layout, collapsed, selectedId, highlight, found],
  );
  const edges: FlowEdge[] = useMemo(
    () => (layout ? toFlowEdges(model, layout, { layers, decorations: { selectedId, highlight }, focused: only !== undefined }) : []),
    [model, layout, layers, selectedId, highlight, only],
  );

  const specs = useMemo(() => new Map(model.nodes.map((node) => [node.id, node])), [model.nodes]);
  const collapsedRef = useRef(collapsedIds);
  useEffect(() => {
    collapsedRef.current = collapsedIds;
  }, [collapsedIds]);
  const actions: GraphActions = useMemo(
    () => ({
      toggleCollapsed: (id: string) => {
        const current = collapsedRef.current;
        setCollapsed(current.includes(id) ? current.filter((other) => other !== id) : [...current, id]);
      },
    }),
    [setCollapsed],
  );

  // Clicks and Enter on a focused node arrive as "select" changes; the store, not React Flow, owns selection.
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      for (const change of changes) {
        if (change.type !== 'select' || !change.selected) continue;
        const spec = specs.get(change.id);
        const entity = spec ? entityFor(spec) : undefined;
        if (entity !== undefined) select({ kind: 'entity', id: entity as never });
      }
    },
    [specs, select],
  );
  const onPaneClick = useCallback(() => select(undefined), [select]);

  // Search: open whatever hides the node, leave focus mode if it is outside, select it, then centre on it.
  const [centreOn, setCentreOn] = useState<{ id: string; request: number }>();
  const onFind = useCallback(
    (spec: GraphNodeSpec) => {
      const ancestors: string[] = [];
      for (let parent = spec.parent; parent !== undefined; parent = specs.get(parent)?.parent) ancestors.push(parent);
      const current = collapsedRef.current;
      if (ancestors.some((id) => current.includes(id))) setCollapsed(current.filter((id) => !ancestors.includes(id)));
      if (focusMode && only && !only.includes(spec.id)) setFocusMode(false);
      const entity = entityFor(spec);
      if (entity !== undefined && entity === spec.id) select({ kind: 'entity', id: entity as never });
      setFound(spec.id);
      setCentreOn((previous) => ({ id: spec.id, request: (previous?.request ?? 0) + 1 }));
    },
    [specs, setCollapsed, focusMode, only, setFocusMode, select],
  );
  const centred = useRef(0);
  useEffect(() => {
    if (!centreOn || !layout || centred.current === centreOn.request) return;
    const box = layout.boxes[centreOn.id];
    if (!box || layout.hidden.includes(centreOn.id)) return;
    // A large open box is centred on its header, where its name is, not on its middle.
    const big = specs.get(centreOn.id)?.container === true && box.height > 200;
    const centreX = box.absX + (big ? Math.min(box.width, 600) / 2 : box.width / 2);
    const centreY = box.absY + (big ? 22 : box.height / 2);
    // Once per search: a later edit or layout must not pull the view back to it.
    centred.current = centreOn.request;
    void setCenter(centreX, centreY, { zoom: Math.max(getZoom(), 1), duration: 350 });
  }, [centreOn, layout, specs, setCenter, getZoom]);

  // The first view: everything when it fits at a readable size; otherwise the resource group of the first
  // workspace, which is where most of an estate's story is (the minimap and search reach the rest).
  const [initialFit] = useState(() => {
    // The toolbar covers the top of the graph: keep the first view clear of it.
    const readable = { padding: { top: '104px', x: '24px', bottom: '24px' } as const, minZoom: 0.5, maxZoom: 1 };
    if (!layout || layout.width < 1400) return readable;
    const workspace = model.nodes.find((node) => node.visual === 'workspace');
    const home = workspace?.parent ?? workspace?.id;
    return home !== undefined && layout.boxes[home] ? { ...readable, nodes: [{ id: home }] } : readable;
  });
  // Entering or leaving focus mode, or opening or closing every box, redraws a different graph: bring it
  // into view once it is laid out (an edit or a single box opened leaves the view where the user put it).
  const [fitRequest, setFitRequest] = useState(0);
  const fitted = useRef({ only, fitRequest });
  useEffect(() => {
    if ((fitted.current.only === only && fitted.current.fitRequest === fitRequest) || pending || !layout) return;
    fitted.current = { only, fitRequest };
    const frame = requestAnimationFrame(() => void fitView({ ...initialFit, nodes: undefined, duration: 300 }));
    return () => cancelAnimationFrame(frame);
  }, [only, fitRequest, pending, layout, fitView, initialFit]);

  const [legendOpen, setLegendOpen] = useState(false);
  const containers = useMemo(() => model.nodes.filter((node) => node.container).map((node) => node.id), [model.nodes]);
  const canFocus = highlight?.dim === true || selection?.kind === 'entity';
  const drawn = nodes.length;

  return (
    <GraphActionsContext.Provider value={actions}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements={drawn > VISIBLE_ONLY_THRESHOLD}
        colorMode={dark ? 'dark' : 'light'}
        fitView
        fitViewOptions={initialFit}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        className="estate-graph"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={miniMapColor}
          nodeStrokeColor={miniMapStroke}
          nodeComponent={MiniMapNode}
          ariaLabel="Overview of the whole graph"
          className="graph-minimap"
          style={{ width: 168, height: 112 }}
        />
        <Panel position="top-left" className="graph-toolbar">
          <div className="flex flex-col gap-1.5 rounded-lg border border-slate-200 bg-white/95 p-2 shadow-sm dark:border-slate-700 dark:bg-slate-900/95">
            <div className="flex flex-wrap items-start gap-1.5">
              <GraphSearch nodes={model.nodes} onFind={onFind} />
              <button
                type="button"
                className="graph-button"
                aria-pressed={focusMode}
                disabled={!canFocus && !focusMode}
                title={canFocus ? 'Draw only what the selection involves' : 'Select a path, a finding or a node first'}
                onClick={() => setFocusMode(!focusMode)}
              >
                Focus
              </button>
              <button
                type="button"
                className="graph-button"
                onClick={() => {
                  setCollapsed([]);
                  setFitRequest((n) => n + 1);
                }}
                disabled={collapsedIds.length === 0} title="Open every box">
                Open all
              </button>
              <button
                type="button"
                className="graph-button"
                onClick={() => {
                  setCollapsed(containers);
                  setFitRequest((n) => n + 1);
                }}
                disabled={containers.length === 0 || collapsedIds.length === containers.length}
                title="Close every box to its header"
              >
                Close all
              </button>
              <details className="graph-layers relative">
                <summary className="graph-button cursor-pointer list-none">Links</summary>
                <fieldset className="absolute left-0 z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
                  <legend className="sr-only">Links to show</legend>
                  {EDGE_LAYERS.map((layer) => (
                    <label key={layer} className="flex items-center gap-2 text-slate-700 dark:text-slate-200">
                      <input type="checkbox" checked={layers[layer]} onChange={(event) => setEdgeLayer(layer, event.target.checked)} />
                      {LAYER_LABELS[layer]}
                    </label>
                  ))}
                </fieldset>
              </details>
              <button type="button" className="graph-button" aria-expanded={legendOpen} aria-controls="graph-legend" onClick={() => setLegendOpen(!legendOpen)}>
                Legend
              </button>
            </div>
            <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite" data-testid="graph-status">
              {drawn} of {model.nodes.length} boxes · {edges.length} links
              {focusMode && only ? ' · focus' : ''}
              {pending ? ' · laying out…' : ''}
              {model.unplacedAssignments > 0 &&
                ` · ${model.unplacedAssignments} role assignment${model.unplacedAssignments === 1 ? '' : 's'} on scopes outside this estate`}
            </p>
          </div>
          {legendOpen && (
            // Under the toolbar, not across the graph's other corner: in a narrow window they would overlap.
            <div
              id="graph-legend"
              className="mt-1.5"
              onKeyDown={(event) => {
                if (event.key === 'Escape') setLegendOpen(false);
              }}
            >
              <GraphLegend />
            </div>
          )}
        </Panel>
      </ReactFlow>
    </GraphActionsContext.Provider>
  );
}

