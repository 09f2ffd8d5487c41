/**
 * Secret references a deployment's environment variables may hold (secret injection):
 * `${{azureml://connections/<name>[/credentials/<key> | /metadata/<key> | /target]}}` and
 * `${{keyvault:https://<vault>.vault.azure.net/secrets/<name>[/<version>]}}`.
 */
export type SecretReference =
  | { kind: 'connection'; connection: string; part: string }
  | { kind: 'key-vault'; vault: string; secret: string; version?: string };

const REFERENCE = /^\$\{\{\s*(.+?)\s*\}\}$/;

/** Parses one environment variable value; undefined when it is not a secret reference. */
export function parseSecretReference(value: string): SecretReference | undefined {
  const inner = REFERENCE.exec(value.trim())?.[1];
  if (inner === undefined) return undefined;
  if (inner.toLowerCase().startsWith('azureml://connections/')) {
    // Empty segments (a trailing or doubled slash) carry no meaning and must not become an empty part.
    const [connection, ...rest] = inner
      .slice('azureml://connections/'.length)
      .split('/')
      .filter((segment) => segment !== '');
    if (!connection) return undefined;
    return { kind: 'connection', connection, part: rest.length > 0 ? rest.join('/') : 'credentials' };
  }
  if (inner.toLowerCase().startsWith('keyvault:')) {
    let url: URL;
    try {
      url = new URL(inner.slice('keyvault:'.length));
    } catch {
      return undefined;
    }
    const vault = url.hostname.split('.')[0];
    const [kind, secret, version] = url.pathname.split('/').filter((s) => s !== '');
    if (!vault || kind?.toLowerCase() !== 'secrets' || !secret) return undefined;
    return version ? { kind: 'key-vault', vault, secret, version } : { kind: 'key-vault', vault, secret };
  }
  return undefined;
}
