import { describe, expect, it } from 'vitest';
import type { GraphNodeSpec } from './graph-model';
import { layoutGraph } from './layout';
import { EdgeRouter, LabelPlacer, placeLabels, routeEdges, routingInput, type EdgeRoute, type Point, type RoutableEdge } from './routing';

const route = (nodes: readonly GraphNodeSpec[], layout: ReturnType<typeof layoutGraph>, edges: RoutableEdge[]): Record<string, EdgeRoute> =>
  placeLabels(nodes, layout, routeEdges(nodes, layout, edges), edges);

const leaf = (id: string, column: number, order: string): GraphNodeSpec => ({ id, visual: 'storageAccount', name: id, container: false, column, order, parent: 'rg' });
const nodes: GraphNodeSpec[] = [
  { id: 'rg', visual: 'resourceGroup', name: 'rg', container: true, column: 0, order: 'rg' },
  leaf('a', 0, '1'),
  leaf('b', 0, '2'),
  leaf('c', 0, '3'),
  leaf('d', 1, '1'),
];

/** Whether a polyline passes through the inside of a box. */
function crosses(points: readonly Point[], box: { absX: number; absY: number; width: number; height: number }): boolean {
  for (let n = 1; n < points.length; n++) {
    const a = points[n - 1]!;
    const b = points[n]!;
    for (let t = 0; t <= 1; t += 0.02) {
      const x = a.x + (b.x - a.x) * t;
      const y = a.y + (b.y - a.y) * t;
      if (x > box.absX + 1 && x < box.absX + box.width - 1 && y > box.absY + 1 && y < box.absY + box.height - 1) return true;
    }
  }
  return false;
}

describe('routeEdges', () => {
  const layout = layoutGraph(nodes);

  it('goes round the boxes between an edge\'s ends, in straight runs', () => {
    const routes = route(nodes, layout, [{ id: 'a-c', source: 'a', target: 'c', label: 'reads' }, { id: 'd-a', source: 'd', target: 'a' }]);
    for (const route of Object.values(routes)) {
      expect(crosses(route.points, layout.boxes.b!)).toBe(false);
      for (let n = 1; n < route.points.length; n++) {
        const [a, b] = [route.points[n - 1]!, route.points[n]!];
        expect(a.x === b.x || a.y === b.y).toBe(true);
      }
    }
    // No room across its runs in the narrow channel: the label hangs beside one, clear of every box.
    const label = routes['a-c']!.label!;
    const width = routes['a-c']!.labelWidth!;
    for (const id of ['a', 'b', 'c', 'd']) {
      const box = layout.boxes[id]!;
      const apart =
        label.x + width / 2 <= box.absX || label.x - width / 2 >= box.absX + box.width || label.y + 8.5 <= box.absY || label.y - 8.5 >= box.absY + box.height;
      expect(apart, `label over ${id}`).toBe(true);
    }
  });

  it('places labels on their edge and never over a box or another label', () => {
    const routes = route(nodes, layout, [
      { id: 'one', source: 'a', target: 'd', label: 'reads' },
      { id: 'two', source: 'a', target: 'd', label: 'writes' },
    ]);
    const placed = Object.values(routes).filter((route) => route.label !== undefined);
    expect(placed.length).toBeGreaterThan(0);
    const rects = placed.map((route) => ({ x: route.label!.x, y: route.label!.y, w: route.labelWidth! }));
    if (rects.length === 2) {
      const [p, q] = rects as [(typeof rects)[0], (typeof rects)[0]];
      const apart = Math.abs(p.x - q.x) >= (p.w + q.w) / 2 || Math.abs(p.y - q.y) >= 17;
      expect(apart).toBe(true);
    }
    for (const route of placed) {
      const { x, y } = route.label!;
      for (const id of ['a', 'b', 'c', 'd']) {
        const box = layout.boxes[id]!;
        const inside = x > box.absX - route.labelWidth! / 2 && x < box.absX + box.width + route.labelWidth! / 2 && y > box.absY - 8.5 && y < box.absY + box.height + 8.5;
        expect(inside).toBe(false);
      }
    }
  });

  it('is deterministic', () => {
    const edges = [{ id: 'x', source: 'c', target: 'a', label: 'x' }];
    expect(route(nodes, layout, edges)).toEqual(route(nodes, layout, edges));
  });
});

describe('EdgeRouter', () => {
  const layout = layoutGraph(nodes);

  it('keeps the routes of edges an edit did not touch, and routes the new ones round the boxes', () => {
    const router = new EdgeRouter();
    const first = router.route(routingInput(nodes, layout, [{ id: 'a-c', source: 'a', target: 'c' }]));
    const second = router.route(routingInput(nodes, layout, [
      { id: 'a-c', source: 'a', target: 'c' },
      { id: 'd-a', source: 'd', target: 'a' },
    ]));
    expect(second['a-c']).toBe(first['a-c']);
    expect(second['d-a']).toBeDefined();
    for (const id of ['b', 'c']) expect(crosses(second['d-a']!, layout.boxes[id]!)).toBe(false);
  });

  it('routes again an edge whose route a box now stands in the way of', () => {
    const router = new EdgeRouter();
    const edges = [{ id: 'a-c', source: 'a', target: 'c' }];
    const first = router.route(routingInput(nodes, layout, edges));
    // A box moved onto the middle of the route: the route must go round it now.
    const points = first['a-c']!;
    const middle = { x: (points[1]!.x + points[2]!.x) / 2, y: (points[1]!.y + points[2]!.y) / 2 };
    const moved = { ...layout.boxes.d!, absX: middle.x - 10, absY: middle.y - 10, width: 20, height: 20 };
    const next = { ...layout, boxes: { ...layout.boxes, d: moved } };
    const second = router.route(routingInput(nodes, next, edges));
    expect(second['a-c']).not.toBe(first['a-c']);
    expect(crosses(second['a-c']!, moved)).toBe(false);
  });

  it('keeps, with the same boxes, the routes it gave before without checking them again', () => {
    const router = new EdgeRouter();
    const edges = [{ id: 'a-c', source: 'a', target: 'c' }, { id: 'd-a', source: 'd', target: 'a' }];
    const first = router.route(routingInput(nodes, layout, edges));
    // The same boxes as new objects (an edit rebuilds the input): the routes are the same arrays.
    const second = router.route(routingInput(nodes, { ...layout, boxes: { ...layout.boxes } }, edges.slice(1)));
    expect(second['d-a']).toBe(first['d-a']);
    expect(second['a-c']).toBeUndefined();
  });
});

describe('LabelPlacer', () => {
  const layout = layoutGraph(nodes);
  const edges: RoutableEdge[] = [
    { id: 'one', source: 'a', target: 'd', label: 'reads' },
    { id: 'two', source: 'c', target: 'd', label: 'writes' },
  ];

  it('places labels as placeLabels does the first time, and keeps the places of unchanged edges after', () => {
    const routes = new EdgeRouter().route(routingInput(nodes, layout, edges));
    const placer = new LabelPlacer();
    const first = placer.place(nodes, layout, routes, edges);
    expect(first).toEqual(placeLabels(nodes, layout, routes, edges));
    const again = placer.place(nodes, layout, { ...routes }, edges);
    expect(again.one).toBe(first.one);
    expect(again.two).toBe(first.two);
  });

  it('looks again for a place when the words or the route changed', () => {
    const routes = new EdgeRouter().route(routingInput(nodes, layout, edges));
    const placer = new LabelPlacer();
    const first = placer.place(nodes, layout, routes, edges);
    const renamed = edges.map((edge) => (edge.id === 'two' ? { ...edge, label: 'writes and deletes' } : edge));
    const second = placer.place(nodes, layout, routes, renamed);
    expect(second.one).toBe(first.one);
    expect(second.two).not.toBe(first.two);
    expect(second.two?.labelWidth).toBeGreaterThan(first.two?.labelWidth ?? 0);
  });

  it('keeps the route of an edge without a label while its points are the same objects, and not after', () => {
    const plain = edges.map(({ label: _label, ...edge }) => edge);
    const routes = new EdgeRouter().route(routingInput(nodes, layout, plain));
    const placer = new LabelPlacer();
    const first = placer.place(nodes, layout, routes, plain);
    expect(first.one).toEqual({ points: routes.one });
    expect(placer.place(nodes, layout, { ...routes }, plain).one).toBe(first.one);
    const rerouted = { ...routes, one: [...routes.one!] };
    const second = placer.place(nodes, layout, rerouted, plain);
    expect(second.one).not.toBe(first.one);
    expect(second.one?.points).toBe(rerouted.one);
  });

  it('moves a kept label that would now overlap a label placed before it', () => {
    const routes = new EdgeRouter().route(routingInput(nodes, layout, edges));
    const placer = new LabelPlacer();
    const first = placer.place(nodes, layout, routes, [edges[1]!]);
    // An edge earlier in the order now has a label on the same route: the kept one must not overlap it.
    const sameRoute = { ...routes, twin: routes.two! };
    const second = placer.place(nodes, layout, sameRoute, [{ id: 'twin', source: 'c', target: 'd', label: 'writes' }, edges[1]!]);
    expect(second.twin?.label).toEqual(first.two?.label);
    expect(second.two).not.toBe(first.two);
    if (second.two?.label) expect(second.two.label).not.toEqual(second.twin?.label);
  });
});
