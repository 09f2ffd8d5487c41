import { isGuid } from '../../model/ids';
import type { Diagnostic, DatastoreType, JobEnvironment, SourceRef } from '../../model/types';
import {
  CONTAINER_FIELDS,
  DATASTORE_TYPE_ALIASES,
  DATASTORE_TYPES,
  readBindings,
  readCredentialKind,
  readDeploymentImageAndModel,
  readDeploymentVariables,
  readEnvironment,
  readIdentityType,
  readJobIdentityType,
  readSecretStoreEnforcement,
  readTopLevelSecrets,
  SERVICE_DATA_ACCESS_IDENTITIES,
  stripAzureMl,
} from '../azml-vocabulary';
import { describeFound, type Path, type Rec } from '../native/context';
import { RESOURCE_TYPES, type TopLevelResourceKind } from '../native/naming';
import { KIND_LABELS } from '../native/resolver';
import { looksLikeSecret, redactEnvironmentVariables } from '../secrets';
import { quote, type ParsedDocument } from '../source';
import {
  canonicalResourceId,
  looksLikeArmId,
  parseChildId,
  parseResourceId,
  placeholderIn,
  type ArmRef,
  type ChildRef,
} from './arm';
import { AzmlContext } from './context';
import type {
  BindingDraft,
  ComponentDraft,
  ComputeDraft,
  ComputeRefDraft,
  ConnectionDraft,
  DatastoreDraft,
  DeploymentDraft,
  Draft,
  EndpointDraft,
  IdentityDraft,
  JobDraft,
  JobIdentityDraft,
  ResourceRef,
  StepDraft,
  UaiMention,
  WorkspaceDraft,
} from './drafts';
import { classifyDocument, schemaName, type ModelledKind } from './kinds';
import { PLACEHOLDER_RESOURCE_GROUP, PLACEHOLDER_SUBSCRIPTION, type AzureMlDefaults } from './options';
import { parseAzmlText } from './parse';

/** A document the reader recognised and left out, with the reason. */
export interface SkippedDocument {
  file: string;
  kind: string;
  note: string;
}

/** Everything one file says, read on its own. */
export interface FileDrafts {
  file: string;
  drafts: Draft[];
  skipped: SkippedDocument[];
  /** Problems found while parsing; each document's own problems are in its context. */
  parseDiagnostics: Diagnostic[];
  /** One context per document, in order. Placing the drafts later adds its notes to these. */
  contexts: AzmlContext[];
  /** True when the file has an error: none of its drafts may then be used. */
  failed: boolean;
}

const SKIP_COMPONENT =
  'a component; not an entity itself, but a pipeline step of the same import that refers to its file takes its environment from it';

/** Every diagnostic of a file so far: parsing first, then each document's in document order. */
export function fileDiagnostics(file: FileDrafts): Diagnostic[] {
  return [...file.parseDiagnostics, ...file.contexts.flatMap((ctx) => ctx.diagnostics)];
}

/** Reads the documents of one file into drafts. Never throws for any input. */
export function readFileDrafts(text: string, file: string, defaults: AzureMlDefaults = {}): FileDrafts {
  const parsed = parseAzmlText(text, file);
  const result: FileDrafts = {
    file,
    drafts: [],
    skipped: [],
    parseDiagnostics: parsed.diagnostics,
    contexts: [],
    failed: false,
  };
  let unnamedJobs = 0;
  const multi = parsed.docs.length > 1;
  for (const doc of parsed.docs) {
    if (doc.value === null || doc.value === undefined) continue;
    const ctx = new AzmlContext(file, doc, parsed.placeholderLines);
    result.contexts.push(ctx);
    const kind = classifyDocument(doc.value);
    const where = multi ? ` (document ${doc.index + 1})` : '';
    if (kind.kind === 'skip') {
      result.skipped.push({ file, kind: kind.what, note: `${kind.note}${where}` });
      ctx.info([], `skipped: ${kind.note}`);
      continue;
    }
    // Components are listed as skipped (they are not entities) but kept for the pipeline steps that use them.
    if (kind.kind === 'component')
      result.skipped.push({ file, kind: 'component', note: `${SKIP_COMPONENT}${where}` });
    const draft = new DocumentReader(ctx, doc, defaults).read(doc.value as Rec, kind, unnamedJobs);
    if (draft?.kind === 'job' && draft.name === undefined) unnamedJobs++;
    if (draft) result.drafts.push(draft);
  }
  result.failed = fileDiagnostics(result).some((d) => d.severity === 'error');
  return result;
}

/** Reads one document. Methods report through `ctx` and return undefined for what cannot be used. */
class DocumentReader {
  constructor(
    private readonly ctx: AzmlContext,
    private readonly doc: ParsedDocument,
    private readonly defaults: AzureMlDefaults,
  ) {}

  read(obj: Rec, kind: ModelledKind, unnamedIndex: number): Draft | undefined {
    switch (kind.kind) {
      case 'workspace':
        return this.workspace(obj);
      case 'compute':
        return this.compute(obj, kind.computeType);
      case 'onlineEndpoint':
        return this.endpoint(obj, kind.endpointKind);
      case 'onlineDeployment':
        return this.deployment(obj, kind.endpointKind);
      case 'datastore':
        return this.datastore(obj);
      case 'connection':
        return this.connection(obj);
      case 'job':
        return this.job(obj, kind.jobType, unnamedIndex);
      case 'component':
        return this.component(obj);
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Shared pieces

  private source(obj: Rec): SourceRef {
    const at = this.doc.locate(obj.name !== undefined ? ['name'] : [], 'key');
    return { file: this.ctx.file, ...at };
  }

  private base(obj: Rec): { file: string; ctx: AzmlContext; source: SourceRef; keys: ReadonlySet<string> } {
    return { file: this.ctx.file, ctx: this.ctx, source: this.source(obj), keys: new Set(Object.keys(obj)) };
  }

  private common(obj: Rec, draft: { description?: string; tags?: Record<string, string> }): void {
    const description = this.ctx.text(obj, 'description', []);
    if (description !== undefined) draft.description = description;
    const tags = this.ctx.tags(obj, []);
    if (tags !== undefined) draft.tags = tags;
  }

  /** Warns once about a `<PLACEHOLDER>` left in a name or id; the value is kept as written. */
  private placeholderWarning(value: string, path: Path): void {
    const marker = placeholderIn(value);
    if (marker !== undefined)
      this.ctx.warn(
        path,
        `${quote(marker)} looks like a placeholder that was never filled in; the value is kept as written`,
      );
  }

  /** The document's `name`, required for everything that becomes an entity. */
  private name(obj: Rec, what: string, fallback?: string): string | undefined {
    const name = this.ctx.str(obj, 'name', []);
    if (name === undefined || name.trim() === '') {
      if (fallback !== undefined) return fallback;
      if (this.ctx.onPlaceholderLine(['name']))
        this.ctx.warn(['name'], `the ${what} is left out: its \`name\` is an unfilled template placeholder`);
      else this.ctx.error(['name'], `missing \`name\`: a ${what} needs one to be told apart from others`);
      return undefined;
    }
    if (name.includes('/')) {
      this.ctx.error(['name'], `a name cannot contain \`/\`, found ${quote(name)}`);
      return undefined;
    }
    this.placeholderWarning(name, ['name']);
    return name.trim();
  }

  /** The subscription and group a workspace document lives in: its `id`, `resource_group`, the defaults, placeholders. */
  private workspaceScope(obj: Rec): { subscriptionId: string; resourceGroup: string; known: boolean } {
    const group = this.ctx.str(obj, 'resource_group', []) ?? this.ctx.str(obj, 'resourceGroup', []);
    const subscription = this.defaults.subscriptionId;
    const resourceGroup = group ?? this.defaults.resourceGroup;
    return {
      subscriptionId: subscription ?? PLACEHOLDER_SUBSCRIPTION,
      resourceGroup: resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
      known: subscription !== undefined && resourceGroup !== undefined,
    };
  }

  /** The workspace a child names through its own `id` (show output), checked against `name`. */
  private childId(obj: Rec, expected: ChildRef['kind']): ChildRef | undefined {
    const id = this.ctx.str(obj, 'id', []);
    if (id === undefined) return undefined;
    const child = parseChildId(id);
    if (!child || child.kind !== expected) {
      this.ctx.warn(
        ['id'],
        `\`id\` is not the ARM id of a ${KIND_LABELS[expected]} (${quote(id, 120)}); it is ignored and the workspace is found as for a file without \`id\``,
      );
      return undefined;
    }
    this.placeholderWarning(id, ['id']);
    return child;
  }

  private enumOf<T extends string>(
    obj: Rec,
    key: string,
    path: Path,
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
  ): T | undefined {
    return this.ctx.oneOf(obj, key, path, allowed, aliases);
  }

  private publicNetworkAccess(obj: Rec): 'Enabled' | 'Disabled' {
    return this.enumOf(obj, 'public_network_access', [], ['Enabled', 'Disabled'] as const) ?? 'Enabled';
  }

  /** A GUID field, lower-cased; anything else is warned about and left out. */
  private guid(obj: Rec, key: string, path: Path): string | undefined {
    const value = this.ctx.str(obj, key, path);
    if (value === undefined) return undefined;
    if (!isGuid(value.trim())) {
      if (placeholderIn(value) === undefined && !/^x{8}-/i.test(value.trim()))
        this.ctx.warn(
          [...path, key],
          `expected a GUID for \`${key}\`, found ${quote(value)}; it is left out`,
        );
      return undefined;
    }
    return value.trim().toLowerCase();
  }

  /**
   * A top-level resource reference: an ARM id of `kind`, or (leniently) a bare name, placed later in the owner's
   * resource group. An ARM id of another type is an error.
   */
  private resourceRef(
    obj: Rec,
    key: string,
    path: Path,
    kind: TopLevelResourceKind,
  ): ResourceRef | undefined {
    const value = this.ctx.str(obj, key, path, { what: `the ARM id of a ${KIND_LABELS[kind]}` });
    if (value === undefined || value.trim() === '') return undefined;
    const at = [...path, key];
    const parsed = parseResourceId(kind, value);
    if ('armId' in parsed) {
      this.placeholderWarning(value, at);
      return { by: 'armId', ref: parsed, path: at };
    }
    if (parsed.problem === 'other-type' || looksLikeArmId(value)) {
      this.ctx.error(
        at,
        `expected the ARM id of a ${KIND_LABELS[kind]} (\`.../providers/${RESOURCE_TYPES[kind]}/<name>\`), found ${quote(value, 120)}`,
      );
      return undefined;
    }
    this.ctx.warn(
      at,
      `${quote(value)} is not an ARM id; it is taken as the name of a ${KIND_LABELS[kind]} in the same resource group`,
    );
    return { by: 'name', name: value.trim(), path: at };
  }

  /** One user-assigned identity mention: its ARM id as text, or `{resource_id, client_id, principal_id}`. */
  private uaiMention(raw: unknown, path: Path): UaiMention | undefined {
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const obj = raw as Rec;
      const key = ['resource_id', 'id', 'msi_resource_id', 'name'].find(
        (k) => obj[k] !== undefined && obj[k] !== null,
      );
      const clientId = this.guid(obj, 'client_id', path);
      const principalId = this.guid(obj, 'principal_id', path);
      let mention: UaiMention | undefined;
      if (key !== undefined) {
        const text = obj[key];
        if (typeof text !== 'string' || text.trim() === '') {
          this.ctx.error(
            [...path, key],
            `expected the ARM id of a user-assigned identity, found ${describeFound(text)}`,
          );
          return undefined;
        }
        mention = this.uaiText(text, [...path, key]);
      } else if (clientId !== undefined) {
        mention = { ref: { by: 'clientId', value: clientId }, path };
      } else {
        this.ctx.error(
          path,
          'this user-assigned identity entry has no `resource_id`; say which identity it is',
        );
        return undefined;
      }
      if (mention && clientId !== undefined) mention.clientId = clientId;
      if (mention && principalId !== undefined) mention.principalId = principalId;
      return mention;
    }
    if (typeof raw !== 'string' || raw.trim() === '') {
      this.ctx.error(path, `expected the ARM id of a user-assigned identity, found ${describeFound(raw)}`);
      return undefined;
    }
    return this.uaiText(raw, path);
  }

  private uaiText(text: string, at: Path): UaiMention | undefined {
    const parsed = parseResourceId('userAssignedIdentity', text);
    if ('armId' in parsed) {
      this.placeholderWarning(text, at);
      return { ref: { by: 'armId', ref: parsed }, path: at };
    }
    if (parsed.problem === 'other-type' || looksLikeArmId(text)) {
      this.ctx.error(
        at,
        `expected the ARM id of a user-assigned identity (\`.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>\`), found ${quote(text, 120)}`,
      );
      return undefined;
    }
    this.ctx.warn(
      at,
      `${quote(text)} is not an ARM id; it is taken as the name of a user-assigned identity in the owner's resource group`,
    );
    return { ref: { by: 'name', name: text.trim() }, path: at };
  }

  /** `identity:` of a workspace, compute or endpoint, in the YAML and the show-output shapes. */
  private identity(raw: unknown, path: Path, defaultSystem: boolean): IdentityDraft {
    if (raw === undefined || raw === null) return { system: defaultSystem, userAssigned: [] };
    let obj: Rec | undefined;
    let type: unknown;
    if (typeof raw === 'string') type = raw;
    else {
      obj = this.ctx.map(raw, path, 'an identity mapping (`type`, `user_assigned_identities`)');
      if (!obj) return { system: defaultSystem, userAssigned: [] };
      type = obj.type;
    }
    const userAssigned: UaiMention[] = [];
    const listed = obj?.user_assigned_identities;
    const listPath = [...path, 'user_assigned_identities'];
    if (Array.isArray(listed)) {
      listed.forEach((item, index) => {
        const mention = this.uaiMention(item, [...listPath, index]);
        if (mention) userAssigned.push(mention);
      });
    } else if (typeof listed === 'object' && listed !== null) {
      // The workspace spelling: a mapping from ARM id to `{client_id, principal_id}` (or `{}`).
      for (const [key, value] of Object.entries(listed as Rec)) {
        const mention = this.uaiText(key, [...listPath, key]);
        if (!mention) continue;
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const details = value as Rec;
          const clientId = this.guid(details, 'client_id', [...listPath, key]);
          if (clientId !== undefined) mention.clientId = clientId;
          const principalId = this.guid(details, 'principal_id', [...listPath, key]);
          if (principalId !== undefined) mention.principalId = principalId;
        }
        userAssigned.push(mention);
      }
    } else if (listed !== undefined && listed !== null) {
      this.ctx.error(listPath, `expected a list of user-assigned identities, found ${describeFound(listed)}`);
    }
    let parsed: { system: boolean; user: boolean } | undefined;
    const typePath = obj ? [...path, 'type'] : path;
    if (type === undefined || type === null) {
      parsed =
        userAssigned.length > 0 ? { system: false, user: true } : { system: defaultSystem, user: false };
    } else parsed = readIdentityType(this.ctx, type, typePath);
    if (!parsed) return { system: defaultSystem, userAssigned: [] };
    if (parsed.user && userAssigned.length === 0 && listed === undefined)
      this.ctx.warn(
        typePath,
        'the type includes `user_assigned` but `user_assigned_identities` lists none, so no user-assigned identity is recorded',
      );
    if (!parsed.user && userAssigned.length > 0)
      this.ctx.warn(
        listPath,
        `\`user_assigned_identities\` is ignored: the identity type is ${quote(type)}`,
        { target: 'key' },
      );
    const identity: IdentityDraft = { system: parsed.system, userAssigned: parsed.user ? userAssigned : [] };
    if (obj && parsed.system) {
      const principalId = this.guid(obj, 'principal_id', path);
      if (principalId !== undefined) identity.principalId = principalId;
    }
    if (obj) {
      const tenantId = this.guid(obj, 'tenant_id', path);
      if (tenantId !== undefined) identity.tenantId = tenantId;
    }
    return identity;
  }

  // -----------------------------------------------------------------------------------------------
  // Workspace

  private workspace(obj: Rec): WorkspaceDraft | undefined {
    const idText = this.ctx.str(obj, 'id', []);
    let ref: ArmRef | undefined;
    let scopeKnown = false;
    if (idText !== undefined) {
      const parsed = parseResourceId('workspace', idText);
      if ('armId' in parsed) {
        ref = parsed;
        scopeKnown = true;
        this.placeholderWarning(idText, ['id']);
      } else
        this.ctx.warn(
          ['id'],
          `\`id\` is not the ARM id of a workspace (${quote(idText, 120)}); it is ignored`,
        );
    }
    const name = this.name(obj, 'workspace', ref?.name);
    if (name === undefined) return undefined;
    if (ref && ref.name.toLowerCase() !== name.toLowerCase()) {
      this.ctx.error(
        ['name'],
        `\`name\` says ${quote(name)} but \`id\` ends in ${quote(ref.name)}; they must agree`,
      );
      return undefined;
    }
    if (!ref) {
      const scope = this.workspaceScope(obj);
      ref = canonicalResourceId('workspace', scope.subscriptionId, scope.resourceGroup, name);
      scopeKnown = scope.known;
    }
    const identity = this.identity(obj.identity, ['identity'], true);
    const draft: WorkspaceDraft = {
      kind: 'workspace',
      ...this.base(obj),
      name,
      ref,
      scopeKnown,
      workspaceKind: 'default',
      identity,
      publicNetworkAccess: this.publicNetworkAccess(obj),
      isolationMode: 'disabled',
      systemDatastoresAuthMode:
        this.enumOf(obj, 'system_datastores_auth_mode', [], ['accesskey', 'identity'] as const, {
          access_key: 'accesskey',
        }) ?? 'accesskey',
    };
    const kind = obj.kind;
    if (typeof kind === 'string') {
      const folded = kind.toLowerCase();
      if (folded === 'default' || folded === 'hub' || folded === 'project') draft.workspaceKind = folded;
      else
        this.ctx.warn(
          ['kind'],
          `workspace kind ${quote(kind)} is not modelled; it is read as a \`default\` workspace`,
        );
    }
    const location = this.ctx.str(obj, 'location', []);
    if (location !== undefined) draft.location = location;
    const tenantId = this.guid(obj, 'tenant_id', []) ?? identity.tenantId;
    if (tenantId !== undefined) draft.tenantId = tenantId;
    if (obj.primary_user_assigned_identity !== undefined && obj.primary_user_assigned_identity !== null) {
      const primary = this.uaiMention(obj.primary_user_assigned_identity, ['primary_user_assigned_identity']);
      if (primary) draft.primaryUserAssignedIdentity = primary;
    }
    const refs = [
      ['storage_account', 'storageAccount', 'storageAccount'],
      ['key_vault', 'keyVault', 'keyVault'],
      ['container_registry', 'containerRegistry', 'containerRegistry'],
      ['application_insights', 'applicationInsights', 'applicationInsights'],
    ] as const;
    for (const [key, field, kind] of refs) {
      const found = this.resourceRef(obj, key, [], kind);
      if (found) draft[field] = found;
    }
    const network = this.ctx.map(obj.managed_network, ['managed_network']);
    if (network) {
      draft.isolationMode =
        this.enumOf(network, 'isolation_mode', ['managed_network'], [
          'disabled',
          'allow_internet_outbound',
          'allow_only_approved_outbound',
        ] as const) ?? 'disabled';
    }
    const cmk = this.ctx.map(obj.customer_managed_key, ['customer_managed_key']);
    if (cmk) {
      const keyVault = this.resourceRef(cmk, 'key_vault', ['customer_managed_key'], 'keyVault');
      if (!keyVault && cmk.key_vault === undefined)
        this.ctx.warn(
          ['customer_managed_key'],
          '`customer_managed_key` names no `key_vault`, so the key vault is unknown',
        );
      if (keyVault) {
        draft.customerManagedKey = { keyVault };
        const keyUri = this.ctx.str(cmk, 'key_uri', ['customer_managed_key']);
        if (keyUri !== undefined) {
          draft.customerManagedKey.keyUri = keyUri;
          this.placeholderWarning(keyUri, ['customer_managed_key', 'key_uri']);
        }
        if (cmk.user_assigned_identity !== undefined && cmk.user_assigned_identity !== null) {
          const uai = this.uaiMention(cmk.user_assigned_identity, [
            'customer_managed_key',
            'user_assigned_identity',
          ]);
          if (uai) draft.customerManagedKey.userAssignedIdentity = uai;
        }
      }
    }
    const imageBuildCompute = this.ctx.str(obj, 'image_build_compute', []);
    if (imageBuildCompute !== undefined) draft.imageBuildCompute = stripAzureMl(imageBuildCompute.trim());
    const allowRg = this.ctx.bool(obj, 'allow_roleassignment_on_rg', []);
    if (allowRg !== undefined) draft.allowRoleAssignmentOnRg = allowRg;
    const isolation = this.ctx.bool(obj, 'enable_data_isolation', []);
    if (isolation !== undefined) draft.enableDataIsolation = isolation;
    const hub = this.resourceRef(obj, 'hub_id', [], 'workspace');
    if (hub) draft.hub = hub;
    this.common(obj, draft);
    return draft;
  }

  // -----------------------------------------------------------------------------------------------
  // Compute

  private compute(obj: Rec, computeType: ComputeDraft['computeType']): ComputeDraft | undefined {
    const child = this.childId(obj, 'compute');
    const name = this.name(obj, 'compute', child?.name);
    if (name === undefined) return undefined;
    const draft: ComputeDraft = {
      kind: 'compute',
      ...this.base(obj),
      name,
      computeType,
      identity: this.identity(obj.identity, ['identity'], false),
    };
    if (child) draft.workspaceHint = child.workspace;
    if (computeType === 'computeinstance') {
      const idleKey = ['idle_time_before_shutdown', 'idle_time_before_shutdown_minutes'].find(
        (key) => obj[key] !== undefined && obj[key] !== null,
      );
      if (idleKey !== undefined) {
        const idle = this.ctx.str(obj, idleKey, [], { what: 'an ISO 8601 duration or a number of minutes' });
        if (idle !== undefined) draft.idleTimeBeforeShutdown = idle;
      }
      const onBehalf = this.ctx.map(obj.create_on_behalf_of, ['create_on_behalf_of']);
      if (onBehalf) {
        const objectId = this.guid(onBehalf, 'user_object_id', ['create_on_behalf_of']);
        if (objectId !== undefined) draft.assignedUserObjectId = objectId;
      }
    }
    const size = this.ctx.str(obj, 'size', []);
    if (size !== undefined) draft.size = size;
    const network = this.ctx.map(obj.network_settings, ['network_settings']);
    const subnet =
      this.ctx.str(obj, 'subnet', []) ??
      (network ? this.ctx.str(network, 'subnet', ['network_settings']) : undefined);
    if (subnet !== undefined) draft.subnet = subnet;
    const disableLocalAuth = this.ctx.bool(obj, 'disable_local_auth', []);
    if (disableLocalAuth !== undefined) draft.disableLocalAuth = disableLocalAuth;
    this.secretsIn(obj.ssh_settings, ['ssh_settings']);
    this.common(obj, draft);
    return draft;
  }

  /** Warns about secret values in a block that is otherwise not kept (`ssh_settings.admin_password`). */
  private secretsIn(raw: unknown, path: Path): void {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
    for (const [key, value] of Object.entries(raw as Rec)) {
      if (typeof value !== 'string' || !looksLikeSecret(key, value)) continue;
      this.ctx.warn(
        [...path, key],
        `\`${key}\` holds a secret value; it was not kept. Remove it before sharing this file`,
        { target: 'key' },
      );
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Endpoints and deployments

  private computeRef(raw: unknown, path: Path): ComputeRefDraft | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') {
      this.ctx.error(
        path,
        `expected a compute name (\`azureml:<name>\`), \`serverless\` or an ARM id, found ${describeFound(raw)}`,
      );
      return undefined;
    }
    const text = stripAzureMl(raw.trim());
    if (text === '') return undefined;
    if (text.toLowerCase() === 'serverless') return { by: 'serverless', path };
    if (text.startsWith('/')) {
      const child = parseChildId(text);
      if (!child || child.kind !== 'compute') {
        this.ctx.error(
          path,
          `expected the ARM id of an Azure ML compute (\`<workspace id>/computes/<name>\`), found ${quote(text, 120)}`,
        );
        return undefined;
      }
      return { by: 'armId', child, path };
    }
    this.placeholderWarning(text, path);
    return { by: 'name', name: text, path };
  }

  private endpoint(obj: Rec, schemaKind: 'managed' | 'kubernetes' | undefined): EndpointDraft | undefined {
    const child = this.childId(obj, 'onlineEndpoint');
    const name = this.name(obj, 'online endpoint', child?.name);
    if (name === undefined) return undefined;
    const declaredKind = typeof obj.kind === 'string' ? obj.kind.toLowerCase() : undefined;
    const endpointKind =
      schemaKind ??
      (declaredKind === 'kubernetes' || (obj.compute !== undefined && obj.compute !== null)
        ? 'kubernetes'
        : 'managed');
    const draft: EndpointDraft = {
      kind: 'onlineEndpoint',
      ...this.base(obj),
      name,
      endpointKind,
      authMode: this.enumOf(obj, 'auth_mode', [], ['key', 'aml_token', 'aad_token'] as const) ?? 'key',
      // az ml gives an endpoint a system-assigned identity when the file says nothing (S13).
      identity: this.identity(obj.identity, ['identity'], true),
      enforceAccessToDefaultSecretStores: false,
      publicNetworkAccess: this.publicNetworkAccess(obj),
    };
    if (child) draft.workspaceHint = child.workspace;
    const compute = this.computeRef(obj.compute, ['compute']);
    if (compute && compute.by !== 'serverless') draft.compute = compute;
    const enforced = readSecretStoreEnforcement(this.ctx, obj, []);
    if (enforced !== undefined) draft.enforceAccessToDefaultSecretStores = enforced;
    this.common(obj, draft);
    return draft;
  }

  private deployment(
    obj: Rec,
    schemaKind: 'managed' | 'kubernetes' | undefined,
  ): DeploymentDraft | undefined {
    const child = this.childId(obj, 'onlineDeployment');
    const name = this.name(obj, 'online deployment', child?.name);
    if (name === undefined) return undefined;
    const draft: DeploymentDraft = {
      kind: 'onlineDeployment',
      ...this.base(obj),
      name,
      environmentVariables: {},
    };
    const kind =
      schemaKind ??
      (typeof obj.type === 'string' && obj.type.toLowerCase() === 'kubernetes' ? 'kubernetes' : undefined);
    if (kind !== undefined) draft.endpointKind = kind;
    if (child) {
      draft.workspaceHint = child.workspace;
      draft.endpoint = { child, path: ['id'] };
    } else {
      const endpointName = this.ctx.str(obj, 'endpoint_name', []);
      if (endpointName !== undefined && endpointName.trim() !== '') {
        this.placeholderWarning(endpointName, ['endpoint_name']);
        draft.endpoint = { name: endpointName.trim(), path: ['endpoint_name'] };
      }
    }
    const variables = readDeploymentVariables(this.ctx, obj, []);
    if (variables !== undefined) draft.environmentVariables = variables;
    Object.assign(draft, readDeploymentImageAndModel(this.ctx, obj, []));
    this.common(obj, draft);
    return draft;
  }

  // -----------------------------------------------------------------------------------------------
  // Data

  private datastore(obj: Rec): DatastoreDraft | undefined {
    const child = this.childId(obj, 'datastore');
    const name = this.name(obj, 'datastore', child?.name);
    if (name === undefined) return undefined;
    const fromSchema = typeof obj.$schema === 'string' ? schemaName(obj.$schema) : '';
    const bySchema: Record<string, DatastoreType> = {
      azureblob: 'azure_blob',
      azuredatalakegen1: 'azure_data_lake_gen1',
      azuredatalakegen2: 'azure_data_lake_gen2',
      azurefile: 'azure_file',
    };
    const type =
      obj.type !== undefined && obj.type !== null
        ? this.enumOf(obj, 'type', [], DATASTORE_TYPES, DATASTORE_TYPE_ALIASES)
        : bySchema[fromSchema];
    if (type === undefined) {
      if (obj.type === undefined)
        this.ctx.error(
          ['type'],
          'missing `type`: expected `azure_blob`, `azure_file`, `azure_data_lake_gen1` or `azure_data_lake_gen2`',
        );
      return undefined;
    }
    const accountKey = type === 'azure_data_lake_gen1' ? 'store_name' : 'account_name';
    const draft: DatastoreDraft = {
      kind: 'datastore',
      ...this.base(obj),
      name,
      datastoreType: type,
      isStorageAccount: accountKey === 'account_name',
      credentialKind: 'none',
      serviceDataAccessAuthIdentity:
        this.enumOf(
          obj,
          obj.serviceDataAccessAuthIdentity !== undefined
            ? 'serviceDataAccessAuthIdentity'
            : 'service_data_access_auth_identity',
          [],
          SERVICE_DATA_ACCESS_IDENTITIES,
        ) ?? 'None',
    };
    if (child) draft.workspaceHint = child.workspace;
    const account =
      this.ctx.str(obj, accountKey, []) ??
      this.ctx.str(obj, accountKey === 'store_name' ? 'account_name' : 'store_name', []);
    if (account !== undefined) draft.accountName = account.trim();
    const containerKey = CONTAINER_FIELDS.find((key) => obj[key] !== undefined);
    if (containerKey !== undefined) {
      const container = this.ctx.str(obj, containerKey, []);
      if (container !== undefined) draft.containerName = container;
    }
    draft.credentialKind = this.credentials(obj.credentials, ['credentials']) ?? 'none';
    const isDefault = this.ctx.bool(obj, 'is_default', []);
    if (isDefault !== undefined) draft.isDefault = isDefault;
    this.common(obj, draft);
    return draft;
  }

  /** The kind of a `credentials` block; its values are never kept, and real ones are warned about. */
  private credentials(raw: unknown, path: Path): DatastoreDraft['credentialKind'] | undefined {
    if (raw === undefined || raw === null) return 'none';
    const obj = this.ctx.map(raw, path, 'a credentials mapping');
    if (!obj) return undefined;
    return readCredentialKind(this.ctx, obj, path);
  }

  private connection(obj: Rec): ConnectionDraft | undefined {
    const child = this.childId(obj, 'connection');
    const name = this.name(obj, 'connection', child?.name);
    if (name === undefined) return undefined;
    const draft: ConnectionDraft = {
      kind: 'connection',
      ...this.base(obj),
      name,
      connectionType: this.ctx.str(obj, 'type', []) ?? 'custom',
      credentialKind: 'none',
    };
    if (child) draft.workspaceHint = child.workspace;
    const targetKey = ['target', 'url', 'azure_endpoint', 'endpoint'].find(
      (key) => typeof obj[key] === 'string',
    );
    if (targetKey !== undefined) {
      const target = this.ctx.text(obj, targetKey, []);
      if (target !== undefined) draft.target = target;
    }
    const credentials = this.ctx.map(obj.credentials, ['credentials']);
    draft.credentialKind = this.credentials(obj.credentials, ['credentials']) ?? 'none';
    if (credentials && draft.credentialKind === 'managed_identity') {
      const path = ['credentials'];
      const resourceKey = ['resource_id', 'msi_resource_id'].find(
        (key) => typeof credentials[key] === 'string',
      );
      const clientId = this.guid(credentials, 'client_id', path);
      if (resourceKey !== undefined) {
        const mention = this.uaiText(String(credentials[resourceKey]), [...path, resourceKey]);
        if (mention) {
          if (clientId !== undefined) mention.clientId = clientId;
          draft.identity = mention;
        }
      } else if (clientId !== undefined) {
        draft.identity = { ref: { by: 'clientId', value: clientId }, clientId, path: [...path, 'client_id'] };
      }
    }
    draft.credentialKind = readTopLevelSecrets(this.ctx, obj, [], draft.credentialKind);
    this.common(obj, draft);
    return draft;
  }

  // -----------------------------------------------------------------------------------------------
  // Jobs and components

  private jobIdentity(raw: unknown, path: Path): JobIdentityDraft {
    const head = readJobIdentityType(this.ctx, raw, path, { checkFields: false });
    if (head === undefined) return { type: 'unset' };
    const { type, obj } = head;
    const identity: JobIdentityDraft = { type };
    if (!obj || type !== 'managed') return identity;
    const resourceKey = ['msi_resource_id', 'resource_id'].find((key) => typeof obj[key] === 'string');
    const clientId = this.guid(obj, 'client_id', path);
    const objectId = this.guid(obj, 'object_id', path);
    if (resourceKey !== undefined) {
      const mention = this.uaiText(String(obj[resourceKey]), [...path, resourceKey]);
      if (mention) {
        if (clientId !== undefined) mention.clientId = clientId;
        if (objectId !== undefined) mention.principalId = objectId;
        identity.userAssignedIdentity = mention;
      }
    } else if (clientId !== undefined) {
      identity.userAssignedIdentity = {
        ref: { by: 'clientId', value: clientId },
        clientId,
        path: [...path, 'client_id'],
      };
    } else if (objectId !== undefined) {
      identity.userAssignedIdentity = {
        ref: { by: 'principalId', value: objectId },
        principalId: objectId,
        path: [...path, 'object_id'],
      };
    }
    return identity;
  }

  /** Inputs or outputs; an output declared without settings is kept (it goes to the default datastore). */
  private bindings(raw: unknown, path: Path): BindingDraft[] {
    return readBindings(this.ctx, raw, path, { checkFields: false, keepBareOutputs: true });
  }

  /** An inline environment's image and build; a registered environment (`azureml:...`) gives none. */
  private environment(raw: unknown, path: Path): JobEnvironment | undefined {
    return readEnvironment(this.ctx, raw, path, { strict: false });
  }

  private secretVariables(obj: Rec): void {
    const variables = this.ctx.map(obj.environment_variables, ['environment_variables']);
    if (!variables) return;
    for (const variable of redactEnvironmentVariables(variables).redacted)
      this.ctx.warn(
        ['environment_variables', variable],
        `environment variable \`${variable}\` looks like it holds a secret; jobs' variables are not kept, but the file still carries it`,
        { target: 'key' },
      );
  }

  private job(obj: Rec, jobType: JobDraft['jobType'], unnamedIndex: number): JobDraft | undefined {
    const child = this.childId(obj, 'job');
    let name: string | undefined;
    if (obj.name !== undefined && obj.name !== null) {
      name = this.name(obj, 'job');
      if (name === undefined) return undefined;
    } else if (child) name = child.name;
    const draft: JobDraft = {
      kind: 'job',
      ...this.base(obj),
      jobType,
      identity: this.jobIdentity(obj.identity, ['identity']),
      inputs: this.bindings(obj.inputs, ['inputs']),
      outputs: this.bindings(obj.outputs, ['outputs']),
      steps: [],
      unnamedIndex,
    };
    if (name !== undefined) draft.name = name;
    if (child) draft.workspaceHint = child.workspace;
    const settings = this.ctx.map(obj.settings, ['settings']);
    const compute =
      obj.compute !== undefined && obj.compute !== null
        ? this.computeRef(obj.compute, ['compute'])
        : settings && settings.default_compute !== undefined
          ? this.computeRef(settings.default_compute, ['settings', 'default_compute'])
          : undefined;
    if (compute) draft.compute = compute;
    else if (jobType === 'spark' && obj.resources !== undefined)
      draft.compute = { by: 'serverless', path: ['resources'] };
    const trial = jobType === 'sweep' ? this.ctx.map(obj.trial, ['trial']) : undefined;
    const environment = trial
      ? this.environment(trial.environment, ['trial', 'environment'])
      : this.environment(obj.environment, ['environment']);
    if (environment) draft.environment = environment;
    this.secretVariables(obj);
    const steps = this.ctx.map(obj.jobs, ['jobs'], 'a mapping of step names to steps');
    if (steps) {
      if (jobType !== 'pipeline')
        this.ctx.warn(
          ['jobs'],
          `only pipeline jobs have steps, and this job's type is \`${jobType}\`; the steps are read anyway`,
          {
            target: 'key',
          },
        );
      for (const [stepName, rawStep] of Object.entries(steps)) {
        const step = this.step(stepName, rawStep, ['jobs', stepName]);
        if (step) draft.steps.push(step);
      }
    }
    this.common(obj, draft);
    return draft;
  }

  private step(name: string, raw: unknown, path: Path): StepDraft | undefined {
    const obj = this.ctx.map(raw, path, 'a step mapping');
    if (!obj) return undefined;
    const step: StepDraft = {
      name,
      identity: this.jobIdentity(obj.identity, [...path, 'identity']),
      inputs: this.bindings(obj.inputs, [...path, 'inputs']),
      outputs: this.bindings(obj.outputs, [...path, 'outputs']),
      path,
    };
    const compute = this.computeRef(obj.compute, [...path, 'compute']);
    if (compute) step.compute = compute;
    const component = obj.component;
    if (typeof component === 'string') {
      step.component = component.trim();
      const local = component.trim().replace(/^file:/i, '');
      if (!/^azureml:/i.test(local) && /\.ya?ml$/i.test(local)) step.componentFile = local;
    } else if (typeof component === 'object' && component !== null && !Array.isArray(component)) {
      // An inline component: its name stands for it, and an identity declared inside it is one Azure ML ignores.
      const inline = component as Rec;
      step.component = typeof inline.name === 'string' ? inline.name : 'inline';
      if (inline.identity !== undefined && inline.identity !== null)
        step.componentIdentity = this.jobIdentity(inline.identity, [...path, 'component', 'identity']);
      const inlineEnvironment = this.environment(inline.environment, [...path, 'component', 'environment']);
      if (inlineEnvironment) step.environment = inlineEnvironment;
    } else if (component !== undefined && component !== null) {
      this.ctx.error(
        [...path, 'component'],
        `expected a component reference or an inline component, found ${describeFound(component)}`,
      );
    }
    const environment = this.environment(obj.environment, [...path, 'environment']);
    if (environment) step.environment = environment;
    if (obj.trial !== undefined && !step.environment) {
      const trial = this.ctx.map(obj.trial, [...path, 'trial']);
      const trialEnvironment = trial
        ? this.environment(trial.environment, [...path, 'trial', 'environment'])
        : undefined;
      if (trialEnvironment) step.environment = trialEnvironment;
    }
    return step;
  }

  private component(obj: Rec): ComponentDraft {
    const draft: ComponentDraft = { kind: 'component', ...this.base(obj) };
    const name = this.ctx.str(obj, 'name', []);
    if (name !== undefined) draft.name = name;
    const environment = this.environment(obj.environment, ['environment']);
    if (environment) draft.environment = environment;
    if (obj.identity !== undefined && obj.identity !== null)
      draft.identity = this.jobIdentity(obj.identity, ['identity']);
    return draft;
  }
}
