import { describe, expect, it } from 'vitest';
import type { GraphNodeSpec } from './graph-model';
import { layoutGraph } from './layout';
import { routingInput } from './routing';
import { sameRoutingInput } from './use-edge-routes';

const leaf = (id: string, order: string): GraphNodeSpec => ({ id, visual: 'storageAccount', name: id, container: false, column: 0, order, parent: 'rg' });
const nodes: GraphNodeSpec[] = [{ id: 'rg', visual: 'resourceGroup', name: 'rg', container: true, column: 0, order: 'rg' }, leaf('a', '1'), leaf('b', '2')];
const edges = [{ id: 'a-b', source: 'a', target: 'b' }];

describe('sameRoutingInput', () => {
  const layout = layoutGraph(nodes);

  it('holds for the same boxes and edges built again (new node objects after an edit)', () => {
    expect(sameRoutingInput(routingInput(nodes, layout, edges), routingInput(nodes.map((n) => ({ ...n })), layout, edges))).toBe(true);
  });

  it('fails when a box moved or an edge came', () => {
    const moved = { ...layout, boxes: { ...layout.boxes, b: { ...layout.boxes.b!, absY: layout.boxes.b!.absY + 40 } } };
    expect(sameRoutingInput(routingInput(nodes, layout, edges), routingInput(nodes, moved, edges))).toBe(false);
    expect(sameRoutingInput(routingInput(nodes, layout, edges), routingInput(nodes, layout, [...edges, { id: 'b-a', source: 'b', target: 'a' }]))).toBe(false);
  });
});
