import { COMPUTE_TYPES } from '../../model/compute-kinds';
import { entityId, type EntityId } from '../../model/ids';
import type {
  Compute,
  Connection,
  Datastore,
  Job,
  JobDataBinding,
  JobStep,
  OnlineDeployment,
  OnlineEndpoint,
} from '../../model/types';
import {
  AZURE_DEFAULTS,
  CONTAINER_FIELDS,
  DATASTORE_TYPE_ALIASES,
  DATASTORE_TYPES,
  readBindings,
  readDeploymentImageAndModel,
  readDeploymentVariables,
  readEnvironment,
  readSecretStoreEnforcement,
  readTopLevelSecrets,
  SERVICE_DATA_ACCESS_IDENTITIES,
  stripAzureMl,
} from '../core/azml-vocabulary';
import { describeFound, type Path, type Rec } from '../core/context';
import { choice, declare, field, reference, type EntityDeclaration } from './declaration';
import {
  credentials,
  jobIdentity,
  managedIdentity,
  NO_IDENTITY,
  readPlannedUpdate,
  SYSTEM_IDENTITY,
} from './identities';
import { systemIdentityName } from '../core/naming';
import type { NativeReading } from './reading';
import { FIELDS, IGNORED_FIELDS } from './schema';

/**
 * The declarations of a workspace's children in the native format (computes, online endpoints and deployments,
 * datastores, connections, jobs). Their az ml v2 vocabulary (compute references, job identities, bindings,
 * environments, credentials) is read by the shared az ml vocabulary and resolved here against the estate.
 */

function workspaceName(r: NativeReading, workspace: EntityId): string {
  return r.index.ofKind('workspace').find((w) => w.id === workspace)?.name ?? '';
}

const compute = declare<Compute>({
  section: 'computes',
  collection: 'computes',
  placement: { in: 'workspace', kind: 'compute' },
  defaults: () => ({
    computeType: 'amlcompute' as const,
    identity: { ...NO_IDENTITY, userAssigned: [] },
  }),
  systemIdentity: {
    byDefault: false,
    name: (entity, r) => systemIdentityName('compute', entity.name, workspaceName(r, entity.workspace)),
  },
  fields: [
    (r, _compute, obj, path) => {
      if (obj.type === undefined)
        r.ctx.error(path, `missing \`type\`: expected one of ${COMPUTE_TYPES.map((t) => `\`${t}\``).join(', ')}`);
    },
    choice('type', COMPUTE_TYPES, {
      to: 'computeType',
      aliases: { compute_instance: 'computeinstance', aml_compute: 'amlcompute' },
    }),
    (r, entity, obj, path) => {
      entity.identity = managedIdentity(r, obj.identity, [...path, 'identity'], NO_IDENTITY);
    },
    field('created_on', 'date'),
    (r, entity, obj, path) => {
      const key =
        obj.idle_time_before_shutdown !== undefined
          ? 'idle_time_before_shutdown'
          : 'idle_time_before_shutdown_minutes';
      if (obj[key] === undefined || obj[key] === null) return;
      const value = r.ctx.str(obj, key, path, { what: 'an ISO 8601 duration or a number of minutes' });
      if (value !== undefined) entity.idleTimeBeforeShutdown = value;
    },
    field('disable_local_auth', 'bool'),
    field('size', 'str'),
    (r, entity, obj, path) => {
      let subnet = r.ctx.str(obj, 'subnet', path);
      const network = r.ctx.map(obj.network_settings, [...path, 'network_settings']);
      if (network) {
        r.ctx.checkKeys(
          network,
          [...path, 'network_settings'],
          ['subnet', 'vnet_name'],
          ['private_ip_address', 'public_ip_address'],
        );
        subnet ??= r.ctx.str(network, 'subnet', [...path, 'network_settings']);
      }
      if (subnet !== undefined) entity.subnet = subnet;
    },
  ],
  references: [
    (r, entity, obj, path) => {
      if (obj.assigned_user !== undefined) {
        const user = r.principal(obj.assigned_user, [...path, 'assigned_user'], ['user'], 'user');
        if (user !== undefined) entity.assignedUser = user;
        return;
      }
      const behalfPath = [...path, 'create_on_behalf_of'];
      const onBehalf =
        obj.create_on_behalf_of === undefined ? undefined : r.ctx.map(obj.create_on_behalf_of, behalfPath);
      if (!onBehalf) return;
      r.ctx.checkKeys(onBehalf, behalfPath, ['user_object_id', 'user_tenant_id']);
      if (onBehalf.user_object_id === undefined) r.ctx.error(behalfPath, 'missing `user_object_id`');
      const user = r.principal(onBehalf.user_object_id, [...behalfPath, 'user_object_id'], ['user'], 'user');
      if (user !== undefined) entity.assignedUser = user;
    },
  ],
});

const onlineEndpoint = declare<OnlineEndpoint>({
  section: 'online_endpoints',
  collection: 'onlineEndpoints',
  placement: { in: 'workspace', kind: 'onlineEndpoint' },
  defaults: AZURE_DEFAULTS.onlineEndpoint,
  systemIdentity: {
    byDefault: true,
    name: (entity, r) =>
      systemIdentityName('onlineEndpoint', entity.name, workspaceName(r, entity.workspace)),
  },
  fields: [
    choice('kind', ['managed', 'kubernetes'], { to: 'endpointKind' }),
    choice('auth_mode', ['key', 'aml_token', 'aad_token']),
    (r, entity, obj, path) => {
      entity.identity = managedIdentity(r, obj.identity, [...path, 'identity'], SYSTEM_IDENTITY);
      const enforced = readSecretStoreEnforcement(r.ctx, obj, path);
      if (enforced !== undefined) entity.enforceAccessToDefaultSecretStores = enforced;
    },
    choice('public_network_access', ['Enabled', 'Disabled']),
    field('created_on', 'date'),
    (r, entity, obj, path) => {
      const found = readPlannedUpdate(r, obj, path, ['identity']);
      if (found) entity.plannedUpdate = found.planned;
    },
  ],
  references: [
    (r, entity, obj, path) => {
      if (obj.compute === undefined || obj.compute === null) return;
      const ref = typeof obj.compute === 'string' ? stripAzureMl(obj.compute) : obj.compute;
      const id = r.refId(ref, [...path, 'compute'], 'compute', entity.workspace);
      if (id !== undefined) entity.compute = id;
    },
    reference('created_by'),
    (r, entity, obj, path) => {
      if (obj.callers !== undefined && obj.callers !== null)
        entity.callers = r.principalList(obj.callers, [...path, 'callers']);
    },
  ],
});

const onlineDeployment = declare<OnlineDeployment>({
  section: 'online_deployments',
  collection: 'onlineDeployments',
  create(r, obj, path) {
    // az ml spells the parent `endpoint_name`; a workspace may be named to tell same-named endpoints apart.
    const endpointField =
      obj.endpoint === undefined && obj.endpoint_name !== undefined ? 'endpoint_name' : 'endpoint';
    let within: EntityId | undefined;
    if (obj.workspace !== undefined) {
      within = r.refId(obj.workspace, [...path, 'workspace'], 'workspace');
      if (within === undefined) return undefined;
    }
    const parts = r.childIdentity('onlineDeployment', obj, path, endpointField, 'onlineEndpoint', within);
    if (!parts) return undefined;
    return {
      id: entityId(parts.armId),
      kind: 'onlineDeployment',
      name: parts.name,
      armId: parts.armId,
      endpoint: parts.parent.id,
      environmentVariables: {},
      source: r.ctx.source(path),
    };
  },
  fields: [
    (r, entity, obj, path) => {
      const variables = readDeploymentVariables(r.ctx, obj, path);
      if (variables !== undefined) entity.environmentVariables = variables;
      Object.assign(entity, readDeploymentImageAndModel(r.ctx, obj, path));
    },
  ],
  references: [reference('created_by')],
});

const datastore = declare<Datastore>({
  section: 'datastores',
  collection: 'datastores',
  placement: { in: 'workspace', kind: 'datastore' },
  defaults: () => ({
    datastoreType: 'azure_blob' as const,
    credentialKind: 'none' as const,
    serviceDataAccessAuthIdentity: 'None' as const,
  }),
  fields: [
    (r, _datastore, obj, path) => {
      if (obj.type === undefined)
        r.ctx.error(
          path,
          'missing `type`: expected one of `azure_blob`, `azure_data_lake_gen1`, `azure_data_lake_gen2`, `azure_file`',
        );
    },
    choice('type', DATASTORE_TYPES, { to: 'datastoreType', aliases: DATASTORE_TYPE_ALIASES }),
    (r, entity, obj, path) => {
      const containerKey = CONTAINER_FIELDS.find((key) => obj[key] !== undefined);
      const container = containerKey === undefined ? undefined : r.ctx.str(obj, containerKey, path);
      if (container !== undefined) entity.containerName = container;
      const found = credentials(r, obj.credentials, [...path, 'credentials']);
      entity.credentialKind = found.kind;
      if (found.principal !== undefined) entity.credentialPrincipal = found.principal;
    },
    choice('service_data_access_auth_identity', SERVICE_DATA_ACCESS_IDENTITIES),
    field('is_default', 'bool'),
  ],
  references: [
    (r, entity, obj, path) => {
      const accountKey = obj.account_name !== undefined ? 'account_name' : 'store_name';
      const accountName = r.ctx.str(obj, accountKey, path);
      if (accountName !== undefined) entity.accountName = accountName;
      if (obj.storage_account !== undefined) {
        const account = r.ref(
          obj.storage_account,
          [...path, 'storage_account'],
          ['storageAccount'],
          'storage account',
        );
        if (!account) return;
        entity.storageAccount = account.id;
        if (accountName === undefined) entity.accountName = account.name;
      } else if (accountName !== undefined && accountKey === 'account_name') {
        // The account is linked when the estate declares it; a datastore may well point at storage outside it.
        const candidates = r.index
          .ofKind('storageAccount')
          .filter((account) => account.name.toLowerCase() === accountName.toLowerCase());
        if (candidates.length === 1 && candidates[0]) entity.storageAccount = candidates[0].id;
      }
    },
  ],
});

const connection = declare<Connection>({
  section: 'connections',
  collection: 'connections',
  placement: { in: 'workspace', kind: 'connection' },
  defaults: () => ({
    connectionType: 'custom',
    credentialKind: 'none' as const,
  }),
  fields: [
    (r, entity, obj, path) => {
      entity.connectionType =
        r.ctx.str(obj, 'type', path, {
          required: true,
          what: 'the connection type, such as `container_registry` or `azure_open_ai`',
        }) ?? 'custom';
    },
    field('target', 'text'),
    (r, entity, obj, path) => {
      const found = credentials(r, obj.credentials, [...path, 'credentials']);
      if (found.identity !== undefined) entity.identity = found.identity;
      entity.credentialKind = readTopLevelSecrets(r.ctx, obj, path, found.kind);
    },
  ],
});

/** A job's or step's `compute`: a compute of the job's workspace, an ARM id, or `serverless`. */
function jobCompute(
  r: NativeReading,
  obj: Rec,
  path: Path,
  workspace: EntityId,
): EntityId | 'serverless' | undefined {
  const raw = obj.compute;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    r.ctx.error(
      [...path, 'compute'],
      `expected a compute name, \`serverless\` or an ARM id, found ${describeFound(raw)}`,
    );
    return undefined;
  }
  const name = stripAzureMl(raw.trim());
  if (name.toLowerCase() === 'serverless') return 'serverless';
  return r.refId(name, [...path, 'compute'], 'compute', name.startsWith('/') ? undefined : workspace);
}

/** Job inputs or outputs, with their datastores resolved in the job's workspace. */
function bindings(r: NativeReading, raw: unknown, path: Path, workspace: EntityId): JobDataBinding[] {
  return readBindings(r.ctx, raw, path, { checkFields: true, keepBareOutputs: false }).map((mention) => {
    const binding: JobDataBinding = { name: mention.name };
    if (mention.path !== undefined) binding.path = mention.path;
    if (mention.mode !== undefined) binding.mode = mention.mode;
    if (mention.datastore !== undefined) {
      const found = r.index.resolveEntity(mention.datastore, ['datastore'], 'datastore', workspace);
      // A datastore named by an explicit `datastore:` must be declared; one only named inside an
      // azureml://datastores/<name> path is, as az ml YAML reads it, a path that stays unlinked (with a note).
      const explicit = mention.datastoreAt[mention.datastoreAt.length - 1] === 'datastore';
      if (!('error' in found)) binding.datastore = found.value.id;
      else if (explicit) r.ctx.error(mention.datastoreAt, found.error);
      else
        r.ctx.report(
          'info',
          mention.datastoreAt,
          `${found.error}; the binding keeps its path but is not linked to a datastore`,
        );
    }
    return binding;
  });
}

function step(
  r: NativeReading,
  name: string,
  raw: unknown,
  path: Path,
  workspace: EntityId,
): JobStep | undefined {
  const obj = r.ctx.map(raw, path, 'a step mapping');
  if (!obj) return undefined;
  r.ctx.checkKeys(obj, path, FIELDS.job_steps, IGNORED_FIELDS.job_steps ?? []);
  const result: JobStep = {
    name,
    identity: jobIdentity(r, obj.identity, [...path, 'identity']),
    inputs: bindings(r, obj.inputs, [...path, 'inputs'], workspace),
    outputs: bindings(r, obj.outputs, [...path, 'outputs'], workspace),
  };
  const stepCompute = jobCompute(r, obj, path, workspace);
  if (stepCompute !== undefined) result.compute = stepCompute;
  const component = obj.component;
  let componentIdentityRaw = obj.component_identity;
  let componentIdentityPath: Path = [...path, 'component_identity'];
  if (typeof component === 'string') {
    result.component = component;
  } else if (typeof component === 'object' && component !== null && !Array.isArray(component)) {
    // An inline component: its name stands for it, and the identity declared inside it is what Azure ML ignores.
    const inline = component as Rec;
    result.component = typeof inline.name === 'string' ? inline.name : 'inline';
    if (typeof inline.type === 'string') result.componentType = inline.type.trim().toLowerCase();
    if (componentIdentityRaw === undefined && inline.identity !== undefined) {
      componentIdentityRaw = inline.identity;
      componentIdentityPath = [...path, 'component', 'identity'];
    }
  } else if (component !== undefined && component !== null) {
    r.ctx.error(
      [...path, 'component'],
      `expected a component reference or an inline component, found ${describeFound(component)}`,
    );
  }
  const componentType = r.ctx.str(obj, 'component_type', path);
  if (componentType !== undefined) result.componentType = componentType.trim().toLowerCase();
  if (componentIdentityRaw !== undefined && componentIdentityRaw !== null)
    result.componentIdentity = jobIdentity(r, componentIdentityRaw, componentIdentityPath);
  const environment = readEnvironment(r.ctx, obj.environment, [...path, 'environment'], { strict: true });
  if (environment !== undefined) result.environment = environment;
  return result;
}

const job = declare<Job>({
  section: 'jobs',
  collection: 'jobs',
  placement: { in: 'workspace', kind: 'job' },
  defaults: () => ({
    jobType: 'command' as const,
    identity: { type: 'unset' as const },
    inputs: [] as JobDataBinding[],
    outputs: [] as JobDataBinding[],
    steps: [] as JobStep[],
  }),
  fields: [
    choice('type', ['command', 'pipeline', 'sweep', 'spark'], { to: 'jobType' }),
    (r, entity, obj, path) => {
      const found = jobCompute(r, obj, path, entity.workspace);
      if (found !== undefined) entity.compute = found;
      entity.identity = jobIdentity(r, obj.identity, [...path, 'identity']);
      entity.inputs = bindings(r, obj.inputs, [...path, 'inputs'], entity.workspace);
      entity.outputs = bindings(r, obj.outputs, [...path, 'outputs'], entity.workspace);
      const environment = readEnvironment(r.ctx, obj.environment, [...path, 'environment'], { strict: true });
      if (environment !== undefined) entity.environment = environment;
    },
    reference('submitted_by'),
    choice('submitted_from', ['cli', 'sdk', 'studio']),
    (r, entity, obj, path) => {
      const steps = r.ctx.map(obj.jobs, [...path, 'jobs'], 'a mapping of step names to steps');
      if (!steps) return;
      if (entity.jobType !== 'pipeline')
        r.ctx.warn(
          [...path, 'jobs'],
          `only pipeline jobs have steps, and this job's type is \`${entity.jobType}\``,
          {
            target: 'key',
          },
        );
      for (const [stepName, rawStep] of Object.entries(steps)) {
        const read = step(r, stepName, rawStep, [...path, 'jobs', stepName], entity.workspace);
        if (read) entity.steps.push(read);
      }
    },
  ],
});

/** Declarations of a workspace's children, in the order they are read (what others refer to first). */
export const WORKLOAD_DECLARATIONS: readonly EntityDeclaration[] = [
  compute,
  onlineEndpoint,
  onlineDeployment,
  datastore,
  connection,
  job,
];
