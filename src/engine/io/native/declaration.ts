import { entityId, type EntityId } from '../../model/ids';
import type { Entity, EntityCollection, EntityKind } from '../../model/types';
import { ENTITY_REFERENCES, PRINCIPAL_KINDS } from '../../model/references';
import type { Path, ReadContext, Rec } from '../core/context';
import { declareSystemIdentity } from './identities';
import { principalEntityId, type ChildResourceKind, type TopLevelResourceKind } from '../core/naming';
import type { NativeReading } from './reading';
import { KIND_LABELS } from '../core/kinds';
import type { Section } from './schema';

/**
 * The shape of one entity kind's declaration in the native format, and the small interpreter that reads a
 * section's entry by it. Reading is two-phase: every entry of every section is first placed (name, id, parent)
 * and registered, so that the fields read in the second phase may refer to any entity, wherever it is declared.
 */

/** How one field of an entry is read into the entity. `to` is the entity's property (the key in camelCase by default). */
export type FieldRule =
  | { key: string; to: string; as: 'str' | 'text' | 'guid' | 'bool' | 'date' }
  | {
      key: string;
      to: string;
      as: 'oneOf';
      values: readonly string[];
      aliases?: Readonly<Record<string, string>>;
    }
  | { key: string; to: string; as: 'ref'; notSelf?: string };

/** A field read by code of its own (nested mappings, lists, fields that depend on one another). */
export type FieldReader<E extends Entity> = (r: NativeReading, entity: E, obj: Rec, path: Path) => void;

/** Where an entry of a section stands, which decides its name, ARM id and parent. */
export type Placement =
  /** A resource in a resource group (named by `resource_group`, by its `id`, or the only group). */
  | { in: 'resourceGroup'; kind: TopLevelResourceKind; globallyUniqueName?: boolean }
  /** A workspace child (in the workspace named by `workspace`, by its `id`, or the only workspace). */
  | { in: 'workspace'; kind: ChildResourceKind }
  /** A user, group or service principal: named, with an object id, and an id of its own unless `id` gives one. */
  | { in: 'directory'; kind: 'user' | 'group' | 'servicePrincipal' };

export interface EntityDeclaration<E extends Entity = Entity> {
  section: Section;
  collection: EntityCollection;
  /** Where the entry stands; or `create`, code that places the entry and builds the entity itself. */
  placement?: Placement;
  create?: (r: NativeReading, obj: Rec, path: Path) => E | undefined;
  /** The settings the entity has when the entry leaves them out. */
  defaults?: (name: string) => object;
  /** Fields read with the placement, before any reference: GUIDs other entries may refer to it by. */
  early?: readonly FieldRule[];
  /** The system-assigned identity the entity declares when its `identity` includes one (or by default). */
  systemIdentity?: {
    byDefault: boolean;
    name: (entity: E, r: NativeReading) => string;
    /** False for entries whose identity is not a managed identity at all (an AKS service principal). */
    applies?: (obj: Rec) => boolean;
  };
  /** The fields that refer to other entities. */
  references?: readonly (FieldRule | FieldReader<E>)[];
  /** The other fields, read by rule or by code, in order. */
  fields?: readonly (FieldRule | FieldReader<E>)[];
}

/** Builds an entity kind's declaration (typed by its entity, stored with the others). */
export function declare<E extends Entity>(declaration: EntityDeclaration<E>): EntityDeclaration {
  return declaration as unknown as EntityDeclaration;
}

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A scalar field: set when the entry gives it, else the entity keeps its default. */
export function field(
  key: string,
  as: 'str' | 'text' | 'guid' | 'bool' | 'date',
  to = camel(key),
): FieldRule {
  return { key, to, as };
}

/** A field with a fixed set of values (spelling differences forgiven, aliases accepted). */
export function choice(
  key: string,
  values: readonly string[],
  options: { to?: string; aliases?: Readonly<Record<string, string>> } = {},
): FieldRule {
  const rule: FieldRule = { key, to: options.to ?? camel(key), as: 'oneOf', values };
  if (options.aliases) rule.aliases = options.aliases;
  return rule;
}

/**
 * A field that refers to other entities. Which kinds it may name comes from the model's reference table
 * (model/references.ts), by the entity's kind and the field: principals are resolved by name, object, client or
 * principal id, other entities by name or ARM id.
 */
export function reference(key: string, options: { to?: string; notSelf?: string } = {}): FieldRule {
  const rule: FieldRule = { key, to: options.to ?? camel(key), as: 'ref' };
  if (options.notSelf !== undefined) rule.notSelf = options.notSelf;
  return rule;
}

/** A resource placed in its resource group; a name Azure keeps unique across tenants must be unique here too. */
function placeInGroup(
  r: NativeReading,
  kind: TopLevelResourceKind,
  obj: Rec,
  path: Path,
  globallyUnique: boolean,
) {
  const parts = r.resourceIdentity(kind, obj, path);
  if (!parts || (globallyUnique && !r.checkGlobalName(kind, parts.name, path))) return undefined;
  return parts;
}

/** Places an entry by its declaration's placement and builds its entity: id, name, parent, defaults, source. */
function place(r: NativeReading, declaration: EntityDeclaration, obj: Rec, path: Path): Entity | undefined {
  const placement = declaration.placement;
  if (!placement) return declaration.create?.(r, obj, path);
  let head: { id: EntityId; kind: EntityKind; name: string; armId?: string } & Record<string, unknown>;
  let objectId: string | undefined;
  if (placement.in === 'directory') {
    const name = r.ctx.str(obj, 'name', path, { required: true });
    if (name === undefined) return undefined;
    objectId = r.ctx.guid(obj, 'object_id', path);
    const explicit = r.ctx.str(obj, 'id', path);
    const id =
      explicit !== undefined ? entityId(explicit) : principalEntityId(placement.kind, name, objectId);
    head = { id, kind: placement.kind, name };
  } else {
    const parts =
      placement.in === 'resourceGroup'
        ? placeInGroup(r, placement.kind, obj, path, placement.globallyUniqueName ?? false)
        : r.childIdentity(placement.kind, obj, path, 'workspace', 'workspace');
    if (!parts) return undefined;
    const parent =
      'resourceGroup' in parts ? { resourceGroup: parts.resourceGroup.id } : { workspace: parts.parent.id };
    head = {
      id: entityId(parts.armId),
      kind: placement.kind,
      name: parts.name,
      armId: parts.armId,
      ...parent,
    };
  }
  const entity = {
    ...head,
    ...declaration.defaults?.(head.name),
    source: r.ctx.source(path),
  } as unknown as Entity;
  if (objectId !== undefined) (entity as { objectId?: string }).objectId = objectId;
  for (const rule of declaration.early ?? []) readRule(r, entity, rule, obj, path);
  return entity;
}

/** How each kind of scalar field is read (each reports what it cannot accept). */
const SCALARS: Record<
  'str' | 'text' | 'guid' | 'bool' | 'date',
  (ctx: ReadContext, obj: Rec, key: string, path: Path) => unknown
> = {
  str: (ctx, obj, key, path) => ctx.str(obj, key, path),
  text: (ctx, obj, key, path) => ctx.text(obj, key, path),
  guid: (ctx, obj, key, path) => ctx.guid(obj, key, path),
  bool: (ctx, obj, key, path) => ctx.bool(obj, key, path),
  date: (ctx, obj, key, path) => ctx.date(obj, key, path),
};

/** Resolves what a reference field names, among the kinds the model's reference table allows there. */
function resolveReference(
  r: NativeReading,
  kind: EntityKind,
  field: string,
  raw: unknown,
  path: Path,
): EntityId | undefined {
  const targets = ENTITY_REFERENCES[kind].find((spec) => spec.path === field)?.targets ?? [];
  const [only] = targets;
  if (only === undefined)
    throw new Error(`model/references.ts declares no reference \`${field}\` of ${kind}`);
  if (targets.every((target) => PRINCIPAL_KINDS.includes(target)))
    return r.principal(raw, path, targets, targets.length === 1 ? KIND_LABELS[only] : 'principal');
  return r.ref(raw, path, targets, KIND_LABELS[only])?.id;
}

function readRule(r: NativeReading, entity: Entity, rule: FieldRule, obj: Rec, path: Path): void {
  let value: unknown;
  switch (rule.as) {
    case 'oneOf':
      value = r.ctx.oneOf(obj, rule.key, path, rule.values, rule.aliases);
      break;
    case 'ref': {
      const id = resolveReference(r, entity.kind, rule.to, obj[rule.key], [...path, rule.key]);
      if (id !== undefined && id === entity.id && rule.notSelf !== undefined) {
        r.ctx.error([...path, rule.key], rule.notSelf);
        return;
      }
      value = id;
      break;
    }
    default:
      value = SCALARS[rule.as](r.ctx, obj, rule.key, path);
  }
  if (value !== undefined) (entity as unknown as Record<string, unknown>)[rule.to] = value;
}

/**
 * Reads one entry of a section by its declaration: places and registers the entity now, declares its
 * system-assigned identity, and leaves its fields for the second phase.
 */
export function readEntry(r: NativeReading, declaration: EntityDeclaration, obj: Rec, path: Path): void {
  const entity = place(r, declaration, obj, path);
  if (!entity || !r.register(declaration.collection, entity, path)) return;
  const identity = declaration.systemIdentity;
  if (identity && (identity.applies?.(obj) ?? true))
    declareSystemIdentity(r, entity, identity.name(entity, r), obj.identity, path, identity.byDefault);
  r.later.push(() => {
    for (const rule of [...(declaration.fields ?? []), ...(declaration.references ?? [])]) {
      if (typeof rule === 'function') rule(r, entity, obj, path);
      else readRule(r, entity, rule, obj, path);
    }
    r.common(entity, obj, path);
  });
}
