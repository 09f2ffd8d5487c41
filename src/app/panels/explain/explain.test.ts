import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../../../engine/context/analysis-context';
import { check } from '../../../engine/rbac';
import { baseEstateYaml, estateFromYaml } from '../../../engine/testing/estates';
import { actionChoices, grantingRoles, isCatalogAction, principalChoices, referenceFor, resolveExplainForm, scopeChoices } from './explain';

const estate = estateFromYaml(
  baseEstateYaml({
    extra: `groups:
  - name: team
    members: [alice@contoso.com]
role_assignments:
  - principal: team
    role: AcrPull
    scope: rg-ml
`,
  }),
);
const context = createAnalysisContext(estate);

describe('explain form', () => {
  it('offers principals and scopes by name', () => {
    const principals = principalChoices(estate);
    expect(principals.map((choice) => choice.value)).toEqual(expect.arrayContaining(['alice@contoso.com', 'team']));
    expect(principals.find((choice) => choice.value === 'team')?.label).toBe('Group');
    const scopes = scopeChoices(estate).map((choice) => choice.value);
    expect(scopes).toEqual(expect.arrayContaining(['acrml', 'rg-ml', 'ws-ml', '/']));
    expect(scopes).not.toContain('alice@contoso.com');
  });

  it('knows data actions from control actions', () => {
    const find = (query: string, value: string) => actionChoices(query, 50).find((action) => action.value === value);
    expect(find('blobs read', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read')).toMatchObject({ data: true, label: 'read blobs' });
    expect(find('registries pull', 'Microsoft.ContainerRegistry/registries/pull/read')).toMatchObject({ data: false });
    expect(actionChoices('read', 100).length).toBeGreaterThan(50);
  });

  it('searches the action catalog by words of the name or description, with the provider\'s words', () => {
    const [first] = actionChoices('Microsoft.ContainerRegistry/registries/pull/read');
    expect(first).toMatchObject({ value: 'Microsoft.ContainerRegistry/registries/pull/read', label: 'pull images from a registry' });
    const listKeys = actionChoices('storageAccounts listkeys').find((choice) => choice.value === 'Microsoft.Storage/storageAccounts/listkeys/action');
    expect(listKeys?.description).not.toBe('');
    expect(actionChoices('')).toEqual([]);
    expect(isCatalogAction('microsoft.containerregistry/registries/pull/read', false)).toBe(true);
    expect(isCatalogAction('Microsoft.ContainerRegistry/registries/pul/read', false)).toBe(false);
  });

  it('lists the roles that grant an action least first, the estate\'s own among them', () => {
    const rows = grantingRoles(context.rbac.catalog, 'Microsoft.ContainerRegistry/registries/pull/read', false);
    expect(rows[0]).toMatchObject({ name: 'AcrPull', builtIn: true, breadth: 1 });
    expect(rows.at(-1)?.name).toBe('Owner');
    const custom = estateFromYaml(
      baseEstateYaml({
        extra: `role_definitions:
  - name: Pull Only
    id: 44444444-4444-4444-4444-444444444444
    actions: [Microsoft.ContainerRegistry/registries/pull/read]
`,
      }),
    );
    const withCustom = grantingRoles(createAnalysisContext(custom).rbac.catalog, 'Microsoft.ContainerRegistry/registries/pull/read', false);
    expect(withCustom.find((row) => row.name === 'Pull Only')).toMatchObject({ builtIn: false, breadth: 1 });
  });

  it('resolves names into a question the index answers', () => {
    const resolution = resolveExplainForm(
      { principal: 'alice@contoso.com', action: 'Microsoft.ContainerRegistry/registries/pull/read', dataAction: false, scope: 'acrml' },
      context,
    );
    expect(resolution.ready).toBe(true);
    if (!resolution.ready) return;
    expect(check(context.rbac, resolution.question).effect).toBe('allowed');
  });

  it('says what is missing or unknown', () => {
    const resolution = resolveExplainForm({ principal: 'mallory', action: 'read', dataAction: false, scope: '' }, context);
    expect(resolution).toMatchObject({ ready: false });
    if (resolution.ready) return;
    expect(resolution.missing.join(' ')).toMatch(/mallory/);
    expect(resolution.missing.join(' ')).toMatch(/does not look like an action/);
    expect(resolution.missing.join(' ')).toMatch(/scope/);
  });

  it('names an entity by its name when unique', () => {
    expect(referenceFor(estate, estate.users[0]!.id)).toBe('alice@contoso.com');
    expect(referenceFor(estate, estate.containerRegistries[0]!.id)).toBe('acrml');
  });
});
