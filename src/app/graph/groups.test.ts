import { describe, expect, it } from 'vitest';
import type { VisualKind } from './entity-kinds';
import type { GraphNodeSpec } from './graph-model';
import { GROUP_MIN_BOXES, GROUPED_ESTATE_MIN_BOXES, groupLargeSets, groupName, groupNodeId, openAround, openGroupsAround, pluralLabel } from './groups';
import { toFlowEdges, toFlowNodes } from './flow-elements';
import { defaultCollapsed, layoutGraph } from './layout';
import { buildGraphModel } from './graph-model';
import { starterEstate } from '../testing/estates';

// A workspace in a resource group, as graph-model.ts draws them: sets of things by kind, some with what hangs
// under them (an identity under its cluster, deployments under their endpoint).
const WS = 'ws';
function leaf(id: string, visual: VisualKind, extra: Partial<GraphNodeSpec> = {}): GraphNodeSpec {
  return { id, visual, name: id, container: false, parent: WS, column: 1, order: `${visual}|${id}`, ...extra };
}
function estateOf(sets: Partial<Record<VisualKind, number>>, options: { identities?: boolean; deployments?: number } = {}): GraphNodeSpec[] {
  const nodes: GraphNodeSpec[] = [
    { id: 'rg', visual: 'resourceGroup', name: 'rg', container: true, column: 1, order: 'rg' },
    { id: WS, visual: 'workspace', name: 'ws', container: true, parent: 'rg', column: 0, order: 'ws', reservesIdentity: true },
    leaf(`${WS}/identity`, 'systemAssignedIdentity', { attachedTo: WS, column: 2 }),
  ];
  for (const [visual, count] of Object.entries(sets) as [VisualKind, number][])
    for (let i = 0; i < count; i++) {
      const id = `${visual}-${String(i).padStart(3, '0')}`;
      nodes.push(leaf(id, visual, visual === 'computeCluster' ? { reservesIdentity: true } : {}));
      if (options.identities && visual === 'computeCluster') nodes.push(leaf(`${id}/identity`, 'systemAssignedIdentity', { attachedTo: id, small: true }));
      if (visual === 'onlineEndpoint')
        for (let d = 0; d < (options.deployments ?? 0); d++) nodes.push(leaf(`${id}/d${d}`, 'onlineDeployment', { attachedTo: id, small: true }));
    }
  return nodes;
}
function large(sets: Partial<Record<VisualKind, number>>, options?: { identities?: boolean; deployments?: number }): GraphNodeSpec[] {
  const nodes = estateOf(sets, options);
  // Made a large estate with empty resource groups (containers are never grouped), as many whatever the sets.
  for (let i = 0; i <= GROUPED_ESTATE_MIN_BOXES; i++)
    nodes.push({ id: `rg-${i}`, visual: 'resourceGroup', name: `rg-${i}`, container: true, column: 1, order: `rg|${i}` });
  return nodes;
}
const parentOf = (nodes: readonly GraphNodeSpec[], id: string) => nodes.find((node) => node.id === id)?.parent;

describe('groupLargeSets', () => {
  it('leaves a small estate as it is, every box by name', () => {
    const nodes = buildGraphModel(starterEstate()).nodes;
    expect(groupLargeSets(nodes)).toBe(nodes);
    const small = estateOf({ computeCluster: 12 });
    expect(small.length).toBeLessThanOrEqual(GROUPED_ESTATE_MIN_BOXES);
    expect(groupLargeSets(small)).toBe(small);
  });

  it('puts a large set of one kind in a summary box in its place, and leaves smaller sets alone', () => {
    const nodes = large({ computeCluster: 11, datastore: GROUP_MIN_BOXES - 1 });
    const grouped = groupLargeSets(nodes);
    const id = groupNodeId(WS, 'computeCluster');
    expect(grouped.find((node) => node.id === id)).toEqual({
      id,
      visual: 'computeCluster',
      name: '11 clusters',
      container: true,
      parent: WS,
      column: 1,
      order: 'computeCluster|computeCluster-000',
      group: 11,
    });
    expect(grouped.filter((node) => node.parent === id)).toHaveLength(11);
    expect(grouped.filter((node) => node.visual === 'datastore').every((node) => node.parent === WS)).toBe(true);
    expect(grouped.filter((node) => node.group !== undefined)).toHaveLength(1);
    // The workspace's own identity stays in its slot in the workspace.
    expect(parentOf(grouped, `${WS}/identity`)).toBe(WS);
  });

  it('moves what hangs under a member with it, and counts it towards the set', () => {
    // Three endpoints are three things, but with three deployments each they take twelve boxes.
    const grouped = groupLargeSets(large({ onlineEndpoint: 3 }, { deployments: 3 }));
    const id = groupNodeId(WS, 'onlineEndpoint');
    expect(grouped.find((node) => node.id === id)?.name).toBe('3 endpoints');
    expect(parentOf(grouped, 'onlineEndpoint-001/d2')).toBe(id);
    // One endpoint stays itself, however many deployments it has.
    expect(groupLargeSets(large({ onlineEndpoint: 1 }, { deployments: 9 })).some((node) => node.group !== undefined)).toBe(false);
  });

  it('does not group a set because its system identities are turned on (their slots are kept anyway)', () => {
    const without = large({ computeCluster: GROUP_MIN_BOXES - 1 });
    const withIdentities = large({ computeCluster: GROUP_MIN_BOXES - 1 }, { identities: true });
    expect(groupLargeSets(without).some((node) => node.group !== undefined)).toBe(false);
    expect(groupLargeSets(withIdentities).some((node) => node.group !== undefined)).toBe(false);
    // A set that is grouped takes its members' identities with them.
    const grouped = groupLargeSets(large({ computeCluster: GROUP_MIN_BOXES }, { identities: true }));
    expect(parentOf(grouped, 'computeCluster-003/identity')).toBe(groupNodeId(WS, 'computeCluster'));
  });

  it("moves nothing when a member's system identity is turned on, whether its summary box is closed or open", () => {
    const before = groupLargeSets(large({ computeCluster: 11, job: 9 }));
    const after = groupLargeSets(large({ computeCluster: 11, job: 9 }, { identities: true }));
    for (const collapsed of [defaultCollapsed(before), []]) {
      const was = layoutGraph(before, { collapsed });
      const is = layoutGraph(after, { collapsed });
      for (const [id, box] of Object.entries(was.boxes)) expect(is.boxes[id], id).toEqual(box);
    }
  });

  it('is deterministic, whatever the order of the input', () => {
    const nodes = large({ computeCluster: 9, job: 10 }, { identities: true });
    const byId = (list: readonly GraphNodeSpec[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(groupLargeSets([...nodes].reverse()))).toEqual(byId(groupLargeSets(nodes)));
  });

  it('lays out a closed summary box in the place of its set, and its members inside it once opened', () => {
    const grouped = groupLargeSets(large({ computeCluster: 11, datastore: 3 }, { identities: true }));
    const id = groupNodeId(WS, 'computeCluster');
    expect(defaultCollapsed(grouped)).toEqual([id]);
    const closed = layoutGraph(grouped, { collapsed: [id] });
    expect(closed.hidden).toContain('computeCluster-004');
    expect(closed.descendants[id]).toBe(22);
    const open = layoutGraph(grouped);
    const box = open.boxes[id]!;
    for (const node of grouped.filter((n) => n.parent === id)) {
      const member = open.boxes[node.id]!;
      expect(member.absX).toBeGreaterThan(box.absX);
      expect(member.absY).toBeGreaterThan(box.absY);
      expect(member.absX + member.width).toBeLessThan(box.absX + box.width);
      expect(member.absY + member.height).toBeLessThan(box.absY + box.height);
    }
  });
});

describe('a summary box on the graph', () => {
  const grouped = groupLargeSets(large({ computeCluster: 11 }));
  const id = groupNodeId(WS, 'computeCluster');
  const closed = new Set([id]);
  const layout = layoutGraph(grouped, { collapsed: [id] });
  // Three clusters use the workspace's storage account: drawn closed, one edge from the box, with a count.
  const edges = ['computeCluster-001', 'computeCluster-004', 'computeCluster-007'].map((source) => ({
    id: `${source}->st`, source, target: 'rg-0', relation: 'dependsOn' as const, ariaLabel: `${source} uses rg-0`,
  }));
  const model = { nodes: grouped, edges, unplacedAssignments: 0 };
  const layers = { structure: true, members: true, roles: true, paths: true };

  it('is named by its count and kind, for a screen reader too', () => {
    const node = toFlowNodes(model, layout, closed, {}).find((n) => n.id === id);
    expect(node?.ariaLabel).toBe('11 clusters, a group of compute clusters, closed');
    expect(toFlowNodes(model, layoutGraph(grouped), new Set(), {}).find((n) => n.id === id)?.ariaLabel).toBe('11 clusters, a group of compute clusters');
  });

  it('takes the edges of its members while closed, merged with a count, and gives them back when opened', () => {
    expect(toFlowEdges(model, layout, { layers, decorations: {}, focused: false }).map((e) => [e.source, e.target, e.data?.count])).toEqual([[id, 'rg-0', 3]]);
    const open = toFlowEdges(model, layoutGraph(grouped), { layers, decorations: {}, focused: false });
    expect(open.map((e) => e.source).sort()).toEqual(['computeCluster-001', 'computeCluster-004', 'computeCluster-007']);
  });
});

describe('openGroupsAround', () => {
  const grouped = groupLargeSets(large({ computeCluster: 11, job: 9 }));
  const specs = new Map(grouped.map((node) => [node.id, node]));
  const clusters = groupNodeId(WS, 'computeCluster');
  const jobs = groupNodeId(WS, 'job');
  const closed = [clusters, jobs, WS];

  it('opens the summary boxes around what focus mode shows, and only those', () => {
    expect(openGroupsAround(closed, ['computeCluster-002'], specs)).toEqual([jobs, WS]);
  });

  it('leaves the closed set as it is (the same array) outside focus mode or when no focused thing is in a box', () => {
    expect(openGroupsAround(closed, undefined, specs)).toBe(closed);
    expect(openGroupsAround(closed, [`${WS}/identity`], specs)).toBe(closed);
  });
});

describe('openAround (what search, a selection and a tour step open)', () => {
  // The resource group of the workspace closed too, as on an estate of more than 300 boxes (defaultCollapsed).
  const grouped = groupLargeSets(large({ computeCluster: 11, job: 9 }));
  const specs = new Map(grouped.map((node) => [node.id, node]));
  const clusters = groupNodeId(WS, 'computeCluster');
  const jobs = groupNodeId(WS, 'job');
  const closed = [clusters, jobs, 'rg', 'rg-3'];

  it('opens every box that hides a thing, summary box and resource group alike, and no other', () => {
    expect(openAround(closed, ['computeCluster-002'], specs)).toEqual([jobs, 'rg-3']);
    // A finding with two subjects in two summary boxes opens both.
    expect(openAround(closed, ['computeCluster-002', 'job-004'], specs)).toEqual(['rg-3']);
    // A thing in a closed resource group, in no summary box: its resource group alone.
    expect(openAround(closed, [`${WS}/identity`], specs)).toEqual([clusters, jobs, 'rg-3']);
  });

  it('leaves the closed set as it is (the same array) when nothing hides the things, or they are not drawn', () => {
    const open = [clusters, jobs];
    expect(openAround(open, [`${WS}/identity`, 'rg-3'], specs)).toBe(open);
    expect(openAround(closed, ['not-in-the-graph'], specs)).toBe(closed);
    expect(openAround(closed, [], specs)).toBe(closed);
  });

  it('draws a hidden thing inside its opened box and keeps the other boxes closed; moves nothing when it is drawn already', () => {
    const before = layoutGraph(grouped, { collapsed: [clusters, jobs] });
    const after = layoutGraph(grouped, { collapsed: [...openAround([clusters, jobs], ['computeCluster-002'], specs)] });
    expect(before.hidden).toContain('computeCluster-002');
    expect(after.hidden).not.toContain('computeCluster-002');
    expect(after.hidden).toContain('job-004');
    const box = after.boxes[clusters]!;
    const member = after.boxes['computeCluster-002']!;
    expect(member.absX).toBeGreaterThan(box.absX);
    expect(member.absY).toBeGreaterThan(box.absY);
    expect(member.absX + member.width).toBeLessThan(box.absX + box.width);
    // Selecting something drawn already (the workspace's identity, the jobs box itself) opens nothing: the
    // graph keeps its closed set, so it is not laid out again and no box moves.
    const shown = openAround([clusters, jobs], [`${WS}/identity`, jobs], specs);
    expect(layoutGraph(grouped, { collapsed: [...shown] })).toEqual(before);
  });
});

describe('group names', () => {
  it('say how many, and of what, in the plural', () => {
    expect(groupName('computeCluster', 11)).toBe('11 clusters');
    expect(groupName('user', 44)).toBe('44 users');
    expect(groupName('userAssignedIdentity', 9)).toBe('9 user-assigned identities');
    expect(groupName('storageAccount', 8)).toBe('8 storage accounts');
    expect(groupName('aksCluster', 8)).toBe('8 AKS clusters');
    expect(groupName('applicationInsights', 8)).toBe('8 Application Insights resources');
    expect(pluralLabel('computeCluster')).toBe('Compute clusters');
  });
});
