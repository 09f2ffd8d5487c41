import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type DefaultEdgeOptions,
  type EdgeTypes,
  type MiniMapNodeProps,
  type Node,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { Analysis } from '../../engine';
import { useComparison } from '../features/compare/use-comparison';
import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';
import { selectTourHighlight } from '../store/tours-slice';
import { withTourHighlight } from '../tours/engine/graph-highlight';
import { selectCollapsedIds } from '../store/graph-view-slice';
import { selectDocumentVersion, selectEstate } from '../store/selectors';
import { ContainerNodeView } from './container-node';
import { EntityNodeView } from './entity-node';
import { EstateEdge } from './estate-edge';
import { VISUAL_KINDS } from './entity-kinds';
import { FlowEdgeMemo, FlowNodeMemo, keepUnchanged, toFlowEdges, toFlowNodes, withRoutes, type ChangeMarks, type FlowEdge, type FlowNode } from './flow-elements';
import { EdgeLabelLayerContext, GraphActionsContext, type GraphActions } from './graph-context';
import type { GraphModel, GraphNodeSpec } from './graph-model';
import { GraphToolbar } from './graph-toolbar';
import { focusNodes, highlightFor, revealTargets } from './highlight';
import { groupLargeSets, GROUPED_ESTATE_MIN_BOXES, openAround, openGroupsAround } from './groups';
import { defaultCollapsed, type GraphLayout } from './layout';
import { applyLens, LENS_LABELS, LensMemo, whatIfGrantEdges } from './lens';
import { useLens } from './lens-url';
import { LabelPlacer } from './routing';
import { useEdgeRoutes } from './use-edge-routes';
import { useGraphLayout } from './use-graph-layout';
import { useGraphModel } from './use-graph-model';
import './graph.css';

// The legend is opened on request: its text loads then, in a chunk of its own, not with the first paint.
const GraphLegend = lazy(() => import('./graph-legend').then((module) => ({ default: module.GraphLegend })));

// Outside any component: a new nodeTypes object on each render makes React Flow remount every node.
const nodeTypes = { entity: EntityNodeView, container: ContainerNodeView } satisfies NodeTypes;
// Edges keep React Flow's default type name; its component is replaced by one with HTML labels (estate-edge.tsx).
const edgeTypes = { default: EstateEdge } satisfies EdgeTypes;

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
  focusable: false,
};

/**
 * Below this zoom an edge label (11 px in graph units, graph.css) would be drawn under 11 px on screen, too small
 * to read: it is hidden, and the edge names it in its tooltip and its aria-label instead. Labels keep the size the
 * router planned room for, so they cannot grow as the view shrinks the way compact boxes do.
 */
const LABELS_MIN_ZOOM = 1;
/** Below this zoom boxes switch to their compact form: icon and name, in a font that stays at least 11 px on screen. */
const COMPACT_BELOW_ZOOM = 1;

/**
 * Marks the graph's wrapper while the view moves and while it is zoomed too far out for labels. Classes set
 * on the DOM here, not React state: a pan changes the zoom store on every frame, and re-rendering the graph
 * for that is what made panning slow.
 */
function ViewClasses() {
  const domNode = useStore((state) => state.domNode);
  const far = useStore((state) => state.transform[2] < LABELS_MIN_ZOOM);
  // Rounded down (so that text is never drawn under its floor), so a pan never re-renders this, and a zoom only in steps.
  const zoom = useStore((state) => Math.floor(state.transform[2] * 50) / 50);
  useEffect(() => {
    domNode?.classList.toggle('labels-far', far);
  }, [domNode, far]);
  useEffect(() => {
    domNode?.classList.toggle('boxes-compact', zoom < COMPACT_BELOW_ZOOM);
    domNode?.style.setProperty('--graph-zoom', String(Math.max(zoom, 0.02)));
  }, [domNode, zoom]);
  return null;
}

/** Up to this many boxes drawn the first view shows all of them. */
const WHOLE_VIEW_MAX_BOXES = GROUPED_ESTATE_MIN_BOXES;

/** How many boxes a layout draws (those inside a closed box or outside the focus have none). */
function drawnBoxes(layout: GraphLayout): number {
  return Object.keys(layout.boxes).length;
}
/**
 * A larger graph is never fitted below this zoom: a compact box (200 units wide) is then about 100 px on screen,
 * room for its icon and eight or more characters of its name at 12 px. Fitted lower, every name was cut to a stub
 * (70 of S's 152 boxes after "Open all"); the view shows a part instead, and the minimap and search reach the rest.
 */
const LARGE_VIEW_MIN_ZOOM = 0.5;

/** Above this many drawn nodes React Flow renders only what is in view (research B1: it helps once most is off-screen). */
const VISIBLE_ONLY_THRESHOLD = 500;

const selectSelection = (state: AppState) => state.selection;
const selectFocusMode = (state: AppState) => state.focusMode;
const selectEdgeLayers = (state: AppState) => state.edgeLayers;
const selectBaseline = (state: AppState) => state.baseline;

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

// Each model drawn gets a number, on the graph's element: the UI bench tells by it when an edit's graph is drawn.
const modelNumbers = new WeakMap<GraphModel, number>();
let modelsNumbered = 0;
function modelNumber(model: GraphModel): number {
  let number = modelNumbers.get(model);
  if (number === undefined) modelNumbers.set(model, (number = ++modelsNumbered));
  return number;
}

/** Room kept above the first view before the toolbar is measured: its height on one row, and a margin. */
const TOOLBAR_CLEARANCE_FALLBACK = 112;
/** Space between the toolbar's lower edge and the top of the first view. */
const TOOLBAR_MARGIN = 12;

/**
 * How far down the graph the toolbar's buttons and status reach (with a margin): the top padding of every fit.
 * Measured before the first paint, and again when the toolbar changes height (a search status line, a narrower
 * graph); the legend hangs below and is left out, since it is opened and closed over a view already chosen.
 */
function useToolbarClearance(toolbar: RefObject<HTMLElement | null>): number {
  const [clearance, setClearance] = useState(TOOLBAR_CLEARANCE_FALLBACK);
  useLayoutEffect(() => {
    const bar = toolbar.current?.firstElementChild;
    const graph = toolbar.current?.offsetParent;
    if (!bar || !graph) return;
    const measure = () => {
      const bottom = bar.getBoundingClientRect().bottom - graph.getBoundingClientRect().top;
      if (bottom > 0) setClearance(Math.ceil(bottom) + TOOLBAR_MARGIN);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    return () => observer.disconnect();
  }, [toolbar]);
  return clearance;
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
  const { model: openModel, analysis: openAnalysis } = useGraphModel();
  // While comparing, the graph of both sides (see change-marks.ts) takes the place of the open estate's.
  const comparison = useComparison();
  const compared = comparison.status === 'ready' ? comparison.result : undefined;
  const model: GraphModel | undefined = compared ? compared.graph.model : openModel;
  if (!model) return null;
  return (
    <GraphCanvas
      model={model}
      changes={compared?.graph.marks}
      analysis={compared?.analysis ?? openAnalysis}
      comparing={comparison.status === 'off' ? undefined : comparison.status}
    />
  );
}

function GraphCanvas({
  model,
  changes,
  analysis,
  comparing,
}: {
  model: GraphModel;
  changes?: ChangeMarks;
  /**
   * The analysis the model was built with, or both sides' paths and findings while comparing (so that a
   * selection on either side lights up).
   */
  analysis: Analysis | undefined;
  comparing?: 'pending' | 'failed' | 'ready';
}) {
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
  const flowStore = useStoreApi<FlowNode, FlowEdge>();

  // The boxes drawn: the model's, with a large estate's big sets of one kind in summary boxes (groups.ts). The
  // lens and the highlight read the model itself (whose parents are the real containers); what is laid out,
  // drawn and routed is this.
  const boxes = useMemo(() => groupLargeSets(model.nodes), [model.nodes]);
  const specs = useMemo(() => new Map(boxes.map((node) => [node.id, node])), [boxes]);
  // The default closed set depends only on which containers exist, so it is stable across edits.
  const defaults = useMemo(() => defaultCollapsed(boxes), [boxes]);
  const defaultsKey = defaults.join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content, not on the array object
  const stableDefaults = useMemo(() => defaults, [defaultsKey]);
  const collapsedIds = storedCollapsed ?? stableDefaults;
  const collapsed = useMemo(() => new Set(collapsedIds), [collapsedIds]);

  // A running tour's step lights up what it talks about, on top of whatever is selected.
  const tourHighlight = useAppStore(selectTourHighlight);
  const highlight = useMemo(
    () => withTourHighlight(highlightFor(selection, analysis, model), tourHighlight, analysis, model),
    [selection, analysis, model, tourHighlight],
  );
  const focusKey = focusMode ? (focusNodes(highlight) ?? []).join('\n') : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content: an edit must not reset the focus layout
  const only = useMemo(() => (focusMode && highlight ? focusNodes(highlight) : undefined), [focusMode, focusKey]);
  // Focus is about a few things: the summary boxes they are in are drawn open, or their edges would have no ends.
  // A comparison is about what changed: the summary boxes around a changed thing are drawn open, so its mark shows.
  const changedNodes = useMemo(() => (changes && changes.nodes.size > 0 ? [...changes.nodes.keys()] : undefined), [changes]);
  const shownInside = only ?? changedNodes;
  const drawnClosed = useMemo(() => openGroupsAround(collapsedIds, shownInside, specs), [collapsedIds, shownInside, specs]);
  const drawnClosedSet = useMemo(() => (drawnClosed === collapsedIds ? collapsed : new Set(drawnClosed)), [drawnClosed, collapsedIds, collapsed]);
  const { layout, pending } = useGraphLayout(boxes, drawnClosed, only);

  // The lens decides which edges are drawn; boxes (and so the layout) stay the same under every lens.
  const [lens, setLens] = useLens();
  const findingSubjects = useMemo(
    () => new Set<string>((analysis?.findings ?? []).flatMap((finding) => finding.subjects as readonly string[])),
    [analysis],
  );
  const resource = selection?.kind === 'entity' ? selection.id : undefined;
  // Grants a what-if added are drawn one by one (marked planned), with what a comparison changed.
  const baseline = useAppStore(selectBaseline);
  const openedAssignments = useMemo(() => (baseline ? new Set<string>(baseline.roleAssignments.map((a) => a.id)) : undefined), [baseline]);
  const changedEdges = useMemo(() => {
    const added = whatIfGrantEdges(model, openedAssignments);
    if (!changes) return added.size > 0 ? added : undefined;
    return new Set([...changes.edges.keys(), ...added]);
  }, [changes, model, openedAssignments]);
  // Only what the lens reads is a dependency: in the Overview a selection (a new highlight) must not filter a
  // business unit's tens of thousands of edges again.
  const lensHighlight = lens === 'paths' ? highlight : undefined;
  const lensResource = lens === 'reach' ? resource : undefined;
  // An edit keeps the Overview's bundles that stand for the same edges (see LensMemo).
  const [lensMemo] = useState(() => new LensMemo());
  const lensModel = useMemo(
    () => applyLens(model, lens, { findingSubjects, highlight: lensHighlight, resource: lensResource, changed: changedEdges }, lensMemo),
    [model, lens, findingSubjects, lensHighlight, lensResource, changedEdges, lensMemo],
  );

  const [found, setFound] = useState<string>();
  const selectedId = selection?.kind === 'entity' ? selection.id : undefined;
  // What was drawn last time, so that unchanged nodes and edges keep their objects (see reuseUnchanged).
  const [keepNodes] = useState(() => keepUnchanged<FlowNode>());
  const [keepEdges] = useState(() => keepUnchanged<FlowEdge>());
  // A node or edge whose inputs are those of last time is last time's object, without being built or compared.
  const [nodeMemo] = useState(() => new FlowNodeMemo());
  const [edgeMemo] = useState(() => new FlowEdgeMemo());
  const nodes: FlowNode[] = useMemo(
    () => keepNodes(layout ? toFlowNodes({ ...model, nodes: boxes }, layout, drawnClosedSet, { selectedId, highlight, found, changes }, nodeMemo) : []),
    [keepNodes, model, boxes, layout, drawnClosedSet, selectedId, highlight, found, changes, nodeMemo],
  );
  const plainEdges: FlowEdge[] = useMemo(
    () => (layout ? toFlowEdges({ ...lensModel, nodes: boxes }, layout, { layers, decorations: { selectedId, highlight, changes }, focused: only !== undefined }, edgeMemo) : []),
    [lensModel, boxes, layout, layers, selectedId, highlight, only, changes, edgeMemo],
  );
  // Routes depend on which edges there are, not on their labels or colours: keyed on that, so that a selection
  // (which shows labels and lights edges up) only places labels again. Loud edges first (paths, then grants):
  // they get the straightest runs and the first pick of label places.
  const routeOrder = useMemo(() => [...plainEdges].reverse(), [plainEdges]);
  const routeKey = routeOrder.map((edge) => `${edge.id}|${edge.source}|${edge.target}`).join('\n');
  // In a worker for large graphs; an edit re-routes only the edges it touched.
  const { routes: paths, pending: routing } = useEdgeRoutes(boxes, layout, routeOrder, routeKey);
  // Labels keep their places across edits where they still fit (see LabelPlacer): an edit places only its own.
  const [labelPlacer] = useState(() => new LabelPlacer());
  const routes = useMemo(
    () =>
      layout
        ? labelPlacer.place(
            boxes,
            layout,
            paths,
            routeOrder.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, ...(typeof edge.label === 'string' ? { label: edge.label } : {}) })),
          )
        : {},
    [labelPlacer, boxes, layout, paths, routeOrder],
  );
  const edges: FlowEdge[] = useMemo(() => keepEdges(withRoutes(plainEdges, routes, edgeMemo)), [keepEdges, plainEdges, routes, edgeMemo]);

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

  // The selection this graph made itself (a click on a box, search, the Changes list), which needs no reveal of its own.
  const selectedHere = useRef<unknown>(undefined);
  // Clicks and Enter on a focused node arrive as "select" changes; the store, not React Flow, owns selection.
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      for (const change of changes) {
        if (change.type !== 'select' || !change.selected) continue;
        const spec = specs.get(change.id);
        // A summary box stands for no one thing: a click (or Enter) on it closed opens it.
        if (spec?.group !== undefined && collapsedRef.current.includes(spec.id)) actions.toggleCollapsed(spec.id);
        const entity = spec ? entityFor(spec) : undefined;
        if (entity === undefined) continue;
        select({ kind: 'entity', id: entity as never });
        // What was clicked is drawn already, and the view stays where the user put it (see the reveal below).
        selectedHere.current = useAppStore.getState().selection;
      }
    },
    [specs, select, actions],
  );
  const onPaneClick = useCallback(() => select(undefined), [select]);
  // A bundle of grants opens on click: who can reach the scope it points at, one grant at a time.
  const onEdgeClick = useCallback(
    (_event: unknown, edge: FlowEdge) => {
      const spec = edge.data?.spec;
      if (!spec?.bundle) return;
      setLens('reach');
      select({ kind: 'entity', id: spec.target as never });
    },
    [select, setLens],
  );

  // The first view starts below the toolbar, measured: a fixed allowance (112 px) left the top of S's first view
  // under a toolbar that had wrapped to two rows.
  const toolbarRef = useRef<HTMLDivElement>(null);
  const toolbarClearance = useToolbarClearance(toolbarRef);

  // One way to show a thing, whoever asks: search, a selection made in a panel (a finding, a path, the inspector),
  // a tour step, the Changes list. Open every closed box that hides what they name (summary boxes, workspaces,
  // resource groups: openAround), leave focus mode if it is outside, then centre on the first of them once it is
  // laid out. Only those boxes open: the others keep their state, and nothing is fitted again.
  const [centreOn, setCentreOn] = useState<{ ids: readonly string[]; request: number; onlyIfOutside: boolean }>();
  const reveal = useCallback(
    (ids: readonly string[], how: { found?: string; onlyIfOutside?: boolean } = {}) => {
      const current = collapsedRef.current;
      const opened = openAround(current, ids, specs);
      if (opened !== current) setCollapsed(opened);
      if (focusMode && only && ids.some((id) => !only.includes(id))) setFocusMode(false);
      if (how.found !== undefined) setFound(how.found);
      setCentreOn((previous) => ({ ids, request: (previous?.request ?? 0) + 1, onlyIfOutside: how.onlyIfOutside === true }));
    },
    [specs, setCollapsed, focusMode, only, setFocusMode],
  );
  const onFind = useCallback(
    (spec: GraphNodeSpec) => {
      reveal([spec.id], { found: spec.id });
      const entity = entityFor(spec);
      if (entity !== undefined && entity === spec.id) {
        select({ kind: 'entity', id: entity as never });
        selectedHere.current = useAppStore.getState().selection;
      }
    },
    [reveal, select],
  );
  // Another part of the page (the Changes list) asks for a node to be shown; it has selected what it wants.
  const revealWith = useRef({ reveal, specs });
  useEffect(() => {
    revealWith.current = { reveal, specs };
  }, [reveal, specs]);
  useEffect(
    () =>
      useAppStore.subscribe((state, previous) => {
        const request = state.revealRequest;
        if (!request || request === previous.revealRequest) return;
        if (!revealWith.current.specs.has(request.id)) return;
        selectedHere.current = state.selection;
        revealWith.current.reveal([request.id], { found: request.id });
      }),
    [],
  );
  // A selection made elsewhere (a finding's subject, a path, the inspector, a tour step) shows what it names:
  // drawn inside a closed box it would light up nothing. The view moves only when that is not in view already.
  // Not on the first draw: a selection kept from before leaves the first view as it is.
  const revealed = useRef({ selection, tourHighlight });
  useEffect(() => {
    const last = revealed.current;
    if (last.selection === selection && last.tourHighlight === tourHighlight) return;
    revealed.current = { selection, tourHighlight };
    const newSelection = last.selection !== selection && selection !== selectedHere.current ? selection : undefined;
    const ids = revealTargets(newSelection, analysis, last.tourHighlight === tourHighlight ? undefined : tourHighlight);
    if (ids.length > 0) reveal(ids, { onlyIfOutside: true });
  }, [selection, tourHighlight, analysis, reveal]);
  const centred = useRef(0);
  useEffect(() => {
    if (!centreOn || !layout || centred.current === centreOn.request) return;
    // Once every named thing the graph has a box for is drawn (a finding's subject may have none): the layout
    // with the boxes that hid them open, not the one before it.
    const named = centreOn.ids.filter((candidate) => specs.has(candidate));
    const hidden = new Set(layout.hidden);
    if (named.some((candidate) => !layout.boxes[candidate] || hidden.has(candidate))) return;
    const id = named[0];
    const box = id === undefined ? undefined : layout.boxes[id];
    if (id === undefined || !box) return;
    // Once per request: a later edit or layout must not pull the view back to it.
    centred.current = centreOn.request;
    if (centreOn.onlyIfOutside) {
      const { transform, width, height } = flowStore.getState();
      const [x, y, zoom] = transform;
      const left = box.absX * zoom + x;
      const top = box.absY * zoom + y;
      if (left >= 0 && top >= toolbarClearance && left + box.width * zoom <= width && top + box.height * zoom <= height) return;
    }
    // A large open box is centred on its header, where its name is, not on its middle.
    const big = specs.get(id)?.container === true && box.height > 200;
    const centreX = box.absX + (big ? Math.min(box.width, 600) / 2 : box.width / 2);
    const centreY = box.absY + (big ? 22 : box.height / 2);
    void setCenter(centreX, centreY, { zoom: Math.max(getZoom(), 1), duration: 350 });
  }, [centreOn, layout, specs, setCenter, getZoom, flowStore, toolbarClearance]);

  // The first view: everything when it fits at a readable size; otherwise the resource group of the first
  // workspace, which is where most of an estate's story is (the minimap and search reach the rest).
  const [firstView] = useState((): { minZoom: number; maxZoom: number; nodes?: { id: string }[] } => {
    const readable = { minZoom: 0.2, maxZoom: 1 };
    // A graph of a few boxes drawn is shown whole (boxes turn compact when that needs a low zoom, see
    // COMPACT_BELOW_ZOOM): a small estate, or a larger one whose big sets are summed up in closed boxes.
    if (!layout || drawnBoxes(layout) <= WHOLE_VIEW_MAX_BOXES) return readable;
    const workspace = boxes.find((node) => node.visual === 'workspace');
    const home = workspace?.parent ?? workspace?.id;
    const large = { ...readable, minZoom: LARGE_VIEW_MIN_ZOOM };
    return home !== undefined && layout.boxes[home] ? { ...large, nodes: [{ id: home }] } : large;
  });
  const initialFit = useMemo(
    () => ({ ...firstView, padding: { top: `${toolbarClearance}px`, x: '24px', bottom: '24px' } as const }),
    [firstView, toolbarClearance],
  );
  // Entering or leaving focus mode, or opening or closing every box, redraws a different graph: bring it
  // into view once it is laid out (an edit or a single box opened leaves the view where the user put it).
  const [fitRequest, setFitRequest] = useState(0);
  const fitted = useRef({ only, fitRequest });
  useEffect(() => {
    if ((fitted.current.only === only && fitted.current.fitRequest === fitRequest) || pending || !layout) return;
    fitted.current = { only, fitRequest };
    const minZoom = drawnBoxes(layout) > WHOLE_VIEW_MAX_BOXES ? LARGE_VIEW_MIN_ZOOM : initialFit.minZoom;
    const frame = requestAnimationFrame(() => void fitView({ ...initialFit, minZoom, nodes: undefined, duration: 300 }));
    return () => cancelAnimationFrame(frame);
  }, [only, fitRequest, pending, layout, fitView, initialFit]);

  // While the view moves its layer is handed to the compositor (graph.css, .is-moving), which then shifts
  // the pixels it has instead of painting the SVG again each frame; when it stops it is painted afresh at
  // the new scale, so text stays sharp.
  const wrapper = useRef<HTMLDivElement | null>(null);
  // React Flow's label layer is rendered inside the wrapper, so it is there once the wrapper's ref is set.
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  const wrapperRef = useCallback((element: HTMLDivElement | null) => {
    wrapper.current = element;
    setLabelLayer(element?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
  }, []);
  const onMoveStart = useCallback(() => wrapper.current?.classList.add('is-moving'), []);
  const onMoveEnd = useCallback(() => wrapper.current?.classList.remove('is-moving'), []);

  // A box reached with Tab must not sit under the minimap, the zoom buttons or the toolbar: bring it to the middle.
  const onFocusInside = useCallback(
    (event: React.FocusEvent<HTMLDivElement>) => {
      const element = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      const id = element?.dataset.id;
      if (!element || id === undefined || !layout) return;
      const covers = [...event.currentTarget.querySelectorAll('.react-flow__minimap, .react-flow__controls, .graph-toolbar')];
      // After React Flow's own pan to the focused node, which knows nothing of what covers the pane.
      requestAnimationFrame(() => {
        const rect = element.getBoundingClientRect();
        const hidden = covers.some((cover) => {
          const c = cover.getBoundingClientRect();
          return rect.left < c.right && c.left < rect.right && rect.top < c.bottom && c.top < rect.bottom;
        });
        const box = layout.boxes[id];
        if (hidden && box) void setCenter(box.absX + Math.min(box.width, 600) / 2, box.absY + Math.min(box.height, 44) / 2, { zoom: getZoom(), duration: 0 });
      });
    },
    [layout, setCenter, getZoom],
  );

  const [legendOpen, setLegendOpen] = useState(false);
  const containers = useMemo(() => boxes.filter((node) => node.container).map((node) => node.id), [boxes]);
  const canFocus = highlight?.dim === true || selection?.kind === 'entity';
  const drawn = nodes.length;

  return (
    <GraphActionsContext.Provider value={actions}>
      <EdgeLabelLayerContext.Provider value={labelLayer}>
      <div className="relative h-full w-full" onFocus={onFocusInside} data-graph-model={modelNumber(model)}>
        <GraphToolbar
          ref={toolbarRef}
          lens={lens}
          onLens={setLens}
          nodes={model.nodes}
          onFind={onFind}
          focusMode={focusMode}
          canFocus={canFocus}
          onFocusMode={setFocusMode}
          canOpenAll={collapsedIds.length > 0}
          canCloseAll={containers.length > 0 && collapsedIds.length !== containers.length}
          onOpenAll={() => {
            setCollapsed([]);
            setFitRequest((n) => n + 1);
          }}
          onCloseAll={() => {
            setCollapsed(containers);
            setFitRequest((n) => n + 1);
          }}
          layers={layers}
          onLayer={setEdgeLayer}
          legendOpen={legendOpen}
          onLegend={setLegendOpen}
          legend={
            <Suspense fallback={<p className="text-xs text-slate-500 dark:text-slate-400">Loading the legend…</p>}>
              <GraphLegend comparing={changes !== undefined} />
            </Suspense>
          }
          status={
            <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite" data-testid="graph-status">
              {drawn} of {boxes.length} boxes · {edges.length} links · {LENS_LABELS[lens]}
              {lens === 'paths' && highlight === undefined ? ' (select a path, a finding or a box)' : ''}
              {lens === 'reach' && resource === undefined ? ' (select a resource)' : ''}
              {focusMode && only ? ' · focus' : ''}
              {comparing === 'pending' ? ' · comparing…' : ''}
              {comparing === 'ready' ? ' · comparing: the after estate, with what it removed drawn dashed' : ''}
              {pending || routing ? ' · laying out…' : ''}
              {model.unplacedAssignments > 0 &&
                ` · ${model.unplacedAssignments} role assignment${model.unplacedAssignments === 1 ? '' : 's'} on scopes outside this estate`}
            </p>
          }
        />
      <ReactFlow<FlowNode, FlowEdge>
        ref={wrapperRef}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onPaneClick={onPaneClick}
        onEdgeClick={onEdgeClick}
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
        <ViewClasses />
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
      </ReactFlow>
      </div>
      </EdgeLabelLayerContext.Provider>
    </GraphActionsContext.Provider>
  );
}

