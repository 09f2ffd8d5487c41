import { datastoreNameInPath } from '../naming';

/** Strips the `azureml:` prefix az ml puts before asset, datastore and compute names. */
export function stripAzureMl(value: string): string {
  return value.replace(/^azureml:/i, '');
}

/**
 * The datastore a binding names: its `datastore` field when given (`azureml:` stripped), else the datastore of
 * an `azureml://datastores/<name>/...` path. Undefined for a path elsewhere (a URL, a `${{...}}` expression).
 */
export function datastoreOfBinding(binding: { datastore?: string; path?: string }): string | undefined {
  if (binding.datastore !== undefined) return stripAzureMl(binding.datastore.trim());
  return binding.path === undefined ? undefined : datastoreNameInPath(binding.path);
}
