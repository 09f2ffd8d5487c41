import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../../../engine/context/analysis-context';
import { check } from '../../../engine/rbac';
import { baseEstateYaml, estateFromYaml } from '../../../engine/testing/fixtures';
import { actionChoices, principalChoices, referenceFor, resolveExplainForm, scopeChoices } from './explain';

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
    const actions = actionChoices(context.rbac.catalog);
    const find = (value: string) => actions.find((action) => action.value === value);
    expect(find('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read')).toMatchObject({ data: true, label: 'read blobs' });
    expect(find('Microsoft.ContainerRegistry/registries/pull/read')).toMatchObject({ data: false });
    expect(actions.length).toBeGreaterThan(50);
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
