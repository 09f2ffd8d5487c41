// Profiles the page's main-thread side of a what-if edit in Node (bench/profile-edit.ts profiles the worker's):
// what the graph does once the edited estate's analysis is in, on the UI bench's edit (the identity of the
// compute a third of the way through the list, turned off and on again, with that compute selected). Prints
// the CPU time of each step, the median over the rounds after the first two: the model, the highlight, the
// Overview lens, the flow nodes and flow edges (with their reuse of unchanged objects).
//
//   node --import tsx bench/profile-graph-edit.ts [S|M] [rounds]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-graph-edit.ts M
import { analyzeTracked, reanalyze } from '../src/engine/analysis/incremental';
import { setResourceIdentity } from '../src/engine/edits';
import type { Analysis } from '../src/engine/analysis/analyze';
import type { Estate } from '../src/engine/model/types';
import { createRoleCatalog } from '../src/engine/rbac/catalog';
import { analysisDelta, applyAnalysisDelta, printAnalysis } from '../src/app/analysis/analysis-delta';
import { FlowEdgeMemo, FlowNodeMemo, keepUnchanged, toFlowEdges, toFlowNodes, type FlowEdge, type FlowNode } from '../src/app/graph/flow-elements';
import { buildGraphModel, GraphModelMemo, type GraphModel } from '../src/app/graph/graph-model';
import { highlightFor } from '../src/app/graph/highlight';
import { defaultCollapsed, layoutGraph, type GraphLayout } from '../src/app/graph/layout';
import { applyLens, LensMemo } from '../src/app/graph/lens';
import { keepUnchangedSpecs } from '../src/app/graph/use-graph-model';
import { generateEstate, type SizeName } from './generate';

const [size = 'M', roundsArg = '8'] = process.argv.slice(2);
const estate = generateEstate(size as SizeName);
const compute = estate.computes[Math.floor(estate.computes.length / 3)];
if (!compute) throw new Error(`${size} has no computes`);
const roles = createRoleCatalog(estate.roleDefinitions);
const off = setResourceIdentity(estate, { resource: compute.id, system: !compute.identity.system, userAssigned: compute.identity.userAssigned });

// The analyses as the page holds them: each one built on the last through the worker's delta, so that every
// path and finding an edit left alone is the object the page already had.
let tracked = analyzeTracked(estate);
let held: Analysis = tracked.analysis;
const analysisOf = (next: Estate): Analysis => {
  const before = printAnalysis(held)!;
  tracked = reanalyze(tracked, next);
  const printed = printAnalysis(tracked.analysis)!;
  held = applyAnalysisDelta(held, analysisDelta(before, tracked.analysis, printed));
  return held;
};

const memo = new GraphModelMemo();
const lensMemo = new LensMemo();
const keepNodes = keepUnchanged<FlowNode>();
const keepEdges = keepUnchanged<FlowEdge>();
const nodeMemo = new FlowNodeMemo();
const edgeMemo = new FlowEdgeMemo();
let lastModel: GraphModel | undefined;
const selection = { kind: 'entity', id: compute.id } as const;
let layout: GraphLayout | undefined;
let collapsed: string[] = [];

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const times = new Map<string, number[]>();
const timed = <T>(step: string, run: () => T): T => {
  const start = cpu();
  const value = run();
  const list = times.get(step) ?? [];
  list.push(cpu() - start);
  times.set(step, list);
  return value;
};

const draw = (next: Estate, analysis: Analysis) => {
  const model = timed('model', () => keepUnchangedSpecs(lastModel, buildGraphModel(next, analysis, roles, memo)));
  if (model.nodes !== lastModel?.nodes || !layout) {
    // Laid out in a worker on the page: not the main thread's time.
    if (!layout) {
      const ancestors = new Set<string>();
      const byId = new Map(model.nodes.map((node) => [node.id, node]));
      for (let parent = byId.get(compute.id)?.parent; parent !== undefined; parent = byId.get(parent)?.parent) ancestors.add(parent);
      collapsed = defaultCollapsed(model.nodes).filter((id) => !ancestors.has(id));
    }
    layout = layoutGraph(model.nodes, { collapsed });
  }
  lastModel = model;
  const highlight = timed('highlight', () => highlightFor(selection, analysis, model));
  const subjects = timed('finding subjects', () => new Set<string>(analysis.findings.flatMap((finding) => finding.subjects as readonly string[])));
  const lensModel = timed('lens', () => applyLens(model, 'overview', { findingSubjects: subjects }, lensMemo));
  const decorations = { selectedId: compute.id as string, highlight };
  timed('flow nodes', () => keepNodes(toFlowNodes(model, layout!, new Set(collapsed), decorations, nodeMemo)));
  timed('flow edges', () => keepEdges(toFlowEdges(lensModel, layout!, { layers: { structure: true, members: false, roles: true, paths: true }, decorations, focused: false }, edgeMemo)));
};

draw(estate, held);
const rounds = Number(roundsArg);
for (let round = 0; round < rounds; round++) {
  for (const next of [off, estate]) {
    const analysis = analysisOf(next);
    const start = cpu();
    draw(next, analysis);
    const list = times.get('total') ?? [];
    list.push(cpu() - start);
    times.set('total', list);
  }
}
const median = (values: number[]) => {
  const sorted = values.slice(2).sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
};
console.log(`${size}: ${compute.name} identity toggled, ${lastModel?.nodes.length} boxes, ${lastModel?.edges.length} edges; CPU ms, median of ${rounds * 2 - 2} edits`);
for (const [step, values] of times) console.log(`  ${step.padEnd(18)} ${median(values).toFixed(1).padStart(7)}  (least ${Math.min(...values.slice(2)).toFixed(1)})`);
