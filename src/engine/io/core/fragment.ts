import { emptyEstate } from '../../model/estate';
import { parentReference } from '../../model/references';
import { COLLECTION_OF_KIND } from '../../model/types';
import { entityId, scopeKey, systemIdentityId, type EntityId } from '../../model/ids';
import type {
  Diagnostic,
  Entity,
  EntityKind,
  EntityOfKind,
  Estate,
  ManagedIdentitySetting,
  Principal,
  RoleAssignment,
  RoleDefinition,
  SourceRef,
  SystemAssignedIdentity,
} from '../../model/types';
import type { ReadContext, Path } from './context';
import { defaultLoginServer, principalEntityId, systemIdentityName } from './naming';
import { KIND_LABELS } from './kinds';
import type { EntityMeta, ReaderResult, SkippedItem } from './reader';
import { quote } from './source';
import { memberSourceRef, ownedSourceRef } from './source/reference';
import {
  kindOfArmId,
  parseArmId,
  parsedParentOf,
  parsedResourceGroupOf,
  scopeKeyOfParsed,
  type ParsedArmId,
} from './azure/ids';

/**
 * The common ground of the readers that turn Azure's own output into estate fragments (az CLI JSON, Resource
 * Graph, compiled ARM templates). One file rarely describes a whole estate: `az ml workspace show` names a
 * storage account it says nothing else about, `az role assignment list` names principals only by object id.
 * The builder therefore creates a *stub* for everything referred to, and records for every entity which
 * fields the input actually gave, and where. `readInputs` uses that record to merge fragments field by
 * field: a given value beats a default, and two different given values are a conflict with two locations.
 */

/** A place in one parsed document. */
export interface Loc {
  ctx: ReadContext;
  path: Path;
}

/**
 * The {@link Loc} of an object's member (or of the object itself, without a key), its path made the first time it
 * is read. A mapping locates every field it may set before it knows whether the input gives it, and most fields of
 * most resources are absent: the copy of a dozen-segment path is left to the few that are set or reported. The
 * path made is this location's own, never changed, so the references and records made from it keep it as it is.
 */
export class MemberLoc implements Loc {
  private made: Path | undefined;

  constructor(
    readonly ctx: ReadContext,
    readonly base: Path,
    readonly key: string | number | undefined,
  ) {}

  get path(): Path {
    return (this.made ??= this.key === undefined ? keptPath(this.base) : this.base.concat(this.key));
  }

  /** A copy of {@link base} that is never changed, shared with the other records made at the same object. */
  get keptBase(): Path {
    return this.key === undefined ? this.path : keptPath(this.base);
  }
}

/**
 * The copies {@link keptPath} made last. An entity's fields sit side by side under its resource and its
 * `properties`, and each record kept of one (its entity's source, where each field was written) held a copy of the
 * same dozen-segment path: the records now share one copy per object.
 */
const KEPT: Path[] = [];
let keptNext = 0;

/**
 * A copy of `path` that no one changes (readers extend and restore theirs): the one made last for the same
 * segments, when there is one among the last few, else a new one. Never change what this returns.
 */
function keptPath(path: Path): Path {
  for (let k = 0; k < KEPT.length; k++) {
    const kept = KEPT[k] as Path;
    if (kept.length !== path.length) continue;
    let i = 0;
    while (i < path.length && kept[i] === path[i]) i++;
    if (i === path.length) return kept;
  }
  const copy = path.slice();
  KEPT[keptNext] = copy;
  keptNext = (keptNext + 1) % 4;
  return copy;
}

const SYSTEM_ONLY: ManagedIdentitySetting = { system: true, userAssigned: [] };
const NO_IDENTITY: ManagedIdentitySetting = { system: false, userAssigned: [] };

/**
 * The value each field takes when an input does not give it, per kind; the same defaults the native reader
 * applies. The merge treats a field equal to its default, in an estate without provenance, as not given.
 */
export const ENTITY_DEFAULTS: { readonly [K in EntityKind]?: Readonly<Record<string, unknown>> } = {
  workspace: {
    workspaceKind: 'default',
    identity: SYSTEM_ONLY,
    publicNetworkAccess: 'Enabled',
    managedNetwork: { isolationMode: 'disabled' },
    systemDatastoresAuthMode: 'accesskey',
  },
  storageAccount: { isHnsEnabled: false, allowSharedKeyAccess: true, network: 'public' },
  keyVault: { enableRbacAuthorization: false, accessPolicies: [], publicNetworkAccess: 'Enabled' },
  containerRegistry: {
    adminUserEnabled: false,
    publicNetworkAccess: 'Enabled',
    roleAssignmentMode: 'legacy',
    networkRestriction: 'none',
    trustedServicesAllowed: true,
  },
  // A compute known only by reference (a role assignment to its identity, a job's ARM id) may be a cluster, an
  // instance or an attached resource: its kind is unknown until a file that declares it says (every reader of a
  // declaration sets the type), never the cluster. The merge takes `unknown` as not given, so a type wins.
  compute: { computeType: 'unknown', identity: NO_IDENTITY },
  aksCluster: { clusterIdentity: { type: 'managed_identity', identity: SYSTEM_ONLY } },
  onlineEndpoint: {
    endpointKind: 'managed',
    authMode: 'key',
    identity: SYSTEM_ONLY,
    enforceAccessToDefaultSecretStores: false,
    publicNetworkAccess: 'Enabled',
  },
  onlineDeployment: { environmentVariables: {} },
  datastore: { datastoreType: 'azure_blob', credentialKind: 'none', serviceDataAccessAuthIdentity: 'None' },
  connection: { connectionType: 'custom', credentialKind: 'none' },
  job: { jobType: 'command', identity: { type: 'unset' }, inputs: [], outputs: [], steps: [] },
  group: { members: [] },
};

/** A deep copy of plain data (defaults must never be shared between entities). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * A deep copy of the defaults of {@link ENTITY_DEFAULTS} (flags, text, small objects and lists): made for every
 * entity a reader creates, where {@link clone}'s JSON round trip cost more than the rest of making the entity.
 */
function copyDefault(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : value.map(copyDefault);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // for-in rather than a key list per object: the defaults are plain object literals.
  for (const key in value) out[key] = copyDefault((value as Record<string, unknown>)[key]);
  return out;
}

/** Sets a copy of each default of `kind` ({@link ENTITY_DEFAULTS}) on a new entity, in order, without a copy between. */
function setDefaults(entity: Record<string, unknown>, kind: EntityKind): void {
  const defaults = ENTITY_DEFAULTS[kind];
  if (defaults === undefined) return;
  for (const key in defaults) entity[key] = copyDefault(defaults[key]);
}

/** Structural equality of plain data; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!deepEqual(ra[key], rb[key])) return false;
  return true;
}

/** A value as a message shows it: text quoted, anything else as compact JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return quote(value, 80);
  return `\`${JSON.stringify(value)}\``.slice(0, 100);
}

/** Whether an `identity` or AKS `clusterIdentity` value includes a system-assigned identity. */
function hasSystemIdentity(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const setting = value as { system?: unknown; type?: unknown; identity?: { system?: unknown } };
  if (setting.system === true) return true;
  return setting.type === 'managed_identity' && setting.identity?.system === true;
}

/**
 * The file and locator a field was written in, before its {@link SourceRef} is made: not the reading context, which
 * would keep the parsed document alive as long as the provenance.
 */
interface Origin {
  readonly file: string;
  readonly locate: ReadContext['locate'];
}

/** One {@link Origin} per context, shared by every field record made from it. */
const ORIGINS = new WeakMap<ReadContext, Origin>();

function originOf(ctx: ReadContext): Origin {
  let origin = ORIGINS.get(ctx);
  if (origin === undefined) {
    origin = { file: ctx.file, locate: ctx.locate };
    ORIGINS.set(ctx, origin);
  }
  return origin;
}

/**
 * The {@link EntityMeta} a builder keeps for each entity. A large template makes tens of thousands of them, each
 * given a handful of fields, and the merge asks where a field was written only on a conflict: the given fields and
 * where they were written are kept in one short list (with the file and locator once, as nearly every field of an
 * entity comes from the same document), and the `given` set and `fieldSources` map (with their references) are made
 * the first time they are read. A set and a map subclass per entity, made up front, cost a sixth of reading a large
 * template and much of its garbage.
 */
class BuiltMeta implements EntityMeta {
  anyKind?: boolean;
  unknown?: Set<string>;
  patch?: boolean;
  /**
   * The given fields in the order they were set, each followed by where it was written: the path of the object it
   * is a member of and its key (undefined when the path is the field's own). The object's path is a kept copy
   * shared with the entity's other records (see keptPath): an entity's fields sit side by side under its resource
   * and its `properties`, so no path is copied per field. One list, made for an entity only when it is given a
   * field (most stubs are given none).
   */
  private written: (string | number | Path | undefined)[] | undefined;
  /** Where the first field was written; {@link otherOrigins} holds the origin of a field written elsewhere. */
  private origin: Origin | undefined;
  private otherOrigins: Map<number, Origin> | undefined;
  private givenSet: Set<string> | undefined;
  private sources: Map<string, SourceRef> | undefined;

  constructor(public stub: boolean) {}

  /** Whether the input gave `field` (what `given.has` answers, without making the set). */
  gave(field: string): boolean {
    const written = this.written;
    if (written === undefined) return false;
    for (let i = 0; i < written.length; i += 3) if (written[i] === field) return true;
    return false;
  }

  /** Records that `field` was written at `loc` (the path copied: readers extend and restore theirs). */
  give(field: string, loc: Loc): void {
    const origin = originOf(loc.ctx);
    const index = this.written === undefined ? 0 : this.written.length / 3;
    this.origin ??= origin;
    if (this.origin !== origin) (this.otherOrigins ??= new Map()).set(index, origin);
    // A member location is kept as its object's shared path and its key; any other as a kept copy of its path.
    const member = loc instanceof MemberLoc ? loc : undefined;
    const base = member ? member.keptBase : keptPath(loc.path);
    const key = member?.key;
    if (this.written === undefined) this.written = [field, base, key];
    else this.written.push(field, base, key);
    this.givenSet?.add(field);
    this.sources?.set(field, this.sourceOf(index));
  }

  get given(): Set<string> {
    if (this.givenSet === undefined) {
      const given = new Set<string>();
      const written = this.written ?? [];
      for (let i = 0; i < written.length; i += 3) given.add(written[i] as string);
      this.givenSet = given;
    }
    return this.givenSet;
  }

  get fieldSources(): Map<string, SourceRef> {
    if (this.sources === undefined) {
      const sources = new Map<string, SourceRef>();
      const written = this.written ?? [];
      for (let i = 0; i < written.length; i += 3) sources.set(written[i] as string, this.sourceOf(i / 3));
      this.sources = sources;
    }
    return this.sources;
  }

  /** The reference of the `index`th field given. */
  private sourceOf(index: number): SourceRef {
    const origin = (this.otherOrigins?.get(index) ?? this.origin) as Origin;
    const written = this.written as (string | number | Path | undefined)[];
    const base = written[3 * index + 1] as Path;
    const key = written[3 * index + 2] as string | number | undefined;
    return key === undefined
      ? ownedSourceRef(origin.file, origin.locate, base)
      : memberSourceRef(origin.file, origin.locate, base, key);
  }
}

/** Builds one file's estate fragment; see the module comment. */
export class FragmentBuilder {
  readonly estate: Estate;
  readonly meta = new Map<object, BuiltMeta>();
  readonly roleNames = new Map<RoleAssignment, string>();
  readonly skipped: SkippedItem[] = [];
  /** Every context used, so that their diagnostics can be collected in order. */
  private readonly contexts = new Set<ReadContext>();
  private readonly extra: Diagnostic[] = [];
  // Entities by lower-cased ARM id (resources, and system identities by their owner's) and principals by entity
  // id: one map each, so that a lookup hashes the id itself rather than a prefixed copy made for it.
  private readonly resourcesByKey = new Map<string, Entity>();
  private readonly systemIdentitiesByOwner = new Map<string, SystemAssignedIdentity>();
  private readonly principalsById = new Map<string, Entity>();
  private readonly principalsByGuid = new Map<string, Entity>();
  private readonly assignmentIds = new Set<string>();
  private readonly roleIds = new Map<string, RoleDefinition>();
  /**
   * Whether a null value means "written, but not knowable" (the ARM reader leaves an expression it cannot
   * evaluate as null) rather than "not set" (as az prints an unset field). The mapping then marks the field
   * {@link unknown} instead of leaving it to its default.
   */
  nullIsUnknown = false;
  /**
   * Whether {@link set} replaces a value given earlier in the file rather than keeping the first: on while a patch of
   * an existing resource (Terraform's `azapi_update_resource`) is read, since the patch is what Azure ends up with.
   */
  overriding = false;
  /** Work that needs the whole file read first (see {@link atEnd}), run once by {@link result}. */
  private readonly finishing: (() => void)[] = [];
  /** What the input wrote where it left a value unknown (see {@link unknowable}), by document path. */
  private readonly unknowables = new Map<string, string>();

  constructor(
    readonly file: string,
    origin: Estate['assignmentsOrigin'],
  ) {
    this.estate = emptyEstate(file, origin);
  }

  /** Registers a context whose diagnostics belong to this fragment. */
  use(ctx: ReadContext): void {
    this.contexts.add(ctx);
  }

  /** A diagnostic that belongs to no document position (rare: whole-file notes). */
  note(diagnostic: Diagnostic): void {
    this.extra.push(diagnostic);
  }

  /** The source reference of a location (and notes that its context's diagnostics belong here). */
  source(loc: Loc): SourceRef {
    this.use(loc.ctx);
    // A member location is kept as its object's shared path and its key (its own path is made when read).
    if (loc instanceof MemberLoc)
      return loc.key === undefined
        ? ownedSourceRef(loc.ctx.file, loc.ctx.locate, loc.path)
        : memberSourceRef(loc.ctx.file, loc.ctx.locate, loc.keptBase, loc.key);
    return loc.ctx.source(loc.path);
  }

  /** What the fragment records about an entity, created empty on first use. */
  metaOf(entity: object): BuiltMeta {
    let meta = this.meta.get(entity);
    if (!meta) {
      meta = new BuiltMeta(false);
      this.meta.set(entity, meta);
    }
    return meta;
  }

  /** Records that `item` was seen and deliberately not modelled. */
  skip(kind: string, note: string, loc?: Loc): void {
    if (loc === undefined) {
      this.skipped.push({ file: this.file, kind, note });
      return;
    }
    // The line is worked out when the note is first read, as a source reference's is: a template skips a
    // resource at every false condition, and locating each one cost a tenth of reading it.
    const source = this.source(loc);
    let written: string | undefined;
    this.skipped.push({
      file: this.file,
      kind,
      get note(): string {
        return (written ??= `${note} (line ${source.line ?? '?'})`);
      },
    });
  }

  /**
   * The entity of `kind` with this ARM id: the one already in the fragment, or a new one with default
   * settings. Its resource group, subscription and parent are created as stubs on the way. A declaration
   * (`stub: false`) upgrades an earlier stub. Reports and returns undefined when the id is not an ARM id of
   * that kind.
   */
  resource<K extends EntityKind>(
    kind: K,
    armId: string,
    loc: Loc,
    options: { stub?: boolean; source?: SourceRef } = {},
  ): EntityOfKind<K> | undefined {
    const parsed = parseArmId(armId);
    const actual = parsed ? kindOfArmId(parsed) : undefined;
    if (!parsed || actual !== kind) {
      loc.ctx.error(
        loc.path,
        `expected the ARM id of a ${KIND_LABELS[kind]}, found ${quote(armId, 140)}${actual ? ` (the id of a ${KIND_LABELS[actual]})` : ''}`,
      );
      this.use(loc.ctx);
      return undefined;
    }
    return this.resourceFromParsed(kind, parsed, loc, options.stub ?? false, options.source);
  }

  /** {@link resource} for a parsed id; `source`, when given, is the entity's own (its stubs get `loc`'s). */
  private resourceFromParsed<K extends EntityKind>(
    kind: K,
    parsed: ParsedArmId,
    loc: Loc,
    stub: boolean,
    source?: SourceRef,
  ): EntityOfKind<K> {
    const key = scopeKeyOfParsed(parsed);
    const existing = this.resourcesByKey.get(key);
    if (existing) {
      const meta = this.metaOf(existing);
      if (!stub && meta.stub) {
        meta.stub = false;
        existing.source = source ?? this.source(loc);
      }
      return existing as EntityOfKind<K>;
    }
    const id = entityId(parsed.id);
    const name = parsed.names[parsed.names.length - 1] ?? parsed.subscriptionId ?? parsed.id;
    const entity: Record<string, unknown> = { id, kind, name, armId: parsed.id };
    setDefaults(entity, kind);
    entity.source = source ?? this.source(loc);
    switch (kind) {
      case 'subscription':
        entity.name = parsed.subscriptionId ?? name;
        entity.subscriptionId = (parsed.subscriptionId ?? '').toLowerCase();
        break;
      case 'resourceGroup': {
        entity.name = parsed.resourceGroup ?? name;
        const sub = parseArmId(`/subscriptions/${parsed.subscriptionId ?? ''}`);
        if (sub) entity.subscription = this.resourceFromParsed('subscription', sub, loc, true).id;
        break;
      }
      case 'managementGroup':
        break;
      default: {
        // The model requires a login server; a registry known only by reference gets the one Azure gives it.
        if (kind === 'containerRegistry') entity.loginServer = defaultLoginServer(name);
        // The parent the reference table names follows from the id: a resource group, or a workspace or endpoint.
        const parent = parentReference(kind);
        const parentKind = parent?.targets[0];
        const parentParsed =
          parent === undefined
            ? undefined
            : parentKind === 'resourceGroup'
              ? parsedResourceGroupOf(parsed)
              : parsedParentOf(parsed);
        if (parent && parentKind && parentParsed)
          entity[parent.path] = this.resourceFromParsed(parentKind, parentParsed, loc, true).id;
      }
    }
    const typed = entity as unknown as EntityOfKind<K>;
    this.resourcesByKey.set(key, typed);
    (this.estate[COLLECTION_OF_KIND[kind]] as Entity[]).push(typed);
    this.meta.set(typed, new BuiltMeta(stub));
    return typed;
  }

  /** The resource an ARM id names, whatever its kind, as a stub; undefined (silently) for unmodelled types. */
  anyResource(armId: string, loc: Loc): Entity | undefined {
    const parsed = parseArmId(armId);
    const kind = parsed ? kindOfArmId(parsed) : undefined;
    if (!parsed || !kind || kind === 'subscription' || kind === 'managementGroup' || kind === 'resourceGroup')
      return undefined;
    return this.resourceFromParsed(kind, parsed, loc, true);
  }

  /**
   * Sets a field the input gave. Setting it again to a different value (the same entity twice in one file)
   * keeps the first value and reports the second with a pointer to the first.
   */
  set<E extends Entity>(entity: E, field: keyof E & string, value: E[keyof E] | undefined, loc: Loc): void {
    if (value === undefined) return;
    const meta = this.metaOf(entity);
    const record = entity as unknown as Record<string, unknown>;
    if (meta.gave(field) && this.overriding) {
      // The later place is the one kept for the field (fieldSources keeps the last of a field written twice).
      record[field] = value;
      meta.give(field, loc);
      meta.unknown?.delete(field);
      this.use(loc.ctx);
      return;
    }
    if (meta.gave(field)) {
      const first = meta.fieldSources.get(field);
      if (!deepEqual(record[field], value) && !hasSystemIdentity(record[field]) && hasSystemIdentity(value)) {
        // Reading the second description has already made its system-assigned identity (role assignments may
        // name it): keeping the first would leave that identity without an owner that has one.
        loc.ctx.error(
          loc.path,
          `${KIND_LABELS[entity.kind]} \`${entity.name}\` is described twice with conflicting \`${field}\`: ${showValue(record[field])} first, then ${showValue(value)} here with a system-assigned identity; keep one description`,
          first ? { related: first } : {},
        );
        this.use(loc.ctx);
      } else if (!deepEqual(record[field], value)) {
        loc.ctx.warn(
          loc.path,
          `${KIND_LABELS[entity.kind]} \`${entity.name}\` is described twice with different \`${field}\`: ${showValue(record[field])} first, ${showValue(value)} here; the first is kept`,
          first ? { related: first } : {},
        );
        this.use(loc.ctx);
      }
      return;
    }
    record[field] = value;
    meta.give(field, loc);
    this.use(loc.ctx);
  }

  /**
   * Records that the input wrote `field` with a value it cannot know: the entity keeps its default for the
   * model's sake, but the field is unknown (the analysis skips what rests on it). A field given elsewhere in
   * the same fragment stays given, unless `partial` says the input may give only part of it.
   */
  unknown<E extends Entity>(entity: E, field: keyof E & string, options: { partial?: boolean } = {}): void {
    const meta = this.metaOf(entity);
    // A list the input gives only in part (see provenance.ts) stays unknown beside the part it gives.
    if (meta.gave(field) && options.partial !== true) return;
    (meta.unknown ??= new Set()).add(field);
  }

  /**
   * Records that the input wrote `written` (an ARM expression, say) at `path`, where the value cannot be known;
   * the mapping asks {@link writtenAt} when it must say why a setting is unknown.
   */
  unknowable(path: Path, written: string): void {
    this.unknowables.set(path.join('\u0000'), written);
  }

  /** What the input wrote at a location whose value it could not know (see {@link unknowable}). */
  writtenAt(loc: Loc): string | undefined {
    return this.unknowables.get(loc.path.join('\u0000'));
  }

  /** The system-assigned identity of `owner`, created on first use. */
  systemIdentity(
    owner: EntityOfKind<'workspace' | 'compute' | 'onlineEndpoint' | 'aksCluster'>,
    principalId: string | undefined,
    loc: Loc,
  ): SystemAssignedIdentity {
    // An owner made by this builder has its parsed ARM id as its id: its key is then the one made for that id.
    const ownerParsed = owner.id === owner.armId ? parseArmId(owner.armId) : undefined;
    const key = ownerParsed ? scopeKeyOfParsed(ownerParsed) : scopeKey(owner.id);
    let sai = this.systemIdentitiesByOwner.get(key);
    if (!sai) {
      const id = systemIdentityId(owner.id);
      const parsed = ownerParsed ?? parseArmId(owner.armId);
      sai = {
        id,
        kind: 'systemAssignedIdentity',
        name: systemIdentityName(owner.kind, owner.name, parsed?.names[0]),
        owner: owner.id,
        source: this.source(loc),
      };
      this.systemIdentitiesByOwner.set(key, sai);
      this.estate.systemAssignedIdentities.push(sai);
      this.meta.set(sai, new BuiltMeta(false));
    }
    if (principalId !== undefined) {
      this.set(sai, 'principalId', principalId.toLowerCase(), loc);
      this.principalsByGuid.set(principalId.toLowerCase(), sai);
    }
    return sai;
  }

  /**
   * A user, group or service principal. Without an object id it is named by `name`. A placeholder (`stub`)
   * carries what the referring input knew (object id, the name az printed) and gives way to a declaration
   * in the merge; `anyKind` marks one whose kind is only a guess.
   */
  principal(
    kind: 'user' | 'group' | 'servicePrincipal',
    info: { objectId?: string; name?: string; userPrincipalName?: string; appId?: string },
    loc: Loc,
    options: { stub?: boolean; anyKind?: boolean } = {},
  ): Principal {
    const objectId = info.objectId?.toLowerCase();
    const name = info.name ?? info.userPrincipalName ?? objectId ?? info.appId ?? '?';
    const known = objectId !== undefined ? this.principalsByGuid.get(objectId) : undefined;
    const compatible =
      known !== undefined &&
      (known.kind === kind ||
        options.anyKind === true ||
        (kind === 'servicePrincipal' &&
          (known.kind === 'userAssignedIdentity' || known.kind === 'systemAssignedIdentity')));
    if (known && compatible) {
      const meta = this.metaOf(known);
      if (!options.stub && meta.stub && known.kind === kind) {
        meta.stub = false;
        delete meta.anyKind;
        known.source = this.source(loc);
      }
      return known as Principal;
    }
    const id = principalEntityId(kind, name, objectId);
    const existing = this.principalsById.get(id);
    if (existing) return existing as Principal;
    const source = this.source(loc);
    // A group's members in the same literal: a member added afterwards took a property store of its own for each
    // of the thousands of groups a template's assignments name.
    const entity = (kind === 'group' ? { id, kind, name, source, members: [] } : { id, kind, name, source }) as EntityOfKind<
      'user' | 'group' | 'servicePrincipal'
    >;
    this.principalsById.set(id, entity);
    (this.estate[COLLECTION_OF_KIND[kind]] as Entity[]).push(entity);
    const meta = new BuiltMeta(options.stub ?? false);
    if (options.anyKind) meta.anyKind = true;
    this.meta.set(entity, meta);
    if (objectId !== undefined) {
      this.set(entity, 'objectId', objectId, loc);
      this.principalsByGuid.set(objectId, entity);
    }
    if (entity.kind === 'user' && info.userPrincipalName !== undefined)
      this.set(entity, 'userPrincipalName', info.userPrincipalName, loc);
    if (entity.kind === 'servicePrincipal' && info.appId !== undefined)
      this.set(entity, 'appId', info.appId.toLowerCase(), loc);
    return entity;
  }

  /** A principal known only by object id, of unknown kind: whatever principal has that id, once merged. */
  principalByObjectId(objectId: string, loc: Loc): EntityId {
    return this.principal('servicePrincipal', { objectId }, loc, { stub: true, anyKind: true }).id;
  }

  /** Remembers a user-assigned identity's principal id, so that references by object id find it. */
  indexPrincipalId(entity: Entity, principalId: string): void {
    this.principalsByGuid.set(principalId.toLowerCase(), entity);
  }

  /** Adds a role assignment; a second one with the same id in one file is ignored. */
  roleAssignment(assignment: RoleAssignment, roleName: string | undefined): boolean {
    // A scope that is no ARM id (a template's bare-name `scope: 'Ws-Prod'` read as `<group>/providers/Ws-Prod`)
    // names nothing Azure could grant on: refused where the assignment is, rather than kept as a phantom scope.
    if (!wellFormedScope(assignment.scope)) {
      this.extra.push({
        severity: 'error',
        ...assignment.source,
        message: `the role assignment's scope ${quote(assignment.scope, 160)} is not an ARM id: after \`/providers/\` come a namespace and type/name pairs (\`Microsoft.MachineLearningServices/workspaces/<name>\`), so a bare name is no scope; give the resource's id (\`resourceId(...)\`)`,
      });
      return false;
    }
    const key = assignment.id.toLowerCase();
    if (this.assignmentIds.has(key)) return false;
    this.assignmentIds.add(key);
    this.estate.roleAssignments.push(assignment);
    if (roleName !== undefined) this.roleNames.set(assignment, roleName);
    return true;
  }

  /** Adds a role definition; the same GUID twice keeps the first. */
  roleDefinition(role: RoleDefinition): void {
    if (this.roleIds.has(role.id)) return;
    this.roleIds.set(role.id, role);
    this.estate.roleDefinitions.push(role);
  }

  /** Every diagnostic of the fragment, in document order within each context. */
  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [...this.extra];
    for (const ctx of this.contexts) {
      out.push(
        ...[...ctx.diagnostics].sort(
          (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
        ),
      );
    }
    return out;
  }

  /**
   * Runs `task` once the whole file is read, before the result is made: for a conclusion about entities the file
   * may declare after the place that calls for it (a private endpoint before the storage account it may reach).
   */
  atEnd(task: () => void): void {
    this.finishing.push(task);
  }

  /** The reader's result: the fragment unless something was an error. */
  result(parseDiagnostics: readonly Diagnostic[] = []): ReaderResult {
    for (const task of this.finishing.splice(0)) task();
    const diagnostics = [...parseDiagnostics, ...this.diagnostics()];
    const failed = diagnostics.some((d) => d.severity === 'error');
    const result: ReaderResult = {
      estate: failed ? undefined : this.estate,
      diagnostics,
      provenance: { meta: this.meta, roleNames: this.roleNames },
    };
    if (this.skipped.length > 0) result.skipped = this.skipped;
    return result;
  }
}

/**
 * True when `scope` is `/` or an ARM id whose every `providers` segment is followed by a namespace and whole
 * type/name pairs (`/subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.Storage/storageAccounts/<n>`).
 */
function wellFormedScope(scope: string): boolean {
  if (scope === '/') return true;
  // Segment 0 is the empty text before the leading `/`; each `providers` must be followed by a namespace and
  // whole type/name pairs up to the next one (or the end). Segments are found in place rather than by a split:
  // every role assignment of a file comes through here.
  let previous = -1;
  let segment = 0;
  for (let start = 0; ; segment++) {
    const slash = scope.indexOf('/', start);
    const end = slash < 0 ? scope.length : slash;
    if (segment > 0 && end - start === 9 && scope.slice(start, end).toLowerCase() === 'providers') {
      if (previous >= 0 && !wholePairs(segment - previous - 1)) return false;
      previous = segment;
    }
    if (slash < 0) break;
    start = slash + 1;
  }
  return previous < 0 || wholePairs(segment - previous);
}

/** Whether `count` segments after a `providers` are a namespace and whole type/name pairs. */
function wholePairs(count: number): boolean {
  return count >= 3 && count % 2 === 1;
}
