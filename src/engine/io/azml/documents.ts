import type { Diagnostic, DatastoreType } from '../../model/types';
import {
  CONTAINER_FIELDS,
  DATASTORE_TYPE_ALIASES,
  DATASTORE_TYPES,
  readCredentialKind,
  readDeploymentImageAndModel,
  readDeploymentVariables,
  readSecretStoreEnforcement,
  readTopLevelSecrets,
  SERVICE_DATA_ACCESS_IDENTITIES,
  stripAzureMl,
} from '../core/azml-vocabulary';
import type { Path, Rec } from '../core/context';
import { looksLikeSecret } from '../secrets';
import { quote } from '../core/source';
import { canonicalResourceId, parseResourceId, type ArmRef } from './arm';
import { AzmlContext } from './context';
import { PLACEHOLDER_WORKSPACE } from './options';
import { DocumentReading } from './document-reading';
import { parseEnvironmentRef } from './environments';
import { JobDocumentReader } from './job-documents';
import type {
  ComputeDraft,
  ConnectionDraft,
  DatastoreDraft,
  DeploymentDraft,
  Draft,
  EndpointDraft,
  WorkspaceDraft,
} from './drafts';
import { classifyDocument, schemaName, type ModelledKind } from './kinds';
import type { AzureMlDefaults } from './options';
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

const SKIP_ENVIRONMENT =
  'an environment asset; not an entity itself, but the jobs and deployments of the same import that name it take its image and build from it';

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
    if (kind.kind === 'environment')
      result.skipped.push({ file, kind: 'environment', note: `${SKIP_ENVIRONMENT}${where}` });
    const draft = new DocumentReader(ctx, doc, defaults).read(doc.value as Rec, kind, unnamedJobs);
    if (draft?.kind === 'job' && draft.name === undefined) unnamedJobs++;
    if (draft) result.drafts.push(draft);
  }
  result.failed = fileDiagnostics(result).some((d) => d.severity === 'error');
  return result;
}

/** Reads one document. Methods report through `ctx` and return undefined for what cannot be used. */
/** Reads one document: resources itself, jobs and components with {@link JobDocumentReader}. */
class DocumentReader extends DocumentReading {
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
        return new JobDocumentReader(this.ctx, this.doc, this.defaults).job(obj, kind.jobType, unnamedIndex);
      case 'component':
        return new JobDocumentReader(this.ctx, this.doc, this.defaults).component(obj);
      case 'environment':
        return new JobDocumentReader(this.ctx, this.doc, this.defaults).environmentAsset(obj);
    }
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
    // Without `name` or `id` the file is settings for a workspace named elsewhere (`--name`, or the caller's
    // `--workspace`); with neither, the placeholder workspace stands for it and assembly says so.
    const givenName = this.ctx.str(obj, 'name', []);
    const nameless = ref === undefined && (givenName === undefined || givenName.trim() === '');
    const defaultName = this.defaults.workspace?.trim();
    const name = nameless
      ? defaultName !== undefined && defaultName !== '' && !defaultName.startsWith('/')
        ? defaultName
        : PLACEHOLDER_WORKSPACE
      : this.name(obj, 'workspace', ref?.name);
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
      ...(nameless && name === PLACEHOLDER_WORKSPACE ? { nameless: true } : {}),
      workspaceKind: 'default',
      identity,
      publicNetworkAccess: this.publicNetworkAccess(obj),
      isolationMode: 'disabled',
      systemDatastoresAuthMode:
        this.ctx.oneOf(obj, 'system_datastores_auth_mode', [], ['accesskey', 'identity'] as const, {
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
        this.ctx.oneOf(network, 'isolation_mode', ['managed_network'], [
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
      authMode: this.ctx.oneOf(obj, 'auth_mode', [], ['key', 'aml_token', 'aad_token'] as const) ?? 'key',
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
      // An endpoint name, like any other, has no `/` (it would be read as a path of the endpoint's id).
      if (endpointName?.includes('/'))
        this.ctx.error(['endpoint_name'], `an endpoint name cannot contain \`/\`, found ${quote(endpointName)}`);
      else if (endpointName !== undefined && endpointName.trim() !== '') {
        this.placeholderWarning(endpointName, ['endpoint_name']);
        draft.endpoint = { name: endpointName.trim(), path: ['endpoint_name'] };
      }
    }
    const variables = readDeploymentVariables(this.ctx, obj, []);
    if (variables !== undefined) draft.environmentVariables = variables;
    Object.assign(draft, readDeploymentImageAndModel(this.ctx, obj, []));
    const environmentRef = parseEnvironmentRef(obj.environment, ['environment']);
    if (environmentRef) draft.environmentRef = environmentRef;
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
        ? this.ctx.oneOf(obj, 'type', [], DATASTORE_TYPES, DATASTORE_TYPE_ALIASES)
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
        this.ctx.oneOf(
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
    if (draft.credentialKind === 'service_principal' || draft.credentialKind === 'certificate') {
      // The stored principal is an Entra principal the storage judges itself (R42): keep who it is, as the az
      // CLI reader does. `tenant_id` is checked as a GUID; the estate has no field for a credential's tenant.
      const credentials = this.ctx.map(obj.credentials, ['credentials']);
      const clientId = credentials ? this.guid(credentials, 'client_id', ['credentials']) : undefined;
      if (credentials) this.guid(credentials, 'tenant_id', ['credentials']);
      if (clientId !== undefined) draft.credentialClientId = clientId;
    }
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
}
