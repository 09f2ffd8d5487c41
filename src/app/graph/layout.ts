import type { VisualKind } from './entity-kinds';
import type { GraphNodeSpec } from './graph-model';

/*
 * A hierarchical, deterministic layout: containers (management group -> subscription -> resource group ->
 * workspace) are boxes sized by what they hold; people and apps sit in a band on the left, where most edges
 * start. Inside a box, children go into fixed columns by role and are sorted by a key that does not depend
 * on input order. Each node's place depends only on its container's other children, never on edges, and a
 * system-assigned identity always has its slot kept, so an edit (an identity turned on, a role granted)
 * moves nothing but what it touches. Linear in the number of nodes: a tree of boxes, not a layered graph
 * layout (see research B2: d3-hierarchy-style tree layouts stay in milliseconds at 10k nodes).
 */

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 56;
export const SMALL_WIDTH = 200;
export const SMALL_HEIGHT = 44;
export const HEADER_HEIGHT = 44;
export const PADDING = 16;
export const GAP = 12;
export const COLUMN_GAP = 52;
export const INDENT = 20;
export const COLLAPSED_WIDTH = 260;
/** A column of plain nodes wraps into another column after this many rows at least (more for long columns). */
export const MAX_ROWS = 10;
/** A flowing container (management group, subscription, the top level) is at least this wide before it wraps. */
export const FLOW_WIDTH = 1600;

export interface NodeBox {
  /** Relative to the parent container (absolute for top-level nodes), as React Flow wants for child nodes. */
  x: number;
  y: number;
  width: number;
  height: number;
  absX: number;
  absY: number;
}

export interface LayoutOptions {
  /** Containers drawn closed: their contents are hidden. */
  collapsed?: readonly string[];
  /** When set, only these nodes (and the containers around them) are laid out: focus mode. */
  only?: readonly string[];
}

export interface GraphLayout {
  boxes: Record<string, NodeBox>;
  /** Nodes not drawn: inside a closed container, or outside the focus. */
  hidden: string[];
  /** For each drawn container: how many nodes it holds at any depth, shown when it is closed. */
  descendants: Record<string, number>;
  width: number;
  height: number;
}

/** Containers that flow their children in rows rather than in columns. */
const FLOWING: ReadonlySet<VisualKind> = new Set(['managementGroup', 'subscription']);

interface Size {
  width: number;
  height: number;
}

interface Placed {
  id: string;
  x: number;
  y: number;
}

/** A cell: a node and what is drawn under it, placed as one block. */
interface Cell extends Size {
  items: Placed[];
}

function leafSize(node: GraphNodeSpec): Size {
  return node.small ? { width: SMALL_WIDTH, height: SMALL_HEIGHT } : { width: NODE_WIDTH, height: NODE_HEIGHT };
}

/** Lays out the graph. Pure and deterministic; positions of a node depend only on its container's contents. */
export function layoutGraph(nodes: readonly GraphNodeSpec[], options: LayoutOptions = {}): GraphLayout {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const collapsed = new Set(options.collapsed ?? []);

  let included: Set<string> | undefined;
  if (options.only) {
    included = new Set();
    for (const id of options.only) {
      // A node is drawn inside its containers, so they come with it.
      for (let node = byId.get(id); node && !included.has(node.id); node = node.parent ? byId.get(node.parent) : undefined)
        included.add(node.id);
    }
  }
  const isIncluded = (node: GraphNodeSpec) => included === undefined || included.has(node.id);

  const children = new Map<string | undefined, GraphNodeSpec[]>();
  for (const node of nodes) {
    if (!isIncluded(node)) continue;
    const parent = node.parent !== undefined && byId.has(node.parent) ? node.parent : undefined;
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }
  for (const list of children.values()) list.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  const sizes = new Map<string, Size>();
  const relative = new Map<string, { x: number; y: number }>();
  const descendants: Record<string, number> = {};

  const countDescendants = (id: string): number => {
    let total = 0;
    for (const child of children.get(id) ?? []) total += 1 + countDescendants(child.id);
    return total;
  };

  /** Builds the cells of one column of a container's children. */
  const cellsOf = (container: GraphNodeSpec | undefined, members: readonly GraphNodeSpec[]): Cell[] => {
    const attached = new Map<string, GraphNodeSpec[]>();
    const anchors: GraphNodeSpec[] = [];
    const memberIds = new Set(members.map((m) => m.id));
    for (const node of members) {
      if (node.attachedTo !== undefined && memberIds.has(node.attachedTo)) {
        const list = attached.get(node.attachedTo);
        if (list) list.push(node);
        else attached.set(node.attachedTo, [node]);
      } else if (node.attachedTo !== undefined && node.attachedTo === container?.id) {
        // A container's own identity goes in the slot at the top of its column (see below).
        continue;
      } else anchors.push(node);
    }
    return anchors.map((anchor) => {
      const size = measure(anchor);
      const items: Placed[] = [{ id: anchor.id, x: 0, y: 0 }];
      let width = size.width;
      let y = size.height;
      const under = attached.get(anchor.id) ?? [];
      // The system identity comes first under its owner; then steps or deployments in their own order.
      const identity = under.filter((node) => node.visual === 'systemAssignedIdentity');
      const rest = under.filter((node) => node.visual !== 'systemAssignedIdentity');
      if (identity.length > 0 || (anchor.reservesIdentity && !anchor.container)) {
        y += GAP / 2;
        for (const node of identity) {
          items.push({ id: node.id, x: INDENT, y });
          width = Math.max(width, INDENT + measure(node).width);
        }
        y += SMALL_HEIGHT;
        width = Math.max(width, INDENT + SMALL_WIDTH);
      }
      for (const node of rest) {
        y += GAP / 2;
        const own = measure(node);
        items.push({ id: node.id, x: INDENT, y });
        width = Math.max(width, INDENT + own.width);
        y += own.height;
      }
      return { width, height: y, items };
    });
  };

  /** Stacks cells in a column, wrapping into further columns after MAX_ROWS; returns the block's size. */
  const stack = (cells: readonly Cell[], x0: number, y0: number, out: Placed[]): Size => {
    // A long column folds into a block about as wide as it is tall (150 users make 7 columns, not 15).
    const cellWidth = cells.reduce((most, cell) => Math.max(most, cell.width), 0) + GAP * 2;
    const cellHeight = cells.reduce((sum, cell) => sum + cell.height + GAP, 0) / Math.max(1, cells.length);
    const columns = Math.ceil(Math.sqrt((cells.length * cellHeight) / Math.max(1, cellWidth)));
    const rows = Math.max(MAX_ROWS, Math.ceil(cells.length / Math.max(1, columns)));
    let x = x0;
    let y = y0;
    let columnWidth = 0;
    let height = 0;
    cells.forEach((cell, index) => {
      if (index > 0 && index % rows === 0) {
        x += columnWidth + GAP * 2;
        y = y0;
        columnWidth = 0;
      }
      for (const item of cell.items) out.push({ id: item.id, x: x + item.x, y: y + item.y });
      columnWidth = Math.max(columnWidth, cell.width);
      y += cell.height + GAP;
      height = Math.max(height, y - GAP - y0);
    });
    return { width: x + columnWidth - x0, height };
  };

  /**
   * Places cells left to right, starting a new row past a width chosen so that the block comes out about as
   * wide as a screen is (16:10), never narrower than `minWidth` or than its widest cell.
   */
  const flow = (cells: readonly Cell[], x0: number, y0: number, minWidth: number, out: Placed[]): Size => {
    const area = cells.reduce((sum, cell) => sum + (cell.width + COLUMN_GAP) * (cell.height + COLUMN_GAP), 0);
    const widest = cells.reduce((most, cell) => Math.max(most, cell.width), 0);
    const maxWidth = Math.max(minWidth, widest, Math.sqrt(area * 1.6));
    let x = x0;
    let y = y0;
    let rowHeight = 0;
    let width = 0;
    for (const cell of cells) {
      if (x > x0 && x + cell.width > x0 + maxWidth) {
        x = x0;
        y += rowHeight + COLUMN_GAP;
        rowHeight = 0;
      }
      for (const item of cell.items) out.push({ id: item.id, x: x + item.x, y: y + item.y });
      x += cell.width + COLUMN_GAP;
      rowHeight = Math.max(rowHeight, cell.height);
      width = Math.max(width, x - COLUMN_GAP - x0);
    }
    return { width, height: y + rowHeight - y0 };
  };

  /** Lays out a container's (or the top level's) children; returns the content size. Records child positions. */
  const arrange = (container: GraphNodeSpec | undefined, x0: number, y0: number): Size => {
    const members = container ? (children.get(container.id) ?? []) : (children.get(undefined) ?? []);
    const out: Placed[] = [];
    let size: Size;
    if (container === undefined) {
      // Top level: the band of people and apps on the left, then the scope trees flowing to the right.
      const band = members.filter((m) => m.visual === 'principals');
      const rest = members.filter((m) => m.visual !== 'principals');
      const left = stack(cellsOf(undefined, band), x0, y0, out);
      const offset = left.width > 0 ? left.width + COLUMN_GAP * 2 : 0;
      const right = flow(cellsOf(undefined, rest), x0 + offset, y0, FLOW_WIDTH, out);
      size = { width: offset + right.width, height: Math.max(left.height, right.height) };
    } else if (FLOWING.has(container.visual)) {
      size = flow(cellsOf(container, members), x0, y0, FLOW_WIDTH, out);
    } else {
      const columns = new Map<number, GraphNodeSpec[]>();
      for (const member of members) {
        const list = columns.get(member.column);
        if (list) list.push(member);
        else columns.set(member.column, [member]);
      }
      const identityColumn = 2;
      const slot = container.reservesIdentity;
      if (slot && !columns.has(identityColumn)) columns.set(identityColumn, []);
      let x = x0;
      let height = 0;
      for (const column of [...columns.keys()].sort((a, b) => a - b)) {
        let top = y0;
        let width = 0;
        if (slot && column === identityColumn) {
          const own = (columns.get(column) ?? []).filter((m) => m.attachedTo === container.id);
          for (const node of own) {
            measure(node);
            out.push({ id: node.id, x, y: top });
          }
          top += SMALL_HEIGHT + GAP;
          width = SMALL_WIDTH;
        }
        const block = stack(cellsOf(container, columns.get(column) ?? []), x, top, out);
        width = Math.max(width, block.width);
        height = Math.max(height, top - y0 + block.height);
        x += width + COLUMN_GAP;
      }
      size = { width: Math.max(0, x - COLUMN_GAP - x0), height };
    }
    for (const placed of out) relative.set(placed.id, { x: placed.x, y: placed.y });
    return size;
  };

  function measure(node: GraphNodeSpec): Size {
    const known = sizes.get(node.id);
    if (known) return known;
    let size: Size;
    if (!node.container) size = leafSize(node);
    else {
      descendants[node.id] = countDescendants(node.id);
      if (collapsed.has(node.id)) size = { width: COLLAPSED_WIDTH, height: HEADER_HEIGHT };
      else {
        const content = arrange(node, PADDING, HEADER_HEIGHT + PADDING / 2);
        size = {
          width: Math.max(COLLAPSED_WIDTH, content.width + PADDING * 2),
          height: HEADER_HEIGHT + PADDING / 2 + content.height + PADDING,
        };
      }
    }
    sizes.set(node.id, size);
    return size;
  }

  const total = arrange(undefined, 0, 0);

  const boxes: Record<string, NodeBox> = {};
  const hidden: string[] = [];
  const place = (parentId: string | undefined, baseX: number, baseY: number) => {
    for (const child of children.get(parentId) ?? []) {
      const position = relative.get(child.id);
      const size = sizes.get(child.id);
      if (!position || !size) continue;
      const absX = baseX + position.x;
      const absY = baseY + position.y;
      boxes[child.id] = { x: position.x, y: position.y, width: size.width, height: size.height, absX, absY };
      if (child.container && collapsed.has(child.id)) markHidden(child.id);
      else place(child.id, absX, absY);
    }
  };
  const markHidden = (id: string) => {
    for (const child of children.get(id) ?? []) {
      hidden.push(child.id);
      markHidden(child.id);
    }
  };
  place(undefined, 0, 0);
  if (included) for (const node of nodes) if (!included.has(node.id)) hidden.push(node.id);

  return { boxes, hidden, descendants, width: total.width, height: total.height };
}

/**
 * The containers to draw closed when a graph first opens: the summary boxes of large sets (groups.ts), and for a
 * very large estate also its workspaces, resource groups and people, enough to stay readable.
 */
export function defaultCollapsed(nodes: readonly GraphNodeSpec[], threshold = 300): string[] {
  const closable: VisualKind[] = ['workspace', 'resourceGroup', 'principals'];
  const large = nodes.length > threshold;
  return nodes.filter((node) => node.container && (node.group !== undefined || (large && closable.includes(node.visual)))).map((node) => node.id);
}
