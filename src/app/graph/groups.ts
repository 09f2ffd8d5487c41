import { VISUAL_KINDS, type VisualKind } from './entity-kinds';
import type { GraphNodeSpec } from './graph-model';

/*
 * Summary boxes for large estates. A one-team estate holds tens of users and tens of clusters, instances and
 * jobs; drawn one box each, its first view was either a part of the graph or boxes too small to read. Here
 * every set of things of one kind in one container that takes GROUP_MIN_BOXES boxes or more is put in a box of its own
 * ("44 users", "11 compute clusters"), a container like the others: drawn closed at first (layout.ts
 * defaultCollapsed), opened by its button or a click on it, and found by search (which opens it). Edges to a
 * member are drawn to the closed box, merged with a count, as for a closed resource group.
 *
 * Only in estates of more than GROUPED_ESTATE_MIN_BOXES boxes: a small estate is shown whole, every box by
 * name. Which sets are grouped depends on the container's own children only, so an edit elsewhere regroups
 * nothing; an edit that takes a set across GROUP_MIN_BOXES changes that container alone.
 */

/** Estates with more boxes than this have their large sets grouped (the first view shows up to this many whole). */
export const GROUPED_ESTATE_MIN_BOXES = 80;
/** A set of things of one kind in one container is grouped when it takes this many boxes (what hangs under them counts, but for system identities). */
export const GROUP_MIN_BOXES = 8;

/** The id of the group of `visual` things in `parent`. */
export function groupNodeId(parent: string, visual: VisualKind): string {
  return `${parent}#group/${visual}`;
}

/**
 * Short names for the kinds whose label starts with a word every member of the set shares in its context: inside a
 * workspace "11 clusters" beside the cluster icon says all "11 compute clusters" does, and it is what still fits
 * whole in a compact box at the zoom that shows a one-team estate whole.
 */
const SHORT_PLURALS: Partial<Record<VisualKind, string>> = {
  computeCluster: 'clusters',
  computeInstance: 'instances',
  onlineEndpoint: 'endpoints',
  kubernetesCompute: 'Kubernetes computes',
};

/** The kind's label in the plural: "Compute clusters", "User-assigned identities", "Application Insights resources". */
export function pluralLabel(visual: VisualKind): string {
  const label = VISUAL_KINDS[visual].label;
  return label.endsWith('s') ? `${label} resources` : label.endsWith('y') ? `${label.slice(0, -1)}ies` : `${label}s`;
}

/** A group's name: how many, and of what ("11 clusters", "44 users", "6 storage accounts"). */
export function groupName(visual: VisualKind, count: number): string {
  const plural = pluralLabel(visual);
  // "AKS clusters" and "Application Insights resources" keep their capitals; the rest read as common nouns.
  const phrase = SHORT_PLURALS[visual] ?? (/^[A-Z][a-z-]*( [a-z]|$)/.test(plural) ? plural.toLowerCase() : plural);
  return `${count} ${phrase}`;
}

/** A member as drawn inside its group, kept per spec object: an edit that leaves a member as it was keeps its object. */
const moved = new WeakMap<GraphNodeSpec, GraphNodeSpec>();

function movedInto(node: GraphNodeSpec, group: string): GraphNodeSpec {
  const known = moved.get(node);
  if (known?.parent === group) return known;
  const spec = { ...node, parent: group };
  moved.set(node, spec);
  return spec;
}

interface KindSet {
  members: GraphNodeSpec[];
  boxes: number;
  /** The summary box's id, when the set is grouped. */
  group?: string;
}

/**
 * The nodes with large sets grouped: a group container is added in each set's place (same column, sorted where
 * its first member was) and the members, with what is drawn under them (identities, steps, deployments), move
 * into it. Returns `nodes` itself when nothing is grouped. Pure and deterministic; linear in the nodes.
 */
export function groupLargeSets(nodes: GraphNodeSpec[]): GraphNodeSpec[] {
  if (nodes.length <= GROUPED_ESTATE_MIN_BOXES) return nodes;
  // Only the nodes something is drawn under are looked up by id: a map of every id (65,000 on a large business
  // unit, 100-character ARM ids) cost more than all the rest.
  const owners = new Set<string>();
  for (const node of nodes) if (node.attachedTo !== undefined) owners.add(node.attachedTo);
  const byId = new Map<string, GraphNodeSpec>();
  for (const node of nodes) if (owners.has(node.id)) byId.set(node.id, node);
  // The node a leaf is drawn under, up to the one that stands on its own in its container (a deployment's
  // endpoint, an identity's owner); a container's own identity stands on its own.
  const anchorOf = (node: GraphNodeSpec): GraphNodeSpec => {
    let current = node;
    for (let owner = current.attachedTo === undefined ? undefined : byId.get(current.attachedTo); owner && !owner.container && owner.parent === current.parent; ) {
      current = owner;
      owner = current.attachedTo === undefined ? undefined : byId.get(current.attachedTo);
    }
    return current;
  };
  // Sets by container and kind of their anchors, with how many boxes each takes (what hangs under counts).
  const sets = new Map<string, Map<VisualKind, KindSet>>();
  for (const node of nodes) {
    if (node.container || node.parent === undefined) continue;
    const anchor = node.attachedTo === undefined ? node : anchorOf(node);
    let kinds = sets.get(anchor.parent!);
    if (!kinds) sets.set(anchor.parent!, (kinds = new Map()));
    let set = kinds.get(anchor.visual);
    if (!set) kinds.set(anchor.visual, (set = { members: [], boxes: 0 }));
    if (anchor === node) set.members.push(node);
    // A system identity has its slot kept whether it exists or not (layout.ts): turning one on must not group a set.
    if (node.visual !== 'systemAssignedIdentity') set.boxes += 1;
  }
  const groups: GraphNodeSpec[] = [];
  for (const [parent, kinds] of sets)
    for (const [visual, set] of kinds) {
      const { members, boxes } = set;
      // One thing (an endpoint and its deployments) stays itself, however much hangs under it.
      if (boxes < GROUP_MIN_BOXES || members.length < 2) continue;
      const id = groupNodeId(parent, visual);
      // Sorted where the set's first member is, so the group takes the set's place in its column.
      const order = members.reduce((least, member) => (member.order < least ? member.order : least), members[0]!.order);
      groups.push({ id, visual, name: groupName(visual, members.length), container: true, parent, column: members[0]!.column, order, group: members.length });
      set.group = id;
    }
  if (groups.length === 0) return nodes;
  const result: GraphNodeSpec[] = nodes.map((node) => {
    if (node.container || node.parent === undefined) return node;
    // Found again by container and kind (a few entries each), not by a map of every member: that cost more.
    const anchor = node.attachedTo === undefined ? node : anchorOf(node);
    const group = sets.get(anchor.parent!)?.get(anchor.visual)?.group;
    return group === undefined ? node : movedInto(node, group);
  });
  result.push(...groups);
  return result;
}

/** Every container that holds one of `ids` drawn (summary boxes, workspaces, resource groups), up to the top. */
function holdersOf(ids: readonly string[], specs: ReadonlyMap<string, GraphNodeSpec>): Set<string> {
  const holders = new Set<string>();
  for (const id of ids) for (let parent = specs.get(id)?.parent; parent !== undefined; parent = specs.get(parent)?.parent) holders.add(parent);
  return holders;
}

/**
 * `closed` without the summary boxes that hold one of `shown`: what focus mode shows (drawn in a closed box, its
 * edges would have no ends), or what a comparison changed (its mark would not show). `closed` itself when none
 * does, so that nothing is laid out again.
 */
export function openGroupsAround(closed: readonly string[], shown: readonly string[] | undefined, specs: ReadonlyMap<string, GraphNodeSpec>): readonly string[] {
  if (!shown) return closed;
  const holders = holdersOf(shown, specs);
  const kept = closed.filter((id) => !(holders.has(id) && specs.get(id)?.group !== undefined));
  return kept.length === closed.length ? closed : kept;
}

/**
 * `closed` without every box that hides one of `ids`: the summary boxes, workspaces and resource groups around
 * it, however deep. What search, a selection made in a panel, a tour step and the Changes list open, so that
 * what they name is drawn (a closed box draws nothing of what it holds). Other closed boxes stay closed; `closed`
 * itself when nothing hides `ids` (or they are not drawn at all), so that nothing is laid out again.
 */
export function openAround(closed: readonly string[], ids: readonly string[], specs: ReadonlyMap<string, GraphNodeSpec>): readonly string[] {
  if (closed.length === 0 || ids.length === 0) return closed;
  const holders = holdersOf(ids, specs);
  const kept = closed.filter((id) => !holders.has(id));
  return kept.length === closed.length ? closed : kept;
}
