import type { JobEnvironment, JobIdentityType } from '../../../model/types';
import { describeFound, type Path, type ReadContext, type Rec } from '../context';
import { REDACTED, sanitizeText } from '../../secrets';
import { datastoreOfBinding } from './references';

/** The fields of a job's `identity:` mapping that pick the user-assigned identity of `type: managed`. */
export const JOB_IDENTITY_SELECTORS = [
  'user_assigned_identity',
  'client_id',
  'object_id',
  'msi_resource_id',
  'resource_id',
] as const;

/** Every field a job's `identity:` mapping may carry. */
export const JOB_IDENTITY_FIELDS = [
  'type',
  'client_id',
  'object_id',
  'msi_resource_id',
  'resource_id',
  'user_assigned_identity',
] as const;

const JOB_IDENTITY_TYPES = ['user_identity', 'managed', 'aml_token'] as const;

/** The spellings az ml and the SDK's REST shapes use beside the YAML ones. */
const JOB_IDENTITY_ALIASES: Readonly<Record<string, JobIdentityType>> = {
  managed_identity: 'managed',
  UserIdentity: 'user_identity',
  AMLToken: 'aml_token',
};

/**
 * The type of a job's or step's `identity:` (a bare type or a mapping with `type`), and the mapping when there is
 * one, for the reader to take the identity's selectors from. Undefined when the identity is absent or unreadable
 * (reported). `checkFields` warns about fields no identity mapping has.
 */
export function readJobIdentityType(
  ctx: ReadContext,
  raw: unknown,
  path: Path,
  options: { checkFields: boolean },
): { type: JobIdentityType; obj?: Rec } | undefined {
  if (raw === undefined || raw === null) return undefined;
  let obj: Rec | undefined;
  let typeValue: unknown;
  if (typeof raw === 'string') typeValue = raw;
  else {
    obj = ctx.map(raw, path, 'an identity mapping (`type: user_identity | managed | aml_token`)');
    if (!obj) return undefined;
    if (options.checkFields) ctx.checkKeys(obj, path, JOB_IDENTITY_FIELDS);
    typeValue = obj.type;
  }
  if (typeValue === undefined || typeValue === null) {
    ctx.error(path, 'missing `type`: expected one of `user_identity`, `managed`, `aml_token`');
    return undefined;
  }
  const type = ctx.enumValue(
    typeValue,
    obj ? [...path, 'type'] : path,
    JOB_IDENTITY_TYPES,
    JOB_IDENTITY_ALIASES,
    'type',
  );
  if (type === undefined) return undefined;
  return obj ? { type, obj } : { type };
}

/** The fields of a binding that matter to access, and the az ml fields accepted without a warning. */
const BINDING_FIELDS = ['path', 'mode', 'datastore'];
const QUIET_BINDING_FIELDS = [
  'type',
  'description',
  'optional',
  'default',
  'name',
  'version',
  'path_on_compute',
];
/** The fields of an inline environment that matter to access, and the az ml fields accepted without a warning. */
const ENVIRONMENT_FIELDS = ['image', 'build', 'conda_file'];
const QUIET_ENVIRONMENT_FIELDS = [
  'name',
  'version',
  'description',
  'tags',
  'os_type',
  'inference_config',
  'dockerfile_path',
];

/** One data input or output of a job or step, as written; the datastore is still a name. */
export interface BindingMention {
  name: string;
  path?: string;
  mode?: string;
  /** The datastore named by the binding's `datastore` field or its `azureml://datastores/<name>` path. */
  datastore?: string;
  /** Where the binding is, and where its datastore is said (its `datastore` field, its path or itself). */
  at: Path;
  datastoreAt: Path;
}

/**
 * A job's or step's `inputs` or `outputs`: data bindings are kept, literal parameters (`learning_rate: 0.01`)
 * are not. `checkFields` warns about fields a binding does not have; `keepBareOutputs` keeps an output declared
 * without settings (`model_output:`), which az ml writes to the workspace's default datastore.
 */
export function readBindings(
  ctx: ReadContext,
  raw: unknown,
  path: Path,
  options: { checkFields: boolean; keepBareOutputs: boolean },
): BindingMention[] {
  const obj = ctx.map(raw, path, 'a mapping of names to inputs or outputs');
  if (!obj) return [];
  const out: BindingMention[] = [];
  for (const [name, value] of Object.entries(obj)) {
    const at = [...path, name];
    let binding: BindingMention | undefined;
    if (typeof value === 'string') {
      if (/:\/\//.test(value) || /^azureml:/i.test(value) || value.trim().startsWith('${{'))
        binding = { name, path: cleanPath(ctx, value, at), at, datastoreAt: at };
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const entry = value as Rec;
      if (entry.value !== undefined && entry.path === undefined) continue;
      if (options.checkFields) ctx.checkKeys(entry, at, BINDING_FIELDS, QUIET_BINDING_FIELDS);
      binding = { name, at, datastoreAt: at };
      const dataPath = ctx.str(entry, 'path', at);
      if (dataPath !== undefined) {
        binding.path = cleanPath(ctx, dataPath, [...at, 'path']);
        binding.datastoreAt = [...at, 'path'];
      }
      const mode = ctx.str(entry, 'mode', at);
      if (mode !== undefined) binding.mode = mode;
      const datastore = ctx.str(entry, 'datastore', at);
      if (datastore !== undefined) {
        binding.datastore = datastore;
        binding.datastoreAt = [...at, 'datastore'];
      }
    } else if (value === null && options.keepBareOutputs) binding = { name, at, datastoreAt: at };
    if (!binding) continue;
    const datastore = datastoreOfBinding(binding);
    if (datastore !== undefined) binding.datastore = datastore;
    out.push(binding);
  }
  return out;
}

/** A path with any SAS token or key in it replaced (and warned about). */
function cleanPath(ctx: ReadContext, value: string, path: Path): string {
  const clean = sanitizeText(value);
  if (clean.redacted)
    ctx.warn(path, `this path carried a SAS token or key; it was dropped and replaced by \`${REDACTED}\``);
  return clean.text;
}

/**
 * An inline environment's image and build (`conda_file` or a build context means Azure ML builds the image). A
 * registered environment (`azureml:...`) gives none. `strict` checks the fields and the native format's
 * `build: as_is | managed_build`; az ml files only ever give a build context there.
 */
export function readEnvironment(
  ctx: ReadContext,
  raw: unknown,
  path: Path,
  options: { strict: boolean },
): JobEnvironment | undefined {
  if (raw === undefined || raw === null || typeof raw === 'string') return undefined;
  const obj = ctx.map(
    raw,
    path,
    'an environment mapping (`image`, `conda_file`, `build`) or a registered environment name',
  );
  if (!obj) return undefined;
  if (options.strict) ctx.checkKeys(obj, path, ENVIRONMENT_FIELDS, QUIET_ENVIRONMENT_FIELDS);
  const image = ctx.text(obj, 'image', path);
  let build: JobEnvironment['build'] | undefined;
  if (!options.strict) {
    if (obj.build !== undefined && obj.build !== null) build = 'managed_build';
  } else if (typeof obj.build === 'string')
    build = ctx.oneOf(obj, 'build', path, ['as_is', 'managed_build'] as const);
  else if (typeof obj.build === 'object' && obj.build !== null) build = 'managed_build';
  else if (obj.build !== undefined && obj.build !== null)
    ctx.error(
      [...path, 'build'],
      `expected \`as_is\`, \`managed_build\` or a build context, found ${describeFound(obj.build)}`,
    );
  if (build === undefined && obj.conda_file !== undefined) build = 'managed_build';
  if (image === undefined && build === undefined) return undefined;
  const environment: JobEnvironment = { build: build ?? 'as_is' };
  if (image !== undefined) environment.image = image;
  return environment;
}
