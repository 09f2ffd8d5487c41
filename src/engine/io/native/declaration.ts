import type { EntityId } from '../../model/ids';
import type { Entity, EntityCollection, EntityKind, ResourceGroup } from '../../model/types';
import type { Path, Rec } from './context';
import { declareSystemIdentity } from './identities';
import type { ChildResourceKind, TopLevelResourceKind } from './naming';
import type { NativeReading } from './reading';
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
  | { key: string; to: string; as: 'ref'; kind: EntityKind; notSelf?: string }
  | { key: string; to: string; as: 'principal'; kinds?: readonly EntityKind[]; what?: string };

/** A field read by code of its own (nested mappings, lists, fields that depend on one another). */
export type FieldReader<E extends Entity> = (r: NativeReading, entity: E, obj: Rec, path: Path) => void;

export interface EntityDeclaration<E extends Entity = Entity> {
  section: Section;
  collection: EntityCollection;
  /**
   * Places the entry (its name, ARM id and parent) and builds the entity with its defaults and the fields that
   * references by GUID need from the start. Undefined when the entry cannot be placed (reported).
   */
  create: (r: NativeReading, obj: Rec, path: Path) => E | undefined;
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

/** A reference to another entity by name or ARM id. */
export function reference(
  key: string,
  kind: EntityKind,
  options: { to?: string; notSelf?: string } = {},
): FieldRule {
  const rule: FieldRule = { key, to: options.to ?? camel(key), as: 'ref', kind };
  if (options.notSelf !== undefined) rule.notSelf = options.notSelf;
  return rule;
}

/** A reference to a principal (a name, an object or client id, or `system:<resource>`). */
export function principalReference(
  key: string,
  options: { to?: string; kinds?: readonly EntityKind[]; what?: string } = {},
): FieldRule {
  const rule: FieldRule = { key, to: options.to ?? camel(key), as: 'principal' };
  if (options.kinds) rule.kinds = options.kinds;
  if (options.what !== undefined) rule.what = options.what;
  return rule;
}

/** A reference to a user-assigned identity. */
export function identityReference(key: string, to = camel(key)): FieldRule {
  return principalReference(key, { to, kinds: ['userAssignedIdentity'], what: 'user-assigned identity' });
}

/** A top-level resource placed in a resource group (by `resource_group`, or by its `id`). */
export function placeResource(
  r: NativeReading,
  kind: TopLevelResourceKind,
  obj: Rec,
  path: Path,
  options: { globalName?: boolean } = {},
): { name: string; armId: string; resourceGroup: ResourceGroup } | undefined {
  const parts = r.resourceIdentity(kind, obj, path);
  if (!parts || (options.globalName && !r.checkGlobalName(kind, parts.name, path))) return undefined;
  return parts;
}

/** A workspace child placed in its workspace (by `workspace`, by its `id`, or as the only workspace's). */
export function placeInWorkspace(
  r: NativeReading,
  kind: ChildResourceKind,
  obj: Rec,
  path: Path,
): { name: string; armId: string; parent: Entity } | undefined {
  return r.childIdentity(kind, obj, path, 'workspace', 'workspace');
}

function readRule(r: NativeReading, entity: Entity, rule: FieldRule, obj: Rec, path: Path): void {
  let value: unknown;
  switch (rule.as) {
    case 'oneOf':
      value = r.ctx.oneOf(obj, rule.key, path, rule.values, rule.aliases);
      break;
    case 'ref': {
      const id: EntityId | undefined = r.refId(obj[rule.key], [...path, rule.key], rule.kind);
      if (id !== undefined && id === entity.id && rule.notSelf !== undefined) {
        r.ctx.error([...path, rule.key], rule.notSelf);
        return;
      }
      value = id;
      break;
    }
    case 'principal':
      value = r.principal(obj[rule.key], [...path, rule.key], rule.kinds, rule.what);
      break;
    case 'str':
      value = r.ctx.str(obj, rule.key, path);
      break;
    case 'text':
      value = r.ctx.text(obj, rule.key, path);
      break;
    case 'guid':
      value = r.ctx.guid(obj, rule.key, path);
      break;
    case 'bool':
      value = r.ctx.bool(obj, rule.key, path);
      break;
    case 'date':
      value = r.ctx.date(obj, rule.key, path);
      break;
  }
  if (value !== undefined) (entity as unknown as Record<string, unknown>)[rule.to] = value;
}

/**
 * Reads one entry of a section by its declaration: places and registers the entity now, declares its
 * system-assigned identity, and leaves its fields for the second phase.
 */
export function readEntry(r: NativeReading, declaration: EntityDeclaration, obj: Rec, path: Path): void {
  const entity = declaration.create(r, obj, path);
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
