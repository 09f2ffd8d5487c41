import { emptyEstate } from '../../model/estate';
import { entityId, scopeKey, systemIdentityId, type EntityId } from '../../model/ids';
import {
  ENTITY_COLLECTIONS,
  type ApplicationInsights,
  type Compute,
  type ContainerRegistry,
  type Diagnostic,
  type Entity,
  type EntityCollection,
  type Estate,
  type KeyVault,
  type ManagedIdentitySetting,
  type OnlineEndpoint,
  type ResourceGroup,
  type SourceRef,
  type StorageAccount,
  type Subscription,
  type SystemAssignedIdentity,
  type User,
  type UserAssignedIdentity,
  type Workspace,
} from '../../model/types';
import { validateEstate } from '../../model/validate';
import type {
  EntityMeta,
  PlaceholderWorkspaceNote,
  Provenance,
  SkippedItem,
  UnresolvedReference,
} from '../core/reader';
import { AZURE_DEFAULTS } from '../core/azml-vocabulary';
import type { Path } from '../core/context';
import {
  childArmId,
  principalEntityId,
  resourceGroupArmId,
  subscriptionArmId,
  systemIdentityName,
  type TopLevelResourceKind,
} from '../core/naming';
import { quote } from '../core/source';
import { canonicalResourceId, type ArmRef } from './arm';
import type { AzmlContext } from './context';
import { fileDiagnostics, type FileDrafts } from './documents';
import type { IdentityDraft, ResourceRef, UaiMention, WorkspaceDraft } from './drafts';
import { ALWAYS_GIVEN, GIVEN_BY } from './given-by';
import { PLACEHOLDER_ENDPOINT, PLACEHOLDER_WORKSPACE } from './options';

/**
 * The estates of an import's files as they are built: entities each file declares, and entities no file declares
 * but several need (subscriptions, resource groups, resources known only by ARM id, the placeholder workspace or
 * endpoint), put in exactly one file's estate, the first that needs them, so that concatenating the files'
 * estates gives each entity once. It also says each note once per file and topic, and records what each file
 * gave for the merge.
 */

/** What the reader returns for one file: the reader contract of arm/fragment.ts, provenance included. */
export interface AzureMlReadResult {
  /** Undefined when the file has an error. */
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
  /** Documents recognised and not modelled, with why. */
  skipped: SkippedItem[];
  /**
   * For every entity of the estate: whether it is a stub (no file declares it: scope entities, resources known
   * only from an ARM id with Azure's default settings, the placeholder workspace or endpoint) and which fields the
   * file gave, so that a merge lets real declarations win over stubs and given values over defaults.
   */
  provenance: Provenance;
  /** References no az ml file settles, for the resolution after the merge (which sees every format). */
  unresolved: UnresolvedReference[];
  /** Notes about children attached to the placeholder workspace, restated after the merge. */
  placeholderNotes: PlaceholderWorkspaceNote[];
}

/** An unresolved reference while its holder is being built: where in the holder it goes, what it names, its note. */
export type PendingReference = Omit<UnresolvedReference, 'holder'>;

/** Where an unresolved reference is collected, and at which field of the holder it belongs. */
export interface PendingSink {
  list: PendingReference[];
  field: readonly (string | number)[];
}

/** The key of a workspace child by its workspace (compared as Azure compares ARM ids) and name. */
export function childKey(workspace: ArmRef | string, name: string): string {
  return `${scopeKey(typeof workspace === 'string' ? workspace : workspace.armId)}|${name.toLowerCase()}`;
}

/** Appends to the list a map holds for a key. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The entities of an import's files, declared and shared; the assembler places the drafts into it. */
export abstract class ImportEstates {
  protected readonly good: FileDrafts[];
  /** The workspaces the files declare, by ARM id (the first declaration first). */
  protected readonly workspaces = new Map<string, WorkspaceDraft[]>();
  protected readonly uaiDetails = new Map<string, { clientId?: string; principalId?: string }>();
  protected readonly uaiByClientId = new Map<string, ArmRef>();
  protected readonly uaiByPrincipalId = new Map<string, ArmRef>();
  /** Entities no file declares, by id, with the file whose estate holds them. */
  protected readonly shared = new Map<
    string,
    { entity: Entity; collection: EntityCollection; owner: string }
  >();
  /** Entities each file declares. */
  protected readonly declared = new Map<string, { entity: Entity; collection: EntityCollection }[]>();
  /** Notes said once per file and topic, with a count of the further places they apply to. */
  protected readonly notes = new Map<string, { diagnostic: Diagnostic; more: number }>();
  /** What each file gave for each entity, for the merge. */
  protected readonly metas = new Map<object, EntityMeta>();
  /** References left for the resolution after the merge, by file. */
  protected readonly unresolved = new Map<string, UnresolvedReference[]>();
  /** Notes about the placeholder workspace, by file. */
  protected readonly placeholderNotes = new Map<string, PlaceholderWorkspaceNote[]>();
  protected currentFile = '';

  constructor(protected readonly files: readonly FileDrafts[]) {
    this.good = files.filter((file) => !file.failed);
  }

  /**
   * An `info` note said once per file and topic (a compute that fifty steps name): the first place gets it,
   * and its message counts the others, so that a large pipeline does not bury the useful notes.
   */
  protected noteOnce(ctx: AzmlContext, topic: string, path: Path, message: string): Diagnostic | undefined {
    const key = `${ctx.file}\u0000${topic}`;
    const seen = this.notes.get(key);
    if (seen) {
      seen.more++;
      return seen.diagnostic;
    }
    ctx.info(path, message);
    const diagnostic = ctx.diagnostics[ctx.diagnostics.length - 1];
    if (diagnostic) this.notes.set(key, { diagnostic, more: 0 });
    return diagnostic;
  }

  /** Hands the references an entity left unresolved to the resolution after the merge. */
  protected leaveUnresolved(entity: Entity, pending: readonly PendingReference[]): void {
    if (pending.length === 0 || entity.source === undefined) return;
    const holder = { kind: entity.kind, name: entity.name, source: entity.source };
    for (const reference of pending) push(this.unresolved, this.currentFile, { ...reference, holder });
  }

  /** Adds an entity the current file declares; `draft` tells which of its fields the file gave. */
  protected declare(
    collection: EntityCollection,
    entity: Entity,
    draft?: { keys: ReadonlySet<string>; ctx: AzmlContext },
  ): void {
    this.declared.get(this.currentFile)?.push({ entity, collection });
    const given = new Set<string>();
    const fieldSources = new Map<string, SourceRef>();
    const fields = entity as unknown as Record<string, unknown>;
    const table = { ...(GIVEN_BY[entity.kind] ?? {}), ...ALWAYS_GIVEN };
    if (draft) {
      for (const [field, keys] of Object.entries(table)) {
        const key = keys.find((k) => draft.keys.has(k));
        if (key === undefined || fields[field] === undefined) continue;
        given.add(field);
        fieldSources.set(field, draft.ctx.source([key]));
      }
    } else if (entity.kind === 'systemAssignedIdentity' && entity.principalId !== undefined)
      given.add('principalId');
    this.metas.set(entity, { stub: false, given, fieldSources });
  }

  /** ARM ids are compared as Azure compares them; principal ids exactly. */
  protected sharedKey(id: string): string {
    return id.startsWith('/') ? scopeKey(id) : id;
  }

  /** Adds an entity no file declares, once for the whole import; returns the id it has (first spelling wins). */
  protected share<T extends Entity>(collection: EntityCollection, entity: T): EntityId {
    const key = this.sharedKey(entity.id);
    const existing = this.shared.get(key);
    if (existing) return existing.entity.id;
    this.shared.set(key, { entity, collection, owner: this.currentFile });
    const fields = entity as unknown as Record<string, unknown>;
    const given = new Set(
      ['clientId', 'principalId', 'objectId', 'appId'].filter((field) => fields[field] !== undefined),
    );
    this.metas.set(entity, { stub: true, given, fieldSources: new Map() });
    return entity.id;
  }

  protected sharedId(id: string): EntityId | undefined {
    return this.shared.get(this.sharedKey(id))?.entity.id;
  }

  /** The subscription and resource group entities of a scope; returns the group's id. */
  protected scope(subscriptionId: string, resourceGroup: string, source: SourceRef): EntityId {
    const subArm = subscriptionArmId(subscriptionId);
    const subscription: Subscription = {
      id: entityId(subArm),
      kind: 'subscription',
      name: subscriptionId,
      armId: subArm,
      subscriptionId,
      source,
    };
    this.share('subscriptions', subscription);
    const rgArm = resourceGroupArmId(subArm, resourceGroup);
    const group: ResourceGroup = {
      id: entityId(rgArm),
      kind: 'resourceGroup',
      name: resourceGroup,
      armId: rgArm,
      subscription: subscription.id,
      source,
    };
    return this.share('resourceGroups', group);
  }

  /**
   * A stub's description. It names neither the file nor the field that referred to it first: a stub is shared by
   * every file that refers to it, and which of them is read first follows the order the files were given in.
   */
  protected stubDescription(): string {
    return `Known only because the az ml files of this import refer to it; its settings are Azure's defaults, not read from Azure.`;
  }

  /** A workspace: the one a file of the import declares, else a stub (or the placeholder) shared by the files. */
  protected workspaceEntity(ref: ArmRef, ctx: AzmlContext, path: Path, hub = false): EntityId {
    const declared = this.workspaces.get(scopeKey(ref.armId))?.[0];
    if (declared) return entityId(declared.ref.armId);
    const id = entityId(ref.armId);
    const known = this.sharedId(id);
    if (known !== undefined) return known;
    const source = ctx.source(path);
    const placeholder = ref.name === PLACEHOLDER_WORKSPACE;
    const workspace: Workspace = {
      id,
      kind: 'workspace',
      name: ref.name,
      armId: ref.armId,
      resourceGroup: this.scope(ref.subscriptionId, ref.resourceGroup, source),
      ...AZURE_DEFAULTS.workspace(),
      workspaceKind: hub ? 'hub' : 'default',
      description: placeholder
        ? 'Stands in for the workspace the az ml files are created in: no input says which one. Import the workspace (or pass it as the default workspace) to replace it.'
        : this.stubDescription(),
      source,
    };
    this.share('workspaces', workspace);
    this.systemIdentity(workspace, systemIdentityName('workspace', workspace.name), undefined, true);
    return id;
  }

  /** A storage account, key vault, registry or Application Insights component known from an ARM id. */
  protected resourceEntity(
    kind: Exclude<TopLevelResourceKind, 'workspace' | 'aksCluster' | 'userAssignedIdentity'>,
    ref: ArmRef,
    ctx: AzmlContext,
    path: Path,
  ): EntityId {
    const id = entityId(ref.armId);
    const known = this.sharedId(id);
    if (known !== undefined) return known;
    const source = ctx.source(path);
    const base = {
      id,
      name: ref.name,
      armId: ref.armId,
      resourceGroup: this.scope(ref.subscriptionId, ref.resourceGroup, source),
      description: this.stubDescription(),
      source,
    };
    // The defaults are the native format's, so a stub reads the same as a declaration that leaves them out.
    switch (kind) {
      case 'storageAccount': {
        const entity: StorageAccount = { ...base, kind, ...AZURE_DEFAULTS.storageAccount() };
        return this.share('storageAccounts', entity);
      }
      case 'keyVault': {
        const entity: KeyVault = { ...base, kind, ...AZURE_DEFAULTS.keyVault() };
        return this.share('keyVaults', entity);
      }
      case 'containerRegistry': {
        const entity: ContainerRegistry = { ...base, kind, ...AZURE_DEFAULTS.containerRegistry(ref.name) };
        return this.share('containerRegistries', entity);
      }
      case 'applicationInsights': {
        const entity: ApplicationInsights = { ...base, kind };
        return this.share('applicationInsights', entity);
      }
    }
  }

  protected resourceRef(
    kind: 'storageAccount' | 'keyVault' | 'containerRegistry' | 'applicationInsights',
    ref: ResourceRef,
    owner: ArmRef,
    ctx: AzmlContext,
  ): EntityId {
    const arm =
      ref.by === 'armId'
        ? ref.ref
        : canonicalResourceId(kind, owner.subscriptionId, owner.resourceGroup, ref.name);
    return this.resourceEntity(kind, arm, ctx, ref.path);
  }

  /** A user-assigned identity, known by ARM id, by a bare name in the owner's group, or by client or principal id. */
  protected uai(mention: UaiMention, owner: ArmRef, ctx: AzmlContext, sink?: PendingSink): EntityId | undefined {
    let ref: ArmRef | undefined;
    switch (mention.ref.by) {
      case 'armId':
        ref = mention.ref.ref;
        break;
      case 'name':
        ref = canonicalResourceId(
          'userAssignedIdentity',
          owner.subscriptionId,
          owner.resourceGroup,
          mention.ref.name,
        );
        break;
      case 'clientId':
      case 'principalId': {
        const value = mention.ref.value;
        ref =
          mention.ref.by === 'clientId' ? this.uaiByClientId.get(value) : this.uaiByPrincipalId.get(value);
        if (!ref) {
          const note = this.noteOnce(
            ctx,
            `uai:${value}`,
            mention.path,
            `no user-assigned identity with ${mention.ref.by === 'clientId' ? 'client' : 'principal'} id ${quote(value)} is named by an ARM id in this import, so which identity this is stays unknown`,
          );
          sink?.list.push({
            field: sink.field,
            target: { kind: 'userAssignedIdentity', by: mention.ref.by, value },
            ...(note ? { note } : {}),
          });
          return undefined;
        }
        break;
      }
    }
    const id = entityId(ref.armId);
    const known = this.sharedId(id);
    if (known !== undefined) return known;
    const source = ctx.source(mention.path);
    const details = this.uaiDetails.get(scopeKey(ref.armId));
    const identity: UserAssignedIdentity = {
      id,
      kind: 'userAssignedIdentity',
      name: ref.name,
      armId: ref.armId,
      resourceGroup: this.scope(ref.subscriptionId, ref.resourceGroup, source),
      // Not the file that names it: the stub is shared by every file that does, and which is read first follows file order.
      description: 'Named by the az ml files of this import; user-assigned identities are not declared by az ml files.',
      source,
    };
    const clientId = details?.clientId ?? mention.clientId;
    if (clientId !== undefined) identity.clientId = clientId;
    const principalId = details?.principalId ?? mention.principalId;
    if (principalId !== undefined) identity.principalId = principalId;
    return this.share('userAssignedIdentities', identity);
  }

  protected identitySetting(
    draft: IdentityDraft,
    owner: ArmRef,
    ctx: AzmlContext,
    pending?: PendingReference[],
  ): ManagedIdentitySetting {
    const userAssigned: EntityId[] = [];
    const sink = pending ? { list: pending, field: ['identity', 'userAssigned'] } : undefined;
    for (const mention of draft.userAssigned) {
      const id = this.uai(mention, owner, ctx, sink);
      if (id !== undefined && !userAssigned.includes(id)) userAssigned.push(id);
    }
    return { system: draft.system, userAssigned };
  }

  protected systemIdentity(
    owner: Workspace | Compute | OnlineEndpoint,
    name: string,
    principalId: string | undefined,
    shared: boolean,
  ): void {
    if (!owner.identity.system) return;
    const sai: SystemAssignedIdentity = {
      id: systemIdentityId(owner.id),
      kind: 'systemAssignedIdentity',
      name,
      owner: owner.id,
      ...(owner.source ? { source: owner.source } : {}),
    };
    if (principalId !== undefined) sai.principalId = principalId;
    if (shared) this.share('systemAssignedIdentities', sai);
    else this.declare('systemAssignedIdentities', sai);
  }

  // -----------------------------------------------------------------------------------------------
  // Building, kind by kind

  protected common(entity: Entity, draft: { description?: string; tags?: Record<string, string> }): void {
    if (draft.description !== undefined) entity.description = draft.description;
    if (draft.tags !== undefined) entity.tags = draft.tags;
  }

  protected user(objectId: string, source: SourceRef): EntityId {
    const user: User = {
      id: principalEntityId('user', objectId, objectId),
      kind: 'user',
      name: objectId,
      objectId,
      description:
        'The user a compute instance is created for (create_on_behalf_of); known by object id only.',
      source,
    };
    return this.share('users', user);
  }

  /** An endpoint no file declares, for deployments that name it (or the placeholder): Azure's defaults. */
  protected endpointStub(
    workspace: ArmRef,
    name: string,
    kind: 'managed' | 'kubernetes',
    ctx: AzmlContext,
    path: Path,
  ): EntityId {
    const armId = childArmId(workspace.armId, 'onlineEndpoint', name);
    const id = entityId(armId);
    const known = this.sharedId(id);
    if (known !== undefined) return known;
    const source = ctx.source(path);
    const endpoint: OnlineEndpoint = {
      id,
      kind: 'onlineEndpoint',
      name,
      armId,
      workspace: this.workspaceEntity(workspace, ctx, path),
      ...AZURE_DEFAULTS.onlineEndpoint(),
      endpointKind: kind,
      description:
        name === PLACEHOLDER_ENDPOINT
          ? 'Stands in for the endpoint of deployments that do not say theirs. Import the endpoint file to replace it.'
          : this.stubDescription(),
      source,
    };
    this.share('onlineEndpoints', endpoint);
    this.systemIdentity(
      endpoint,
      systemIdentityName('onlineEndpoint', name, workspace.name),
      undefined,
      true,
    );
    return id;
  }

  protected results(): AzureMlReadResult[] {
    for (const { diagnostic, more } of this.notes.values())
      if (more > 0) diagnostic.message += ` (and ${more} more place${more === 1 ? '' : 's'} in this file)`;
    const estates = new Map<string, { estate: Estate; meta: Map<object, EntityMeta> }>();
    for (const file of this.good) {
      // `az ml ... show -o yaml` output names each document by its full `id`, which files for `az ml ... create`
      // leave out: such a file is an export of what exists, as the same output in JSON is.
      const shown = file.drafts.length > 0 && file.drafts.every((d) => d.keys.has('id'));
      const estate = emptyEstate(
        `az ml: ${file.file.replace(/\\/g, '/').split('/').pop() ?? file.file}`,
        shown ? 'observed' : 'planned',
      );
      const meta = new Map<object, EntityMeta>();
      for (const { entity, collection } of this.declared.get(file.file) ?? []) {
        (estate[collection] as Entity[]).push(entity);
        const found = this.metas.get(entity);
        if (found) meta.set(entity, found);
      }
      const tenant = file.drafts.find(
        (d): d is WorkspaceDraft => d.kind === 'workspace' && d.tenantId !== undefined,
      )?.tenantId;
      if (tenant !== undefined) estate.tenantId = tenant;
      estates.set(file.file, { estate, meta });
    }
    for (const { entity, collection, owner } of this.shared.values()) {
      const target = estates.get(owner);
      if (!target) continue;
      (target.estate[collection] as Entity[]).push(entity);
      const found = this.metas.get(entity);
      if (found) target.meta.set(entity, found);
    }
    const internal = this.check(estates);
    return this.files.map((file) => {
      const diagnostics = [...fileDiagnostics(file), ...(internal.get(file.file) ?? [])];
      diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
      const built = estates.get(file.file);
      const ok = !file.failed && built !== undefined && !diagnostics.some((d) => d.severity === 'error');
      return {
        estate: ok ? built.estate : undefined,
        diagnostics,
        skipped: file.skipped,
        provenance: { meta: ok ? built.meta : new Map(), roleNames: new Map() },
        unresolved: ok ? (this.unresolved.get(file.file) ?? []) : [],
        placeholderNotes: ok ? (this.placeholderNotes.get(file.file) ?? []) : [],
      };
    });
  }

  /**
   * Checks the files' estates together, the way a merge would see them: a structurally broken result is a bug
   * here, reported rather than passed on. Two files declaring one entity differently is for the merge to
   * reconcile, so only the first declaration of an id is checked, with the system-assigned identity of that
   * same declaration.
   */
  protected check(estates: ReadonlyMap<string, { estate: Estate }>): Map<string, Diagnostic[]> {
    const union = emptyEstate();
    const originOf = new Map<string, string>();
    for (const [file, { estate }] of estates)
      for (const collection of ENTITY_COLLECTIONS)
        for (const item of estate[collection] as Entity[]) {
          const key = this.sharedKey(item.id);
          if (originOf.has(key)) continue;
          if (item.kind === 'systemAssignedIdentity') {
            const ownerFile = originOf.get(this.sharedKey(item.owner));
            if (ownerFile !== undefined && ownerFile !== file) continue;
          }
          originOf.set(key, file);
          (union[collection] as Entity[]).push(item);
        }
    const out = new Map<string, Diagnostic[]>();
    for (const problem of validateEstate(union)) {
      if (problem.severity !== 'error') continue;
      const file = problem.file ?? this.good[0]?.file ?? '';
      push(out, file, { ...problem, file, message: `internal check: ${problem.message}` });
    }
    return out;
  }
}
