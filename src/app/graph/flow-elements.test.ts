import { describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analysis/analyze';
import { buildGraphModel } from './graph-model';
import { FlowEdgeMemo, FlowNodeMemo, keepUnchanged, reuseUnchanged, toFlowEdges, toFlowNodes, withRoutes, type FlowNode } from './flow-elements';
import { highlightFor } from './highlight';
import { layoutGraph } from './layout';
import { starterEstate } from '../testing/estates';
import { createRoleCatalog } from '../../engine/rbac/catalog';

const estate = starterEstate();
const analysis = analyze(estate);
const model = buildGraphModel(estate, analysis, createRoleCatalog(estate.roleDefinitions));
const idOf = (name: string) => model.nodes.find((n) => n.name === name)!.id;
const ALL = { structure: true, roles: true, members: true, paths: true };

describe('toFlowNodes', () => {
  const layout = layoutGraph(model.nodes);
  const nodes = toFlowNodes(model, layout, new Set(), {});

  it('lists parents before their children, with positions relative to the parent', () => {
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    for (const node of nodes) {
      if (node.parentId === undefined) continue;
      expect(index.get(node.parentId)!, node.id).toBeLessThan(index.get(node.id)!);
      expect(node.position).toEqual({ x: layout.boxes[node.id]!.x, y: layout.boxes[node.id]!.y });
    }
    expect(nodes.find((n) => n.id === idOf('ws-churn'))?.type).toBe('container');
    expect(nodes.find((n) => n.id === idOf('cpu-cluster'))?.type).toBe('entity');
  });

  it('gives every node its handles, so edges need no DOM measurement', () => {
    for (const node of nodes) expect(node.handles?.map((h) => h.type)).toEqual(['target', 'source']);
  });

  it('leaves out what a closed container hides', () => {
    const ws = idOf('ws-churn');
    const closed = toFlowNodes(model, layoutGraph(model.nodes, { collapsed: [ws] }), new Set([ws]), {});
    expect(closed.some((n) => n.id === idOf('cpu-cluster'))).toBe(false);
    expect(closed.find((n) => n.id === ws)).toMatchObject({ data: { collapsed: true }, ariaLabel: expect.stringContaining('closed') });
  });
});

describe('toFlowEdges', () => {
  const layout = layoutGraph(model.nodes);

  it('carries the path status as a class and the status colour', () => {
    const edges = toFlowEdges(model, layout, { layers: ALL, decorations: {}, focused: false });
    const missing = edges.find((e) => e.source === idOf('cpu-cluster') && e.target === idOf('acrchurnprod'));
    expect(missing?.className).toContain('status-missing');
    expect(missing?.style?.stroke).toBe('var(--color-red-600)');
    expect(missing?.label).toBe('pulls images');
    // Nothing selected, nothing compared: the label has no marks of its own.
    expect(missing?.data?.labelClass).toBeUndefined();
  });

  it('hides layers that are switched off', () => {
    const edges = toFlowEdges(model, layout, { layers: { ...ALL, roles: false, paths: false }, decorations: {}, focused: false });
    expect(edges.some((e) => e.data?.spec.relation === 'roleAssignment' || e.data?.spec.relation === 'accessPath')).toBe(false);
    expect(edges.some((e) => e.data?.spec.relation === 'hasIdentity')).toBe(true);
  });

  it('sends edges into a closed container to the container, merging those that meet', () => {
    const rg = idOf('rg-ml-prod');
    const closed = layoutGraph(model.nodes, { collapsed: [rg] });
    const edges = toFlowEdges(model, closed, { layers: ALL, decorations: {}, focused: false });
    const drawn = new Set(Object.keys(closed.boxes).filter((id) => !closed.hidden.includes(id)));
    for (const edge of edges) {
      expect(drawn.has(edge.source), edge.id).toBe(true);
      expect(drawn.has(edge.target), edge.id).toBe(true);
    }
    const merged = edges.find((e) => e.source === idOf('ml-team') && e.target === rg && e.data?.spec.relation === 'roleAssignment');
    // Reader on the group itself and AzureML Data Scientist on the workspace inside it: one edge, counted.
    expect(merged?.data?.count).toBe(2);
    expect(merged?.label).toBe('2 role assignments');
    expect(edges.filter((e) => e.source === idOf('ml-team') && e.target === rg && e.data?.spec.relation === 'roleAssignment')).toHaveLength(1);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('draws two roles one principal holds on one scope as one edge naming both', () => {
    const edges = toFlowEdges(model, layout, { layers: ALL, decorations: {}, focused: false });
    const bob = edges.filter((e) => e.source === idOf('bob') && e.target === idOf('ws-churn') && e.data?.spec.relation === 'roleAssignment');
    expect(bob.map((e) => e.label)).toEqual(['AzureML Compute Operator + Azure Machine Learning Workspace Connection Secrets Reader']);
    expect(bob[0]?.ariaLabel).toContain('; ');
  });

  it('lights up the selected path and dims the rest', () => {
    const path = analysis.paths.find((p) => p.status === 'missing' && p.kind === 'compute-image-pull' && p.actor === idOf('cpu-cluster'))!;
    const highlight = highlightFor({ kind: 'path', id: path.id }, analysis, model)!;
    expect(highlight.dim).toBe(true);
    expect([...highlight.nodes]).toEqual(expect.arrayContaining([idOf('cpu-cluster'), idOf('acrchurnprod'), idOf('uai-train')]));
    const edges = toFlowEdges(model, layout, { layers: ALL, decorations: { highlight }, focused: false });
    const lit = edges.filter((e) => e.className?.includes('is-highlighted'));
    expect(lit.map((e) => `${e.source}->${e.target}`)).toEqual(
      expect.arrayContaining([`${idOf('cpu-cluster')}->${idOf('acrchurnprod')}`, `${idOf('cpu-cluster')}->${idOf('uai-train')}`]),
    );
    expect(edges.filter((e) => e.className?.includes('is-dimmed')).length).toBeGreaterThan(10);
    // The HTML label is drawn outside the edge's element, so it carries the same marks itself.
    const litPull = edges.find((e) => e.source === idOf('cpu-cluster') && e.target === idOf('acrchurnprod'));
    expect(litPull?.data?.labelClass).toBe('is-highlighted');
    expect(edges.find((e) => e.className?.includes('is-dimmed'))?.data?.labelClass).toBe('is-dimmed');
    const nodes = toFlowNodes(model, layout, new Set(), { highlight });
    expect(nodes.find((n) => n.id === idOf('alice'))?.className).toBe('is-dimmed');
    expect(nodes.find((n) => n.id === idOf('uai-train'))?.className).toBe('is-highlighted');
  });

  it('highlights the role assignments that grant a granted path, and a finding brings its subjects', () => {
    const granted = analysis.paths.find((p) => p.status === 'granted' && p.kind === 'job-datastore')!;
    const highlight = highlightFor({ kind: 'path', id: granted.id }, analysis, model)!;
    const roleEdges = model.edges.filter((e) => e.relation === 'roleAssignment' && highlight.edges.has(e.id));
    expect(roleEdges.length).toBeGreaterThan(0);

    const finding = analysis.findings.find((f) => f.severity === 'error')!;
    const forFinding = highlightFor({ kind: 'finding', id: finding.id }, analysis, model)!;
    for (const subject of finding.subjects) expect(forFinding.nodes.has(subject)).toBe(true);
  });

  it('lights up only the edges of a selected entity, without dimming', () => {
    const highlight = highlightFor({ kind: 'entity', id: idOf('uai-train') as never }, analysis, model)!;
    expect(highlight.dim).toBe(false);
    expect([...highlight.edges].every((id) => {
      const edge = model.edges.find((e) => e.id === id)!;
      return edge.source === idOf('uai-train') || edge.target === idOf('uai-train');
    })).toBe(true);
  });

  it('drops, rather than redirects, edges to nodes outside the focus', () => {
    const only = [idOf('cpu-cluster'), idOf('acrchurnprod')];
    const focus = layoutGraph(model.nodes, { only });
    const edges = toFlowEdges(model, focus, { layers: ALL, decorations: {}, focused: true });
    // The workspace around the cluster is drawn too, so its own edge to the registry stays.
    expect(edges.map((e) => [e.source, e.target])).toEqual(
      expect.arrayContaining([[idOf('cpu-cluster'), idOf('acrchurnprod')], [idOf('ws-churn'), idOf('acrchurnprod')]]),
    );
    const drawn = new Set(Object.keys(focus.boxes));
    for (const edge of edges) expect(drawn.has(edge.source) && drawn.has(edge.target)).toBe(true);
  });
});

describe('reuseUnchanged', () => {
  const layout = layoutGraph(model.nodes);
  // A fresh analysis of the same estate: every spec is a new object with the same content.
  const again = buildGraphModel(estate, analyze(estate), createRoleCatalog(estate.roleDefinitions));

  it('keeps the objects, and the array, when a rebuilt model draws the same', () => {
    const first = toFlowEdges(model, layout, { layers: ALL, decorations: {}, focused: false });
    const second = toFlowEdges(again, layout, { layers: ALL, decorations: {}, focused: false });
    expect(second[0]).not.toBe(first[0]);
    expect(reuseUnchanged(first, second)).toBe(first);
    const keep = keepUnchanged<ReturnType<typeof toFlowNodes>[number]>();
    const nodes = keep(toFlowNodes(model, layout, new Set(), {}));
    expect(keep(toFlowNodes(again, layout, new Set(), {}))).toBe(nodes);
  });

  it('gives a new object only to what changed', () => {
    const first = toFlowNodes(model, layout, new Set(), {});
    const selected = toFlowNodes(again, layout, new Set(), { selectedId: idOf('uai-train') });
    const kept = reuseUnchanged(first, selected);
    expect(kept).not.toBe(first);
    const changed = kept.filter((node, i) => node !== first[i]);
    expect(changed.map((node) => node.id)).toEqual([idOf('uai-train')]);
    expect(changed[0]?.selected).toBe(true);
  });

  it('sees a change deep inside an edge, and treats a key holding undefined as absent', () => {
    const first = toFlowEdges(model, layout, { layers: ALL, decorations: {}, focused: false });
    const withPaths = first.findIndex((edge) => (edge.data?.spec.pathIds?.length ?? 0) > 0);
    expect(withPaths).toBeGreaterThanOrEqual(0);
    const target = first[withPaths]!;
    const spec = target.data!.spec;
    const moved = first.map((edge, i) =>
      i === withPaths ? { ...edge, data: { ...edge.data!, spec: { ...spec, pathIds: [...spec.pathIds!.slice(1), 'other'] } } } : edge,
    );
    const kept = reuseUnchanged(first, moved);
    expect(kept[withPaths]).not.toBe(target);
    expect(kept.filter((edge, i) => edge !== first[i])).toHaveLength(1);
    const padded = first.map((edge) => ({ ...edge, label: edge.label ?? undefined }));
    expect(reuseUnchanged(first, padded)).toBe(first);
  });
});

describe('the flow node and edge memos', () => {
  const layout = layoutGraph(model.nodes);
  const uai = idOf('uai-train');
  const ws = idOf('ws-churn');

  it('gives last time’s node objects while their inputs are the same, and what a build without memo gives', () => {
    const memo = new FlowNodeMemo();
    const first = toFlowNodes(model, layout, new Set(), {}, memo);
    const again = toFlowNodes(model, layoutGraph(model.nodes), new Set(), {}, memo);
    // A layout computed again has new box objects with the same places: every node is kept.
    expect(again.every((node, i) => node === first[i])).toBe(true);
    expect(again).toEqual(toFlowNodes(model, layout, new Set(), {}));
  });

  it('builds again a node whose selection, marks, box, container state or spec changed, and only that node', () => {
    const memo = new FlowNodeMemo();
    const first = toFlowNodes(model, layout, new Set(), {}, memo);
    const byId = (nodes: readonly FlowNode[]) => new Map(nodes.map((node) => [node.id, node]));
    const changedIds = (nodes: readonly FlowNode[], before: readonly FlowNode[]) => {
      const old = byId(before);
      return nodes.filter((node) => node !== old.get(node.id)).map((node) => node.id);
    };

    const selected = toFlowNodes(model, layout, new Set(), { selectedId: uai }, memo);
    expect(changedIds(selected, first)).toEqual([uai]);
    expect(selected).toEqual(toFlowNodes(model, layout, new Set(), { selectedId: uai }));

    const found = toFlowNodes(model, layout, new Set(), { selectedId: uai, found: uai }, memo);
    expect(found.find((node) => node.id === uai)?.className).toContain('is-found');

    const closedLayout = layoutGraph(model.nodes, { collapsed: [ws] });
    const closed = toFlowNodes(model, closedLayout, new Set([ws]), {}, memo);
    expect(closed).toEqual(toFlowNodes(model, closedLayout, new Set([ws]), {}));
    expect(closed.find((node) => node.id === ws)?.data).toMatchObject({ collapsed: true });

    // A spec the model built again (a renamed box) is a new node, named anew.
    const renamed = { ...model, nodes: model.nodes.map((node) => (node.id === uai ? { ...node, name: 'uai-renamed' } : node)) };
    const afterRename = toFlowNodes(renamed, closedLayout, new Set([ws]), {}, memo);
    expect(afterRename).toEqual(toFlowNodes(renamed, closedLayout, new Set([ws]), {}));
  });

  it('gives last time’s edge objects while their inputs are the same, and builds again those a highlight changes', () => {
    const memo = new FlowEdgeMemo();
    const options = { layers: ALL, decorations: {}, focused: false };
    const first = toFlowEdges(model, layout, options, memo);
    const again = toFlowEdges(model, layout, options, memo);
    expect(again.every((edge, i) => edge === first[i])).toBe(true);

    const highlight = highlightFor({ kind: 'entity', id: uai as never }, analysis, model);
    const lit = { ...options, decorations: { selectedId: uai, highlight } };
    const selected = toFlowEdges(model, layout, lit, memo);
    expect(selected).toEqual(toFlowEdges(model, layout, lit));
    const old = new Map(first.map((edge) => [edge.id, edge]));
    const rebuilt = selected.filter((edge) => edge !== old.get(edge.id));
    expect(rebuilt.length).toBeGreaterThan(0);
    expect(rebuilt.every((edge) => edge.source === uai || edge.target === uai)).toBe(true);
    expect(rebuilt.every((edge) => edge.className?.includes('is-highlighted'))).toBe(true);
  });

  it('gives an edge its route, keeping the object while edge and route are the same ones', () => {
    const memo = new FlowEdgeMemo();
    const edges = toFlowEdges(model, layout, { layers: ALL, decorations: {}, focused: false });
    const [edge] = edges;
    if (!edge) throw new Error('the starter estate has edges');
    const route = { points: [{ x: 0, y: 0 }, { x: 10, y: 0 }] };
    const first = withRoutes(edges, { [edge.id]: route }, memo);
    expect(first[0]?.data?.route).toBe(route);
    expect(first.slice(1)).toEqual(edges.slice(1));
    expect(withRoutes(edges, { [edge.id]: route }, memo)[0]).toBe(first[0]);
    // A new route (the edge was routed again) is drawn, not last time's.
    const moved = { points: [{ x: 0, y: 0 }, { x: 20, y: 5 }] };
    expect(withRoutes(edges, { [edge.id]: moved }, memo)[0]?.data?.route).toBe(moved);
  });
});
