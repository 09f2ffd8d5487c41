import { computeTypeFrom } from '../../model/compute-kinds';
import type { ComputeType } from '../../model/types';

/**
 * Which az ml v2 document a parsed YAML document is. The `$schema` URL decides when there is one (its last path
 * segment names the kind: `.../latest/amlCompute.schema.json`); otherwise the shape does, the way `az ml` itself
 * is told by the command (`az ml compute create`) rather than by the file. Kinds the estate model has no place
 * for are recognised all the same, so that they can be skipped with a note instead of being mistaken for
 * something else.
 */

/** A document kind the reader turns into entities. */
export type ModelledKind =
  | { kind: 'workspace' }
  | { kind: 'compute'; computeType: ComputeType }
  | { kind: 'onlineEndpoint'; endpointKind?: 'managed' | 'kubernetes' }
  | { kind: 'onlineDeployment'; endpointKind?: 'managed' | 'kubernetes' }
  | { kind: 'datastore' }
  | { kind: 'connection' }
  | { kind: 'job'; jobType: 'command' | 'pipeline' | 'sweep' | 'spark' }
  | { kind: 'component' }
  | { kind: 'environment' };

/** A document kind that is recognised and skipped, with the reason given to the user. */
export interface SkippedKind {
  kind: 'skip';
  /** Short kind name for the skipped list (`environment`, `model`, `batchEndpoint`...). */
  what: string;
  note: string;
}

export type DocumentKind = ModelledKind | SkippedKind;

const SKIP_NOTES = {
  model: 'a model asset; models carry no identity or access settings',
  data: 'a data asset; the datastore it points into is what access depends on',
  component:
    'a component; it is read when a pipeline step of the same import refers to its file, for its environment',
  batchEndpoint: 'a batch endpoint; only online endpoints are modelled so far',
  batchDeployment: 'a batch deployment; only online deployments are modelled so far',
  schedule: 'a schedule; the job it creates is what runs with an identity',
  registry: 'an Azure ML registry; registries are not modelled yet',
  conda: 'a conda environment file; it lists packages and no access settings',
  featureStore: 'a feature store or feature set; these are not modelled yet',
  modelPackage: 'a model package specification; it builds an environment and grants no access by itself',
  automlJob: 'an AutoML job; only command, pipeline, sweep and Spark jobs are modelled',
  parallelJob: 'a parallel job; only command, pipeline, sweep and Spark jobs are modelled',
  datastore:
    'a datastore type the model has no place for (only azure_blob, azure_file and Data Lake Gen1/Gen2 are)',
  serverlessEndpoint: 'a serverless (model-as-a-service) endpoint or marketplace subscription; not modelled',
  index: 'an index or prompt-flow asset; not modelled',
  unknown: 'not an az ml v2 document this reader knows',
} as const satisfies Record<string, string>;

function skip(what: keyof typeof SKIP_NOTES, detail?: string): SkippedKind {
  return {
    kind: 'skip',
    what,
    note: detail !== undefined ? `${SKIP_NOTES[what]} (${detail})` : SKIP_NOTES[what],
  };
}

/** The kind named by a `$schema` URL's last segment, lower-cased and without `.schema.json`. */
const SCHEMA_KINDS: Record<string, DocumentKind> = {
  workspace: { kind: 'workspace' },
  amlcompute: { kind: 'compute', computeType: 'amlcompute' },
  computeinstance: { kind: 'compute', computeType: 'computeinstance' },
  kubernetescompute: { kind: 'compute', computeType: 'kubernetes' },
  managedonlineendpoint: { kind: 'onlineEndpoint', endpointKind: 'managed' },
  kubernetesonlineendpoint: { kind: 'onlineEndpoint', endpointKind: 'kubernetes' },
  managedonlinedeployment: { kind: 'onlineDeployment', endpointKind: 'managed' },
  kubernetesonlinedeployment: { kind: 'onlineDeployment', endpointKind: 'kubernetes' },
  azureblob: { kind: 'datastore' },
  azuredatalakegen1: { kind: 'datastore' },
  azuredatalakegen2: { kind: 'datastore' },
  azurefile: { kind: 'datastore' },
  commandjob: { kind: 'job', jobType: 'command' },
  pipelinejob: { kind: 'job', jobType: 'pipeline' },
  sweepjob: { kind: 'job', jobType: 'sweep' },
  sparkjob: { kind: 'job', jobType: 'spark' },
  commandcomponent: { kind: 'component' },
  pipelinecomponent: { kind: 'component' },
  sparkcomponent: { kind: 'component' },
  parallelcomponent: { kind: 'component' },
  environment: { kind: 'environment' },
  model: skip('model'),
  data: skip('data'),
  mltable: skip('data'),
  batchendpoint: skip('batchEndpoint'),
  batchdeployment: skip('batchDeployment'),
  modelbatchdeployment: skip('batchDeployment'),
  pipelinecomponentbatchdeployment: skip('batchDeployment'),
  schedule: skip('schedule'),
  registry: skip('registry'),
  featureset: skip('featureStore'),
  featurestore: skip('featureStore'),
  featurestoreentity: skip('featureStore'),
  modelversionpackage: skip('modelPackage'),
  vmcompute: { kind: 'compute', computeType: 'virtualmachine' },
  synapsesparkcompute: { kind: 'compute', computeType: 'synapsespark' },
  automljob: skip('automlJob'),
  parallel: skip('parallelJob'),
  paralleljob: skip('parallelJob'),
  onelake: skip('datastore', 'OneLake'),
  serverlessendpoint: skip('serverlessEndpoint'),
  marketplacesubscription: skip('serverlessEndpoint'),
  index: skip('index'),
};

/** Hosts that serve az ml schemas (and the SDK's own made-up URLs such as `http://azureml/sdk-2-0/...`). */
const SCHEMA_URL = /^(https?:\/\/)?[^/]*(azureml|azuremlschemas|azuremlsdk2)[^/]*\//i;

/** The normalised last segment of a schema URL: `AmlCompute.schema.json` becomes `amlcompute`. */
export function schemaName(url: string): string {
  const last =
    url
      .trim()
      .split(/[/?#]/)
      .filter((part) => part !== '')
      .pop() ?? '';
  return last
    .replace(/\.json$/i, '')
    .replace(/\.schema$/i, '')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();
}

const DATASTORE_TYPES = new Set(['azureblob', 'azuredatalakegen1', 'azuredatalakegen2', 'azurefile']);
const JOB_TYPES = { command: 'command', pipeline: 'pipeline', sweep: 'sweep', spark: 'spark' } as const;
const DATA_TYPES = new Set(['urifile', 'urifolder', 'mltable']);
const MODEL_TYPES = new Set(['custommodel', 'mlflowmodel', 'tritonmodel']);
/** Connection types from the az ml docs and the SDK's connection classes. */
const CONNECTION_TYPES = new Set([
  'git',
  'pythonfeed',
  'containerregistry',
  'featurestore',
  's3',
  'snowflake',
  'azuresqldb',
  'azuresynapseanalytics',
  'azuremysqldb',
  'azurepostgresdb',
  'adlsgen2',
  'azureonelake',
  'microsoftonelake',
  'custom',
  'customkeys',
  'azureopenai',
  'openai',
  'azureaiservices',
  'azureaisearch',
  'cognitivesearch',
  'cognitiveservice',
  'serp',
  'serverless',
  'apikey',
  'azurecontentsafety',
  'azurespeechservices',
]);
/** Fields only a workspace has; one of them (with a name) is enough to tell a workspace without `$schema`. */
const WORKSPACE_FIELDS = [
  'storage_account',
  'key_vault',
  'container_registry',
  'application_insights',
  'managed_network',
  'hbi_workspace',
  'primary_user_assigned_identity',
  'image_build_compute',
  'customer_managed_key',
  'system_datastores_auth_mode',
  'enable_data_isolation',
  'allow_roleassignment_on_rg',
  'discovery_url',
  'mlflow_tracking_uri',
  'hub_id',
  'serverless_compute',
];
const BATCH_DEPLOYMENT_FIELDS = [
  'mini_batch_size',
  'output_action',
  'output_file_name',
  'error_threshold',
  'logging_level',
  'max_concurrency_per_instance',
  'retry_settings',
  'compute',
];

function fold(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase().replace(/[^a-z0-9]/g, '') : '';
}

/**
 * Classifies one parsed document. `$schema` wins when it names a kind this reader knows; an unknown az ml schema
 * is skipped with its name in the note. Without `$schema`, the fields decide.
 */
export function classifyDocument(value: unknown): DocumentKind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return skip('unknown');
  const doc = value as Record<string, unknown>;
  const schema = doc.$schema;
  if (typeof schema === 'string' && schema.trim() !== '') {
    const name = schemaName(schema);
    const known = SCHEMA_KINDS[name];
    if (known) return refineBySchema(known, doc);
    if (name.includes('connection')) return { kind: 'connection' };
    if (SCHEMA_URL.test(schema.trim())) return skip('unknown', `schema \`${name}\``);
  }
  return classifyByShape(doc);
}

/** A schema can be shared by kinds the model tells apart (a compute schema used for an attached type). */
function refineBySchema(kind: DocumentKind, doc: Record<string, unknown>): DocumentKind {
  if (kind.kind === 'compute') {
    const computeType = typeof doc.type === 'string' ? computeTypeFrom(doc.type) : undefined;
    if (computeType !== undefined) return { kind: 'compute', computeType };
  }
  return kind;
}

function classifyByShape(doc: Record<string, unknown>): DocumentKind {
  const has = (key: string) => doc[key] !== undefined;
  const type = fold(doc.type);

  // Deployments first: a Kubernetes deployment also says `type: kubernetes`, like a Kubernetes compute.
  if (has('endpoint_name')) {
    if (BATCH_DEPLOYMENT_FIELDS.some(has) || type === 'model' || type === 'pipeline' || type === 'component')
      return skip('batchDeployment');
    return {
      kind: 'onlineDeployment',
      ...(type === 'kubernetes' ? { endpointKind: 'kubernetes' as const } : {}),
    };
  }
  if (type !== '') {
    const computeType = computeTypeFrom(type);
    if (computeType !== undefined) {
      if (has('model') || has('code_configuration') || has('instance_count') || has('scale_settings'))
        return { kind: 'onlineDeployment', endpointKind: 'kubernetes' };
      return { kind: 'compute', computeType };
    }
    const jobType = JOB_TYPES[type as keyof typeof JOB_TYPES];
    if (jobType !== undefined) {
      // A component has a version and no run-time settings; a job never has a version.
      if (has('version') || has('is_deterministic')) return { kind: 'component' };
      return { kind: 'job', jobType };
    }
    if (type === 'automl') return skip('automlJob');
    if (type === 'parallel') return has('version') ? { kind: 'component' } : skip('parallelJob');
    if (DATASTORE_TYPES.has(type)) {
      // A blob or Data Lake connection shares the type name but points at a URL instead of an account.
      if (has('target') || has('url')) return { kind: 'connection' };
      return { kind: 'datastore' };
    }
    if (type === 'onelake') return skip('datastore', 'OneLake');
    if (DATA_TYPES.has(type)) return skip('data');
    if (MODEL_TYPES.has(type)) return skip('model');
    if (CONNECTION_TYPES.has(type) || has('target') || isCredentialsBlock(doc.credentials))
      return { kind: 'connection' };
  }
  // A deployment whose endpoint comes from `--endpoint-name` on the command line.
  if (
    (has('model') || has('code_configuration')) &&
    [
      'instance_type',
      'instance_count',
      'scale_settings',
      'request_settings',
      'liveness_probe',
      'environment_variables',
    ].some(has)
  )
    return { kind: 'onlineDeployment' };
  if (has('auth_mode') || has('traffic') || has('mirror_traffic') || has('scoring_uri')) {
    if (has('defaults')) return skip('batchEndpoint');
    return { kind: 'onlineEndpoint', ...(has('compute') ? { endpointKind: 'kubernetes' as const } : {}) };
  }
  if (
    WORKSPACE_FIELDS.some(has) ||
    ((fold(doc.kind) === 'hub' || fold(doc.kind) === 'project') && has('name'))
  )
    return { kind: 'workspace' };
  if (has('replication_locations') || has('intellectual_property')) return skip('registry');
  if (has('trigger') && (has('create_job') || has('create_monitor'))) return skip('schedule');
  if (Array.isArray(doc.dependencies) && (has('channels') || has('name') || Object.keys(doc).length === 1))
    return skip('conda');
  if (has('target_environment') || has('inferencing_server')) return skip('modelPackage');
  if ((has('image') || has('build') || has('conda_file')) && !has('command')) return { kind: 'environment' };
  if (has('command') && (has('environment') || has('code'))) {
    if (has('version')) return { kind: 'component' };
    return { kind: 'job', jobType: 'command' };
  }
  if (has('jobs') && typeof doc.jobs === 'object') return { kind: 'job', jobType: 'pipeline' };
  if (has('path') && has('name') && has('version')) return skip('model');
  return skip('unknown');
}

function isCredentialsBlock(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value;
}

// ---------------------------------------------------------------------------------------------------
// Detection on raw text

/** Top-level keys that only native estate files have (their sections are plural lists). */
const NATIVE_SECTIONS =
  /^(management_groups|subscriptions|resource_groups|workspaces|storage_accounts|key_vaults|container_registries|computes|online_endpoints|online_deployments|datastores|connections|users|groups|service_principals|user_assigned_identities|role_assignments|role_definitions|deny_assignments|aks_clusters)\s*:/m;

/** Top-level keys that give an az ml file away even without `$schema`. */
const AZML_KEYS =
  /^(endpoint_name|auth_mode|storage_account|key_vault|managed_network|hbi_workspace|primary_user_assigned_identity|image_build_compute|customer_managed_key|system_datastores_auth_mode|replication_locations|conda_file|code_configuration|instance_type|account_name|store_name|container_name|file_share_name|filesystem|command|trial|search_space|target_environment|inferencing_server)\s*:/m;

const AZML_TYPES =
  /^type\s*:\s*["']?(amlcompute|computeinstance|kubernetes|virtualmachine|synapsespark|command|pipeline|sweep|spark|automl|parallel|azure_blob|azure_file|azure_data_lake_gen1|azure_data_lake_gen2|uri_file|uri_folder|mltable|custom_model|mlflow_model|triton_model|git|python_feed|container_registry|s3|snowflake|azure_sql_db|azure_open_ai|custom)\b/im;

/**
 * Tells an az ml v2 YAML file from the other inputs (native estates, JSON exports) by its text alone, so that it
 * also answers for files that do not parse (a template with `{{ACR_NAME}}` still says `$schema`). JSON text is
 * left to the JSON readers; a native estate (plural top-level sections such as `workspaces:` or
 * `role_assignments:`) is never claimed.
 */
export function isAzureMlYaml(text: string): boolean {
  const first = text.search(/\S/);
  if (first < 0) return false;
  if (text[first] === '{' || text[first] === '[') return false;
  // Only the first part of a large file is looked at: az ml files say what they are near the top.
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text;
  if (/^\$schema\s*:\s*["']?(https?:\/\/)?[^/\s]*(azureml|azuremlschemas|azuremlsdk2)/im.test(head))
    return true;
  if (NATIVE_SECTIONS.test(head)) return false;
  if (AZML_TYPES.test(head) || AZML_KEYS.test(head)) return true;
  // A conda environment file: `dependencies:` with `channels:` or a `name:` beside it.
  return /^dependencies\s*:/m.test(head) && /^(channels|name)\s*:/m.test(head);
}
