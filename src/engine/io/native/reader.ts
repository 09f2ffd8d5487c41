import { emptyEstate, parseIdentityType } from '../../model/estate';
import {
  entityId,
  isGuid,
  roleIdFrom,
  scopeKey,
  systemIdentityId,
  type EntityId,
  type RoleId,
} from '../../model/ids';
import type {
  AksCluster,
  ApplicationInsights,
  Compute,
  Connection,
  ContainerRegistry,
  CredentialKind,
  Datastore,
  DenyAssignment,
  Entity,
  EntityCollection,
  EntityKind,
  Group,
  Job,
  JobDataBinding,
  JobEnvironment,
  JobIdentity,
  JobStep,
  KeyVault,
  KeyVaultAccessPolicy,
  ManagedIdentitySetting,
  ManagementGroup,
  OnlineDeployment,
  OnlineEndpoint,
  Permission,
  ResourceGroup,
  ReviewEntry,
  RoleAssignment,
  RoleDefinition,
  ServicePrincipal,
  SourceRef,
  StorageAccount,
  Subscription,
  SystemAssignedIdentity,
  User,
  UserAssignedIdentity,
  Workspace,
} from '../../model/types';
import { validateEstate } from '../../model/validate';
import { findBuiltInRole } from '../../rbac/builtin-roles';
import {
  CREDENTIAL_KINDS,
  credentialKindOf,
  isSecretKey,
  parseCredentialKind,
  redactEnvironmentVariables,
  sanitizeText,
  secretFieldsIn,
  REDACTED,
} from '../secrets';
import type { ReaderResult } from '../core/reader';
import { parseDocuments, quote, type ParsedDocument, type ParseResult } from '../core/source';
import { describeFound, ReadContext, type Path, type Rec } from '../core/context';
import {
  childArmId,
  datastoreNameInPath,
  CHILD_SEGMENTS,
  defaultCustomRoleId,
  defaultDenyAssignmentId,
  defaultLoginServer,
  defaultRoleAssignmentId,
  denyAssignmentArmId,
  managementGroupArmId,
  principalEntityId,
  resourceArmId,
  resourceGroupArmId,
  RESOURCE_TYPES,
  roleAssignmentArmId,
  subscriptionArmId,
  systemIdentityName,
  type ChildResourceKind,
  type TopLevelResourceKind,
} from '../core/naming';
import { KIND_LABELS } from '../core/kinds';
import { PRINCIPAL_KINDS } from '../../model/references';
import { EstateIndex } from './resolver';
import {
  FIELDS,
  IGNORED_FIELDS,
  REVIEW_ENTRY_FIELDS,
  REVIEW_FIELDS,
  TOP_LEVEL_FIELDS,
  type Section,
} from './schema';
import { REVIEW_STATUS_VALUES, reviewEntryProblem } from '../../review/entry';


const NONE: ManagedIdentitySetting = { system: false, userAssigned: [] };
const SYSTEM: ManagedIdentitySetting = { system: true, userAssigned: [] };

const IDENTITY_TYPES = ['none', 'system_assigned', 'user_assigned', 'system_assigned,user_assigned'] as const;

/** Where the reader keeps the first declaration of something, to point back at it from a duplicate. */
interface Seen {
  source: SourceRef;
  label: string;
}

/** Strips the `azureml:` prefix az ml uses for named assets and computes. */
function stripAzureMl(value: string): string {
  return value.replace(/^azureml:/i, '');
}

class NativeReader {
  readonly ctx: ReadContext;
  readonly estate = emptyEstate();
  readonly index = new EstateIndex();
  private readonly later: (() => void)[] = [];
  private readonly seen = new Map<string, Seen>();

  constructor(file: string, doc: ParsedDocument) {
    this.ctx = new ReadContext(file, doc);
  }

  // -----------------------------------------------------------------------------------------------
  // Entry

  read(root: unknown): void {
    const top = this.ctx.map(
      root,
      [],
      'a mapping with estate sections (name, workspaces, role_assignments...)',
    );
    if (top === undefined) {
      if (root === undefined || root === null)
        this.ctx.error([], 'the file holds no estate; start with `version: 1` and `name: ...`');
      return;
    }
    this.ctx.checkKeys(top, [], TOP_LEVEL_FIELDS);
    const version = top.version;
    if (version !== undefined && version !== 1 && version !== '1') {
      this.ctx.error(
        ['version'],
        `expected \`version: 1\` (the only version of this format), found ${describeFound(version)}`,
      );
    }
    this.estate.name = this.ctx.str(top, 'name', []) ?? 'Untitled estate';
    const description = this.ctx.text(top, 'description', []);
    if (description !== undefined) this.estate.description = description;
    this.estate.assignmentsOrigin =
      this.ctx.oneOf(top, 'assignments', [], ['planned', 'observed'] as const) ?? 'planned';
    const tenantId = this.ctx.guid(top, 'tenant_id', []);
    if (tenantId !== undefined) this.estate.tenantId = tenantId;

    // Declarations come first, in dependency order, so that every reference below can see every entity.
    this.each(top, 'management_groups', (obj, path) => this.declareManagementGroup(obj, path));
    this.each(top, 'subscriptions', (obj, path) => this.declareSubscription(obj, path));
    this.each(top, 'resource_groups', (obj, path) => this.declareResourceGroup(obj, path));
    this.each(top, 'user_assigned_identities', (obj, path) => this.declareUserAssignedIdentity(obj, path));
    this.each(top, 'storage_accounts', (obj, path) => this.declareStorageAccount(obj, path));
    this.each(top, 'key_vaults', (obj, path) => this.declareKeyVault(obj, path));
    this.each(top, 'container_registries', (obj, path) => this.declareContainerRegistry(obj, path));
    this.each(top, 'application_insights', (obj, path) => this.declareApplicationInsights(obj, path));
    this.each(top, 'workspaces', (obj, path) => this.declareWorkspace(obj, path));
    this.each(top, 'aks_clusters', (obj, path) => this.declareAksCluster(obj, path));
    this.each(top, 'computes', (obj, path) => this.declareCompute(obj, path));
    this.each(top, 'online_endpoints', (obj, path) => this.declareOnlineEndpoint(obj, path));
    this.each(top, 'online_deployments', (obj, path) => this.declareOnlineDeployment(obj, path));
    this.each(top, 'datastores', (obj, path) => this.declareDatastore(obj, path));
    this.each(top, 'connections', (obj, path) => this.declareConnection(obj, path));
    this.each(top, 'jobs', (obj, path) => this.declareJob(obj, path));
    this.each(top, 'users', (obj, path) => this.declareUser(obj, path));
    this.each(top, 'groups', (obj, path) => this.declareGroup(obj, path));
    this.each(top, 'service_principals', (obj, path) => this.declareServicePrincipal(obj, path));
    this.each(top, 'role_definitions', (obj, path) => this.declareRoleDefinition(obj, path));

    for (const fill of this.later) fill();

    this.each(top, 'role_assignments', (obj, path) => this.readRoleAssignment(obj, path));
    this.each(top, 'deny_assignments', (obj, path) => this.readDenyAssignment(obj, path));
    this.readReview(top);
  }

  // -----------------------------------------------------------------------------------------------
  // Design review

  /**
   * The `review` section. Entries name findings by id and are not checked against the analysis here: an entry
   * whose finding is gone is kept (the review summary shows it as stale) rather than dropped on reading.
   */
  private readReview(top: Rec): void {
    if (top.review === undefined || top.review === null) return;
    const review = this.ctx.map(top.review, ['review'], 'a mapping with `entries` (the reviewed findings)');
    if (review === undefined) return;
    this.ctx.checkKeys(review, ['review'], REVIEW_FIELDS);
    const entries: ReviewEntry[] = [];
    const first = new Map<string, SourceRef>();
    this.ctx
      .list(review.entries, ['review', 'entries'], 'a list of reviewed findings')
      .forEach((item, index) => {
        const path: Path = ['review', 'entries', index];
        const obj = this.ctx.map(item, path, 'a mapping with `finding` and `status`');
        if (obj === undefined) {
          if (item === null || item === undefined)
            this.ctx.error(path, 'empty entry in `review.entries`; remove the lone `-`');
          return;
        }
        this.ctx.checkKeys(obj, path, REVIEW_ENTRY_FIELDS);
        const finding = this.ctx.str(obj, 'finding', path, {
          required: true,
          what: 'the id of the finding reviewed',
        });
        if (obj.status === undefined || obj.status === null)
          this.ctx.error(
            path,
            `missing required field \`status\` (one of ${REVIEW_STATUS_VALUES.map((s) => `\`${s}\``).join(', ')})`,
          );
        const status = this.ctx.oneOf(obj, 'status', path, REVIEW_STATUS_VALUES);
        const reason = this.ctx.text(obj, 'reason', path);
        const notes = this.ctx.text(obj, 'notes', path);
        const updatedAt = this.ctx.date(obj, 'updated_at', path);
        if (finding === undefined || status === undefined) return;
        const problem = reviewEntryProblem({ finding, status, ...(reason !== undefined ? { reason } : {}) });
        if (problem !== undefined) {
          this.ctx.error(path, `review of finding ${quote(finding, 120)}: ${problem}`);
          return;
        }
        const source = this.ctx.source(path);
        const seen = first.get(finding);
        if (seen) {
          this.ctx.error(
            [...path, 'finding'],
            `finding ${quote(finding, 120)} is reviewed twice (first at line ${seen.line ?? '?'})`,
            {
              related: seen,
            },
          );
          return;
        }
        first.set(finding, source);
        const entry: ReviewEntry = { finding, status };
        if (reason !== undefined && reason.trim() !== '') entry.reason = reason;
        if (notes !== undefined && notes.trim() !== '') entry.notes = notes;
        if (updatedAt !== undefined) entry.updatedAt = updatedAt;
        entries.push(entry);
      });
    this.estate.review = { entries };
  }

  private each(top: Rec, section: Section, read: (obj: Rec, path: Path) => void): void {
    const items = this.ctx.list(top[section], [section], `a list of ${section.replace(/_/g, ' ')}`);
    items.forEach((item, index) => {
      const path: Path = [section, index];
      const obj = this.ctx.map(item, path, `a mapping describing one entry of ${section}`);
      if (obj === undefined) {
        if (item === null || item === undefined)
          this.ctx.error(path, `empty entry in \`${section}\`; remove the lone \`-\``);
        return;
      }
      this.ctx.checkKeys(obj, path, FIELDS[section], IGNORED_FIELDS[section] ?? []);
      read(obj, path);
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Registration and shared pieces

  /** Adds an entity unless its id (compared as Azure compares it) is taken; reports the clash with both places. */
  private register(collection: EntityCollection, entity: Entity, path: Path): boolean {
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
  private checkGlobalName(kind: EntityKind, name: string, path: Path): boolean {
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

  private common(entity: Entity, obj: Rec, path: Path): void {
    const description = this.ctx.text(obj, 'description', path);
    if (description !== undefined) entity.description = description;
    const tags = this.ctx.tags(obj, path);
    if (tags !== undefined) entity.tags = tags;
  }

  private validName(name: string, path: Path): boolean {
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
  private parent<K extends 'subscription' | 'resourceGroup' | 'workspace' | 'onlineEndpoint'>(
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

  private ref(
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

  private refId(raw: unknown, path: Path, kind: EntityKind, within?: EntityId): EntityId | undefined {
    return this.ref(raw, path, [kind], KIND_LABELS[kind], within)?.id;
  }

  private principal(
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

  private scope(raw: unknown, path: Path): string | undefined {
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
  private resourceIdentity(
    kind: TopLevelResourceKind,
    obj: Rec,
    path: Path,
  ): { name: string; armId: string; resourceGroup: ResourceGroup } | undefined {
    const explicit = this.ctx.str(obj, 'id', path);
    const name = this.ctx.str(obj, 'name', path, { required: explicit === undefined });
    if (explicit === undefined) {
      if (name === undefined || !this.validName(name, path)) return undefined;
      const group = this.parent(obj, 'resource_group', path, 'resourceGroup');
      if (!group) return undefined;
      return { name, armId: resourceArmId(group.armId, kind, name), resourceGroup: group };
    }
    const type = RESOURCE_TYPES[kind].replace('.', '\\.').replace('/', '\\/');
    const match = new RegExp(
      `^(/subscriptions/[^/]+/resourceGroups/[^/]+)/providers/${type}/([^/]+)$`,
      'i',
    ).exec(explicit.trim());
    if (!match) {
      this.ctx.error(
        [...path, 'id'],
        `expected the ARM id of a ${KIND_LABELS[kind]} (\`/subscriptions/<id>/resourceGroups/<group>/providers/${RESOURCE_TYPES[kind]}/<name>\`), found ${quote(explicit, 120)}`,
      );
      return undefined;
    }
    return this.explicitIdParts(
      obj,
      path,
      name,
      explicit.trim(),
      match[1] ?? '',
      match[2] ?? '',
      'resource_group',
      'resourceGroup',
    ) as { name: string; armId: string; resourceGroup: ResourceGroup } | undefined;
  }

  /** Checks an explicit id against `name` and the parent field, and finds the parent from the id when the field is absent. */
  private explicitIdParts(
    obj: Rec,
    path: Path,
    name: string | undefined,
    armId: string,
    parentArmId: string,
    idName: string,
    parentField: string,
    parentKind: 'resourceGroup' | 'workspace' | 'onlineEndpoint' | 'subscription',
  ): { name: string; armId: string; resourceGroup?: ResourceGroup; parent: Entity } | undefined {
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
  private childIdentity(
    kind: ChildResourceKind,
    obj: Rec,
    path: Path,
    parentField: string,
    parentKind: 'workspace' | 'onlineEndpoint',
    within?: EntityId,
  ): { name: string; armId: string; parent: Entity } | undefined {
    const explicit = this.ctx.str(obj, 'id', path);
    const name = this.ctx.str(obj, 'name', path, { required: explicit === undefined });
    if (explicit === undefined) {
      if (name === undefined || !this.validName(name, path)) return undefined;
      const parent = this.parent(obj, parentField, path, parentKind, within);
      if (!parent) return undefined;
      return { name, armId: childArmId(parent.armId, kind, name), parent };
    }
    const match = new RegExp(`^(/subscriptions/.+)/${CHILD_SEGMENTS[kind]}/([^/]+)$`, 'i').exec(
      explicit.trim(),
    );
    if (!match) {
      this.ctx.error(
        [...path, 'id'],
        `expected the ARM id of a ${KIND_LABELS[kind]} (\`<${KIND_LABELS[parentKind]} id>/${CHILD_SEGMENTS[kind]}/<name>\`), found ${quote(explicit, 120)}`,
      );
      return undefined;
    }
    return this.explicitIdParts(
      obj,
      path,
      name,
      explicit.trim(),
      match[1] ?? '',
      match[2] ?? '',
      parentField,
      parentKind,
    );
  }

  // -----------------------------------------------------------------------------------------------
  // Identities

  /** Phase one only needs to know whether a resource has a system-assigned identity, to declare it. */
  private peekSystem(raw: unknown, defaultSystem: boolean): boolean {
    if (raw === undefined || raw === null) return defaultSystem;
    const type =
      typeof raw === 'string'
        ? raw
        : typeof raw === 'object' && !Array.isArray(raw)
          ? (raw as Rec).type
          : undefined;
    if (typeof type !== 'string') return false;
    return parseIdentityType(type)?.system ?? false;
  }

  /** Declares the system-assigned identity of a resource whose identity includes one. */
  private declareSystemIdentity(
    owner: Entity,
    name: string,
    rawIdentity: unknown,
    ownerPath: Path,
    defaultSystem: boolean,
  ): void {
    const identityPath = [...ownerPath, 'identity'];
    const identityObj =
      typeof rawIdentity === 'object' && rawIdentity !== null && !Array.isArray(rawIdentity)
        ? (rawIdentity as Rec)
        : undefined;
    if (!this.peekSystem(rawIdentity, defaultSystem)) {
      if (identityObj?.principal_id !== undefined) {
        this.ctx.warn(
          [...identityPath, 'principal_id'],
          '`principal_id` belongs to a system-assigned identity, and this identity has none; it is ignored',
          { target: 'key' },
        );
      }
      return;
    }
    const sai: SystemAssignedIdentity = {
      id: systemIdentityId(owner.id),
      kind: 'systemAssignedIdentity',
      name,
      owner: owner.id,
      source: this.ctx.source(identityObj ? identityPath : ownerPath),
    };
    if (identityObj) {
      const principalId = this.ctx.guid(identityObj, 'principal_id', identityPath);
      if (principalId !== undefined) sai.principalId = principalId;
    }
    this.register('systemAssignedIdentities', sai, ownerPath);
  }

  /** Reads `user_assigned_identities` in any of its az ml shapes: names/ids, `[{resource_id}]`, or `{<id>: {}}`. */
  private userAssignedList(raw: unknown, path: Path): EntityId[] {
    const out: EntityId[] = [];
    const add = (ref: unknown, at: Path, target: 'key' | 'value' = 'value') => {
      if (typeof ref !== 'string') {
        this.ctx.error(
          at,
          `expected the name or ARM id of a user-assigned identity, found ${describeFound(ref)}`,
        );
        return;
      }
      const resolved = this.index.resolvePrincipal(ref, ['userAssignedIdentity'], 'user-assigned identity');
      if ('error' in resolved) {
        this.ctx.error(at, resolved.error, { target });
        return;
      }
      if (out.includes(resolved.value.id)) {
        this.ctx.warn(
          at,
          `user-assigned identity ${quote(ref)} is listed twice; the second mention is ignored`,
          { target },
        );
        return;
      }
      out.push(resolved.value.id);
    };
    if (raw === undefined || raw === null) return out;
    if (Array.isArray(raw)) {
      raw.forEach((item, index) => {
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
          const obj = item as Rec;
          this.ctx.checkKeys(
            obj,
            [...path, index],
            ['resource_id', 'id', 'name'],
            ['client_id', 'principal_id'],
          );
          const ref = obj.resource_id ?? obj.id ?? obj.name;
          if (ref === undefined)
            this.ctx.error(
              [...path, index],
              'missing `resource_id`: say which user-assigned identity this is',
            );
          else
            add(ref, [
              ...path,
              index,
              obj.resource_id !== undefined ? 'resource_id' : obj.id !== undefined ? 'id' : 'name',
            ]);
        } else add(item, [...path, index]);
      });
    } else if (typeof raw === 'object') {
      for (const key of Object.keys(raw as Rec)) add(key, [...path, key], 'key');
    } else {
      this.ctx.error(
        path,
        `expected a list of user-assigned identities (or the az ml mapping of ARM ids), found ${describeFound(raw)}`,
      );
    }
    return out;
  }

  /** A managed identity setting (`identity:` on workspaces, computes, endpoints, AKS). */
  private managedIdentity(
    raw: unknown,
    path: Path,
    fallback: ManagedIdentitySetting,
  ): ManagedIdentitySetting {
    if (raw === undefined || raw === null)
      return { system: fallback.system, userAssigned: [...fallback.userAssigned] };
    let typeText: unknown;
    let obj: Rec | undefined;
    if (typeof raw === 'string') typeText = raw;
    else {
      obj = this.ctx.map(raw, path, 'an identity mapping (`type`, `user_assigned_identities`)');
      if (!obj) return { ...NONE, userAssigned: [] };
      this.ctx.checkKeys(
        obj,
        path,
        ['type', 'user_assigned_identities', 'principal_id', 'tenant_id'],
        ['client_id'],
      );
      typeText = obj.type;
    }
    const typePath = obj ? [...path, 'type'] : path;
    const listed = obj?.user_assigned_identities;
    const listedCount = Array.isArray(listed)
      ? listed.length
      : typeof listed === 'object' && listed !== null
        ? Object.keys(listed).length
        : 0;
    const userAssigned = this.userAssignedList(listed, [...path, 'user_assigned_identities']);
    let parsed: { system: boolean; user: boolean } | undefined;
    if (typeText === undefined || typeText === null) {
      if (listedCount > 0) parsed = { system: false, user: true };
      else {
        this.ctx.error(
          path,
          `missing \`type\`: expected one of ${IDENTITY_TYPES.map((t) => `\`${t}\``).join(', ')}`,
        );
        return { ...NONE, userAssigned: [] };
      }
    } else if (typeof typeText === 'string') {
      parsed = parseIdentityType(typeText);
      if (!parsed) {
        this.ctx.error(
          typePath,
          `expected one of ${IDENTITY_TYPES.map((t) => `\`${t}\``).join(', ')} for the identity type, found ${quote(typeText)}`,
        );
        return { ...NONE, userAssigned: [] };
      }
    } else {
      this.ctx.error(
        typePath,
        `expected an identity type such as \`system_assigned\`, found ${describeFound(typeText)}`,
      );
      return { ...NONE, userAssigned: [] };
    }
    if (parsed.user && listedCount === 0) {
      this.ctx.error(
        typePath,
        'a `user_assigned` identity needs at least one entry in `user_assigned_identities`',
      );
    }
    if (!parsed.user && listedCount > 0) {
      this.ctx.error(
        [...path, 'user_assigned_identities'],
        `\`user_assigned_identities\` needs an identity type that includes \`user_assigned\`; the type here is ${quote(typeText)}`,
        {
          target: 'key',
        },
      );
    }
    return { system: parsed.system, userAssigned: parsed.user ? userAssigned : [] };
  }

  /** A job's or step's `identity:` (`user_identity`, `managed` with an optional UAI, `aml_token`, or absent). */
  private jobIdentity(raw: unknown, path: Path): JobIdentity {
    if (raw === undefined || raw === null) return { type: 'unset' };
    let obj: Rec | undefined;
    let typeValue: unknown;
    if (typeof raw === 'string') typeValue = raw;
    else {
      obj = this.ctx.map(raw, path, 'an identity mapping (`type: user_identity | managed | aml_token`)');
      if (!obj) return { type: 'unset' };
      this.ctx.checkKeys(obj, path, [
        'type',
        'client_id',
        'object_id',
        'msi_resource_id',
        'resource_id',
        'user_assigned_identity',
      ]);
      typeValue = obj.type;
    }
    const typePath = obj ? [...path, 'type'] : path;
    if (typeValue === undefined) {
      this.ctx.error(path, 'missing `type`: expected one of `user_identity`, `managed`, `aml_token`');
      return { type: 'unset' };
    }
    const type = this.ctx.enumValue(
      typeValue,
      typePath,
      ['user_identity', 'managed', 'aml_token'] as const,
      { managed_identity: 'managed', UserIdentity: 'user_identity', AMLToken: 'aml_token' },
      'type',
    );
    if (type === undefined) return { type: 'unset' };
    const identity: JobIdentity = { type };
    if (!obj) return identity;
    const selectors = (
      ['user_assigned_identity', 'client_id', 'object_id', 'msi_resource_id', 'resource_id'] as const
    ).filter((key) => obj[key] !== undefined && obj[key] !== null);
    if (type !== 'managed') {
      for (const key of selectors)
        this.ctx.warn([...path, key], `\`${key}\` only applies to \`type: managed\`; it is ignored`, {
          target: 'key',
        });
      return identity;
    }
    const key = selectors[0];
    if (key === undefined) return identity;
    if (selectors.length > 1)
      this.ctx.warn(
        [...path, selectors[1] ?? key],
        `give one of ${selectors.map((s) => `\`${s}\``).join(', ')}; \`${key}\` is used`,
        { target: 'key' },
      );
    const uai = this.principal(obj[key], [...path, key], ['userAssignedIdentity'], 'user-assigned identity');
    if (uai !== undefined) identity.userAssignedIdentity = uai;
    return identity;
  }

  /** `credentials:` of a datastore or connection: only the kind (and who it names) is kept, never the values. */
  private credentials(
    raw: unknown,
    path: Path,
  ): { kind: CredentialKind; identity?: EntityId; principal?: EntityId } {
    if (raw === undefined || raw === null) return { kind: 'none' };
    if (typeof raw === 'string') {
      const kind = parseCredentialKind(raw);
      if (kind === undefined)
        this.ctx.error(
          path,
          `expected a credentials mapping or one of ${CREDENTIAL_KINDS.map((k) => `\`${k}\``).join(', ')}, found ${quote(raw)}`,
        );
      return { kind: kind ?? 'none' };
    }
    const obj = this.ctx.map(raw, path, 'a credentials mapping');
    if (!obj) return { kind: 'none' };
    const kind = credentialKindOf(obj);
    if (kind === undefined) {
      const typeKey = obj.type !== undefined ? 'type' : 'credentialsType';
      this.ctx.error(
        [...path, typeKey],
        `expected one of ${CREDENTIAL_KINDS.map((k) => `\`${k}\``).join(', ')} for the credential type, found ${describeFound(obj[typeKey])}`,
      );
      return { kind: 'none' };
    }
    for (const field of secretFieldsIn(obj)) {
      this.ctx.warn(
        [...path, field],
        `\`${field}\` holds a secret value; it was not kept (only the credential kind is). Replace it with \`${REDACTED}\` before sharing this file`,
        {
          target: 'key',
        },
      );
    }
    const result: { kind: CredentialKind; identity?: EntityId; principal?: EntityId } = { kind };
    if (kind === 'managed_identity') {
      if (obj.identity !== undefined) {
        const id = this.principal(
          obj.identity,
          [...path, 'identity'],
          ['userAssignedIdentity'],
          'user-assigned identity',
        );
        if (id !== undefined) result.identity = id;
      } else {
        for (const key of ['resource_id', 'client_id'] as const) {
          const value = obj[key];
          if (typeof value !== 'string') continue;
          const resolved = this.index.resolvePrincipal(
            value,
            ['userAssignedIdentity'],
            'user-assigned identity',
          );
          if ('value' in resolved) {
            result.identity = resolved.value.id;
            break;
          }
          this.ctx.warn(
            [...path, key],
            `no declared user-assigned identity matches ${quote(value, 120)}, so the identity this credential uses stays unknown`,
          );
          break;
        }
      }
    } else if (kind === 'service_principal' || kind === 'certificate') {
      if (obj.principal !== undefined) {
        const id = this.principal(
          obj.principal,
          [...path, 'principal'],
          ['servicePrincipal'],
          'service principal',
        );
        if (id !== undefined) result.principal = id;
      } else if (typeof obj.client_id === 'string' && isGuid(obj.client_id)) {
        // A service principal that is not declared is fine: the datastore still works with its secret.
        const resolved = this.index.resolvePrincipal(
          obj.client_id,
          ['servicePrincipal'],
          'service principal',
        );
        if ('value' in resolved) result.principal = resolved.value.id;
      }
    }
    return result;
  }

  // -----------------------------------------------------------------------------------------------
  // Scope tree

  private declareManagementGroup(obj: Rec, path: Path): void {
    const explicit = this.ctx.str(obj, 'id', path);
    let name = this.ctx.str(obj, 'name', path, { required: explicit === undefined });
    let armId: string;
    if (explicit !== undefined) {
      const match = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(explicit.trim());
      if (!match) {
        this.ctx.error(
          [...path, 'id'],
          `expected a management group id (\`/providers/Microsoft.Management/managementGroups/<name>\`), found ${quote(explicit, 120)}`,
        );
        return;
      }
      if (name !== undefined && name.toLowerCase() !== (match[1] ?? '').toLowerCase()) {
        this.ctx.error(
          [...path, 'name'],
          `\`name\` says ${quote(name)} but \`id\` ends in ${quote(match[1])}; they must agree`,
        );
        return;
      }
      name ??= match[1] ?? '';
      armId = explicit.trim();
    } else {
      if (name === undefined || !this.validName(name, path)) return;
      armId = managementGroupArmId(name);
    }
    const group: ManagementGroup = {
      id: entityId(armId),
      kind: 'managementGroup',
      name,
      armId,
      source: this.ctx.source(path),
    };
    if (!this.register('managementGroups', group, path)) return;
    this.later.push(() => {
      const displayName = this.ctx.str(obj, 'display_name', path);
      if (displayName !== undefined) group.displayName = displayName;
      const parent = this.refId(obj.parent, [...path, 'parent'], 'managementGroup');
      if (parent !== undefined) {
        if (parent === group.id)
          this.ctx.error([...path, 'parent'], 'a management group cannot be its own parent');
        else group.parent = parent;
      }
      this.common(group, obj, path);
    });
  }

  private declareSubscription(obj: Rec, path: Path): void {
    const rawId = this.ctx.str(obj, 'id', path, { required: true, what: 'the subscription GUID' });
    const name =
      this.ctx.str(obj, 'name', path) ??
      (rawId !== undefined ? rawId.replace(/^\/subscriptions\//i, '') : undefined);
    if (rawId === undefined || name === undefined) return;
    const match =
      /^(?:\/subscriptions\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(
        rawId.trim(),
      );
    if (!match) {
      this.ctx.error(
        [...path, 'id'],
        `expected the subscription GUID (or \`/subscriptions/<GUID>\`), found ${quote(rawId)}`,
      );
      return;
    }
    const subscriptionId = (match[1] ?? '').toLowerCase();
    const armId = rawId.trim().startsWith('/')
      ? rawId.trim().replace(/\/$/, '')
      : subscriptionArmId(subscriptionId);
    const subscription: Subscription = {
      id: entityId(armId),
      kind: 'subscription',
      name,
      armId,
      subscriptionId,
      source: this.ctx.source(path),
    };
    if (!this.register('subscriptions', subscription, path)) return;
    this.later.push(() => {
      const displayName = this.ctx.str(obj, 'display_name', path);
      if (displayName !== undefined) subscription.displayName = displayName;
      const group = this.refId(obj.management_group, [...path, 'management_group'], 'managementGroup');
      if (group !== undefined) subscription.managementGroup = group;
      const tenantId = this.ctx.guid(obj, 'tenant_id', path);
      if (tenantId !== undefined) subscription.tenantId = tenantId;
      this.common(subscription, obj, path);
    });
  }

  private declareResourceGroup(obj: Rec, path: Path): void {
    const explicit = this.ctx.str(obj, 'id', path);
    const name = this.ctx.str(obj, 'name', path, { required: explicit === undefined });
    let parts: { name: string; armId: string; subscription: Subscription } | undefined;
    if (explicit !== undefined) {
      const match = /^(\/subscriptions\/[^/]+)\/resourceGroups\/([^/]+)$/i.exec(explicit.trim());
      if (!match) {
        this.ctx.error(
          [...path, 'id'],
          `expected a resource group id (\`/subscriptions/<id>/resourceGroups/<name>\`), found ${quote(explicit, 120)}`,
        );
        return;
      }
      const found = this.explicitIdParts(
        obj,
        path,
        name,
        explicit.trim(),
        match[1] ?? '',
        match[2] ?? '',
        'subscription',
        'subscription',
      );
      if (!found) return;
      parts = { name: found.name, armId: found.armId, subscription: found.parent as Subscription };
    } else {
      if (name === undefined || !this.validName(name, path)) return;
      const subscription = this.parent(obj, 'subscription', path, 'subscription');
      if (!subscription) return;
      parts = { name, armId: resourceGroupArmId(subscription.armId, name), subscription };
    }
    const group: ResourceGroup = {
      id: entityId(parts.armId),
      kind: 'resourceGroup',
      name: parts.name,
      armId: parts.armId,
      subscription: parts.subscription.id,
      source: this.ctx.source(path),
    };
    if (!this.register('resourceGroups', group, path)) return;
    this.later.push(() => {
      const location = this.ctx.str(obj, 'location', path);
      if (location !== undefined) group.location = location;
      this.common(group, obj, path);
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Resources in resource groups

  private declareUserAssignedIdentity(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('userAssignedIdentity', obj, path);
    if (!parts) return;
    const uai: UserAssignedIdentity = {
      id: entityId(parts.armId),
      kind: 'userAssignedIdentity',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      source: this.ctx.source(path),
    };
    // Client and principal ids are read now: references by GUID need them from the start.
    const clientId = this.ctx.guid(obj, 'client_id', path);
    if (clientId !== undefined) uai.clientId = clientId;
    const principalId = this.ctx.guid(obj, 'principal_id', path);
    if (principalId !== undefined) uai.principalId = principalId;
    const tenantId = this.ctx.guid(obj, 'tenant_id', path);
    if (tenantId !== undefined) uai.tenantId = tenantId;
    if (!this.register('userAssignedIdentities', uai, path)) return;
    this.later.push(() => this.common(uai, obj, path));
  }

  private declareStorageAccount(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('storageAccount', obj, path);
    if (!parts || !this.checkGlobalName('storageAccount', parts.name, path)) return;
    const account: StorageAccount = {
      id: entityId(parts.armId),
      kind: 'storageAccount',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      isHnsEnabled: false,
      allowSharedKeyAccess: true,
      network: 'public',
      source: this.ctx.source(path),
    };
    if (!this.register('storageAccounts', account, path)) return;
    this.later.push(() => {
      const tenantId = this.ctx.guid(obj, 'tenant_id', path);
      if (tenantId !== undefined) account.tenantId = tenantId;
      account.isHnsEnabled = this.ctx.bool(obj, 'is_hns_enabled', path) ?? false;
      account.allowSharedKeyAccess = this.ctx.bool(obj, 'allow_shared_key_access', path) ?? true;
      account.network =
        this.ctx.oneOf(obj, 'network', path, [
          'public',
          'selected_networks',
          'trusted_services',
          'private_endpoint',
        ] as const) ?? 'public';
      this.common(account, obj, path);
    });
  }

  private declareKeyVault(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('keyVault', obj, path);
    if (!parts || !this.checkGlobalName('keyVault', parts.name, path)) return;
    const vault: KeyVault = {
      id: entityId(parts.armId),
      kind: 'keyVault',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      enableRbacAuthorization: false,
      accessPolicies: [],
      publicNetworkAccess: 'Enabled',
      source: this.ctx.source(path),
    };
    if (!this.register('keyVaults', vault, path)) return;
    this.later.push(() => {
      vault.enableRbacAuthorization = this.ctx.bool(obj, 'enable_rbac_authorization', path) ?? false;
      vault.publicNetworkAccess = this.publicNetworkAccess(obj, path);
      this.ctx.list(obj.access_policies, [...path, 'access_policies']).forEach((item, index) => {
        const policyPath = [...path, 'access_policies', index];
        const policy = this.ctx.map(
          item,
          policyPath,
          'an access policy mapping (`principal`, `secrets`, `keys`, `certificates`)',
        );
        if (!policy) return;
        this.ctx.checkKeys(policy, policyPath, ['principal', 'object_id', 'keys', 'secrets', 'certificates']);
        const who = policy.principal ?? policy.object_id;
        if (who === undefined) {
          this.ctx.error(policyPath, 'missing `principal`: say who the access policy is for');
          return;
        }
        const principal = this.principal(who, [
          ...policyPath,
          policy.principal !== undefined ? 'principal' : 'object_id',
        ]);
        if (principal === undefined) return;
        const entry: KeyVaultAccessPolicy = {
          principal,
          keys: this.permissionNames(policy, 'keys', policyPath),
          secrets: this.permissionNames(policy, 'secrets', policyPath),
          certificates: this.permissionNames(policy, 'certificates', policyPath),
        };
        vault.accessPolicies.push(entry);
      });
      this.common(vault, obj, path);
    });
  }

  private permissionNames(obj: Rec, key: string, path: Path): string[] {
    return (this.ctx.strings(obj, key, path) ?? []).map((name) => name.trim().toLowerCase());
  }

  private publicNetworkAccess(obj: Rec, path: Path): 'Enabled' | 'Disabled' {
    return this.ctx.oneOf(obj, 'public_network_access', path, ['Enabled', 'Disabled'] as const) ?? 'Enabled';
  }

  private declareContainerRegistry(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('containerRegistry', obj, path);
    if (!parts || !this.checkGlobalName('containerRegistry', parts.name, path)) return;
    const registry: ContainerRegistry = {
      id: entityId(parts.armId),
      kind: 'containerRegistry',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      loginServer: defaultLoginServer(parts.name),
      adminUserEnabled: false,
      publicNetworkAccess: 'Enabled',
      roleAssignmentMode: 'legacy',
      networkRestriction: 'none',
      trustedServicesAllowed: true,
      source: this.ctx.source(path),
    };
    if (!this.register('containerRegistries', registry, path)) return;
    this.later.push(() => {
      registry.loginServer = this.ctx.str(obj, 'login_server', path) ?? registry.loginServer;
      registry.adminUserEnabled = this.ctx.bool(obj, 'admin_user_enabled', path) ?? false;
      registry.publicNetworkAccess = this.publicNetworkAccess(obj, path);
      registry.roleAssignmentMode =
        this.ctx.oneOf(obj, 'role_assignment_mode', path, ['legacy', 'abac'] as const, {
          LegacyRegistryPermissions: 'legacy',
          AbacRepositoryPermissions: 'abac',
        }) ?? 'legacy';
      registry.networkRestriction =
        this.ctx.oneOf(obj, 'network_restriction', path, [
          'none',
          'private_endpoint',
          'ip_rules',
          'service_endpoint',
        ] as const) ?? 'none';
      registry.trustedServicesAllowed = this.ctx.bool(obj, 'trusted_services_allowed', path) ?? true;
      const createdOn = this.ctx.date(obj, 'created_on', path);
      if (createdOn !== undefined) registry.createdOn = createdOn;
      this.common(registry, obj, path);
    });
  }

  private declareApplicationInsights(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('applicationInsights', obj, path);
    if (!parts) return;
    const component: ApplicationInsights = {
      id: entityId(parts.armId),
      kind: 'applicationInsights',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      source: this.ctx.source(path),
    };
    if (!this.register('applicationInsights', component, path)) return;
    this.later.push(() => this.common(component, obj, path));
  }

  private declareWorkspace(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('workspace', obj, path);
    if (!parts) return;
    const workspace: Workspace = {
      id: entityId(parts.armId),
      kind: 'workspace',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      workspaceKind: 'default',
      identity: { ...SYSTEM, userAssigned: [] },
      publicNetworkAccess: 'Enabled',
      managedNetwork: { isolationMode: 'disabled' },
      systemDatastoresAuthMode: 'accesskey',
      source: this.ctx.source(path),
    };
    if (!this.register('workspaces', workspace, path)) return;
    this.declareSystemIdentity(
      workspace,
      systemIdentityName('workspace', workspace.name),
      obj.identity,
      path,
      true,
    );
    this.later.push(() => {
      workspace.workspaceKind =
        this.ctx.oneOf(obj, 'kind', path, ['default', 'hub', 'project'] as const) ?? 'default';
      const location = this.ctx.str(obj, 'location', path);
      if (location !== undefined) workspace.location = location;
      const tenantId = this.ctx.guid(obj, 'tenant_id', path);
      if (tenantId !== undefined) workspace.tenantId = tenantId;
      workspace.identity = this.managedIdentity(obj.identity, [...path, 'identity'], SYSTEM);
      const primary = this.principal(
        obj.primary_user_assigned_identity,
        [...path, 'primary_user_assigned_identity'],
        ['userAssignedIdentity'],
        'user-assigned identity',
      );
      if (primary !== undefined) workspace.primaryUserAssignedIdentity = primary;
      const storage = this.refId(obj.storage_account, [...path, 'storage_account'], 'storageAccount');
      if (storage !== undefined) workspace.storageAccount = storage;
      const vault = this.refId(obj.key_vault, [...path, 'key_vault'], 'keyVault');
      if (vault !== undefined) workspace.keyVault = vault;
      const registry = this.refId(
        obj.container_registry,
        [...path, 'container_registry'],
        'containerRegistry',
      );
      if (registry !== undefined) workspace.containerRegistry = registry;
      const insights = this.refId(
        obj.application_insights,
        [...path, 'application_insights'],
        'applicationInsights',
      );
      if (insights !== undefined) workspace.applicationInsights = insights;
      workspace.publicNetworkAccess = this.publicNetworkAccess(obj, path);
      workspace.systemDatastoresAuthMode =
        this.ctx.oneOf(obj, 'system_datastores_auth_mode', path, ['accesskey', 'identity'] as const) ??
        'accesskey';
      const network = this.ctx.map(obj.managed_network, [...path, 'managed_network']);
      if (network) {
        this.ctx.checkKeys(
          network,
          [...path, 'managed_network'],
          ['isolation_mode'],
          ['outbound_rules', 'firewall_sku', 'network_id', 'status'],
        );
        workspace.managedNetwork = {
          isolationMode:
            this.ctx.oneOf(network, 'isolation_mode', [...path, 'managed_network'], [
              'disabled',
              'allow_internet_outbound',
              'allow_only_approved_outbound',
            ] as const) ?? 'disabled',
        };
      }
      const cmk = this.ctx.map(obj.customer_managed_key, [...path, 'customer_managed_key']);
      if (cmk) {
        const cmkPath = [...path, 'customer_managed_key'];
        this.ctx.checkKeys(cmk, cmkPath, ['key_vault', 'key_uri', 'user_assigned_identity']);
        if (cmk.key_vault === undefined)
          this.ctx.error(cmkPath, 'missing `key_vault`: say which key vault holds the key');
        const keyVault = this.refId(cmk.key_vault, [...cmkPath, 'key_vault'], 'keyVault');
        if (keyVault !== undefined) {
          workspace.customerManagedKey = { keyVault };
          const keyUri = this.ctx.str(cmk, 'key_uri', cmkPath);
          if (keyUri !== undefined) workspace.customerManagedKey.keyUri = keyUri;
          const uai = this.principal(
            cmk.user_assigned_identity,
            [...cmkPath, 'user_assigned_identity'],
            ['userAssignedIdentity'],
            'user-assigned identity',
          );
          if (uai !== undefined) workspace.customerManagedKey.userAssignedIdentity = uai;
        }
      }
      const imageBuildCompute = this.ctx.str(obj, 'image_build_compute', path);
      if (imageBuildCompute !== undefined) workspace.imageBuildCompute = imageBuildCompute;
      const allowRg = this.ctx.bool(obj, 'allow_roleassignment_on_rg', path);
      if (allowRg !== undefined) workspace.allowRoleAssignmentOnRg = allowRg;
      const isolation = this.ctx.bool(obj, 'enable_data_isolation', path);
      if (isolation !== undefined) workspace.enableDataIsolation = isolation;
      const createdOn = this.ctx.date(obj, 'created_on', path);
      if (createdOn !== undefined) workspace.createdOn = createdOn;
      const hub = this.refId(obj.hub, [...path, 'hub'], 'workspace');
      if (hub !== undefined) {
        if (hub === workspace.id) this.ctx.error([...path, 'hub'], 'a workspace cannot be its own hub');
        else workspace.hub = hub;
      }
      const update = this.ctx.map(obj.planned_update, [...path, 'planned_update']);
      if (update) {
        const updatePath = [...path, 'planned_update'];
        this.ctx.checkKeys(update, updatePath, ['identity', 'primary_user_assigned_identity']);
        workspace.plannedUpdate = {};
        if (update.identity !== undefined && update.identity !== null) {
          workspace.plannedUpdate.identity = this.managedIdentity(
            update.identity,
            [...updatePath, 'identity'],
            NONE,
          );
        }
        const next = this.principal(
          update.primary_user_assigned_identity,
          [...updatePath, 'primary_user_assigned_identity'],
          ['userAssignedIdentity'],
          'user-assigned identity',
        );
        if (next !== undefined) workspace.plannedUpdate.primaryUserAssignedIdentity = next;
      }
      this.common(workspace, obj, path);
    });
  }

  private declareAksCluster(obj: Rec, path: Path): void {
    const parts = this.resourceIdentity('aksCluster', obj, path);
    if (!parts) return;
    const cluster: AksCluster = {
      id: entityId(parts.armId),
      kind: 'aksCluster',
      name: parts.name,
      armId: parts.armId,
      resourceGroup: parts.resourceGroup.id,
      clusterIdentity: { type: 'managed_identity', identity: { ...SYSTEM, userAssigned: [] } },
      source: this.ctx.source(path),
    };
    if (!this.register('aksClusters', cluster, path)) return;
    const rawIdentity = obj.identity;
    const typeOf = (raw: unknown) =>
      typeof raw === 'string' ? raw : typeof raw === 'object' && raw !== null ? (raw as Rec).type : undefined;
    const isServicePrincipal = (raw: unknown) => {
      const type = typeOf(raw);
      return typeof type === 'string' && type.toLowerCase().replace(/[-_\s]/g, '') === 'serviceprincipal';
    };
    if (!isServicePrincipal(rawIdentity))
      this.declareSystemIdentity(
        cluster,
        systemIdentityName('aksCluster', cluster.name),
        rawIdentity,
        path,
        true,
      );
    this.later.push(() => {
      const workspace = this.refId(obj.attached_workspace, [...path, 'attached_workspace'], 'workspace');
      if (workspace !== undefined) cluster.attachedWorkspace = workspace;
      const identityPath = [...path, 'identity'];
      if (isServicePrincipal(rawIdentity)) {
        const identityObj =
          typeof rawIdentity === 'object' && rawIdentity !== null ? (rawIdentity as Rec) : {};
        this.ctx.checkKeys(identityObj, identityPath, ['type', 'service_principal']);
        const principal = this.principal(
          identityObj.service_principal,
          [...identityPath, 'service_principal'],
          ['servicePrincipal'],
          'service principal',
        );
        cluster.clusterIdentity =
          principal !== undefined
            ? { type: 'service_principal', servicePrincipal: principal }
            : { type: 'service_principal' };
      } else {
        cluster.clusterIdentity = {
          type: 'managed_identity',
          identity: this.managedIdentity(rawIdentity, identityPath, SYSTEM),
        };
      }
      this.common(cluster, obj, path);
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Workspace children

  private declareCompute(obj: Rec, path: Path): void {
    const parts = this.childIdentity('compute', obj, path, 'workspace', 'workspace');
    if (!parts) return;
    const workspace = parts.parent as Workspace;
    const compute: Compute = {
      id: entityId(parts.armId),
      kind: 'compute',
      name: parts.name,
      armId: parts.armId,
      workspace: workspace.id,
      computeType: 'amlcompute',
      identity: { ...NONE, userAssigned: [] },
      source: this.ctx.source(path),
    };
    if (!this.register('computes', compute, path)) return;
    this.declareSystemIdentity(
      compute,
      systemIdentityName('compute', compute.name, workspace.name),
      obj.identity,
      path,
      false,
    );
    this.later.push(() => {
      if (obj.type === undefined)
        this.ctx.error(path, 'missing `type`: expected one of `amlcompute`, `computeinstance`, `kubernetes`');
      compute.computeType =
        this.ctx.oneOf(obj, 'type', path, ['amlcompute', 'computeinstance', 'kubernetes'] as const, {
          compute_instance: 'computeinstance',
          aml_compute: 'amlcompute',
        }) ?? 'amlcompute';
      compute.identity = this.managedIdentity(obj.identity, [...path, 'identity'], NONE);
      const createdOn = this.ctx.date(obj, 'created_on', path);
      if (createdOn !== undefined) compute.createdOn = createdOn;
      const idle = obj.idle_time_before_shutdown ?? obj.idle_time_before_shutdown_minutes;
      if (idle !== undefined && idle !== null) {
        const key =
          obj.idle_time_before_shutdown !== undefined
            ? 'idle_time_before_shutdown'
            : 'idle_time_before_shutdown_minutes';
        const value = this.ctx.str(obj, key, path, { what: 'an ISO 8601 duration or a number of minutes' });
        if (value !== undefined) compute.idleTimeBeforeShutdown = value;
      }
      if (obj.assigned_user !== undefined) {
        const user = this.principal(obj.assigned_user, [...path, 'assigned_user'], ['user'], 'user');
        if (user !== undefined) compute.assignedUser = user;
      } else if (obj.create_on_behalf_of !== undefined) {
        const onBehalf = this.ctx.map(obj.create_on_behalf_of, [...path, 'create_on_behalf_of']);
        if (onBehalf) {
          const behalfPath = [...path, 'create_on_behalf_of'];
          this.ctx.checkKeys(onBehalf, behalfPath, ['user_object_id', 'user_tenant_id']);
          if (onBehalf.user_object_id === undefined) this.ctx.error(behalfPath, 'missing `user_object_id`');
          const user = this.principal(
            onBehalf.user_object_id,
            [...behalfPath, 'user_object_id'],
            ['user'],
            'user',
          );
          if (user !== undefined) compute.assignedUser = user;
        }
      }
      const disableLocalAuth = this.ctx.bool(obj, 'disable_local_auth', path);
      if (disableLocalAuth !== undefined) compute.disableLocalAuth = disableLocalAuth;
      const size = this.ctx.str(obj, 'size', path);
      if (size !== undefined) compute.size = size;
      let subnet = this.ctx.str(obj, 'subnet', path);
      const network = this.ctx.map(obj.network_settings, [...path, 'network_settings']);
      if (network) {
        this.ctx.checkKeys(
          network,
          [...path, 'network_settings'],
          ['subnet', 'vnet_name'],
          ['private_ip_address', 'public_ip_address'],
        );
        subnet ??= this.ctx.str(network, 'subnet', [...path, 'network_settings']);
      }
      if (subnet !== undefined) compute.subnet = subnet;
      this.common(compute, obj, path);
    });
  }

  private declareOnlineEndpoint(obj: Rec, path: Path): void {
    const parts = this.childIdentity('onlineEndpoint', obj, path, 'workspace', 'workspace');
    if (!parts) return;
    const workspace = parts.parent as Workspace;
    const endpoint: OnlineEndpoint = {
      id: entityId(parts.armId),
      kind: 'onlineEndpoint',
      name: parts.name,
      armId: parts.armId,
      workspace: workspace.id,
      endpointKind: 'managed',
      authMode: 'key',
      identity: { ...SYSTEM, userAssigned: [] },
      enforceAccessToDefaultSecretStores: false,
      publicNetworkAccess: 'Enabled',
      source: this.ctx.source(path),
    };
    if (!this.register('onlineEndpoints', endpoint, path)) return;
    this.declareSystemIdentity(
      endpoint,
      systemIdentityName('onlineEndpoint', endpoint.name, workspace.name),
      obj.identity,
      path,
      true,
    );
    this.later.push(() => {
      endpoint.endpointKind =
        this.ctx.oneOf(obj, 'kind', path, ['managed', 'kubernetes'] as const) ?? 'managed';
      if (obj.compute !== undefined && obj.compute !== null) {
        const computeRef = typeof obj.compute === 'string' ? stripAzureMl(obj.compute) : obj.compute;
        const compute = this.refId(computeRef, [...path, 'compute'], 'compute', workspace.id);
        if (compute !== undefined) endpoint.compute = compute;
      }
      endpoint.authMode =
        this.ctx.oneOf(obj, 'auth_mode', path, ['key', 'aml_token', 'aad_token'] as const) ?? 'key';
      endpoint.identity = this.managedIdentity(obj.identity, [...path, 'identity'], SYSTEM);
      const properties = this.ctx.map(obj.properties, [...path, 'properties']);
      if (properties) {
        const propertiesPath = [...path, 'properties'];
        // Endpoint properties are an open bag in az ml; only the secret-store flag matters here.
        const flag = properties.enforce_access_to_default_secret_stores;
        if (flag !== undefined && flag !== null) {
          const value =
            typeof flag === 'boolean'
              ? flag
                ? 'enabled'
                : 'disabled'
              : this.ctx.oneOf(properties, 'enforce_access_to_default_secret_stores', propertiesPath, [
                  'enabled',
                  'disabled',
                ] as const);
          endpoint.enforceAccessToDefaultSecretStores = value === 'enabled';
        }
      }
      endpoint.publicNetworkAccess = this.publicNetworkAccess(obj, path);
      const createdBy = this.principal(obj.created_by, [...path, 'created_by']);
      if (createdBy !== undefined) endpoint.createdBy = createdBy;
      const createdOn = this.ctx.date(obj, 'created_on', path);
      if (createdOn !== undefined) endpoint.createdOn = createdOn;
      if (obj.callers !== undefined && obj.callers !== null)
        endpoint.callers = this.principalList(obj.callers, [...path, 'callers']);
      const update = this.ctx.map(obj.planned_update, [...path, 'planned_update']);
      if (update) {
        const updatePath = [...path, 'planned_update'];
        this.ctx.checkKeys(update, updatePath, ['identity']);
        endpoint.plannedUpdate = {};
        if (update.identity !== undefined && update.identity !== null)
          endpoint.plannedUpdate.identity = this.managedIdentity(
            update.identity,
            [...updatePath, 'identity'],
            NONE,
          );
      }
      this.common(endpoint, obj, path);
    });
  }

  private declareOnlineDeployment(obj: Rec, path: Path): void {
    // az ml spells the parent `endpoint_name`; a workspace may be named to tell same-named endpoints apart.
    const endpointField =
      obj.endpoint === undefined && obj.endpoint_name !== undefined ? 'endpoint_name' : 'endpoint';
    let within: EntityId | undefined;
    if (obj.workspace !== undefined) {
      within = this.refId(obj.workspace, [...path, 'workspace'], 'workspace');
      if (within === undefined) return;
    }
    const parts = this.childIdentity('onlineDeployment', obj, path, endpointField, 'onlineEndpoint', within);
    if (!parts) return;
    const endpoint = parts.parent as OnlineEndpoint;
    const deployment: OnlineDeployment = {
      id: entityId(parts.armId),
      kind: 'onlineDeployment',
      name: parts.name,
      armId: parts.armId,
      endpoint: endpoint.id,
      environmentVariables: {},
      source: this.ctx.source(path),
    };
    if (!this.register('onlineDeployments', deployment, path)) return;
    this.later.push(() => {
      const variables = this.ctx.map(obj.environment_variables, [...path, 'environment_variables']);
      if (variables) {
        const result = redactEnvironmentVariables(variables);
        deployment.environmentVariables = result.variables;
        for (const name of result.redacted) {
          this.ctx.warn(
            [...path, 'environment_variables', name],
            `environment variable \`${name}\` looks like it holds a secret; its value was dropped. Use a \`\${{...}}\` reference instead`,
            {
              target: 'key',
            },
          );
        }
      }
      let image = this.ctx.text(obj, 'image', path);
      const environment = obj.environment;
      if (
        image === undefined &&
        typeof environment === 'object' &&
        environment !== null &&
        !Array.isArray(environment)
      ) {
        image = this.ctx.text(environment as Rec, 'image', [...path, 'environment']);
      }
      if (image !== undefined) deployment.image = image;
      const model = obj.model;
      if (typeof model === 'object' && model !== null && !Array.isArray(model)) {
        const name =
          this.ctx.str(model as Rec, 'name', [...path, 'model']) ??
          this.ctx.str(model as Rec, 'path', [...path, 'model']);
        if (name !== undefined) deployment.model = name;
      } else {
        const name = this.ctx.text(obj, 'model', path);
        if (name !== undefined) deployment.model = name;
      }
      const createdBy = this.principal(obj.created_by, [...path, 'created_by']);
      if (createdBy !== undefined) deployment.createdBy = createdBy;
      this.common(deployment, obj, path);
    });
  }

  private declareDatastore(obj: Rec, path: Path): void {
    const parts = this.childIdentity('datastore', obj, path, 'workspace', 'workspace');
    if (!parts) return;
    const datastore: Datastore = {
      id: entityId(parts.armId),
      kind: 'datastore',
      name: parts.name,
      armId: parts.armId,
      workspace: parts.parent.id,
      datastoreType: 'azure_blob',
      credentialKind: 'none',
      serviceDataAccessAuthIdentity: 'None',
      source: this.ctx.source(path),
    };
    if (!this.register('datastores', datastore, path)) return;
    this.later.push(() => {
      if (obj.type === undefined)
        this.ctx.error(
          path,
          'missing `type`: expected one of `azure_blob`, `azure_data_lake_gen1`, `azure_data_lake_gen2`, `azure_file`',
        );
      datastore.datastoreType =
        this.ctx.oneOf(
          obj,
          'type',
          path,
          ['azure_blob', 'azure_data_lake_gen1', 'azure_data_lake_gen2', 'azure_file'] as const,
          {
            AzureBlob: 'azure_blob',
            AzureDataLakeGen1: 'azure_data_lake_gen1',
            AzureDataLakeGen2: 'azure_data_lake_gen2',
            AzureFile: 'azure_file',
          },
        ) ?? 'azure_blob';
      const accountKey = obj.account_name !== undefined ? 'account_name' : 'store_name';
      const accountName = this.ctx.str(obj, accountKey, path);
      if (accountName !== undefined) datastore.accountName = accountName;
      if (obj.storage_account !== undefined) {
        const account = this.ref(
          obj.storage_account,
          [...path, 'storage_account'],
          ['storageAccount'],
          'storage account',
        );
        if (account) {
          datastore.storageAccount = account.id;
          if (accountName === undefined) datastore.accountName = account.name;
        }
      } else if (accountName !== undefined && accountKey === 'account_name') {
        // The account is linked when the estate declares it; a datastore may well point at storage outside it.
        const candidates = this.index
          .ofKind('storageAccount')
          .filter((account) => account.name.toLowerCase() === accountName.toLowerCase());
        if (candidates.length === 1 && candidates[0]) datastore.storageAccount = candidates[0].id;
      }
      const containerKey = (['container_name', 'filesystem', 'file_share_name'] as const).find(
        (key) => obj[key] !== undefined,
      );
      if (containerKey !== undefined) {
        const container = this.ctx.str(obj, containerKey, path);
        if (container !== undefined) datastore.containerName = container;
      }
      const credentials = this.credentials(obj.credentials, [...path, 'credentials']);
      datastore.credentialKind = credentials.kind;
      if (credentials.principal !== undefined) datastore.credentialPrincipal = credentials.principal;
      datastore.serviceDataAccessAuthIdentity =
        this.ctx.oneOf(obj, 'service_data_access_auth_identity', path, [
          'None',
          'WorkspaceSystemAssignedIdentity',
          'WorkspaceUserAssignedIdentity',
        ] as const) ?? 'None';
      const isDefault = this.ctx.bool(obj, 'is_default', path);
      if (isDefault !== undefined) datastore.isDefault = isDefault;
      this.common(datastore, obj, path);
    });
  }

  private declareConnection(obj: Rec, path: Path): void {
    const parts = this.childIdentity('connection', obj, path, 'workspace', 'workspace');
    if (!parts) return;
    const connection: Connection = {
      id: entityId(parts.armId),
      kind: 'connection',
      name: parts.name,
      armId: parts.armId,
      workspace: parts.parent.id,
      connectionType: 'custom',
      credentialKind: 'none',
      source: this.ctx.source(path),
    };
    if (!this.register('connections', connection, path)) return;
    this.later.push(() => {
      connection.connectionType =
        this.ctx.str(obj, 'type', path, {
          required: true,
          what: 'the connection type, such as `container_registry` or `azure_open_ai`',
        }) ?? 'custom';
      const target = this.ctx.text(obj, 'target', path);
      if (target !== undefined) connection.target = target;
      const credentials = this.credentials(obj.credentials, [...path, 'credentials']);
      connection.credentialKind = credentials.kind;
      if (credentials.identity !== undefined) connection.identity = credentials.identity;
      // Some az ml connection files carry the key at the top (`api_key: ...`) instead of under `credentials`.
      for (const key of Object.keys(obj)) {
        if (key === 'credentials' || !isSecretKey(key)) continue;
        if (connection.credentialKind === 'none')
          connection.credentialKind = key === 'api_key' ? 'api_key' : 'custom';
        const value = obj[key];
        if (typeof value === 'string' && secretFieldsIn({ [key]: value }).length > 0) {
          this.ctx.warn(
            [...path, key],
            `\`${key}\` holds a secret value; it was not kept. Replace it with \`${REDACTED}\` before sharing this file`,
            { target: 'key' },
          );
        }
      }
      this.common(connection, obj, path);
    });
  }

  private declareJob(obj: Rec, path: Path): void {
    const parts = this.childIdentity('job', obj, path, 'workspace', 'workspace');
    if (!parts) return;
    const workspace = parts.parent as Workspace;
    const job: Job = {
      id: entityId(parts.armId),
      kind: 'job',
      name: parts.name,
      armId: parts.armId,
      workspace: workspace.id,
      jobType: 'command',
      identity: { type: 'unset' },
      inputs: [],
      outputs: [],
      steps: [],
      source: this.ctx.source(path),
    };
    if (!this.register('jobs', job, path)) return;
    this.later.push(() => {
      job.jobType =
        this.ctx.oneOf(obj, 'type', path, ['command', 'pipeline', 'sweep', 'spark'] as const) ?? 'command';
      const compute = this.jobCompute(obj, path, workspace);
      if (compute !== undefined) job.compute = compute;
      job.identity = this.jobIdentity(obj.identity, [...path, 'identity']);
      job.inputs = this.bindings(obj.inputs, [...path, 'inputs'], workspace);
      job.outputs = this.bindings(obj.outputs, [...path, 'outputs'], workspace);
      const environment = this.environment(obj.environment, [...path, 'environment']);
      if (environment !== undefined) job.environment = environment;
      const submittedBy = this.principal(obj.submitted_by, [...path, 'submitted_by']);
      if (submittedBy !== undefined) job.submittedBy = submittedBy;
      const submittedFrom = this.ctx.oneOf(obj, 'submitted_from', path, ['cli', 'sdk', 'studio'] as const);
      if (submittedFrom !== undefined) job.submittedFrom = submittedFrom;
      const steps = this.ctx.map(obj.jobs, [...path, 'jobs'], 'a mapping of step names to steps');
      if (steps) {
        if (job.jobType !== 'pipeline')
          this.ctx.warn(
            [...path, 'jobs'],
            `only pipeline jobs have steps, and this job's type is \`${job.jobType}\``,
            { target: 'key' },
          );
        for (const [stepName, rawStep] of Object.entries(steps)) {
          const step = this.step(stepName, rawStep, [...path, 'jobs', stepName], workspace);
          if (step) job.steps.push(step);
        }
      }
      this.common(job, obj, path);
    });
  }

  private jobCompute(obj: Rec, path: Path, workspace: Workspace): EntityId | 'serverless' | undefined {
    const raw = obj.compute;
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') {
      this.ctx.error(
        [...path, 'compute'],
        `expected a compute name, \`serverless\` or an ARM id, found ${describeFound(raw)}`,
      );
      return undefined;
    }
    const name = stripAzureMl(raw.trim());
    if (name.toLowerCase() === 'serverless') return 'serverless';
    return this.refId(name, [...path, 'compute'], 'compute', name.startsWith('/') ? undefined : workspace.id);
  }

  private step(name: string, raw: unknown, path: Path, workspace: Workspace): JobStep | undefined {
    const obj = this.ctx.map(raw, path, 'a step mapping');
    if (!obj) return undefined;
    this.ctx.checkKeys(obj, path, FIELDS.job_steps, IGNORED_FIELDS.job_steps ?? []);
    const step: JobStep = {
      name,
      identity: this.jobIdentity(obj.identity, [...path, 'identity']),
      inputs: this.bindings(obj.inputs, [...path, 'inputs'], workspace),
      outputs: this.bindings(obj.outputs, [...path, 'outputs'], workspace),
    };
    const compute = this.jobCompute(obj, path, workspace);
    if (compute !== undefined) step.compute = compute;
    const component = obj.component;
    let componentIdentityRaw = obj.component_identity;
    let componentIdentityPath: Path = [...path, 'component_identity'];
    if (typeof component === 'string') {
      step.component = component;
    } else if (typeof component === 'object' && component !== null && !Array.isArray(component)) {
      // An inline component: its name stands for it, and the identity declared inside it is what Azure ML ignores.
      const inline = component as Rec;
      step.component = typeof inline.name === 'string' ? inline.name : 'inline';
      if (componentIdentityRaw === undefined && inline.identity !== undefined) {
        componentIdentityRaw = inline.identity;
        componentIdentityPath = [...path, 'component', 'identity'];
      }
    } else if (component !== undefined && component !== null) {
      this.ctx.error(
        [...path, 'component'],
        `expected a component reference or an inline component, found ${describeFound(component)}`,
      );
    }
    if (componentIdentityRaw !== undefined && componentIdentityRaw !== null)
      step.componentIdentity = this.jobIdentity(componentIdentityRaw, componentIdentityPath);
    const environment = this.environment(obj.environment, [...path, 'environment']);
    if (environment !== undefined) step.environment = environment;
    return step;
  }

  /** Job inputs or outputs: data bindings are kept, literal parameters (`learning_rate: 0.01`) are not. */
  private bindings(raw: unknown, path: Path, workspace: Workspace): JobDataBinding[] {
    const obj = this.ctx.map(raw, path, 'a mapping of names to inputs or outputs');
    if (!obj) return [];
    const out: JobDataBinding[] = [];
    for (const [name, value] of Object.entries(obj)) {
      const at = [...path, name];
      let binding: JobDataBinding | undefined;
      if (typeof value === 'string') {
        if (/:\/\//.test(value) || /^azureml:/i.test(value) || value.startsWith('${{'))
          binding = { name, path: this.cleanPath(value, at) };
      } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const entry = value as Rec;
        if (entry.value !== undefined && entry.path === undefined) continue;
        this.ctx.checkKeys(
          entry,
          at,
          ['path', 'mode', 'datastore'],
          ['type', 'description', 'optional', 'default', 'name', 'version', 'path_on_compute'],
        );
        binding = { name };
        const dataPath = this.ctx.str(entry, 'path', at);
        if (dataPath !== undefined) binding.path = this.cleanPath(dataPath, [...at, 'path']);
        const mode = this.ctx.str(entry, 'mode', at);
        if (mode !== undefined) binding.mode = mode;
        if (entry.datastore !== undefined) {
          const datastore = this.refId(entry.datastore, [...at, 'datastore'], 'datastore', workspace.id);
          if (datastore !== undefined) binding.datastore = datastore;
        }
      }
      if (!binding) continue;
      if (binding.datastore === undefined && binding.path !== undefined) {
        const datastoreName = datastoreNameInPath(binding.path);
        if (datastoreName !== undefined) {
          const pathAt = typeof value === 'string' ? at : [...at, 'path'];
          const datastore = this.index.resolveEntity(datastoreName, ['datastore'], 'datastore', workspace.id);
          if ('error' in datastore) this.ctx.error(pathAt, datastore.error);
          else binding.datastore = datastore.value.id;
        }
      }
      out.push(binding);
    }
    return out;
  }

  private cleanPath(value: string, path: Path): string {
    const clean = sanitizeText(value);
    if (clean.redacted)
      this.ctx.warn(
        path,
        `this path carried a SAS token or key; it was dropped and replaced by \`${REDACTED}\``,
      );
    return clean.text;
  }

  private environment(raw: unknown, path: Path): JobEnvironment | undefined {
    if (raw === undefined || raw === null || typeof raw === 'string') return undefined;
    const obj = this.ctx.map(
      raw,
      path,
      'an environment mapping (`image`, `build`) or a registered environment name',
    );
    if (!obj) return undefined;
    this.ctx.checkKeys(
      obj,
      path,
      ['image', 'build', 'conda_file'],
      ['name', 'version', 'description', 'tags', 'os_type', 'inference_config', 'dockerfile_path'],
    );
    const image = this.ctx.text(obj, 'image', path);
    let build: JobEnvironment['build'] | undefined;
    if (typeof obj.build === 'string')
      build = this.ctx.oneOf(obj, 'build', path, ['as_is', 'managed_build'] as const);
    else if (typeof obj.build === 'object' && obj.build !== null) build = 'managed_build';
    else if (obj.build !== undefined && obj.build !== null)
      this.ctx.error(
        [...path, 'build'],
        `expected \`as_is\`, \`managed_build\` or a build context, found ${describeFound(obj.build)}`,
      );
    if (build === undefined && obj.conda_file !== undefined) build = 'managed_build';
    if (image === undefined && build === undefined) return undefined;
    const environment: JobEnvironment = { build: build ?? 'as_is' };
    if (image !== undefined) environment.image = image;
    return environment;
  }

  // -----------------------------------------------------------------------------------------------
  // Principals

  private declareUser(obj: Rec, path: Path): void {
    const name = this.ctx.str(obj, 'name', path, { required: true });
    if (name === undefined) return;
    const objectId = this.ctx.guid(obj, 'object_id', path);
    const explicit = this.ctx.str(obj, 'id', path);
    const user: User = {
      id: explicit !== undefined ? entityId(explicit) : principalEntityId('user', name, objectId),
      kind: 'user',
      name,
      source: this.ctx.source(path),
    };
    if (objectId !== undefined) user.objectId = objectId;
    const upn = this.ctx.str(obj, 'user_principal_name', path);
    if (upn !== undefined) user.userPrincipalName = upn;
    if (!this.register('users', user, path)) return;
    this.later.push(() => this.common(user, obj, path));
  }

  private declareGroup(obj: Rec, path: Path): void {
    const name = this.ctx.str(obj, 'name', path, { required: true });
    if (name === undefined) return;
    const objectId = this.ctx.guid(obj, 'object_id', path);
    const explicit = this.ctx.str(obj, 'id', path);
    const group: Group = {
      id: explicit !== undefined ? entityId(explicit) : principalEntityId('group', name, objectId),
      kind: 'group',
      name,
      members: [],
      source: this.ctx.source(path),
    };
    if (objectId !== undefined) group.objectId = objectId;
    if (!this.register('groups', group, path)) return;
    this.later.push(() => {
      this.ctx.list(obj.members, [...path, 'members'], 'a list of members').forEach((member, index) => {
        const id = this.principal(member, [...path, 'members', index]);
        if (id === undefined) return;
        if (id === group.id)
          this.ctx.error([...path, 'members', index], 'a group cannot be a member of itself');
        else if (group.members.includes(id))
          this.ctx.warn(
            [...path, 'members', index],
            `${quote(member)} is listed twice; the second mention is ignored`,
          );
        else group.members.push(id);
      });
      this.common(group, obj, path);
    });
  }

  private declareServicePrincipal(obj: Rec, path: Path): void {
    const name = this.ctx.str(obj, 'name', path, { required: true });
    if (name === undefined) return;
    const objectId = this.ctx.guid(obj, 'object_id', path);
    const explicit = this.ctx.str(obj, 'id', path);
    const principal: ServicePrincipal = {
      id: explicit !== undefined ? entityId(explicit) : principalEntityId('servicePrincipal', name, objectId),
      kind: 'servicePrincipal',
      name,
      source: this.ctx.source(path),
    };
    if (objectId !== undefined) principal.objectId = objectId;
    const appId = this.ctx.guid(obj, 'app_id', path);
    if (appId !== undefined) principal.appId = appId;
    const wellKnown = this.ctx.str(obj, 'well_known', path);
    if (wellKnown !== undefined) principal.wellKnown = wellKnown;
    if (!this.register('servicePrincipals', principal, path)) return;
    this.later.push(() => this.common(principal, obj, path));
  }

  // -----------------------------------------------------------------------------------------------
  // Authorization

  private declareRoleDefinition(obj: Rec, path: Path): void {
    // az's own output names the role `roleName` and puts the GUID in `name`; both shapes are accepted.
    const nameKey =
      obj.role_name !== undefined ? 'role_name' : obj.roleName !== undefined ? 'roleName' : 'name';
    const name = this.ctx.str(obj, nameKey, path, { required: true });
    if (name === undefined) return;
    let idText = this.ctx.str(obj, 'id', path);
    let idPath: Path = [...path, 'id'];
    if (idText === undefined && nameKey !== 'name' && typeof obj.name === 'string' && isGuid(obj.name)) {
      idText = obj.name;
      idPath = [...path, 'name'];
    }
    let id: RoleId;
    if (idText !== undefined) {
      const guid = roleIdFrom(idText);
      if (guid === undefined) {
        this.ctx.error(idPath, `expected a role GUID or role definition id, found ${quote(idText, 120)}`);
        return;
      }
      id = guid;
    } else id = defaultCustomRoleId(name);
    const roleType =
      this.ctx.oneOf(obj, 'role_type', path, ['CustomRole', 'BuiltInRole'] as const) ??
      this.ctx.oneOf(obj, 'roleType', path, ['CustomRole', 'BuiltInRole'] as const);
    // A copy of a built-in definition (as `az role definition list` exports it) may stand beside the catalog's;
    // a custom role may not borrow a built-in name or GUID.
    const builtIn = findBuiltInRole(name) ?? findBuiltInRole(id);
    const sameBuiltIn =
      builtIn !== undefined && builtIn.id === id && builtIn.name.toLowerCase() === name.toLowerCase();
    if (builtIn && !(roleType === 'BuiltInRole' && sameBuiltIn)) {
      const clash = builtIn.id === id ? `id ${id}` : `name \`${builtIn.name}\``;
      this.ctx.error(
        [...path, builtIn.id === id ? 'id' : nameKey],
        `the built-in role ${builtIn.name} already has this ${clash}; a custom role needs its own`,
      );
      return;
    }
    const sameName = this.index.customRoleNamed(name);
    const sameId = this.index.customRole(id);
    const clash = sameName ?? sameId;
    if (clash) {
      this.ctx.error(
        [...path, sameName ? nameKey : 'id'],
        `custom role ${quote(name)} clashes with \`${clash.name}\` declared earlier (same ${sameName ? 'name' : 'id'})`,
        {
          related: clash.source,
        },
      );
      return;
    }
    const role: RoleDefinition = {
      id,
      name,
      roleType: 'CustomRole',
      permissions: [],
      assignableScopes: ['/'],
      source: this.ctx.source(path),
    };
    if (roleType !== undefined) role.roleType = roleType;
    const description = this.ctx.text(obj, 'description', path);
    if (description !== undefined) role.description = description;
    const flatKeys = ['actions', 'not_actions', 'data_actions', 'not_data_actions'].filter(
      (key) => obj[key] !== undefined,
    );
    if (obj.permissions !== undefined && obj.permissions !== null) {
      if (flatKeys.length > 0)
        this.ctx.error(
          [...path, flatKeys[0] ?? 'actions'],
          'give the actions either under `permissions` or at the top of the role, not both',
          { target: 'key' },
        );
      this.ctx.list(obj.permissions, [...path, 'permissions']).forEach((item, index) => {
        const permissionPath = [...path, 'permissions', index];
        const entry = this.ctx.map(
          item,
          permissionPath,
          'a permission mapping (`actions`, `not_actions`, `data_actions`, `not_data_actions`)',
        );
        if (!entry) return;
        this.ctx.checkKeys(
          entry,
          permissionPath,
          [
            'actions',
            'not_actions',
            'data_actions',
            'not_data_actions',
            'notActions',
            'dataActions',
            'notDataActions',
          ],
          ['condition', 'conditionVersion'],
        );
        role.permissions.push(this.permission(entry, permissionPath, true));
      });
    } else {
      role.permissions.push(this.permission(obj, path, false));
    }
    const scopes = this.ctx.strings(
      obj,
      obj.assignable_scopes !== undefined ? 'assignable_scopes' : 'assignableScopes',
      path,
    );
    if (scopes !== undefined) {
      const key = obj.assignable_scopes !== undefined ? 'assignable_scopes' : 'assignableScopes';
      role.assignableScopes = [];
      scopes.forEach((scope, index) => {
        const resolved = this.scope(scope, [...path, key, index]);
        if (resolved !== undefined) role.assignableScopes.push(resolved);
      });
    }
    this.estate.roleDefinitions.push(role);
    this.index.addRole(role);
  }

  private permission(obj: Rec, path: Path, camelToo: boolean): Permission {
    const list = (snake: string, camel: string) =>
      (this.ctx.strings(obj, camelToo && obj[snake] === undefined ? camel : snake, path) ?? []).map(
        (action) => action.trim(),
      );
    return {
      actions: list('actions', 'actions'),
      notActions: list('not_actions', 'notActions'),
      dataActions: list('data_actions', 'dataActions'),
      notDataActions: list('not_data_actions', 'notDataActions'),
    };
  }

  private readonly assignmentKeys = new Map<string, SourceRef>();

  private readRoleAssignment(obj: Rec, path: Path): void {
    for (const field of ['principal', 'role', 'scope'])
      if (obj[field] === undefined || obj[field] === null)
        this.ctx.error(path, `missing required field \`${field}\``);
    const principal = this.principal(obj.principal, [...path, 'principal']);
    let role: RoleId | undefined;
    if (obj.role !== undefined && obj.role !== null) {
      if (typeof obj.role !== 'string')
        this.ctx.error([...path, 'role'], `expected a role name or GUID, found ${describeFound(obj.role)}`);
      else {
        const resolved = this.index.resolveRole(obj.role);
        if ('error' in resolved) this.ctx.error([...path, 'role'], resolved.error);
        else {
          role = resolved.value;
          if (resolved.warning) this.ctx.warn([...path, 'role'], resolved.warning);
        }
      }
    }
    const scope =
      obj.scope === undefined || obj.scope === null ? undefined : this.scope(obj.scope, [...path, 'scope']);
    const origin =
      this.ctx.oneOf(obj, 'origin', path, ['observed', 'planned', 'automatic'] as const) ??
      this.estate.assignmentsOrigin;
    const principalType = this.ctx.oneOf(obj, 'principal_type', path, [
      'User',
      'Group',
      'ServicePrincipal',
      'ForeignGroup',
      'Device',
    ] as const);
    const condition = this.ctx.str(obj, 'condition', path);
    const conditionVersion =
      typeof obj.condition_version === 'number'
        ? obj.condition_version.toFixed(1)
        : this.ctx.str(obj, 'condition_version', path);
    const description = this.ctx.text(obj, 'description', path);
    const reason = this.ctx.text(obj, 'reason', path);
    const idText = this.ctx.str(obj, 'id', path);
    if (principal === undefined || role === undefined || scope === undefined) return;

    let id: EntityId;
    if (idText === undefined) id = defaultRoleAssignmentId(principal, role, scope);
    else if (isGuid(idText.trim())) id = entityId(roleAssignmentArmId(scope, idText.trim().toLowerCase()));
    else if (/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i.test(idText.trim()))
      id = entityId(idText.trim());
    else {
      this.ctx.error(
        [...path, 'id'],
        `expected the assignment GUID or its full id (\`<scope>/providers/Microsoft.Authorization/roleAssignments/<GUID>\`), found ${quote(idText, 120)}`,
      );
      return;
    }
    const source = this.ctx.source(path);
    const key = `${principal}|${role}|${scopeKey(scope)}`;
    const first = this.assignmentKeys.get(key);
    if (first) {
      this.ctx.error(
        path,
        `this principal already holds this role at this scope (line ${first.line ?? '?'}); Azure keeps one such assignment`,
        { related: first },
      );
      return;
    }
    const firstId = this.seen.get(`assignment:${id.toLowerCase()}`);
    if (firstId) {
      this.ctx.error(
        [...path, 'id'],
        `role assignment id ${quote(idText ?? id, 120)} is used twice (first at line ${firstId.source.line ?? '?'})`,
        { related: firstId.source },
      );
      return;
    }
    this.assignmentKeys.set(key, source);
    this.seen.set(`assignment:${id.toLowerCase()}`, { source, label: id });
    const assignment: RoleAssignment = { id, principal, role, scope, origin, source };
    if (principalType !== undefined) assignment.principalType = principalType;
    if (condition !== undefined) assignment.condition = condition;
    if (conditionVersion !== undefined) assignment.conditionVersion = conditionVersion;
    if (description !== undefined) assignment.description = description;
    if (reason !== undefined) assignment.reason = reason;
    this.estate.roleAssignments.push(assignment);
  }

  private readDenyAssignment(obj: Rec, path: Path): void {
    const name = this.ctx.str(obj, 'name', path, { required: true });
    if (obj.scope === undefined || obj.scope === null) this.ctx.error(path, 'missing required field `scope`');
    const scope =
      obj.scope === undefined || obj.scope === null ? undefined : this.scope(obj.scope, [...path, 'scope']);
    const permissions = this.permission(obj, path, false);
    let principals: EntityId[] | 'everyone' = [];
    const rawPrincipals = obj.principals;
    if (rawPrincipals === undefined || rawPrincipals === null)
      this.ctx.error(path, 'missing required field `principals` (a list, or `everyone`)');
    else if (typeof rawPrincipals === 'string' && rawPrincipals.trim().toLowerCase() === 'everyone')
      principals = 'everyone';
    else principals = this.principalList(rawPrincipals, [...path, 'principals']);
    const excludePrincipals = this.principalList(obj.exclude_principals, [...path, 'exclude_principals']);
    const doNotApplyToChildScopes = this.ctx.bool(obj, 'do_not_apply_to_child_scopes', path) ?? false;
    const condition = this.ctx.str(obj, 'condition', path);
    const conditionVersion =
      typeof obj.condition_version === 'number'
        ? obj.condition_version.toFixed(1)
        : this.ctx.str(obj, 'condition_version', path);
    const idText = this.ctx.str(obj, 'id', path);
    if (name === undefined || scope === undefined) return;
    let id: EntityId;
    if (idText === undefined) id = defaultDenyAssignmentId(name, scope);
    else if (isGuid(idText.trim())) id = entityId(denyAssignmentArmId(scope, idText.trim().toLowerCase()));
    else id = entityId(idText.trim());
    const source = this.ctx.source(path);
    const first = this.seen.get(`deny:${id.toLowerCase()}`);
    if (first) {
      this.ctx.error(
        [...path, idText !== undefined ? 'id' : 'name'],
        `deny assignment ${quote(name)} is declared twice at this scope (first at line ${first.source.line ?? '?'})`,
        { related: first.source },
      );
      return;
    }
    this.seen.set(`deny:${id.toLowerCase()}`, { source, label: name });
    const deny: DenyAssignment = {
      id,
      name,
      scope,
      permissions,
      principals,
      excludePrincipals,
      doNotApplyToChildScopes,
      source,
    };
    if (condition !== undefined) deny.condition = condition;
    if (conditionVersion !== undefined) deny.conditionVersion = conditionVersion;
    this.estate.denyAssignments.push(deny);
  }

  private principalList(raw: unknown, path: Path): EntityId[] {
    const out: EntityId[] = [];
    this.ctx.list(raw, path, 'a list of principals').forEach((item, index) => {
      const id = this.principal(item, [...path, index]);
      if (id !== undefined && !out.includes(id)) out.push(id);
    });
    return out;
  }
}

/**
 * Reads a native estate file (YAML or JSON). Every problem is reported at once as a located diagnostic; when any
 * of them is an error the estate is undefined, so a half-read estate never reaches the analysis. Never throws.
 */
export function readNative(text: string, file: string): ReaderResult {
  return readNativeDocuments(parseDocuments(text, file), file);
}

/** {@link readNative} for a file already parsed (readInputs parses each file once, to detect its format). */
export function readNativeDocuments(parsed: ParseResult, file: string): ReaderResult {
  try {
    const diagnostics = [...parsed.diagnostics];
    if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
    const [doc, ...extra] = parsed.docs;
    if (!doc) {
      diagnostics.push({
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: 'the file is empty; an estate needs at least `version: 1` and `name: ...`',
      });
      return { estate: undefined, diagnostics };
    }
    if (extra.length > 0) {
      const at = extra[0]?.locate([]) ?? { line: 1, column: 1 };
      diagnostics.push({
        severity: 'error',
        file,
        ...at,
        message: `expected one estate per file, found ${parsed.docs.length} YAML documents; merge them or split the file`,
      });
      return { estate: undefined, diagnostics };
    }
    const reader = new NativeReader(file, doc);
    reader.read(doc.value);
    // Reading goes section by section in dependency order; people read a file top to bottom.
    // Parse warnings (a credential in the wrong field) are located too and take their place among the rest.
    const located = [...diagnostics.splice(0), ...reader.ctx.diagnostics].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    diagnostics.push(...located);
    if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
    // The reader should never produce a structurally broken estate; if it does, refuse it rather than pass it on.
    for (const problem of validateEstate(reader.estate)) {
      if (problem.severity === 'error')
        diagnostics.push({ ...problem, message: `internal check: ${problem.message}` });
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
    return { estate: reader.estate, diagnostics };
  } catch (error) {
    return {
      estate: undefined,
      diagnostics: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          message: `the estate could not be read because of a bug in the reader (${error instanceof Error ? error.message : String(error)}); please report it with the file`,
        },
      ],
    };
  }
}
