import { entityId, scopeKey, type EntityId } from '../../model/ids';
import type {
  Compute,
  Connection,
  Datastore,
  Job,
  JobDataBinding,
  JobIdentity,
  JobStep,
  OnlineDeployment,
  OnlineEndpoint,
  Workspace,
} from '../../model/types';
import type { Path } from '../core/context';
import { childArmId, principalEntityId, stableGuid, systemIdentityName } from '../core/naming';
import { quote } from '../core/source';
import { canonicalResourceId, parseResourceId, type ArmRef } from './arm';
import type { AzmlContext } from './context';
import type { FileDrafts } from './documents';
import { EnvironmentAssets } from '../core/environment-assets';
import { environmentAssetsOf, leaveEnvironment } from './environments';
import { joinNamelessWorkspaces, noteNamelessWorkspace } from './nameless-workspace';
import { dirname, resolvePath, stem } from './file-paths';
import { jobBindings } from './job-bindings';
import type {
  BindingDraft,
  ChildDraft,
  ComponentDraft,
  ComputeDraft,
  ComputeRefDraft,
  ConnectionDraft,
  DatastoreDraft,
  DeploymentDraft,
  EnvironmentRefDraft,
  EndpointDraft,
  JobDraft,
  JobIdentityDraft,
  UaiMention,
  WorkspaceDraft,
} from './drafts';
import {
  childKey,
  ImportEstates,
  push,
  type AzureMlReadResult,
  type PendingReference,
  type PendingSink,
} from './import-estates';
import {
  PLACEHOLDER_ENDPOINT,
  PLACEHOLDER_RESOURCE_GROUP,
  PLACEHOLDER_SUBSCRIPTION,
  PLACEHOLDER_WORKSPACE,
  type AzureMlDefaults,
} from './options';

/**
 * Places the drafts of a whole import: finds each child's workspace, resolves references between files
 * (a job's compute, a deployment's endpoint, a step's component file), and builds every file's share of one
 * estate. Entities that several files need but none declares (subscriptions, resource groups, resources known
 * only by ARM id, the placeholder workspace) are put in exactly one file's estate, the first that needs them, so
 * that concatenating the files' estates gives each entity once. Only notes are added here; every error was
 * found when the documents were read.
 */

export type { AzureMlReadResult } from './import-estates';

/** How a child found its workspace, for the note that explains it. */
type WorkspaceChoice = {
  ref: ArmRef;
  how: 'id' | 'option' | 'file' | 'import' | 'placeholder';
  others?: number;
};

class ImportAssembler extends ImportEstates {
  private readonly parentOf = new Map<ChildDraft, WorkspaceChoice>();
  private readonly computes = new Map<string, ComputeDraft[]>();
  private readonly endpoints = new Map<string, EndpointDraft[]>();
  private readonly endpointsByWorkspace = new Map<string, EndpointDraft[]>();
  private readonly datastores = new Map<string, DatastoreDraft[]>();
  private readonly components = new Map<string, ComponentDraft>();
  private readonly environments = new EnvironmentAssets();
  private readonly storageByName = new Map<string, ArmRef[]>();
  private readonly jobNames = new Map<JobDraft, string>();

  constructor(
    files: readonly FileDrafts[],
    private readonly defaults: AzureMlDefaults,
  ) {
    super(files);
  }

  run(): AzureMlReadResult[] {
    this.indexWorkspaces();
    this.placeChildren();
    this.indexChildren();
    this.nameJobs();
    for (const file of this.good) {
      this.currentFile = file.file;
      this.declared.set(file.file, []);
      for (const draft of file.drafts) this.build(draft);
    }
    // Each file's environment assets go to the resolution after the merge too, which also sees those of other
    // formats (`az ml environment show`) for the references the az ml files alone leave unresolved.
    return this.results().map((result, index) => {
      const own = result.estate !== undefined ? environmentAssetsOf(this.files[index]?.drafts ?? []) : [];
      return own.length > 0 ? { ...result, environments: own } : result;
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Indexes

  private indexWorkspaces(): void {
    const drafts = this.good.flatMap((file) =>
      file.drafts.filter((d): d is WorkspaceDraft => d.kind === 'workspace'),
    );
    joinNamelessWorkspaces(drafts);
    for (const draft of drafts) push(this.workspaces, scopeKey(draft.ref.armId), draft);
  }

  private allWorkspaces(): WorkspaceDraft[] {
    return [...this.workspaces.values()]
      .map((list) => list[0])
      .filter((w): w is WorkspaceDraft => w !== undefined);
  }

  /** The workspace named by the caller's defaults, when there is one. */
  private defaultWorkspace(): ArmRef | undefined {
    const text = this.defaults.workspace?.trim();
    if (text === undefined || text === '') return undefined;
    const parsed = parseResourceId('workspace', text);
    if ('armId' in parsed) return parsed;
    const byName = this.allWorkspaces().filter((w) => w.name.toLowerCase() === text.toLowerCase());
    if (byName.length === 1 && byName[0]) return byName[0].ref;
    return canonicalResourceId(
      'workspace',
      this.defaults.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION,
      this.defaults.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
      text,
    );
  }

  private placeChildren(): void {
    const fromDefaults = this.defaultWorkspace();
    // A workspace file without a name is not a workspace to place others in: it is itself waiting to be placed.
    const all = this.allWorkspaces().filter((w) => w.nameless !== true || w.joined === true);
    const placeholder = canonicalResourceId(
      'workspace',
      this.defaults.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION,
      this.defaults.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
      PLACEHOLDER_WORKSPACE,
    );
    for (const file of this.good) {
      const own = file.drafts.filter((d): d is WorkspaceDraft => d.kind === 'workspace');
      const ownKeys = new Set(own.map((w) => scopeKey(w.ref.armId)));
      let choice: WorkspaceChoice;
      if (fromDefaults) choice = { ref: fromDefaults, how: 'option' };
      else if (ownKeys.size === 1 && own[0]) choice = { ref: own[0].ref, how: 'file' };
      else if (all.length === 1 && all[0]) choice = { ref: all[0].ref, how: 'import' };
      else choice = { ref: placeholder, how: 'placeholder', others: all.length };
      for (const draft of file.drafts) {
        if (draft.kind === 'workspace' || draft.kind === 'component' || draft.kind === 'environment') continue;
        this.parentOf.set(draft, draft.workspaceHint ? { ref: draft.workspaceHint, how: 'id' } : choice);
      }
    }
  }

  private indexChildren(): void {
    for (const file of this.good) {
      for (const draft of file.drafts) {
        if (draft.kind === 'component') {
          this.components.set(resolvePath('', draft.file), draft);
          continue;
        }
        if (draft.kind === 'environment') {
          this.environments.add(draft);
          continue;
        }
        const mentions = this.mentionsOf(draft);
        for (const mention of mentions) this.noteUai(mention);
        if (draft.kind === 'workspace') {
          if (draft.storageAccount?.by === 'armId')
            push(this.storageByName, draft.storageAccount.ref.name.toLowerCase(), draft.storageAccount.ref);
          continue;
        }
        const workspace = this.workspaceOf(draft);
        if (draft.kind === 'compute') push(this.computes, childKey(workspace, draft.name), draft);
        else if (draft.kind === 'datastore') push(this.datastores, childKey(workspace, draft.name), draft);
        else if (draft.kind === 'onlineEndpoint') {
          push(this.endpoints, childKey(workspace, draft.name), draft);
          push(this.endpointsByWorkspace, scopeKey(workspace.armId), draft);
        }
      }
    }
  }

  private mentionsOf(draft: WorkspaceDraft | ChildDraft): UaiMention[] {
    const list: UaiMention[] = [];
    const add = (mention: UaiMention | undefined) => {
      if (mention) list.push(mention);
    };
    switch (draft.kind) {
      case 'workspace':
        list.push(...draft.identity.userAssigned);
        add(draft.primaryUserAssignedIdentity);
        add(draft.customerManagedKey?.userAssignedIdentity);
        break;
      case 'compute':
      case 'onlineEndpoint':
        list.push(...draft.identity.userAssigned);
        break;
      case 'connection':
        add(draft.identity);
        break;
      case 'job':
        add(draft.identity.userAssignedIdentity);
        for (const step of draft.steps) add(step.identity.userAssignedIdentity);
        break;
      default:
        break;
    }
    return list;
  }

  /** Client and principal ids are gathered from every mention, so a stub identity gets all that is known. */
  private noteUai(mention: UaiMention): void {
    if (mention.ref.by !== 'armId') return;
    const ref = mention.ref.ref;
    const key = scopeKey(ref.armId);
    const details = this.uaiDetails.get(key) ?? {};
    if (mention.clientId !== undefined) {
      details.clientId ??= mention.clientId;
      if (!this.uaiByClientId.has(mention.clientId)) this.uaiByClientId.set(mention.clientId, ref);
    }
    if (mention.principalId !== undefined) {
      details.principalId ??= mention.principalId;
      if (!this.uaiByPrincipalId.has(mention.principalId))
        this.uaiByPrincipalId.set(mention.principalId, ref);
    }
    this.uaiDetails.set(key, details);
  }

  private workspaceOf(draft: ChildDraft): ArmRef {
    return (
      this.parentOf.get(draft) ?? {
        ref: canonicalResourceId(
          'workspace',
          PLACEHOLDER_SUBSCRIPTION,
          PLACEHOLDER_RESOURCE_GROUP,
          PLACEHOLDER_WORKSPACE,
        ),
      }
    ).ref;
  }

  /**
   * Jobs without `name` are named after their file (`hello-world`), then after folder and file when two files
   * of the import share a name (`1a_e2e_local_components-pipeline`), then with a hash of the path.
   */
  private nameJobs(): void {
    const jobs = this.good.flatMap((file) => file.drafts.filter((d): d is JobDraft => d.kind === 'job'));
    const counts = new Map<string, number>();
    const count = (draft: JobDraft, name: string) => childKey(this.workspaceOf(draft), name);
    const candidates = (draft: JobDraft): string[] => {
      if (draft.name !== undefined) return [draft.name];
      const suffix = draft.unnamedIndex > 0 || draft.file === '' ? `-${draft.unnamedIndex + 1}` : '';
      const base = `${stem(draft.file)}${suffix}`;
      const folder = dirname(draft.file).split('/').pop() ?? '';
      return [
        base,
        folder !== '' ? `${folder}-${base}` : base,
        `${base}-${stableGuid(draft.file).slice(0, 8)}`,
      ];
    };
    let chosen = new Map(jobs.map((job) => [job, 0]));
    for (let round = 0; round < 3; round++) {
      counts.clear();
      for (const job of jobs) {
        const name = candidates(job)[chosen.get(job) ?? 0] ?? '';
        counts.set(count(job, name), (counts.get(count(job, name)) ?? 0) + 1);
      }
      const next = new Map(chosen);
      for (const job of jobs) {
        const level = chosen.get(job) ?? 0;
        const name = candidates(job)[level] ?? '';
        if ((counts.get(count(job, name)) ?? 0) > 1 && level + 1 < candidates(job).length)
          next.set(job, level + 1);
      }
      chosen = next;
    }
    for (const job of jobs) this.jobNames.set(job, candidates(job)[chosen.get(job) ?? 0] ?? stem(job.file));
  }

  // -----------------------------------------------------------------------------------------------
  // Entities shared between files

  private build(draft: FileDrafts['drafts'][number]): void {
    switch (draft.kind) {
      case 'workspace':
        return this.buildWorkspace(draft);
      case 'compute':
        return this.buildCompute(draft);
      case 'onlineEndpoint':
        return this.buildEndpoint(draft);
      case 'onlineDeployment':
        return this.buildDeployment(draft);
      case 'datastore':
        return this.buildDatastore(draft);
      case 'connection':
        return this.buildConnection(draft);
      case 'job':
        return this.buildJob(draft);
      case 'component':
      case 'environment':
        return;
    }
  }

  private buildWorkspace(draft: WorkspaceDraft): void {
    const { ctx, ref } = draft;
    if (draft.nameless) {
      const note = noteNamelessWorkspace(draft);
      if (note) push(this.placeholderNotes, this.currentFile, note);
    } else if (!draft.scopeKnown)
      ctx.info(
        ['name'],
        `the file does not say the workspace's subscription and resource group, so it is placed in \`${ref.subscriptionId}\` / \`${ref.resourceGroup}\`; pass them as defaults to place it`,
        { target: 'key' },
      );
    const workspace: Workspace = {
      id: entityId(ref.armId),
      kind: 'workspace',
      name: draft.name,
      armId: ref.armId,
      resourceGroup: this.scope(ref.subscriptionId, ref.resourceGroup, draft.source),
      workspaceKind: draft.workspaceKind,
      identity: this.identitySetting(draft.identity, ref, ctx),
      publicNetworkAccess: draft.publicNetworkAccess,
      managedNetwork: { isolationMode: draft.isolationMode },
      systemDatastoresAuthMode: draft.systemDatastoresAuthMode,
      source: draft.source,
    };
    if (draft.location !== undefined) workspace.location = draft.location;
    if (draft.tenantId !== undefined) workspace.tenantId = draft.tenantId;
    if (draft.primaryUserAssignedIdentity) {
      const primary = this.uai(draft.primaryUserAssignedIdentity, ref, ctx);
      if (primary !== undefined) workspace.primaryUserAssignedIdentity = primary;
    }
    if (draft.storageAccount)
      workspace.storageAccount = this.resourceRef('storageAccount', draft.storageAccount, ref, ctx);
    if (draft.keyVault) workspace.keyVault = this.resourceRef('keyVault', draft.keyVault, ref, ctx);
    if (draft.containerRegistry)
      workspace.containerRegistry = this.resourceRef('containerRegistry', draft.containerRegistry, ref, ctx);
    if (draft.applicationInsights)
      workspace.applicationInsights = this.resourceRef(
        'applicationInsights',
        draft.applicationInsights,
        ref,
        ctx,
      );
    if (draft.customerManagedKey) {
      const cmk = draft.customerManagedKey;
      workspace.customerManagedKey = { keyVault: this.resourceRef('keyVault', cmk.keyVault, ref, ctx) };
      if (cmk.keyUri !== undefined) workspace.customerManagedKey.keyUri = cmk.keyUri;
      if (cmk.userAssignedIdentity) {
        const uai = this.uai(cmk.userAssignedIdentity, ref, ctx);
        if (uai !== undefined) workspace.customerManagedKey.userAssignedIdentity = uai;
      }
    }
    if (draft.imageBuildCompute !== undefined) workspace.imageBuildCompute = draft.imageBuildCompute;
    if (draft.allowRoleAssignmentOnRg !== undefined)
      workspace.allowRoleAssignmentOnRg = draft.allowRoleAssignmentOnRg;
    if (draft.enableDataIsolation !== undefined) workspace.enableDataIsolation = draft.enableDataIsolation;
    if (draft.hub) {
      const hubRef =
        draft.hub.by === 'armId'
          ? draft.hub.ref
          : canonicalResourceId('workspace', ref.subscriptionId, ref.resourceGroup, draft.hub.name);
      if (scopeKey(hubRef.armId) !== scopeKey(ref.armId))
        workspace.hub = this.workspaceEntity(hubRef, ctx, draft.hub.path, true);
    }
    this.common(workspace, draft);
    this.declare('workspaces', workspace, draft);
    this.systemIdentity(
      workspace,
      systemIdentityName('workspace', workspace.name),
      draft.identity.principalId,
      false,
    );
  }

  /** A workspace child's workspace (see {@link childWorkspace}) and the head of its entity: id, kind, name, ARM id, workspace. */
  private placeChild<K extends 'compute' | 'onlineEndpoint' | 'datastore' | 'connection' | 'job'>(
    draft: ChildDraft,
    kind: K,
    what: string,
    name: string,
  ): {
    workspace: { id: EntityId; ref: ArmRef };
    head: { id: EntityId; kind: K; name: string; armId: string; workspace: EntityId };
  } {
    const workspace = this.childWorkspace(draft, what);
    const armId = childArmId(workspace.ref.armId, kind, name);
    return { workspace, head: { id: entityId(armId), kind, name, armId, workspace: workspace.id } };
  }

  /** The workspace a child goes to, with a note when the file did not say it. */
  private childWorkspace(draft: ChildDraft, what: string): { id: EntityId; ref: ArmRef } {
    const choice = this.parentOf.get(draft) ?? { ref: this.workspaceOf(draft), how: 'placeholder' as const };
    const { ctx } = draft;
    const at: Path =
      draft.source.line !== undefined && 'name' in draft && draft.name !== undefined ? ['name'] : [];
    if (choice.how === 'import')
      ctx.info(
        at,
        `the file does not say its workspace; the ${what} is attached to \`${choice.ref.name}\`, the only workspace in this import`,
        {
          target: 'key',
        },
      );
    else if (choice.how === 'placeholder') {
      ctx.info(
        at,
        choice.others !== undefined && choice.others > 1
          ? `the file does not say its workspace and this import holds ${choice.others} workspaces, so the ${what} is attached to the placeholder workspace \`${PLACEHOLDER_WORKSPACE}\``
          : `the file does not say its workspace and no workspace is in this import, so the ${what} is attached to the placeholder workspace \`${PLACEHOLDER_WORKSPACE}\``,
        { target: 'key' },
      );
      const note = ctx.diagnostics[ctx.diagnostics.length - 1];
      // Restated after the merge, when other formats may show which workspace this is.
      if (note && choice.ref.name === PLACEHOLDER_WORKSPACE)
        push(this.placeholderNotes, this.currentFile, { note, what, placeholder: PLACEHOLDER_WORKSPACE });
    }
    return { id: this.workspaceEntity(choice.ref, ctx, at), ref: choice.ref };
  }

  private buildCompute(draft: ComputeDraft): void {
    const { ctx } = draft;
    const { workspace, head } = this.placeChild(draft, 'compute', 'compute', draft.name);
    const pending: PendingReference[] = [];
    const compute: Compute = {
      ...head,
      computeType: draft.computeType,
      identity: this.identitySetting(draft.identity, workspace.ref, ctx, pending),
      source: draft.source,
    };
    if (draft.idleTimeBeforeShutdown !== undefined)
      compute.idleTimeBeforeShutdown = draft.idleTimeBeforeShutdown;
    if (draft.assignedUserObjectId !== undefined)
      compute.assignedUser = this.user(draft.assignedUserObjectId, draft.source);
    if (draft.size !== undefined) compute.size = draft.size;
    if (draft.subnet !== undefined) compute.subnet = draft.subnet;
    if (draft.disableLocalAuth !== undefined) compute.disableLocalAuth = draft.disableLocalAuth;
    this.common(compute, draft);
    this.declare('computes', compute, draft);
    this.leaveUnresolved(compute, pending);
    this.systemIdentity(
      compute,
      systemIdentityName('compute', draft.name, workspace.ref.name),
      draft.identity.principalId,
      false,
    );
  }

  /** A compute named by a job or endpoint: declared in this import, or left unresolved with a note. */
  private computeRef(
    ref: ComputeRefDraft,
    workspace: ArmRef,
    ctx: AzmlContext,
    what: string,
    sink: { list: PendingReference[]; field: readonly (string | number)[] },
  ): EntityId | 'serverless' | undefined {
    if (ref.by === 'serverless') return 'serverless';
    if (ref.by === 'local') {
      // The reference says what it is: no Azure ML compute, so no compute (of any kind) to link or stand in for.
      this.noteOnce(
        ctx,
        'compute:local',
        ref.path,
        `\`compute: local\` runs ${what} on the machine that submits it, not on Azure ML compute: no compute identity applies, and the identity it reaches data with there is not modelled`,
      );
      return undefined;
    }
    const key =
      ref.by === 'name' ? childKey(workspace, ref.name) : childKey(ref.child.workspace, ref.child.name);
    const found = this.computes.get(key)?.[0];
    if (found) return entityId(childArmId(this.workspaceOf(found).armId, 'compute', found.name));
    const name = ref.by === 'name' ? ref.name : ref.child.name;
    const note = this.noteOnce(
      ctx,
      `compute:${name.toLowerCase()}`,
      ref.path,
      `compute ${quote(name)} is not declared in this import, so ${what} is not linked to it; import its file to resolve the identity it runs with`,
    );
    // Another format of the import (az ml compute show, Resource Graph) may declare it, in this workspace or (by
    // ARM id) another: settled after the merge.
    const armId = ref.by === 'armId' ? { armId: ref.child.armId } : {};
    sink.list.push({ field: sink.field, target: { kind: 'compute', name, ...armId }, ...(note ? { note } : {}) });
    return undefined;
  }

  private buildEndpoint(draft: EndpointDraft): void {
    const { ctx } = draft;
    const { workspace, head } = this.placeChild(draft, 'onlineEndpoint', 'endpoint', draft.name);
    const pending: PendingReference[] = [];
    const endpoint: OnlineEndpoint = {
      ...head,
      endpointKind: draft.endpointKind,
      authMode: draft.authMode,
      identity: this.identitySetting(draft.identity, workspace.ref, ctx, pending),
      enforceAccessToDefaultSecretStores: draft.enforceAccessToDefaultSecretStores,
      publicNetworkAccess: draft.publicNetworkAccess,
      source: draft.source,
    };
    if (draft.compute) {
      const compute = this.computeRef(draft.compute, workspace.ref, ctx, 'the endpoint', {
        list: pending,
        field: ['compute'],
      });
      if (compute !== undefined && compute !== 'serverless') endpoint.compute = compute;
    }
    this.common(endpoint, draft);
    this.declare('onlineEndpoints', endpoint, draft);
    this.leaveUnresolved(endpoint, pending);
    this.systemIdentity(
      endpoint,
      systemIdentityName('onlineEndpoint', draft.name, workspace.ref.name),
      draft.identity.principalId,
      false,
    );
  }

  private deploymentEndpoint(draft: DeploymentDraft): { id: EntityId; armId: string } {
    const { ctx } = draft;
    const kind = draft.endpointKind ?? 'managed';
    const declaredId = (found: EndpointDraft) => {
      const armId = childArmId(this.workspaceOf(found).armId, 'onlineEndpoint', found.name);
      return { id: entityId(armId), armId };
    };
    const stub = (workspace: ArmRef, name: string, path: Path) => {
      const id = this.endpointStub(workspace, name, kind, ctx, path);
      return { id, armId: id as string };
    };
    if (draft.endpoint && 'child' in draft.endpoint) {
      const child = draft.endpoint.child;
      const found = this.endpoints.get(childKey(child.workspace, child.endpoint ?? ''))?.[0];
      if (found) return declaredId(found);
      this.workspaceEntity(child.workspace, ctx, draft.endpoint.path);
      return stub(child.workspace, child.endpoint ?? PLACEHOLDER_ENDPOINT, draft.endpoint.path);
    }
    const workspace = this.childWorkspace(draft, 'deployment').ref;
    if (draft.endpoint) {
      const found = this.endpoints.get(childKey(workspace, draft.endpoint.name))?.[0];
      if (found) return declaredId(found);
      ctx.info(
        draft.endpoint.path,
        `endpoint ${quote(draft.endpoint.name)} is not declared in this import; it is recorded with Azure's defaults (key auth, system-assigned identity) until its file is imported`,
      );
      return stub(workspace, draft.endpoint.name, draft.endpoint.path);
    }
    const inWorkspace = this.endpointsByWorkspace.get(scopeKey(workspace.armId)) ?? [];
    const sameFile = inWorkspace.filter((e) => e.file === draft.file);
    const only = sameFile.length === 1 ? sameFile[0] : inWorkspace.length === 1 ? inWorkspace[0] : undefined;
    const at: Path = ['name'];
    if (only) {
      ctx.info(
        at,
        `the file says no \`endpoint_name\`; the deployment is attached to \`${only.name}\`, the only endpoint ${sameFile.length === 1 ? 'in the same file' : 'in this import'}`,
        {
          target: 'key',
        },
      );
      return declaredId(only);
    }
    ctx.info(
      at,
      inWorkspace.length > 1
        ? `the file says no \`endpoint_name\` (az ml takes it from \`--endpoint-name\`) and this import holds ${inWorkspace.length} endpoints, so the deployment is attached to the placeholder endpoint \`${PLACEHOLDER_ENDPOINT}\``
        : `the file says no \`endpoint_name\` (az ml takes it from \`--endpoint-name\`) and no endpoint is in this import, so the deployment is attached to the placeholder endpoint \`${PLACEHOLDER_ENDPOINT}\``,
      { target: 'key' },
    );
    return stub(workspace, PLACEHOLDER_ENDPOINT, at);
  }

  private buildDeployment(draft: DeploymentDraft): void {
    const endpoint = this.deploymentEndpoint(draft);
    const armId = childArmId(endpoint.armId, 'onlineDeployment', draft.name);
    const deployment: OnlineDeployment = {
      id: entityId(armId),
      kind: 'onlineDeployment',
      name: draft.name,
      armId,
      endpoint: endpoint.id,
      environmentVariables: draft.environmentVariables,
      source: draft.source,
    };
    const pending: PendingReference[] = [];
    const image =
      draft.image ??
      this.assetEnvironment(draft.environmentRef, draft.ctx, { list: pending, field: ['image'] }, true)?.image;
    if (image !== undefined) deployment.image = image;
    if (draft.model !== undefined) deployment.model = draft.model;
    this.common(deployment, draft);
    this.declare('onlineDeployments', deployment, draft);
    this.leaveUnresolved(deployment, pending);
  }

  private buildDatastore(draft: DatastoreDraft): void {
    const { ctx } = draft;
    const { head } = this.placeChild(draft, 'datastore', 'datastore', draft.name);
    const datastore: Datastore = {
      ...head,
      datastoreType: draft.datastoreType,
      credentialKind: draft.credentialKind,
      serviceDataAccessAuthIdentity: draft.serviceDataAccessAuthIdentity,
      source: draft.source,
    };
    if (draft.accountName !== undefined) {
      datastore.accountName = draft.accountName;
      // A datastore names its account without a group; it is linked when the import knows exactly one such account.
      const accounts = draft.isStorageAccount
        ? (this.storageByName.get(draft.accountName.toLowerCase()) ?? [])
        : [];
      const unique = [...new Map(accounts.map((a) => [scopeKey(a.armId), a])).values()];
      if (unique.length === 1 && unique[0])
        datastore.storageAccount = this.resourceEntity('storageAccount', unique[0], ctx, ['account_name']);
    }
    if (draft.containerName !== undefined) datastore.containerName = draft.containerName;
    if (draft.credentialClientId !== undefined) {
      // Known by its app id only, like the az CLI reader's: the merge joins it to the principal another export names.
      const appId = draft.credentialClientId.toLowerCase();
      datastore.credentialPrincipal = this.share('servicePrincipals', {
        id: principalEntityId('servicePrincipal', draft.credentialClientId),
        kind: 'servicePrincipal',
        name: draft.credentialClientId,
        appId,
        source: draft.source,
      });
    }
    if (draft.isDefault !== undefined) datastore.isDefault = draft.isDefault;
    this.common(datastore, draft);
    this.declare('datastores', datastore, draft);
  }

  private buildConnection(draft: ConnectionDraft): void {
    const { ctx } = draft;
    const { workspace, head } = this.placeChild(draft, 'connection', 'connection', draft.name);
    const connection: Connection = {
      ...head,
      connectionType: draft.connectionType,
      credentialKind: draft.credentialKind,
      source: draft.source,
    };
    if (draft.target !== undefined) connection.target = draft.target;
    const pending: PendingReference[] = [];
    if (draft.identity) {
      const identity = this.uai(draft.identity, workspace.ref, ctx, { list: pending, field: ['identity'] });
      if (identity !== undefined) connection.identity = identity;
    }
    this.common(connection, draft);
    this.declare('connections', connection, draft);
    this.leaveUnresolved(connection, pending);
  }

  private jobIdentity(
    draft: JobIdentityDraft,
    workspace: ArmRef,
    ctx: AzmlContext,
    pending: PendingReference[],
    field: readonly (string | number)[],
  ): JobIdentity {
    const identity: JobIdentity = { type: draft.type };
    if (draft.userAssignedIdentity) {
      const uai = this.uai(draft.userAssignedIdentity, workspace, ctx, {
        list: pending,
        field: [...field, 'userAssignedIdentity'],
      });
      if (uai !== undefined) identity.userAssignedIdentity = uai;
    }
    return identity;
  }

  /** A job's or step's data bindings ({@link jobBindings}), linked to the datastores az ml files declare. */
  private bindings(list: readonly BindingDraft[], workspace: ArmRef, ctx: AzmlContext, sink: PendingSink): JobDataBinding[] {
    return jobBindings(list, sink, {
      declaredDatastore: (name) => {
        const found = this.datastores.get(childKey(workspace, name))?.[0];
        return found ? entityId(childArmId(this.workspaceOf(found).armId, 'datastore', found.name)) : undefined;
      },
      noteOnce: (topic, path, message) => this.noteOnce(ctx, topic, path, message),
    });
  }

  private buildJob(draft: JobDraft): void {
    const { ctx } = draft;
    const name = this.jobNames.get(draft) ?? stem(draft.file);
    if (draft.name === undefined)
      ctx.info(
        [],
        `the job has no \`name\` (az ml makes one up when it is submitted), so it is called \`${name}\` after its file`,
      );
    const { workspace, head } = this.placeChild(draft, 'job', 'job', name);
    const pending: PendingReference[] = [];
    const job: Job = {
      ...head,
      jobType: draft.jobType,
      identity: this.jobIdentity(draft.identity, workspace.ref, ctx, pending, ['identity']),
      inputs: this.bindings(draft.inputs, workspace.ref, ctx, { list: pending, field: ['inputs'] }),
      outputs: this.bindings(draft.outputs, workspace.ref, ctx, { list: pending, field: ['outputs'] }),
      steps: [],
      source: draft.source,
    };
    if (draft.compute) {
      const compute = this.computeRef(draft.compute, workspace.ref, ctx, 'the job', {
        list: pending,
        field: ['compute'],
      });
      if (compute !== undefined) job.compute = compute;
    }
    const jobEnvironment =
      draft.environment ?? this.assetEnvironment(draft.environmentRef, ctx, { list: pending, field: ['environment'] });
    if (jobEnvironment) job.environment = jobEnvironment;
    for (const [index, stepDraft] of draft.steps.entries()) {
      const at = ['steps', index];
      const step: JobStep = {
        name: stepDraft.name,
        identity: this.jobIdentity(stepDraft.identity, workspace.ref, ctx, pending, [...at, 'identity']),
        inputs: this.bindings(stepDraft.inputs, workspace.ref, ctx, { list: pending, field: [...at, 'inputs'] }),
        outputs: this.bindings(stepDraft.outputs, workspace.ref, ctx, { list: pending, field: [...at, 'outputs'] }),
      };
      if (stepDraft.compute) {
        const compute = this.computeRef(stepDraft.compute, workspace.ref, ctx, `step \`${stepDraft.name}\``, {
          list: pending,
          field: [...at, 'compute'],
        });
        if (compute !== undefined) step.compute = compute;
      }
      if (stepDraft.component !== undefined) step.component = stepDraft.component;
      const environmentSink = { list: pending, field: [...at, 'environment'] };
      let environment = stepDraft.environment ?? this.assetEnvironment(stepDraft.environmentRef, ctx, environmentSink);
      let componentIdentity = stepDraft.componentIdentity;
      let componentType = stepDraft.componentType;
      if (stepDraft.componentFile !== undefined) {
        const component = this.components.get(resolvePath(dirname(draft.file), stepDraft.componentFile));
        if (component) {
          if (!stepDraft.environmentRef)
            environment ??= component.environment ?? this.assetEnvironment(component.environmentRef, ctx, environmentSink);
          componentIdentity ??= component.identity;
          componentType ??= component.componentType;
        } else
          this.noteOnce(
            ctx,
            `component:${stepDraft.componentFile}`,
            [...stepDraft.path, 'component'],
            `component file ${quote(stepDraft.componentFile)} is not part of this import, so the step's environment is not known`,
          );
      }
      if (componentType !== undefined) step.componentType = componentType;
      if (environment) step.environment = environment;
      if (componentIdentity)
        step.componentIdentity = this.jobIdentity(componentIdentity, workspace.ref, ctx, pending, [
          ...at,
          'componentIdentity',
        ]);
      job.steps.push(step);
    }
    this.common(job, draft);
    this.declare('jobs', job, draft);
    this.leaveUnresolved(job, pending);
  }

  /**
   * The environment asset a reference names (as a deployment pulls it, for one), or undefined with a note why and
   * the reference left in `sink` for the resolution after the merge, which sees every format's assets.
   */
  private assetEnvironment(ref: EnvironmentRefDraft | undefined, ctx: AzmlContext, sink: PendingSink, deployment = false) {
    if (!ref) return undefined;
    const resolved = deployment ? this.environments.resolvePulled(ref) : this.environments.resolve(ref);
    if ('environment' in resolved) return resolved.environment;
    leaveEnvironment(ref, sink, deployment, this.noteOnce(ctx, `environment:${ref.text}`, ref.path, resolved.unknown));
    return undefined;
  }
}

/**
 * Places the drafts of an import's files and returns each file's result, in input order. Files with errors get
 * no estate, and nothing they say is used to place the others.
 */
export function assembleImport(
  files: readonly FileDrafts[],
  defaults: AzureMlDefaults = {},
): AzureMlReadResult[] {
  return new ImportAssembler(files, defaults).run();
}
