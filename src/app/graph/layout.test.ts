import { describe, expect, it } from 'vitest';
import { setResourceIdentity, addRoleAssignment } from '../../engine/edits';
import { systemIdentityId, type EntityId, type RoleId } from '../../engine/model/ids';
import { buildGraphModel } from './graph-model';
import { defaultCollapsed, HEADER_HEIGHT, layoutGraph, type NodeBox } from './layout';
import { starterEstate } from '../testing/estates';

const estate = starterEstate();
const model = buildGraphModel(estate);
const idOf = (name: string) => model.nodes.find((n) => n.name === name)!.id as EntityId;

function overlaps(a: NodeBox, b: NodeBox): boolean {
  return a.absX < b.absX + b.width && b.absX < a.absX + a.width && a.absY < b.absY + b.height && b.absY < a.absY + a.height;
}

describe('layoutGraph', () => {
  const layout = layoutGraph(model.nodes);

  it('places every node, children inside their container, siblings without overlap', () => {
    expect(Object.keys(layout.boxes).sort()).toEqual(model.nodes.map((n) => n.id).sort());
    expect(layout.hidden).toEqual([]);
    for (const node of model.nodes) {
      const box = layout.boxes[node.id]!;
      if (node.parent === undefined) continue;
      const parent = layout.boxes[node.parent]!;
      expect(box.absX, node.name).toBeGreaterThanOrEqual(parent.absX);
      expect(box.absY, node.name).toBeGreaterThanOrEqual(parent.absY + HEADER_HEIGHT);
      expect(box.absX + box.width, node.name).toBeLessThanOrEqual(parent.absX + parent.width);
      expect(box.absY + box.height, node.name).toBeLessThanOrEqual(parent.absY + parent.height);
      expect(box.absX - parent.absX).toBe(box.x);
    }
    for (const a of model.nodes)
      for (const b of model.nodes)
        if (a.id < b.id && a.parent === b.parent) expect(overlaps(layout.boxes[a.id]!, layout.boxes[b.id]!), `${a.name} / ${b.name}`).toBe(false);
  });

  it('puts people and apps on the left of everything else', () => {
    const band = layout.boxes['#principals']!;
    const topLevel = model.nodes.filter((n) => n.parent === undefined && n.id !== '#principals');
    for (const node of topLevel) expect(layout.boxes[node.id]!.absX).toBeGreaterThan(band.absX + band.width);
  });

  it('is deterministic, whatever the order of the input', () => {
    expect(layoutGraph(model.nodes)).toEqual(layout);
    expect(layoutGraph([...model.nodes].reverse())).toEqual(layout);
  });

  it('keeps every other node in place when a system identity is turned on or off', () => {
    const cpu = idOf('cpu-cluster');
    const on = buildGraphModel(setResourceIdentity(estate, { resource: cpu, system: true, userAssigned: [idOf('uai-train')] }));
    const after = layoutGraph(on.nodes);
    expect(after.boxes[systemIdentityId(cpu)]).toBeDefined();
    for (const [id, box] of Object.entries(layout.boxes)) expect(after.boxes[id], id).toEqual(box);

    const ws = idOf('ws-churn');
    const off = buildGraphModel(setResourceIdentity(estate, { resource: ws, system: false, userAssigned: [] }));
    const without = layoutGraph(off.nodes);
    expect(without.boxes[systemIdentityId(ws)]).toBeUndefined();
    for (const [id, box] of Object.entries(without.boxes)) expect(box, id).toEqual(layout.boxes[id]);
  });

  it('does not move anything when a role assignment is added', () => {
    const next = addRoleAssignment(estate, {
      principal: idOf('uai-train'),
      role: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId,
      scope: idOf('acrchurnprod'),
    });
    expect(layoutGraph(buildGraphModel(next).nodes)).toEqual(layout);
  });

  it('closes a container: its contents are hidden and it shrinks to its header', () => {
    const ws = idOf('ws-churn');
    const closed = layoutGraph(model.nodes, { collapsed: [ws] });
    expect(closed.boxes[ws]!.height).toBe(HEADER_HEIGHT);
    expect(closed.hidden).toContain(idOf('cpu-cluster'));
    expect(closed.hidden).toContain(systemIdentityId(ws));
    expect(closed.descendants[ws]).toBeGreaterThan(10);
    expect(closed.boxes[idOf('alice')]).toEqual(layout.boxes[idOf('alice')]);
  });

  it('lays out only the focused nodes and their containers in focus mode', () => {
    const focus = layoutGraph(model.nodes, { only: [idOf('cpu-cluster'), idOf('acrchurnprod')] });
    const drawn = Object.keys(focus.boxes);
    expect(drawn.sort()).toEqual(
      [idOf('cpu-cluster'), idOf('acrchurnprod'), idOf('ws-churn'), idOf('rg-ml-prod'), idOf('ml-prod'), idOf('contoso-ml')].sort(),
    );
    expect(focus.hidden).toContain(idOf('alice'));
  });

  it('closes large containers by default only for large estates', () => {
    expect(defaultCollapsed(model.nodes)).toEqual([]);
    expect(defaultCollapsed(model.nodes, 10)).toEqual(
      expect.arrayContaining([idOf('ws-churn'), idOf('rg-ml-prod'), '#principals']),
    );
  });
});
