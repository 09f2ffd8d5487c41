import { describe, expect, it } from 'vitest';
import {
  containsSecretValue,
  credentialKindOf,
  hasSasQuery,
  isSecretKey,
  isSecretReference,
  looksLikeSecret,
  looksLikeSecretValue,
  redactEnvironmentVariables,
  REDACTED,
  redactSecrets,
  sanitizeText,
  secretFieldsIn,
} from './secrets';

// Fake credentials shaped like real ones. None of them is valid anywhere.
const ACCOUNT_KEY = `${'Ab1'.repeat(28)}xy==`;
const SAS = 'sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=AbCdEfGh1234567890%3D';
const CONN = `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`;

describe('isSecretKey', () => {
  it('recognises credential names in any casing style', () => {
    for (const key of [
      'account_key',
      'AZURE_CLIENT_SECRET',
      'clientSecret',
      'OPENAI_API_KEY',
      'openai-apikey',
      'DB_PASSWORD',
      'HF_TOKEN',
      'STORAGE_CONNECTION_STRING',
      'GITHUB_PAT',
      'sas_token',
      'key',
      'private_key',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
  });

  it('leaves names that only mention secrets alone', () => {
    for (const key of [
      'SECRET_NAME',
      'KEY_VAULT_URL',
      'key_vault',
      'ssh_public_key',
      'ENABLE_COMPAT',
      'MAX_TOKENS',
      'AZURE_CLIENT_ID',
      'key_uri',
      'WORKER_COUNT',
      'tokenizer',
    ]) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});

describe('looksLikeSecretValue', () => {
  it('spots keys, SAS, connection strings, PEM keys, JWTs and tokens', () => {
    for (const value of [
      ACCOUNT_KEY,
      `https://st.blob.core.windows.net/c?${SAS}`,
      SAS,
      CONN,
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc',
      `ghp_${'a1B2'.repeat(9)}`,
      'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LmNbVc',
    ]) {
      expect(looksLikeSecretValue(value), value).toBe(true);
    }
  });

  it('keeps ordinary values', () => {
    for (const value of [
      'acrml.azurecr.io/train:1',
      'https://st.blob.core.windows.net/data/file.csv',
      '00000000-1111-2222-3333-444444444444',
      'a'.repeat(40),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'azureml://datastores/blob/paths/x',
      '${{azureml://connections/aoai/credentials/key}}',
      'INFO',
      '8',
    ]) {
      expect(looksLikeSecretValue(value), value).toBe(false);
    }
  });

  it('needs a signature and another SAS field to call a query a SAS', () => {
    expect(hasSasQuery('https://x/y?sig=abc&sv=1')).toBe(true);
    expect(hasSasQuery('https://x/y?signal=abc')).toBe(false);
    expect(hasSasQuery('https://x/y?sig=abc')).toBe(false);
  });
});

describe('looksLikeSecret', () => {
  it('combines the key and the value, and never flags references or placeholders', () => {
    expect(looksLikeSecret('password', 'hunter2')).toBe(true);
    expect(looksLikeSecret('password', 12345)).toBe(true);
    expect(looksLikeSecret('password', '<redacted>')).toBe(false);
    expect(looksLikeSecret('password', '${{azureml://connections/db/credentials/password}}')).toBe(false);
    expect(looksLikeSecret('LOG_LEVEL', 'INFO')).toBe(false);
    expect(looksLikeSecret('LOG_LEVEL', ACCOUNT_KEY)).toBe(true);
    expect(looksLikeSecret('password', undefined)).toBe(false);
  });

  it('recognises secret references', () => {
    expect(isSecretReference('${{keyvault:https://kv.vault.azure.net/secrets/s/1}}')).toBe(true);
    expect(isSecretReference('x ${{a}}')).toBe(false);
  });
});

describe('sanitizeText', () => {
  it('strips a SAS query from a URL and keeps the rest', () => {
    expect(sanitizeText(`https://st.blob.core.windows.net/c/x.csv?${SAS}`)).toEqual({
      text: `https://st.blob.core.windows.net/c/x.csv?${REDACTED}`,
      redacted: true,
    });
  });

  it('replaces a connection string whole and keeps harmless text', () => {
    expect(sanitizeText(CONN)).toEqual({ text: REDACTED, redacted: true });
    expect(sanitizeText('https://acr.azurecr.io')).toEqual({
      text: 'https://acr.azurecr.io',
      redacted: false,
    });
  });
});

describe('credentials inside longer text', () => {
  const GITHUB = `ghp_${'Qz7Wk3Xp9Lm2Vn5D'.repeat(2)}x7Y8`;
  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';

  it('finds a token after a label, after a line separator, or ending a sentence, and cuts only the token', () => {
    for (const [text, kept] of [
      [`token:\u2028 ${GITHUB}`, `token:\u2028 ${REDACTED}`],
      [`token:${GITHUB}`, `token:${REDACTED}`],
      [`Authorization: Bearer ${JWT}`, `Authorization: Bearer ${REDACTED}`],
      [`the old PAT was ${GITHUB}.`, `the old PAT was ${REDACTED}.`],
      [`"${GITHUB}", "${GITHUB}"`, `"${REDACTED}", "${REDACTED}"`],
    ] as const) {
      expect(containsSecretValue(text), text).toBe(true);
      expect(redactSecrets(text)).toBe(kept);
      expect(sanitizeText(text)).toEqual({ text: kept, redacted: true });
    }
  });

  it('leaves ordinary long text alone: ids, URLs, image names, digests and prose', () => {
    for (const text of [
      '/subscriptions/2937fb9f-c131-4ee0-b7f0-bcc4627e0dff/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st',
      'see https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication for details',
      'image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20240101.v1 and sha256:3f1c0d9e8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a1908f7e6d',
      'A workspace with its storage, key vault, registry and App Insights, on a user-assigned identity.',
      `${'a'.repeat(30)} and ${'b'.repeat(30)}`,
    ]) {
      expect(containsSecretValue(text), text).toBe(false);
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('scans a value of 50 MB without running out of stack', () => {
    const huge = `note ${'a'.repeat(50 * 1024 * 1024)} end`;
    expect(containsSecretValue(huge)).toBe(false);
    expect(containsSecretValue(`${huge} ${GITHUB}`)).toBe(true);
  });
});

describe('redactEnvironmentVariables', () => {
  it('keeps references and harmless values, redacts the rest', () => {
    const result = redactEnvironmentVariables({
      AOAI_KEY: '${{azureml://connections/aoai/credentials/key}}',
      KV_SECRET: '${{keyvault:https://kv.vault.azure.net/secrets/db/1}}',
      LOG_LEVEL: 'INFO',
      WORKERS: 4,
      DB_PASSWORD: 'hunter2',
      STORAGE: CONN,
      API_KEY: '<redacted>',
      NESTED: { a: 1 },
    });
    expect(result.variables).toEqual({
      AOAI_KEY: '${{azureml://connections/aoai/credentials/key}}',
      KV_SECRET: '${{keyvault:https://kv.vault.azure.net/secrets/db/1}}',
      LOG_LEVEL: 'INFO',
      WORKERS: '4',
      DB_PASSWORD: REDACTED,
      STORAGE: REDACTED,
      API_KEY: REDACTED,
      NESTED: REDACTED,
    });
    expect(result.redacted.sort()).toEqual(['DB_PASSWORD', 'NESTED', 'STORAGE']);
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain(ACCOUNT_KEY);
  });
});

describe('credentialKindOf', () => {
  it('reads an explicit type in az ml, SDK and REST spellings', () => {
    expect(credentialKindOf({ type: 'managed_identity', client_id: 'x' })).toBe('managed_identity');
    expect(credentialKindOf({ type: 'pat', pat: 'x' })).toBe('pat');
    expect(credentialKindOf({ credentialsType: 'AccountKey' })).toBe('account_key');
    expect(credentialKindOf({ credentialsType: 'ServicePrincipal' })).toBe('service_principal');
    expect(credentialKindOf({ type: 'api_key', key: 'x' })).toBe('api_key');
    expect(credentialKindOf({ type: 'custom', MY_SECRET: 'x' })).toBe('custom');
    expect(credentialKindOf({ type: 'username_password', username: 'u', password: 'p' })).toBe(
      'username_password',
    );
    expect(credentialKindOf({ type: 'Sas' })).toBe('sas');
    expect(credentialKindOf({ type: 'weird' })).toBeUndefined();
  });

  it('infers the kind from the fields present', () => {
    expect(credentialKindOf(undefined)).toBe('none');
    expect(credentialKindOf({})).toBe('none');
    expect(credentialKindOf({ account_key: 'x' })).toBe('account_key');
    expect(credentialKindOf({ sas_token: 'x' })).toBe('sas');
    expect(credentialKindOf({ tenant_id: 't', client_id: 'c', client_secret: 's' })).toBe(
      'service_principal',
    );
    expect(credentialKindOf({ tenant_id: 't', client_id: 'c', certificate: 'pem', thumbprint: 'x' })).toBe(
      'certificate',
    );
    expect(credentialKindOf({ client_id: 'c', resource_id: '/subscriptions/x' })).toBe('managed_identity');
    expect(credentialKindOf({ username: 'u', password: 'p' })).toBe('username_password');
    expect(credentialKindOf({ access_key_id: 'a', secret_access_key: 's' })).toBe('access_key');
    expect(credentialKindOf({ key: 'k' })).toBe('api_key');
    expect(credentialKindOf({ something: 'x' })).toBe('custom');
    expect(credentialKindOf('account_key')).toBeUndefined();
  });
});

describe('secretFieldsIn', () => {
  it('lists fields holding real secret values, not identifiers or placeholders', () => {
    expect(secretFieldsIn({ account_key: ACCOUNT_KEY })).toEqual(['account_key']);
    expect(secretFieldsIn({ account_key: '<redacted>' })).toEqual([]);
    expect(secretFieldsIn({ tenant_id: 't', client_id: 'c', client_secret: 'abc' })).toEqual([
      'client_secret',
    ]);
    expect(secretFieldsIn({ type: 'managed_identity', client_id: 'c', resource_id: '/x' })).toEqual([]);
    expect(secretFieldsIn({ type: 'custom', MY_THING: 'hunter2hunter2' })).toEqual(['MY_THING']);
    expect(secretFieldsIn({ type: 'pat', note: 'hunter2hunter2' })).toEqual([]);
    expect(secretFieldsIn({ type: 'custom', MY_TOKEN: 'hunter2' })).toEqual(['MY_TOKEN']);
  });

  it('does not take connection metadata for a secret (ApiType, ApiVersion, ResourceId as ARM and az ml write them)', () => {
    const metadata = {
      ApiType: 'Azure',
      ApiVersion: '2024-02-15-preview',
      ResourceId: '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.CognitiveServices/accounts/aoai',
      DeploymentApiVersion: '2023-10-01-preview',
    };
    expect(secretFieldsIn(metadata)).toEqual([]);
    // A real key in metadata is still found, by its name or its value.
    expect(secretFieldsIn({ ...metadata, ApiKey: 'hunter2hunter2' })).toEqual(['ApiKey']);
    expect(secretFieldsIn({ ...metadata, Extra: 'TESTKEYa8Kd93nVb2LqP0wXz7RtY6uMc4EhJ' })).toEqual(['Extra']);
  });
});
