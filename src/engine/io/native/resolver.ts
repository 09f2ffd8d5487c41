import { isGuid, roleIdFrom, scopeKey, type EntityId, type RoleId } from '../../model/ids';
import type { Entity, EntityKind, RoleDefinition, SystemAssignedIdentity } from '../../model/types';
import { BUILT_IN_ROLES, findBuiltInRole } from '../../rbac/builtin-roles';
import { quote } from '../core/source';
import { PRINCIPAL_KINDS } from '../../model/references';
import { KIND_LABELS } from '../core/kinds';
import { didYouMean } from '../core/suggest';

/**
 * Reference resolution for the native format, shared by the reader (text to id) and the writer (id to the
 * shortest text that resolves back to it). Because the writer asks this same index whether a name would come
 * back to the right entity, names it writes always read back as the ids they came from.
 */

/** A resolved reference, or why it could not be resolved. `warning` accompanies a value that is kept but doubtful. */
export type Resolution<T> = { value: T; warning?: string } | { error: string };

/** Kinds that live at an ARM scope, so that a role assignment can name them as its scope. */
export const RESOURCE_KINDS: readonly EntityKind[] = [
  'managementGroup',
  'subscription',
  'resourceGroup',
  'workspace',
  'storageAccount',
  'keyVault',
  'containerRegistry',
  'applicationInsights',
  'userAssignedIdentity',
  'aksCluster',
  'compute',
  'onlineEndpoint',
  'onlineDeployment',
  'datastore',
  'connection',
  'job',
];

const ARM_SCOPE =
  /^\/(subscriptions\/[^/\s]+|providers\/Microsoft\.Management\/managementGroups\/[^/\s]+)(\/[^/\s]+)*\/?$/i;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function armIdOf(entity: Entity): string | undefined {
  return 'armId' in entity ? entity.armId : undefined;
}

/** The entity an entity is named within: a workspace for workspace children, an endpoint for deployments. */
export function containerOf(entity: Entity): EntityId | undefined {
  switch (entity.kind) {
    case 'compute':
    case 'onlineEndpoint':
    case 'datastore':
    case 'connection':
    case 'job':
      return entity.workspace;
    case 'onlineDeployment':
      return entity.endpoint;
    default:
      return undefined;
  }
}

function describe(entity: Entity): string {
  return `${KIND_LABELS[entity.kind]} ${armIdOf(entity) ?? entity.id}`;
}

function listCandidates(entities: readonly Entity[]): string {
  const shown = entities.slice(0, 4).map(describe);
  return shown.join(', ') + (entities.length > 4 ? ` and ${entities.length - 4} more` : '');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Lookups over the entities of an estate being read or written. Entities may be added as they are declared. */
export class EstateIndex {
  private readonly byId = new Map<string, Entity>();
  private readonly byIdLower = new Map<string, Entity[]>();
  private readonly byArmId = new Map<string, Entity>();
  private readonly byName = new Map<EntityKind, Map<string, Entity[]>>();
  private readonly byGuid = new Map<string, Entity[]>();
  private readonly saisByOwner = new Map<EntityId, SystemAssignedIdentity>();
  private readonly usersByUpn = new Map<string, Entity[]>();
  /** Every resource (anything with an ARM id) by lower-cased name, for scopes given as names. */
  private readonly resourcesByName = new Map<string, Entity[]>();
  /** System-assigned identities by owner ARM id (lower-cased) and by owner name. */
  private readonly saisByOwnerKey = new Map<string, SystemAssignedIdentity[]>();
  private readonly saisByOwnerName = new Map<string, SystemAssignedIdentity[]>();
  private readonly customByName = new Map<string, RoleDefinition>();
  private readonly customById = new Map<string, RoleDefinition>();
  private readonly kindCounts = new Map<EntityKind, Entity[]>();

  /** Adds an entity; the caller has already checked that its id is new. */
  add(entity: Entity): void {
    this.byId.set(entity.id, entity);
    push(this.byIdLower, entity.id.toLowerCase(), entity);
    const armId = armIdOf(entity);
    if (armId !== undefined) {
      this.byArmId.set(scopeKey(armId), entity);
      push(this.resourcesByName, entity.name.toLowerCase(), entity);
    }
    let names = this.byName.get(entity.kind);
    if (!names) {
      names = new Map();
      this.byName.set(entity.kind, names);
    }
    push(names, entity.name.toLowerCase(), entity);
    push(this.kindCounts, entity.kind, entity);
    for (const guid of this.guidsOf(entity)) push(this.byGuid, guid.toLowerCase(), entity);
    if (entity.kind === 'user' && entity.userPrincipalName !== undefined)
      push(this.usersByUpn, entity.userPrincipalName.toLowerCase(), entity);
    if (entity.kind === 'systemAssignedIdentity') {
      this.saisByOwner.set(entity.owner, entity);
      const owner = this.byId.get(entity.owner);
      push(
        this.saisByOwnerKey,
        scopeKey(owner && armIdOf(owner) !== undefined ? (armIdOf(owner) ?? '') : entity.owner),
        entity,
      );
      if (owner) push(this.saisByOwnerName, owner.name.toLowerCase(), entity);
    }
  }

  /** Adds a custom role definition. */
  addRole(role: RoleDefinition): void {
    this.customByName.set(role.name.toLowerCase(), role);
    this.customById.set(role.id, role);
  }

  private guidsOf(entity: Entity): string[] {
    switch (entity.kind) {
      case 'user':
      case 'group':
        return entity.objectId !== undefined ? [entity.objectId] : [];
      case 'servicePrincipal':
        return [entity.objectId, entity.appId].filter((v): v is string => v !== undefined);
      case 'userAssignedIdentity':
        return [entity.principalId, entity.clientId].filter((v): v is string => v !== undefined);
      case 'systemAssignedIdentity':
        return entity.principalId !== undefined ? [entity.principalId] : [];
      default:
        return [];
    }
  }

  /** The entity with exactly this id. */
  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** The entity whose id equals `id` ignoring case (ARM ids are case-insensitive). */
  getIgnoringCase(id: string): Entity | undefined {
    return this.byId.get(id) ?? this.byIdLower.get(id.toLowerCase())?.[0];
  }

  /** The resource whose ARM id equals `armId`, ignoring case. */
  getByArmId(armId: string): Entity | undefined {
    return this.byArmId.get(scopeKey(armId));
  }

  /** Every entity of a kind, in declaration order. */
  ofKind(kind: EntityKind): readonly Entity[] {
    return this.kindCounts.get(kind) ?? [];
  }

  /** The single entity of a kind, when there is exactly one (lets a file leave out `workspace:` and similar). */
  only(kind: EntityKind): Entity | undefined {
    const all = this.ofKind(kind);
    return all.length === 1 ? all[0] : undefined;
  }

  /** The system-assigned identity a resource owns. */
  systemIdentityOf(owner: EntityId): SystemAssignedIdentity | undefined {
    return this.saisByOwner.get(owner);
  }

  private named(kind: EntityKind, name: string, within?: EntityId): Entity[] {
    let all = this.byName.get(kind)?.get(name.toLowerCase()) ?? [];
    if (within !== undefined) all = all.filter((entity) => containerOf(entity) === within);
    // An exact-case match beats a case-insensitive one, so that `Data` and `data` can still be told apart.
    const exact = all.filter((entity) => entity.name === name);
    return exact.length > 0 ? exact : all;
  }

  private namesOf(kinds: readonly EntityKind[], within?: EntityId): string[] {
    const names: string[] = [];
    for (const kind of kinds) {
      for (const entity of this.ofKind(kind)) {
        if (within === undefined || containerOf(entity) === within) names.push(entity.name);
      }
    }
    return names;
  }

  /**
   * Resolves a reference to an entity of one of `kinds`: a name (within `within` when given, a workspace or an
   * endpoint) or an ARM id. `what` names the expected kind in messages.
   */
  resolveEntity(
    text: string,
    kinds: readonly EntityKind[],
    what: string,
    within?: EntityId,
  ): Resolution<Entity> {
    const ref = text.trim();
    if (ref === '') return { error: `expected the name or ARM id of a ${what}, found an empty string` };
    if (ref.startsWith('/')) {
      const found = this.getByArmId(ref) ?? this.getIgnoringCase(ref);
      if (found && kinds.includes(found.kind)) return { value: found };
      if (found)
        return { error: `${quote(ref)} is a ${KIND_LABELS[found.kind]}, but a ${what} is expected here` };
      return { error: `no ${what} with id ${quote(ref, 120)} is declared in this estate` };
    }
    const exactId = this.byId.get(ref);
    if (exactId && kinds.includes(exactId.kind)) return { value: exactId };
    const found: Entity[] = [];
    for (const kind of kinds) found.push(...this.named(kind, ref, within));
    const exactCase = found.filter((entity) => entity.name === ref);
    const matches = unique(exactCase.length > 0 ? exactCase : found);
    if (matches.length === 1 && matches[0]) return { value: matches[0] };
    const where = within !== undefined ? ` in ${this.describeContainer(within)}` : '';
    if (matches.length > 1) {
      return {
        error: `${quote(ref)} is ambiguous: it names ${listCandidates(matches)}; write the ARM id instead`,
      };
    }
    const otherKinds = RESOURCE_KINDS.concat(PRINCIPAL_KINDS).filter((kind) => !kinds.includes(kind));
    const elsewhere = otherKinds.flatMap((kind) => this.named(kind, ref));
    if (elsewhere.length > 0 && elsewhere[0]) {
      return {
        error: `${quote(ref)} is a ${KIND_LABELS[elsewhere[0].kind]}, but a ${what} is expected here`,
      };
    }
    return {
      error: `no ${what} named ${quote(ref)} is declared${where}${didYouMean(ref, this.namesOf(kinds, within))}`,
    };
  }

  private describeContainer(id: EntityId): string {
    const container = this.byId.get(id);
    return container ? `${KIND_LABELS[container.kind]} \`${container.name}\`` : `\`${id}\``;
  }

  /**
   * Resolves a principal reference: an entity id (`user:...`), `system:<resource name or ARM id>`, an ARM id of a
   * user-assigned identity, a GUID (object id, principal id, client id or app id), or a name (user name or UPN,
   * group, service principal or user-assigned identity name).
   */
  resolvePrincipal(
    text: string,
    kinds: readonly EntityKind[] = PRINCIPAL_KINDS,
    what = 'principal',
  ): Resolution<Entity> {
    const ref = text.trim();
    if (ref === '') return { error: `expected a ${what}, found an empty string` };
    const exact = this.byId.get(ref);
    if (exact && PRINCIPAL_KINDS.includes(exact.kind))
      return this.checkPrincipalKind(ref, exact, kinds, what);

    if (/^system:/i.test(ref)) {
      const target = ref.slice('system:'.length).trim();
      const matches = this.matchSystemIdentity(target);
      if (matches.length === 1 && matches[0]) return this.checkPrincipalKind(ref, matches[0], kinds, what);
      if (matches.length > 1)
        return {
          error: `${quote(ref)} is ambiguous: it matches ${listCandidates(matches)}; write \`system:<ARM id>\``,
        };
      const owners = this.ofKind('systemAssignedIdentity').map((entity) => entity.name);
      return {
        error: `no resource with a system-assigned identity matches ${quote(ref)}${didYouMean(target, owners)}`,
      };
    }

    const prefixed = /^(user|group|sp):(.+)$/i.exec(ref);
    if (prefixed) {
      const found =
        this.byIdLower.get(ref.toLowerCase())?.filter((entity) => PRINCIPAL_KINDS.includes(entity.kind)) ??
        [];
      if (found.length === 1 && found[0]) return this.checkPrincipalKind(ref, found[0], kinds, what);
      // `user:alice` when alice was declared with an object id: fall through to name lookup of the rest.
      const kind = ({ user: 'user', group: 'group', sp: 'servicePrincipal' } as const)[
        (prefixed[1] ?? '').toLowerCase() as 'user' | 'group' | 'sp'
      ];
      const rest = (prefixed[2] ?? '').trim();
      const byRest = isGuid(rest)
        ? (this.byGuid.get(rest.toLowerCase()) ?? []).filter((e) => e.kind === kind)
        : this.namedPrincipal(rest, [kind]);
      if (byRest.length === 1 && byRest[0]) return this.checkPrincipalKind(ref, byRest[0], kinds, what);
      if (byRest.length > 1)
        return { error: `${quote(ref)} is ambiguous: it matches ${listCandidates(byRest)}` };
      return {
        error: `no ${KIND_LABELS[kind]} ${quote(rest)} is declared${didYouMean(rest, this.namesOf([kind]))}`,
      };
    }

    if (ref.startsWith('/')) {
      const found = this.getByArmId(ref) ?? this.getIgnoringCase(ref);
      if (found && found.kind === 'userAssignedIdentity')
        return this.checkPrincipalKind(ref, found, kinds, what);
      if (found && PRINCIPAL_KINDS.includes(found.kind))
        return this.checkPrincipalKind(ref, found, kinds, what);
      if (found)
        return {
          error: `${quote(ref, 120)} is a ${KIND_LABELS[found.kind]}, not a principal; for its managed identity write \`system:${found.name}\``,
        };
      return { error: `no user-assigned identity with id ${quote(ref, 120)} is declared` };
    }

    if (isGuid(ref)) {
      const found = unique(this.byGuid.get(ref.toLowerCase()) ?? []);
      if (found.length === 1 && found[0]) return this.checkPrincipalKind(ref, found[0], kinds, what);
      if (found.length > 1)
        return { error: `${quote(ref)} is ambiguous: it is the id of ${listCandidates(found)}` };
      return { error: `no ${what} with object, principal, client or app id ${quote(ref)} is declared` };
    }

    const matches = this.namedPrincipal(ref, ['user', 'group', 'servicePrincipal', 'userAssignedIdentity']);
    if (matches.length === 1 && matches[0]) return this.checkPrincipalKind(ref, matches[0], kinds, what);
    if (matches.length > 1) {
      return {
        error: `${quote(ref)} is ambiguous: it names ${listCandidates(matches)}; write its id (\`user:<object id>\`, an ARM id...) instead`,
      };
    }
    const sai = this.matchSystemIdentity(ref);
    if (sai.length > 0)
      return {
        error: `no ${what} named ${quote(ref)} is declared; to mean the managed identity of that resource, write \`system:${ref}\``,
      };
    const names = this.namesOf(['user', 'group', 'servicePrincipal', 'userAssignedIdentity']);
    names.push(...this.usersByUpn.keys());
    return { error: `no ${what} named ${quote(ref)} is declared${didYouMean(ref, names)}` };
  }

  private namedPrincipal(name: string, kinds: readonly EntityKind[]): Entity[] {
    const found: Entity[] = [];
    for (const kind of kinds) found.push(...this.named(kind, name));
    if (kinds.includes('user')) found.push(...(this.usersByUpn.get(name.toLowerCase()) ?? []));
    return unique(found);
  }

  private matchSystemIdentity(target: string): Entity[] {
    if (target.startsWith('/')) return this.saisByOwnerKey.get(scopeKey(target)) ?? [];
    const byDisplayName = this.named('systemAssignedIdentity', target);
    if (byDisplayName.length > 0) return byDisplayName;
    return this.saisByOwnerName.get(target.toLowerCase()) ?? [];
  }

  private checkPrincipalKind(
    ref: string,
    entity: Entity,
    kinds: readonly EntityKind[],
    what: string,
  ): Resolution<Entity> {
    if (kinds.includes(entity.kind)) return { value: entity };
    return { error: `${quote(ref)} is a ${KIND_LABELS[entity.kind]}, but a ${what} is expected here` };
  }

  /**
   * Resolves a scope: `/`, any ARM id (kept as written; it need not be in the estate, a blob container is a fine
   * scope), a subscription GUID, or the name of a resource in the estate.
   */
  resolveScope(text: string): Resolution<string> {
    const ref = text.trim();
    if (ref === '/') return { value: '/' };
    if (ref.startsWith('/')) {
      if (!ARM_SCOPE.test(ref)) {
        return {
          error: `expected \`/\`, an ARM id starting with \`/subscriptions/\` or \`/providers/Microsoft.Management/managementGroups/\`, or a resource name; found ${quote(ref, 120)}`,
        };
      }
      return { value: ref };
    }
    if (ref === '') return { error: 'expected a scope, found an empty string' };
    if (isGuid(ref)) {
      const subscription = this.ofKind('subscription').find(
        (s) => s.kind === 'subscription' && s.subscriptionId.toLowerCase() === ref.toLowerCase(),
      );
      if (subscription && subscription.kind === 'subscription') return { value: subscription.armId };
      return {
        error: `no subscription with id ${quote(ref)} is declared; write \`/subscriptions/${ref}\` to use it anyway`,
      };
    }
    const all = this.resourcesByName.get(ref.toLowerCase()) ?? [];
    const exact = all.filter((entity) => entity.name === ref);
    const matches = exact.length > 0 ? exact : all;
    if (matches.length === 1 && matches[0]) return { value: armIdOf(matches[0]) ?? matches[0].id };
    if (matches.length > 1)
      return {
        error: `${quote(ref)} is ambiguous as a scope: it names ${listCandidates(matches)}; write the ARM id instead`,
      };
    const principal = this.namedPrincipal(ref, ['user', 'group', 'servicePrincipal']);
    if (principal.length > 0)
      return { error: `${quote(ref)} is a ${KIND_LABELS[principal[0]?.kind ?? 'user']}, not a scope` };
    return {
      error: `no resource named ${quote(ref)} is declared to serve as the scope; write an ARM id for a scope outside the estate${didYouMean(ref, this.namesOf(RESOURCE_KINDS))}`,
    };
  }

  /**
   * Resolves a role: a custom role's name, a built-in role's name (any casing), or a GUID or role definition id.
   * A GUID that is neither built in nor declared is kept with a warning: it may be one of the many built-in roles
   * the catalog does not carry, and it then grants nothing in the analysis.
   */
  resolveRole(text: string): Resolution<RoleId> {
    const ref = text.trim();
    if (ref === '')
      return { error: 'expected a role name, GUID or role definition id, found an empty string' };
    const custom = this.customByName.get(ref.toLowerCase());
    if (custom) return { value: custom.id };
    const builtIn = findBuiltInRole(ref);
    if (builtIn) return { value: builtIn.id };
    const guid = roleIdFrom(ref);
    if (guid !== undefined) {
      if (this.customById.has(guid)) return { value: guid };
      return {
        value: guid,
        warning: `role ${quote(ref, 120)} is neither a known built-in role nor declared in role_definitions; it grants nothing in the analysis`,
      };
    }
    const names = [
      ...BUILT_IN_ROLES.map((role) => role.name),
      ...[...this.customByName.values()].map((role) => role.name),
    ];
    return {
      error: `no role named ${quote(ref)} is built in or declared in role_definitions${didYouMean(ref, names)}`,
    };
  }

  /** True when the role id is a built-in role or a declared custom role. */
  knowsRole(id: RoleId): boolean {
    return this.customById.has(id) || findBuiltInRole(id) !== undefined;
  }

  /** A custom role by id. */
  customRole(id: string): RoleDefinition | undefined {
    return this.customById.get(id);
  }

  /** A custom role by name (any casing). */
  customRoleNamed(name: string): RoleDefinition | undefined {
    return this.customByName.get(name.toLowerCase());
  }

  // -------------------------------------------------------------------------------------------------
  // The writer's side: the shortest text that resolves back to the same thing.

  /** The entity's name when it resolves back to the entity, else its ARM id (or id). */
  entityReference(entity: Entity, kinds: readonly EntityKind[], within?: EntityId): string {
    const back = this.resolveEntity(entity.name, kinds, 'x', within);
    if ('value' in back && back.value.id === entity.id) return entity.name;
    return armIdOf(entity) ?? entity.id;
  }

  /** A principal reference that reads back as this principal: its name, `system:<name>`, or its id. */
  principalReference(id: EntityId): string {
    const entity = this.byId.get(id);
    if (!entity) return id;
    const candidates: string[] = [];
    if (entity.kind === 'systemAssignedIdentity') {
      candidates.push(`system:${entity.name}`);
      const owner = this.byId.get(entity.owner);
      if (owner && armIdOf(owner) !== undefined) candidates.push(`system:${armIdOf(owner) ?? ''}`);
    } else {
      candidates.push(entity.name);
      if (entity.kind === 'userAssignedIdentity') candidates.push(entity.armId);
    }
    for (const candidate of candidates) {
      const back = this.resolvePrincipal(candidate);
      if ('value' in back && back.value.id === id) return candidate;
    }
    return id;
  }

  /** The name of the resource at this scope when it resolves back to the same string, else the scope itself. */
  scopeReference(scope: string): string {
    const entity = this.getByArmId(scope);
    if (entity && armIdOf(entity) === scope) {
      const back = this.resolveScope(entity.name);
      if ('value' in back && back.value === scope) return entity.name;
    }
    return scope;
  }

  /** A role's name when it reads back as the same role, else its GUID. */
  roleReference(id: RoleId): string {
    const name = this.customById.get(id)?.name ?? findBuiltInRole(id)?.name;
    if (name !== undefined) {
      const back = this.resolveRole(name);
      if ('value' in back && back.value === id) return name;
    }
    return id;
  }
}
