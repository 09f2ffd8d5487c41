import { computeTypeFrom } from '../../model/compute-kinds';
import { isGuid } from '../../model/ids';
import type { EntityKind, Workspace } from '../../model/types';
import type { FragmentBuilder } from '../core/fragment';
import { readIdentity } from '../core/azure/identity';
import { credentialKindAt, warnAboutSecrets } from '../core/azure/resources';
import { fold, isRec, type Obj } from '../core/azure/values';
import { KIND_LABELS } from '../core/kinds';
import { isSecretKey, redactEnvironmentVariables, secretFieldsIn } from '../secrets';
import { quote } from '../core/source';

/**
 * `az ml ... show` / `list` output (CLI v2, snake_case; fact sheet section 5). Workspace children are placed
 * by their ARM id, which the CLI always prints; the workspace they name becomes a stub until its own
 * `az ml workspace show` is read.
 */

const PUBLIC_ACCESS = ['Enabled', 'Disabled'] as const;

function ref(b: FragmentBuilder, o: Obj, kind: EntityKind, key: string) {
  const value = o.str(key);
  if (value === undefined) return undefined;
  return b.resource(kind, value, o.at(key), { stub: true })?.id;
}

/** `az ml workspace show` / `list` entries. */
export function readMlWorkspace(b: FragmentBuilder, o: Obj, idText: string): void {
  const ws = b.resource('workspace', idText, o.locOf('id'));
  if (!ws) return;
  ws.source = b.source(o.at());
  b.set(ws, 'location', o.str('location'), o.locOf('location'));
  b.set(ws, 'description', o.text('description'), o.locOf('description'));
  b.set(ws, 'tags', o.tags(), o.locOf('tags'));
  b.set(
    ws,
    'workspaceKind',
    o.oneOf('kind', ['default', 'hub', 'project'] as const, { feature_store: 'default' }),
    o.locOf('kind'),
  );
  const identityBlock = o.child('identity');
  b.set(ws, 'identity', readIdentity(b, ws, identityBlock), o.locOf('identity'));
  b.set(
    ws,
    'tenantId',
    identityBlock?.guid('tenant_id', 'tenantId'),
    identityBlock?.locOf('tenant_id') ?? o.at(),
  );
  b.set(
    ws,
    'primaryUserAssignedIdentity',
    ref(b, o, 'userAssignedIdentity', 'primary_user_assigned_identity'),
    o.locOf('primary_user_assigned_identity'),
  );
  b.set(ws, 'storageAccount', ref(b, o, 'storageAccount', 'storage_account'), o.locOf('storage_account'));
  b.set(ws, 'keyVault', ref(b, o, 'keyVault', 'key_vault'), o.locOf('key_vault'));
  b.set(
    ws,
    'containerRegistry',
    ref(b, o, 'containerRegistry', 'container_registry'),
    o.locOf('container_registry'),
  );
  b.set(
    ws,
    'applicationInsights',
    ref(b, o, 'applicationInsights', 'application_insights'),
    o.locOf('application_insights'),
  );
  b.set(
    ws,
    'publicNetworkAccess',
    o.oneOf('public_network_access', PUBLIC_ACCESS),
    o.locOf('public_network_access'),
  );
  b.set(
    ws,
    'systemDatastoresAuthMode',
    o.oneOf('system_datastores_auth_mode', ['accesskey', 'identity'] as const),
    o.locOf('system_datastores_auth_mode'),
  );
  const network = o.child('managed_network');
  const isolation = network?.oneOf('isolation_mode', [
    'disabled',
    'allow_internet_outbound',
    'allow_only_approved_outbound',
  ] as const);
  if (network && isolation !== undefined)
    b.set(ws, 'managedNetwork', { isolationMode: isolation }, network.locOf('isolation_mode'));
  const cmk = o.child('customer_managed_key');
  const vault = cmk ? ref(b, cmk, 'keyVault', 'key_vault') : undefined;
  if (cmk && vault !== undefined) {
    const value: NonNullable<Workspace['customerManagedKey']> = { keyVault: vault };
    const keyUri = cmk.str('key_uri');
    if (keyUri !== undefined) value.keyUri = keyUri;
    const uai = ref(b, cmk, 'userAssignedIdentity', 'user_assigned_identity');
    if (uai !== undefined) value.userAssignedIdentity = uai;
    b.set(ws, 'customerManagedKey', value, cmk.at());
  }
  b.set(ws, 'imageBuildCompute', o.str('image_build_compute'), o.locOf('image_build_compute'));
  b.set(
    ws,
    'allowRoleAssignmentOnRg',
    o.bool('allow_roleassignment_on_rg'),
    o.locOf('allow_roleassignment_on_rg'),
  );
  b.set(ws, 'enableDataIsolation', o.bool('enable_data_isolation'), o.locOf('enable_data_isolation'));
  b.set(ws, 'createdOn', o.date('created_on', 'creation_time'), o.locOf('created_on', 'creation_time'));
  b.set(ws, 'hub', ref(b, o, 'workspace', 'hub_id'), o.locOf('hub_id'));
}

/** `az ml compute show` / `list` entries. */
export function readMlCompute(b: FragmentBuilder, o: Obj, idText: string): void {
  const typeText = o.str('type');
  const type = typeText === undefined ? undefined : computeTypeFrom(typeText);
  if (type === undefined) {
    b.skip(
      'compute',
      `compute ${quote(o.str('name') ?? idText)} of type ${quote(typeText ?? '?')} (not modelled)`,
      o.at(),
    );
    return;
  }
  const compute = b.resource('compute', idText, o.locOf('id'));
  if (!compute) return;
  compute.source = b.source(o.at());
  b.set(compute, 'computeType', type, o.locOf('type'));
  b.set(compute, 'description', o.text('description'), o.locOf('description'));
  b.set(compute, 'tags', o.tags(), o.locOf('tags'));
  // A compute printed without `identity` has none (clusters and instances default to no managed identity).
  b.set(
    compute,
    'identity',
    readIdentity(b, compute, o.child('identity')) ?? { system: false, userAssigned: [] },
    o.locOf('identity'),
  );
  b.set(compute, 'size', o.str('size'), o.locOf('size'));
  b.set(compute, 'createdOn', o.date('created_on'), o.locOf('created_on'));
  b.set(
    compute,
    'idleTimeBeforeShutdown',
    o.str('idle_time_before_shutdown', 'idle_time_before_shutdown_minutes'),
    o.locOf('idle_time_before_shutdown', 'idle_time_before_shutdown_minutes'),
  );
  b.set(compute, 'disableLocalAuth', o.bool('disable_local_auth'), o.locOf('disable_local_auth'));
  const network = o.child('network_settings');
  b.set(compute, 'subnet', network?.str('subnet'), network?.locOf('subnet') ?? o.at());
  const onBehalf = o.child('create_on_behalf_of');
  const objectId = onBehalf?.guid('user_object_id');
  if (onBehalf && objectId !== undefined)
    b.set(
      compute,
      'assignedUser',
      b.principal('user', { objectId }, onBehalf.locOf('user_object_id'), { stub: true }).id,
      onBehalf.locOf('user_object_id'),
    );
  const target = o.str('resource_id');
  if (type === 'kubernetes' && target !== undefined) {
    const cluster = b.anyResource(target, o.at('resource_id'));
    if (cluster?.kind === 'aksCluster')
      b.set(cluster, 'attachedWorkspace', compute.workspace, o.at('resource_id'));
  }
}

/** `az ml online-endpoint show` / `list` entries. */
export function readMlEndpoint(b: FragmentBuilder, o: Obj, idText: string): void {
  const endpoint = b.resource('onlineEndpoint', idText, o.locOf('id'));
  if (!endpoint) return;
  endpoint.source = b.source(o.at());
  b.set(endpoint, 'description', o.text('description'), o.locOf('description'));
  b.set(endpoint, 'tags', o.tags(), o.locOf('tags'));
  b.set(
    endpoint,
    'authMode',
    o.oneOf('auth_mode', ['key', 'aml_token', 'aad_token'] as const),
    o.locOf('auth_mode'),
  );
  // An endpoint always has an identity; az ml prints none only when it is the default system-assigned one.
  b.set(endpoint, 'identity', readIdentity(b, endpoint, o.child('identity')), o.locOf('identity'));
  const kindText = o.str('kind');
  if (kindText !== undefined)
    b.set(
      endpoint,
      'endpointKind',
      /k8s|kubernetes/i.test(kindText) ? 'kubernetes' : 'managed',
      o.locOf('kind'),
    );
  b.set(
    endpoint,
    'publicNetworkAccess',
    o.oneOf('public_network_access', PUBLIC_ACCESS),
    o.locOf('public_network_access'),
  );
  const compute = o.str('compute');
  if (compute !== undefined) {
    const name = compute.replace(/^azureml:/i, '');
    const target = b.resource(
      'compute',
      name.startsWith('/') ? name : `${endpoint.workspace}/computes/${name}`,
      o.at('compute'),
      { stub: true },
    );
    if (target) {
      b.set(target, 'computeType', 'kubernetes', o.at('compute'));
      b.set(endpoint, 'compute', target.id, o.at('compute'));
      b.set(endpoint, 'endpointKind', 'kubernetes', o.at('compute'));
    }
  }
  const properties = o.child('properties');
  if (properties) {
    const flag = properties.value('enforce_access_to_default_secret_stores');
    if (typeof flag === 'boolean' || typeof flag === 'string')
      b.set(
        endpoint,
        'enforceAccessToDefaultSecretStores',
        flag === true || (typeof flag === 'string' && fold(flag) === 'enabled'),
        properties.at('enforce_access_to_default_secret_stores'),
      );
    const createdBy = properties.str('createdBy');
    if (createdBy !== undefined && isGuid(createdBy))
      b.set(
        endpoint,
        'createdBy',
        b.principalByObjectId(createdBy, properties.at('createdBy')),
        properties.at('createdBy'),
      );
    b.set(endpoint, 'createdOn', properties.date('createdAt'), properties.locOf('createdAt'));
  }
}

/** `az ml online-deployment show` / `list` entries. */
export function readMlDeployment(b: FragmentBuilder, o: Obj, idText: string): void {
  const deployment = b.resource('onlineDeployment', idText, o.locOf('id'));
  if (!deployment) return;
  deployment.source = b.source(o.at());
  b.set(deployment, 'description', o.text('description'), o.locOf('description'));
  b.set(deployment, 'tags', o.tags(), o.locOf('tags'));
  const variables = o.child('environment_variables');
  if (variables) {
    const result = redactEnvironmentVariables(variables.raw);
    for (const name of result.redacted)
      variables.ctx.warn(
        variables.at(name).path,
        `environment variable \`${name}\` looks like it holds a secret; its value was dropped. Use a \`\${{...}}\` reference instead`,
      );
    b.set(deployment, 'environmentVariables', result.variables, variables.at());
  }
  const environment = o.value('environment');
  const image =
    o.text('image') ??
    (isRec(environment) && typeof environment.image === 'string' ? environment.image : undefined);
  b.set(deployment, 'image', image, o.locOf('image', 'environment'));
  const model = o.value('model');
  const modelName =
    typeof model === 'string'
      ? model
      : isRec(model) && typeof (model.name ?? model.path) === 'string'
        ? String(model.name ?? model.path)
        : undefined;
  b.set(deployment, 'model', modelName, o.locOf('model'));
}

/** `az ml datastore show` / `list` entries. */
export function readMlDatastore(b: FragmentBuilder, o: Obj, idText: string): void {
  const datastore = b.resource('datastore', idText, o.locOf('id'));
  if (!datastore) return;
  datastore.source = b.source(o.at());
  b.set(datastore, 'description', o.text('description'), o.locOf('description'));
  b.set(datastore, 'tags', o.tags(), o.locOf('tags'));
  b.set(
    datastore,
    'datastoreType',
    o.oneOf('type', ['azure_blob', 'azure_data_lake_gen1', 'azure_data_lake_gen2', 'azure_file'] as const),
    o.locOf('type'),
  );
  b.set(datastore, 'accountName', o.str('account_name', 'store_name'), o.locOf('account_name', 'store_name'));
  b.set(
    datastore,
    'containerName',
    o.str('container_name', 'filesystem', 'file_share_name'),
    o.locOf('container_name', 'filesystem', 'file_share_name'),
  );
  const credentials = o.child('credentials');
  const kind = credentialKindAt(credentials);
  b.set(datastore, 'credentialKind', kind, o.locOf('credentials'));
  const clientId = credentials?.guid('client_id');
  if (credentials && kind === 'service_principal' && clientId !== undefined)
    b.set(
      datastore,
      'credentialPrincipal',
      b.principal('servicePrincipal', { appId: clientId, name: clientId }, credentials.at('client_id'), {
        stub: true,
      }).id,
      credentials.at('client_id'),
    );
  b.set(
    datastore,
    'serviceDataAccessAuthIdentity',
    o.oneOf('service_data_access_auth_identity', [
      'None',
      'WorkspaceSystemAssignedIdentity',
      'WorkspaceUserAssignedIdentity',
    ] as const),
    o.locOf('service_data_access_auth_identity'),
  );
  b.set(datastore, 'isDefault', o.bool('is_default'), o.locOf('is_default'));
}

/** `az ml connection show` / `list` entries. */
export function readMlConnection(b: FragmentBuilder, o: Obj, idText: string): void {
  const connection = b.resource('connection', idText, o.locOf('id'));
  if (!connection) return;
  connection.source = b.source(o.at());
  b.set(connection, 'description', o.text('description'), o.locOf('description'));
  b.set(connection, 'tags', o.tags(), o.locOf('tags'));
  b.set(connection, 'connectionType', o.str('type'), o.locOf('type'));
  b.set(connection, 'target', o.text('target'), o.locOf('target'));
  const credentials = o.child('credentials');
  let kind = credentials ? credentialKindAt(credentials) : undefined;
  if (credentials && kind === 'managed_identity') {
    const resourceId = credentials.str('resource_id');
    const uai =
      resourceId !== undefined
        ? b.resource('userAssignedIdentity', resourceId, credentials.at('resource_id'), { stub: true })
        : undefined;
    const clientId = credentials.guid('client_id');
    if (uai) {
      if (clientId !== undefined) b.set(uai, 'clientId', clientId, credentials.at('client_id'));
      b.set(connection, 'identity', uai.id, credentials.at('resource_id'));
    }
  }
  // Some connection types carry their key at the top (`api_key: ...`) rather than under `credentials`.
  for (const key of Object.keys(o.raw)) {
    if (key === 'credentials' || !isSecretKey(key)) continue;
    kind ??= key === 'api_key' ? 'api_key' : 'custom';
    if (secretFieldsIn({ [key]: o.raw[key] }).length > 0)
      o.ctx.warn(
        o.at(key).path,
        `\`${key}\` holds a credential value; it was dropped (only the kind of credential is kept)`,
      );
  }
  const metadata = o.child('metadata');
  if (metadata) warnAboutSecrets(metadata);
  b.set(connection, 'credentialKind', kind, o.locOf('credentials'));
}

/** Dispatches an az ml object by the kind its id names. */
export function readMlObject(b: FragmentBuilder, o: Obj, idText: string, kind: EntityKind): void {
  switch (kind) {
    case 'workspace':
      return readMlWorkspace(b, o, idText);
    case 'compute':
      return readMlCompute(b, o, idText);
    case 'onlineEndpoint':
      return readMlEndpoint(b, o, idText);
    case 'onlineDeployment':
      return readMlDeployment(b, o, idText);
    case 'datastore':
      return readMlDatastore(b, o, idText);
    case 'connection':
      return readMlConnection(b, o, idText);
    default:
      b.skip(
        KIND_LABELS[kind],
        `${KIND_LABELS[kind]} ${quote(o.str('name') ?? idText)} (az ml output for it is not read)`,
        o.at(),
      );
  }
}
