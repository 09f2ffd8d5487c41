import { describe, expect, it } from 'vitest';
import { baseEstateYaml } from '../../engine/testing/estates';
import { run } from '../run';
import { memoryIo } from '../testing/io';

const estate = baseEstateYaml({
  extra: `role_definitions:
  - name: ML Pull Only
    id: 33333333-3333-3333-3333-333333333333
    actions: [Microsoft.ContainerRegistry/registries/pull/read]
role_assignments:
  - principal: bob@contoso.com
    role: Reader
    scope: rg-ml
  - principal: alice@contoso.com
    role: 99999999-9999-9999-9999-999999999999
    scope: ws-ml
  - principal: carol@contoso.com
    role: Azure AI User
    scope: ws-ml
`,
});

describe('aml-access-map roles', () => {
  it('lists every built-in role with its GUID in JSON, and takes no file', async () => {
    const m = memoryIo({});
    expect(await run(['roles', '--format', 'json'], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json.count).toBe(928);
    expect(json.builtIn).toBe(928);
    const acrPull = json.roles.find((r: { name: string }) => r.name === 'AcrPull');
    expect(acrPull).toMatchObject({ id: '7f951dda-4ed3-4680-a7ca-43fe172d538d', builtIn: true, breadth: 1 });
    const foundryUser = json.roles.find((r: { name: string }) => r.name === 'Foundry User');
    expect(foundryUser.aliases).toEqual(['Azure AI User']);
  });

  it('adds the custom roles of the files given, marked as custom with their file', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    expect(await run(['roles', 'e.yaml'], m.io)).toBe(0);
    const lines = m.stdout().trim().split('\n');
    expect(lines).toContain('33333333-3333-3333-3333-333333333333  custom    ML Pull Only  [e.yaml]');
    expect(lines).toContain('7f951dda-4ed3-4680-a7ca-43fe172d538d  built-in  AcrPull');
    expect(lines.at(-1)).toBe('929 roles: 928 built in, 1 custom.');
  });

  it('refuses an option that does not apply', async () => {
    const m = memoryIo({});
    expect(await run(['roles', '--scope', 'x'], m.io)).toBe(2);
    expect(m.stderr()).toContain('--scope does not apply to roles');
  });
});

describe('aml-access-map explain and the catalogs', () => {
  it('suggests the nearest real action for a typo', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    const code = await run(
      ['explain', 'e.yaml', '--principal', 'bob@contoso.com', '--action', 'Microsoft.ContainerRegistry/registries/pul/read', '--scope', 'rg-ml'],
      m.io,
    );
    expect(code).toBe(0);
    expect(m.stdout().split('\n')[0]).toBe(
      'Note: "Microsoft.ContainerRegistry/registries/pul/read" is not an operation Azure publishes; did you mean ' +
        '"Microsoft.ContainerRegistry/registries/pull/read" or "Microsoft.ContainerRegistry/registries/runs/read" or "Microsoft.ContainerRegistry/registries/read"?',
    );
  });

  it('says nothing about a real action, and says which plane a real action belongs to', async () => {
    const real = memoryIo({ 'e.yaml': estate });
    await run(['explain', 'e.yaml', '--principal', 'bob@contoso.com', '--action', 'Microsoft.Storage/storageAccounts/read', '--scope', 'rg-ml', '--format', 'json'], real.io);
    expect(JSON.parse(real.stdout()).actionCatalog).toBeUndefined();
    const plane = memoryIo({ 'e.yaml': estate });
    await run(
      ['explain', 'e.yaml', '--principal', 'bob@contoso.com', '--action', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', '--scope', 'rg-ml'],
      plane.io,
    );
    expect(plane.stdout()).toContain('is a data action, not a control-plane action; ask about it in the data plane (--data-action).');
  });

  it('answers "unknown role", not a plain Denied, when the principal holds a role nothing defines', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    const code = await run(
      ['explain', 'e.yaml', '--principal', 'alice@contoso.com', '--action', 'Microsoft.MachineLearningServices/workspaces/read', '--scope', 'ws-ml'],
      m.io,
    );
    expect(code).toBe(1);
    expect(m.stdout()).toMatch(/^Unknown role: alice@contoso.com holds 99999999-9999-9999-9999-999999999999/);
    expect(m.stdout()).not.toMatch(/^Denied/m);
    const json = memoryIo({ 'e.yaml': estate });
    await run(
      ['explain', 'e.yaml', '--principal', 'alice@contoso.com', '--action', 'Microsoft.MachineLearningServices/workspaces/read', '--scope', 'ws-ml', '--format', 'json'],
      json.io,
    );
    expect(JSON.parse(json.stdout()).unknownRoles[0].role.id).toBe('99999999-9999-9999-9999-999999999999');
  });

  it('resolves a role by its former name (Azure AI User is now Foundry User)', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    const code = await run(
      ['explain', 'e.yaml', '--principal', 'carol@contoso.com', '--action', 'Microsoft.CognitiveServices/accounts/read', '--scope', 'ws-ml', '--format', 'json'],
      m.io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(m.stdout()).grants[0].role.name).toBe('Foundry User');
  });
});
