import { describe, expect, it } from 'vitest';
import { parseSecretReference } from './secret-references';

describe('parseSecretReference', () => {
  it('reads each connection form of R79', () => {
    expect(parseSecretReference('${{azureml://connections/aoai}}')).toEqual({
      kind: 'connection',
      connection: 'aoai',
      part: 'credentials',
    });
    expect(parseSecretReference('${{azureml://connections/aoai/credentials/key}}')).toEqual({
      kind: 'connection',
      connection: 'aoai',
      part: 'credentials/key',
    });
    expect(parseSecretReference('${{azureml://connections/aoai/metadata/api_version}}')).toEqual({
      kind: 'connection',
      connection: 'aoai',
      part: 'metadata/api_version',
    });
    expect(parseSecretReference('${{azureml://connections/aoai/target}}')).toEqual({
      kind: 'connection',
      connection: 'aoai',
      part: 'target',
    });
  });

  it('reads a key vault secret with and without a version', () => {
    expect(
      parseSecretReference('${{keyvault:https://kv-ml.vault.azure.net/secrets/db-password/0123abcd}}'),
    ).toEqual({
      kind: 'key-vault',
      vault: 'kv-ml',
      secret: 'db-password',
      version: '0123abcd',
    });
    expect(parseSecretReference('${{keyvault:https://kv-ml.vault.azure.net/secrets/db-password}}')).toEqual({
      kind: 'key-vault',
      vault: 'kv-ml',
      secret: 'db-password',
    });
  });

  it('tolerates spaces inside the braces, around the value, and any casing of the scheme', () => {
    expect(parseSecretReference('  ${{ azureml://connections/aoai/target }}  ')).toMatchObject({
      connection: 'aoai',
      part: 'target',
    });
    expect(parseSecretReference('${{AzureML://Connections/AOAI}}')).toMatchObject({
      kind: 'connection',
      connection: 'AOAI',
    });
    expect(parseSecretReference('${{KeyVault:https://KV-ML.vault.azure.net/secrets/s}}')).toMatchObject({
      kind: 'key-vault',
      vault: 'kv-ml',
      secret: 's',
    });
  });

  it('ignores empty path segments instead of turning them into an empty part', () => {
    expect(parseSecretReference('${{azureml://connections/aoai/}}')).toEqual({
      kind: 'connection',
      connection: 'aoai',
      part: 'credentials',
    });
    expect(parseSecretReference('${{azureml://connections//aoai//target}}')).toEqual({
      kind: 'connection',
      connection: 'aoai',
      part: 'target',
    });
  });

  it('returns undefined for values that are not secret references', () => {
    for (const value of [
      'plain',
      '',
      'https://kv-ml.vault.azure.net/secrets/s',
      'prefix ${{azureml://connections/aoai}}',
      '${{azureml://connections/}}',
      '${{azureml://datastores/workspaceblobstore}}',
      '${{keyvault:not a url}}',
      '${{keyvault:https://kv-ml.vault.azure.net/keys/k}}',
      '${{keyvault:https://kv-ml.vault.azure.net/secrets}}',
      '${azureml://connections/aoai}',
    ]) {
      expect(parseSecretReference(value), value).toBeUndefined();
    }
  });
});
