import type { CredentialKind, DatastoreType } from '../../../model/types';
import { describeFound, type Path, type ReadContext, type Rec } from '../context';
import {
  CREDENTIAL_KINDS,
  credentialKindOf,
  isSecretKey,
  redactEnvironmentVariables,
  REDACTED,
  secretFieldsIn,
} from '../../secrets';

/** The datastore types the estate models, with the spellings of `az ml datastore show` beside the YAML ones. */
export const DATASTORE_TYPES = [
  'azure_blob',
  'azure_data_lake_gen1',
  'azure_data_lake_gen2',
  'azure_file',
] as const satisfies readonly DatastoreType[];

export const DATASTORE_TYPE_ALIASES: Readonly<Record<string, DatastoreType>> = {
  AzureBlob: 'azure_blob',
  AzureDataLakeGen1: 'azure_data_lake_gen1',
  AzureDataLakeGen2: 'azure_data_lake_gen2',
  AzureFile: 'azure_file',
};

/** Who a datastore's data access goes through when Azure ML itself reads it (`service_data_access_auth_identity`). */
export const SERVICE_DATA_ACCESS_IDENTITIES = [
  'None',
  'WorkspaceSystemAssignedIdentity',
  'WorkspaceUserAssignedIdentity',
] as const;

/** Where a datastore keeps its data, in the order a file may name it. */
export const CONTAINER_FIELDS = ['container_name', 'filesystem', 'file_share_name'] as const;

/**
 * The kind of a `credentials:` mapping of a datastore or connection. Its values are never kept: every secret in
 * it is warned about. Undefined (reported) when the kind cannot be told.
 */
export function readCredentialKind(ctx: ReadContext, obj: Rec, path: Path): CredentialKind | undefined {
  const kind = credentialKindOf(obj);
  if (kind === undefined) {
    const typeKey = obj.type !== undefined ? 'type' : 'credentialsType';
    ctx.error(
      [...path, typeKey],
      `expected one of ${CREDENTIAL_KINDS.map((k) => `\`${k}\``).join(', ')} for the credential type, found ${describeFound(obj[typeKey])}`,
    );
    return undefined;
  }
  for (const field of secretFieldsIn(obj)) {
    ctx.warn(
      [...path, field],
      `\`${field}\` holds a secret value; it was not kept (only the credential kind is). Replace it with \`${REDACTED}\` before sharing this file`,
      { target: 'key' },
    );
  }
  return kind;
}

/**
 * Some connection files carry the key at the top (`api_key: ...`) instead of under `credentials`: such a key
 * says what kind of credential the connection has when `credentials` does not, and a real value is warned about.
 */
export function readTopLevelSecrets(
  ctx: ReadContext,
  obj: Rec,
  path: Path,
  kind: CredentialKind,
): CredentialKind {
  let result = kind;
  for (const key of Object.keys(obj)) {
    if (key === 'credentials' || !isSecretKey(key)) continue;
    if (result === 'none') result = key === 'api_key' ? 'api_key' : 'custom';
    const value = obj[key];
    if (typeof value === 'string' && secretFieldsIn({ [key]: value }).length > 0)
      ctx.warn(
        [...path, key],
        `\`${key}\` holds a secret value; it was not kept. Replace it with \`${REDACTED}\` before sharing this file`,
        { target: 'key' },
      );
  }
  return result;
}

/** An online deployment's environment variables, with the values that look secret dropped (and warned about). */
export function readDeploymentVariables(
  ctx: ReadContext,
  obj: Rec,
  path: Path,
): Record<string, string> | undefined {
  const variables = ctx.map(obj.environment_variables, [...path, 'environment_variables']);
  if (!variables) return undefined;
  const result = redactEnvironmentVariables(variables);
  for (const name of result.redacted)
    ctx.warn(
      [...path, 'environment_variables', name],
      `environment variable \`${name}\` looks like it holds a secret; its value was dropped. Use a \`\${{...}}\` reference instead`,
      { target: 'key' },
    );
  return result.variables;
}

/** An online deployment's image (its own, or its inline environment's) and model (a name, a path or a mapping). */
export function readDeploymentImageAndModel(
  ctx: ReadContext,
  obj: Rec,
  path: Path,
): { image?: string; model?: string } {
  const out: { image?: string; model?: string } = {};
  let image = ctx.text(obj, 'image', path);
  const environment = obj.environment;
  if (
    image === undefined &&
    typeof environment === 'object' &&
    environment !== null &&
    !Array.isArray(environment)
  )
    image = ctx.text(environment as Rec, 'image', [...path, 'environment']);
  if (image !== undefined) out.image = image;
  const model = obj.model;
  const modelName =
    typeof model === 'object' && model !== null && !Array.isArray(model)
      ? (ctx.str(model as Rec, 'name', [...path, 'model']) ??
        ctx.str(model as Rec, 'path', [...path, 'model']))
      : ctx.text(obj, 'model', path);
  if (modelName !== undefined) out.model = modelName;
  return out;
}

/**
 * An endpoint's `properties.enforce_access_to_default_secret_stores` (an open bag in az ml; only this flag
 * matters to access). Undefined when the file does not say.
 */
export function readSecretStoreEnforcement(ctx: ReadContext, obj: Rec, path: Path): boolean | undefined {
  const properties = ctx.map(obj.properties, [...path, 'properties']);
  const flag = properties?.enforce_access_to_default_secret_stores;
  if (!properties || flag === undefined || flag === null) return undefined;
  if (typeof flag === 'boolean') return flag;
  const value = ctx.oneOf(properties, 'enforce_access_to_default_secret_stores', [...path, 'properties'], [
    'enabled',
    'disabled',
  ] as const);
  return value === 'enabled';
}
