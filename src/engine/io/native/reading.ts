import { emptyEstate } from '../../model/estate';
import { scopeKey, type EntityId } from '../../model/ids';
import type { Entity, EntityCollection, EntityKind, ResourceGroup, SourceRef } from '../../model/types';
import { quote, type ParsedDocument } from '../core/source';
import { describeFound, ReadContext, type Path, type Rec } from '../core/context';
import {
  childArmId,
  CHILD_SEGMENTS,
  resourceArmId,
  RESOURCE_TYPES,
  type ChildResourceKind,
  type TopLevelResourceKind,
} from '../core/naming';
import { KIND_LABELS } from '../core/kinds';
import { PRINCIPAL_KINDS } from '../../model/references';
import { EstateIndex } from './resolver';

/** Where the reader keeps the first declaration of something, to point back at it from a duplicate. */
interface Seen {
  source: SourceRef;
  label: string;
}

/** The kinds that hold other entities and may be left out of a file that declares only one of them. */
export type ParentKind = 'subscription' | 'resourceGroup' | 'workspace' | 'onlineEndpoint';

/**
 * The state of reading one native file and the pieces every entity declaration uses: registering an entity once,
 * placing it under its parent, and resolving references to entities, principals and scopes. Every method reports
 * what it cannot accept through `ctx` and returns undefined, so reading goes on and every problem surfaces.
 */
export class NativeReading {
  readonly ctx: ReadContext;
  readonly estate = emptyEstate();
  readonly index = new EstateIndex();
  /** Fillers run once every entity is declared, so that references can see entities declared further down. */
  readonly later: (() => void)[] = [];
  readonly seen = new Map<string, Seen>();

  constructor(file: string, doc: ParsedDocument) {
    this.ctx = new ReadContext(file, doc);
  }

  // -----------------------------------------------------------------------------------------------
  // Registration and shared pieces

  /** Adds an entity unless its id (compared as Azure compares it) is taken; reports the clash with both places. */
  register(collection: EntityCollection, entity: Entity, path: Path): boolean {
    const key = 'armId' in entity ? `id:${scopeKey(entity.armId)}` : `id:${entity.id}`;
    const label = `${KIND_LABELS[entity.kind]} \`${entity.name}\``;
    const first = this.seen.get(key);
    if (first) {
      const what =
        first.label === label ? `${label} is declared twice` : `${label} has the same id as ${first.label}`;
      this.ctx.error(
        [...path, 'name'],
        `${what} (first at line ${first.source.line ?? '?'}); names must be unique within their parent`,
        {
          related: first.source,
        },
      );
      return false;
    }
    this.seen.set(key, { source: entity.source ?? this.ctx.source(path), label });
    (this.estate[collection] as Entity[]).push(entity);
    this.index.add(entity);
    return true;
  }

  /** Storage account, key vault and registry names are global in Azure: two with one name cannot both exist. */
  checkGlobalName(kind: EntityKind, name: string, path: Path): boolean {
    const key = `name:${kind}:${name.toLowerCase()}`;
    const first = this.seen.get(key);
    if (first) {
      this.ctx.error(
        [...path, 'name'],
        `${KIND_LABELS[kind]} names are unique across Azure, and \`${name}\` is already declared (line ${first.source.line ?? '?'})`,
        {
          related: first.source,
        },
      );
      return false;
    }
    this.seen.set(key, { source: this.ctx.source(path), label: name });
    return true;
  }

  common(entity: Entity, obj: Rec, path: Path): void {
    const description = this.ctx.text(obj, 'description', path);
    if (description !== undefined) entity.description = description;
    const tags = this.ctx.tags(obj, path);
    if (tags !== undefined) entity.tags = tags;
  }

  validName(name: string, path: Path): boolean {
    if (name.includes('/')) {
      this.ctx.error([...path, 'name'], `a resource name cannot contain \`/\`, found ${quote(name)}`);
      return false;
    }
    // References are read trimmed, so a name kept with its spaces could never be referred to.
    if (name.trim() !== name) {
      this.ctx.error(
        [...path, 'name'],
        `a resource name cannot start or end with a space, tab or line break, found ${quote(name)}`,
      );
      return false;
    }
    return true;
  }

  /** The parent named by `field`, or the only entity of that kind when the field is left out. */
  parent<K extends ParentKind>(
    obj: Rec,
    field: string,
    path: Path,
    kind: K,
    within?: EntityId,
  ): Extract<Entity, { kind: K }> | undefined {
    const raw = obj[field];
    const label = KIND_LABELS[kind];
    if (raw === undefined || raw === null) {
      const candidates = this.index
        .ofKind(kind)
        .filter((e) => within === undefined || ('workspace' in e && e.workspace === within));
      if (candidates.length === 1) return candidates[0] as Extract<Entity, { kind: K }>;
      if (candidates.length === 0)
        this.ctx.error(path, `missing \`${field}\`: no ${label} is declared to hold this entry`);
      else {
        const names = candidates
          .slice(0, 5)
          .map((e) => `\`${e.name}\``)
          .join(', ');
        this.ctx.error(
          path,
          `missing \`${field}\`: ${candidates.length} ${label}s are declared (${names}), so say which one`,
        );
      }
      return undefined;
    }
    return this.ref(raw, [...path, field], [kind], label, within) as Extract<Entity, { kind: K }> | undefined;
  }

  /** The entity of one of `kinds` that `raw` names (by name or ARM id), optionally within a workspace. */
  ref(
    raw: unknown,
    path: Path,
    kinds: readonly EntityKind[],
    what: string,
    within?: EntityId,
  ): Entity | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') {
      this.ctx.error(path, `expected the name or ARM id of a ${what}, found ${describeFound(raw)}`);
      return undefined;
    }
    const resolved = this.index.resolveEntity(raw, kinds, what, within);
    if ('error' in resolved) {
      this.ctx.error(path, resolved.error);
      return undefined;
    }
    return resolved.value;
  }

  /** The id of the entity of `kind` that `raw` names. */
  refId(raw: unknown, path: Path, kind: EntityKind, within?: EntityId): EntityId | undefined {
    return this.ref(raw, path, [kind], KIND_LABELS[kind], within)?.id;
  }

  /** The principal `raw` names (a name, an object or client id, or `system:<resource>`). */
  principal(
    raw: unknown,
    path: Path,
    kinds: readonly EntityKind[] = PRINCIPAL_KINDS,
    what = 'principal',
  ): EntityId | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') {
      this.ctx.error(
        path,
        `expected a ${what} (a name, an id or \`system:<resource>\`), found ${describeFound(raw)}`,
      );
      return undefined;
    }
    const resolved = this.index.resolvePrincipal(raw, kinds, what);
    if ('error' in resolved) {
      this.ctx.error(path, resolved.error);
      return undefined;
    }
    return resolved.value.id;
  }

  /** The user-assigned identity `raw` names (a name, an ARM id, a client or principal id). */
  identityRef(raw: unknown, path: Path): EntityId | undefined {
    return this.principal(raw, path, ['userAssignedIdentity'], 'user-assigned identity');
  }

  /** The service principal `raw` names (a name, an object or app id). */
  servicePrincipalRef(raw: unknown, path: Path): EntityId | undefined {
    return this.principal(raw, path, ['servicePrincipal'], 'service principal');
  }

  /** A role assignment scope: `/`, an ARM id, or the name of a declared resource. */
  scope(raw: unknown, path: Path): string | undefined {
    if (typeof raw !== 'string') {
      this.ctx.error(
        path,
        `expected a scope (\`/\`, an ARM id or a resource name), found ${describeFound(raw)}`,
      );
      return undefined;
    }
    const resolved = this.index.resolveScope(raw);
    if ('error' in resolved) {
      this.ctx.error(path, resolved.error);
      return undefined;
    }
    return resolved.value;
  }

  /**
   * A top-level resource's name, ARM id and resource group: from `id` when given (its name and group are then
   * read from it and must agree with `name` and `resource_group`), else built from the group's id.
   */
  resourceIdentity(
    kind: TopLevelResourceKind,
    obj: Rec,
    path: Path,
  ): { name: string; armId: string; resourceGroup: ResourceGroup } | undefined {
    const type = RESOURCE_TYPES[kind].replace('.', '\\.').replace('/', '\\/');
    return this.placed(
      obj,
      path,
      {
        pattern: new RegExp(`^(/subscriptions/[^/]+/resourceGroups/[^/]+)/providers/${type}/([^/]+)$`, 'i'),
        expected: `the ARM id of a ${KIND_LABELS[kind]} (\`/subscriptions/<id>/resourceGroups/<group>/providers/${RESOURCE_TYPES[kind]}/<name>\`)`,
        parentField: 'resource_group',
        parentKind: 'resourceGroup',
      },
      (name, group) => resourceArmId(group.armId, kind, name),
    ) as { name: string; armId: string; resourceGroup: ResourceGroup } | undefined;
  }

  /**
   * An entry's name, ARM id and parent: from `id` when given (read by `shape`), else from `name` under the parent
   * named by the parent field (or the only one there is), with `armIdOf` building the id.
   */
  placed<K extends 'subscription' | 'resourceGroup' | 'workspace' | 'onlineEndpoint'>(
    obj: Rec,
    path: Path,
    shape: { pattern: RegExp; expected: string; parentField: string; parentKind: K },
    armIdOf: (name: string, parent: Extract<Entity, { kind: K }>) => string,
    within?: EntityId,
  ): { name: string; armId: string; resourceGroup?: ResourceGroup; parent: Entity } | undefined {
    const explicit = this.ctx.str(obj, 'id', path);
    const name = this.ctx.str(obj, 'name', path, { required: explicit === undefined });
    if (explicit !== undefined) return this.explicitIdParts(obj, path, name, explicit, shape);
    if (name === undefined || !this.validName(name, path)) return undefined;
    const parent = this.parent(obj, shape.parentField, path, shape.parentKind, within);
    if (!parent) return undefined;
    const entity: Entity = parent;
    const result: { name: string; armId: string; resourceGroup?: ResourceGroup; parent: Entity } = {
      name,
      armId: armIdOf(name, parent),
      parent: entity,
    };
    if (entity.kind === 'resourceGroup') result.resourceGroup = entity;
    return result;
  }

  /**
   * Reads an explicit `id` by `pattern` (whose groups are the parent's id and the name), checks it against `name`
   * and the parent field, and finds the parent from the id when the field is absent.
   */
  explicitIdParts(
    obj: Rec,
    path: Path,
    name: string | undefined,
    explicit: string,
    shape: {
      pattern: RegExp;
      /** What the id should look like, for the error when it does not match. */
      expected: string;
      parentField: string;
      parentKind: 'resourceGroup' | 'workspace' | 'onlineEndpoint' | 'subscription';
    },
  ): { name: string; armId: string; resourceGroup?: ResourceGroup; parent: Entity } | undefined {
    const armId = explicit.trim();
    const match = shape.pattern.exec(armId);
    if (!match) {
      this.ctx.error([...path, 'id'], `expected ${shape.expected}, found ${quote(explicit, 120)}`);
      return undefined;
    }
    const [parentArmId, idName] = [match[1] ?? '', match[2] ?? ''];
    const { parentField, parentKind } = shape;
    if (name !== undefined && name.toLowerCase() !== idName.toLowerCase()) {
      this.ctx.error(
        [...path, 'name'],
        `\`name\` says ${quote(name)} but \`id\` ends in ${quote(idName)}; they must agree`,
      );
      return undefined;
    }
    let parent: Entity | undefined;
    if (obj[parentField] !== undefined && obj[parentField] !== null) {
      parent = this.ref(obj[parentField], [...path, parentField], [parentKind], KIND_LABELS[parentKind]);
      if (!parent) return undefined;
      if ('armId' in parent && scopeKey(parent.armId) !== scopeKey(parentArmId)) {
        this.ctx.error(
          [...path, 'id'],
          `\`id\` is not inside ${KIND_LABELS[parentKind]} \`${parent.name}\` named by \`${parentField}\``,
        );
        return undefined;
      }
    } else {
      parent = this.index.getByArmId(parentArmId);
      if (!parent || parent.kind !== parentKind) {
        this.ctx.error(
          [...path, 'id'],
          `the ${KIND_LABELS[parentKind]} in this id (${quote(parentArmId, 120)}) is not declared`,
        );
        return undefined;
      }
    }
    const result: { name: string; armId: string; resourceGroup?: ResourceGroup; parent: Entity } = {
      name: name ?? idName,
      armId,
      parent,
    };
    if (parent.kind === 'resourceGroup') result.resourceGroup = parent;
    return result;
  }

  /** Name, ARM id and parent of a workspace child (or an endpoint's deployment). */
  childIdentity(
    kind: ChildResourceKind,
    obj: Rec,
    path: Path,
    parentField: string,
    parentKind: 'workspace' | 'onlineEndpoint',
    within?: EntityId,
  ): { name: string; armId: string; parent: Entity } | undefined {
    return this.placed(
      obj,
      path,
      {
        pattern: new RegExp(`^(/subscriptions/.+)/${CHILD_SEGMENTS[kind]}/([^/]+)$`, 'i'),
        expected: `the ARM id of a ${KIND_LABELS[kind]} (\`<${KIND_LABELS[parentKind]} id>/${CHILD_SEGMENTS[kind]}/<name>\`)`,
        parentField,
        parentKind,
      },
      (name, parent) => childArmId(parent.armId, kind, name),
      within,
    );
  }

  /** A list of principals (names, ids or `system:<resource>`), each once. */
  principalList(raw: unknown, path: Path): EntityId[] {
    const out: EntityId[] = [];
    this.ctx.list(raw, path, 'a list of principals').forEach((item, index) => {
      const id = this.principal(item, [...path, index]);
      if (id !== undefined && !out.includes(id)) out.push(id);
    });
    return out;
  }
}
