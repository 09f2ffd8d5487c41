/**
 * The az ml v2 vocabulary that both the native estate format and az ml YAML files speak: asset and compute
 * references (`azureml:name@latest`), identity types, job identities, data bindings, inline environments,
 * credentials and deployments. Each reader reads these pieces here, with the same checks and the same messages,
 * and then resolves the names its own way (the native reader against the estate it is building, the az ml reader
 * once the drafts of the whole import are placed).
 */
export { stripAzureMl } from './references';
export { IDENTITY_TYPE_NAMES, readIdentityType } from './identity';
export {
  JOB_IDENTITY_SELECTORS,
  readBindings,
  readEnvironment,
  readJobIdentityType,
  type BindingMention,
} from './jobs';
export {
  CONTAINER_FIELDS,
  DATASTORE_TYPE_ALIASES,
  DATASTORE_TYPES,
  SERVICE_DATA_ACCESS_IDENTITIES,
  readCredentialKind,
  readDeploymentImageAndModel,
  readDeploymentVariables,
  readSecretStoreEnforcement,
  readTopLevelSecrets,
} from './assets';
export { AZURE_DEFAULTS } from './defaults';
