import { describe, expect, it } from 'vitest';
import { questionEstateYaml } from '../engine/questions/test-estate';
import { refusalText } from '../engine/questions/test-fixtures';
import { run } from './run';
import { memoryIo } from './testing/io';

const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';

function io(extra: Record<string, string> = {}, stdin = '') {
  return memoryIo({ 'estate.yaml': questionEstateYaml(), ...extra }, stdin);
}

describe('explain --what-can', () => {
  it('lists the operations by provider and plane with the granting assignment and groups (text, by UPN)', async () => {
    const m = io();
    expect(await run(['explain', 'estate.yaml', '--what-can', 'bob@contoso.com', '--scope', 'stml'], m.io)).toBe(0);
    const out = m.stdout();
    expect(out).toContain('bob@contoso.com at storage account stml:');
    expect(out).toContain('Microsoft.Storage (data plane): 1 allowed');
    expect(out).toContain(`${BLOB_READ}  <- Storage Blob Data Reader on resource group rg-ml through data-team > ml-readers`);
  });

  it('takes an object id and prints JSON with removed operations', async () => {
    const m = io();
    expect(await run(['explain', 'estate.yaml', '--what-can', '11111111-1111-1111-1111-111111111111', '--scope', 'ws-ml', '--format', 'json'], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json.question.principal.name).toBe('alice@contoso.com');
    const ml = json.groups.find((g: { provider: string; plane: string }) => g.provider === 'Microsoft.MachineLearningServices' && g.plane === 'control');
    expect(ml.permissions.find((p: { action: string }) => p.action.endsWith('/jobs/write')).grants[0]).toMatchObject({ role: { name: 'AzureML Data Scientist' }, inherited: false });
    expect(ml.removed.find((p: { action: string }) => p.action.endsWith('/computes/delete')).byNotActions[0].roleName).toBe('AzureML Data Scientist');
  });

  it('refuses --what-can with --action, and an unknown principal', async () => {
    const m = io();
    expect(await run(['explain', 'estate.yaml', '--what-can', 'bob@contoso.com', '--action', 'x', '--scope', 'stml'], m.io)).toBe(2);
    expect(m.stderr()).toContain('--what-can lists every operation; it takes no --action or --data-action');
    const n = io();
    expect(await run(['explain', 'estate.yaml', '--what-can', 'nobody', '--scope', 'stml'], n.io)).toBe(2);
    expect(n.stderr()).toContain('no principal in the estate matches "nobody"');
  });
});

describe('explain --who-can', () => {
  it('lists every principal with its routes, Azure ML ones included, and cites the facts', async () => {
    const m = io();
    expect(await run(['explain', 'estate.yaml', '--who-can', '--data-action', BLOB_READ, '--scope', 'stml'], m.io)).toBe(0);
    const out = m.stdout();
    expect(out).toContain('  alice@contoso.com\n    compute-identity\n      - alice@contoso.com may submit jobs to ws-ml (AzureML Data Scientist on workspace ws-ml) [R51]');
    expect(out).toContain('    datastore-credential\n      - alice@contoso.com may read the secrets of datastore raw');
    expect(out).toContain('    endpoint-identity (possible: what the caller reaches depends on what the deployed scoring code does with the identity)');
    expect(out).toContain('  bob@contoso.com\n    group\n');
  });

  it('--routes direct leaves Azure ML routes out; JSON carries the routes and their steps', async () => {
    const m = io();
    expect(await run(['explain', 'estate.yaml', '--who-can', '--data-action', BLOB_READ, '--scope', 'stml', '--routes', 'direct', '--format', 'json'], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json.question.routes).toBe('direct');
    const names = json.principals.map((p: { principal: { name: string } }) => p.principal.name);
    expect(names).toContain('bob@contoso.com');
    expect(names).not.toContain('alice@contoso.com');
    const bob = json.principals.find((p: { principal: { name: string } }) => p.principal.name === 'bob@contoso.com');
    expect(bob.routes[0]).toMatchObject({ kind: 'group', certainty: 'certain' });
    expect(bob.routes[0].steps).toHaveLength(3);
  });

  it('needs exactly one of --action or --data-action, and --routes only with --who-can', async () => {
    const m = io();
    expect(await run(['explain', 'estate.yaml', '--who-can', '--scope', 'stml'], m.io)).toBe(2);
    expect(m.stderr()).toContain('--who-can needs exactly one of --action or --data-action');
    const n = io();
    expect(await run(['explain', 'estate.yaml', '--principal', 'bob@contoso.com', '--action', 'x', '--scope', 'stml', '--routes', 'all'], n.io)).toBe(2);
    expect(n.stderr()).toContain('--routes applies to --who-can');
    const o = io();
    expect(await run(['explain', 'estate.yaml', '--who-can', '--action', 'x', '--scope', 'stml', '--routes', 'some'], o.io)).toBe(2);
    expect(o.stderr()).toContain('--routes must be one of all, direct, not "some"');
  });
});

describe('decode', () => {
  it('explains an ARM refusal with the decision and the least role (text)', async () => {
    const m = io({ 'error.txt': refusalText('arm-authorization-failed.txt') });
    expect(await run(['decode', 'error.txt', 'estate.yaml'], m.io)).toBe(0);
    const out = m.stdout();
    expect(out).toContain('arm refused (AuthorizationFailed)');
    expect(out).toContain('  principal: alice@contoso.com');
    expect(out).toContain('  operation: Microsoft.MachineLearningServices/workspaces/computes/write');
    expect(out).toContain('  least role: AzureML Compute Operator on ');
  });

  it('reads the text from standard input and takes --principal for a storage refusal (JSON)', async () => {
    const m = io({}, refusalText('storage-permission-mismatch.xml.txt'));
    expect(await run(['decode', '-', 'estate.yaml', '--principal', 'carol@contoso.com', '--format', 'json'], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json.principal.name).toBe('carol@contoso.com');
    expect(json.refusal).toMatchObject({ service: 'storage', code: 'AuthorizationPermissionMismatch', action: BLOB_READ });
    expect(json.decision.effect).toBe('denied');
    expect(json.leastRole.role.name).toBe('Storage Blob Data Reader');
    expect(json.leastRole.scope).toContain('/storageAccounts/stml/blobServices/default/containers/training-data');
    expect(json.edit).toMatchObject({ name: 'addRoleAssignment', params: { principal: 'user:33333333-3333-3333-3333-333333333333', role: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' } });
  });

  it('says which parts it found in a text it cannot read, with exit 2', async () => {
    const m = io({ 'error.txt': refusalText('not-a-refusal.txt') });
    expect(await run(['decode', 'error.txt', 'estate.yaml'], m.io)).toBe(2);
    expect(m.stderr()).toContain('error.txt: error: not an authorization failure this decoder reads');
    expect(m.stderr()).toContain('found operation Microsoft.MachineLearningServices/workspaces/ws-missing');
  });

  it('needs the error text and at least one estate file', async () => {
    const m = io();
    expect(await run(['decode', 'estate.yaml'], m.io)).toBe(2);
    expect(m.stderr()).toContain('decode needs the error text');
  });
});
