import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../../engine/context/analysis-context';
import type { EntityId } from '../../engine/model/ids';
import { check } from '../../engine/rbac';
import { baseEstateYaml, estateFromYaml } from '../../engine/testing/estates';
import { decisionViewModel } from './decision-model';

const estate = estateFromYaml(
  baseEstateYaml({
    extra: `groups:
  - name: team
    members: [alice@contoso.com]
  - name: everyone
    members: [team]
role_definitions:
  - name: Registry reader but not pull
    actions: ['Microsoft.ContainerRegistry/*']
    not_actions: ['Microsoft.ContainerRegistry/registries/pull/read']
role_assignments:
  - principal: everyone
    role: AcrPull
    scope: rg-ml
  - principal: bob@contoso.com
    role: Registry reader but not pull
    scope: acrml
  - principal: carol@contoso.com
    role: Storage Blob Data Reader
    scope: stml
deny_assignments:
  - name: no-pulls-for-carol
    scope: acrml
    actions: ['Microsoft.ContainerRegistry/registries/pull/read']
    principals: [carol@contoso.com]
`,
  }),
);
const { rbac } = createAnalysisContext(estate);
const acr = estate.containerRegistries[0]!.armId;
const st = estate.storageAccounts[0]!.armId;
const PULL = 'Microsoft.ContainerRegistry/registries/pull/read';

describe('decisionViewModel', () => {
  it('names the role, the scope it is inherited from, the group path and the pattern of a grant', () => {
    const model = decisionViewModel(check(rbac, { principal: estate.users[0]!.id, action: PULL, scope: acr }), rbac);
    expect(model).toMatchObject({ effect: 'allowed', verdict: 'Allowed', principal: 'alice@contoso.com', plane: 'control' });
    expect(model.grants).toHaveLength(1);
    expect(model.grants[0]).toMatchObject({
      role: 'AcrPull',
      assignedAt: { inherited: true, label: 'inherited from resource group rg-ml' },
      viaGroups: ['team', 'everyone'],
      pattern: PULL,
      origin: 'planned',
    });
  });

  it('shows the NotActions that take an action back out', () => {
    const model = decisionViewModel(check(rbac, { principal: estate.users[1]!.id, action: PULL, scope: acr }), rbac);
    expect(model.effect).toBe('denied');
    expect(model.exclusions[0]).toMatchObject({
      role: 'Registry reader but not pull',
      assignedAt: { inherited: false, label: 'at this scope' },
      pattern: 'Microsoft.ContainerRegistry/*',
      notPattern: PULL,
    });
  });

  it('shows a deny assignment', () => {
    const model = decisionViewModel(check(rbac, { principal: estate.users[2]!.id, action: PULL, scope: acr }), rbac);
    expect(model.deny).toMatchObject({ name: 'no-pulls-for-carol', pattern: PULL });
  });

  it('passes on the hint that a role covers the string on the other plane', () => {
    const model = decisionViewModel(
      check(rbac, {
        principal: estate.users[2]!.id,
        action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        dataAction: false,
        scope: st,
      }),
      rbac,
    );
    expect(model.effect).toBe('denied');
    expect(model.notes.join(' ')).toMatch(/DataActions/);
  });

  it('says when the principal or scope is unknown', () => {
    const model = decisionViewModel(check(rbac, { principal: 'nobody' as EntityId, action: PULL, scope: '/subscriptions/x/resourceGroups/y' }), rbac);
    expect(model.unknown.join(' ')).toContain('nobody');
  });

  it('carries each condition verdict, and the roles whose condition does not hold here', () => {
    const conditioned = estateFromYaml(
      baseEstateYaml({
        extra: `role_assignments:
  - principal: alice@contoso.com
    role: Storage Blob Data Reader
    scope: stml
    condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'"
    condition_version: '2.0'
`,
      }),
    );
    const context = createAnalysisContext(conditioned);
    const account = conditioned.storageAccounts[0]!.armId;
    const ask = (scope: string) =>
      decisionViewModel(
        check(context.rbac, {
          principal: conditioned.users[0]!.id,
          action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
          dataAction: true,
          scope,
        }),
        context.rbac,
      );
    const atData = ask(`${account}/blobServices/default/containers/data`);
    expect(atData.effect).toBe('allowed');
    expect(atData.grants[0]?.conditionVerdict?.outcome).toBe('holds');
    const atLogs = ask(`${account}/blobServices/default/containers/logs`);
    expect(atLogs.effect).toBe('denied');
    expect(atLogs.conditionsNotMet[0]?.conditionVerdict?.because.join(' ')).toContain("the container name is 'logs'");
    expect(ask(account).grants[0]?.conditionVerdict?.outcome).toBe('undecided');
  });
});

describe('decisionViewModel with a role nothing defines', () => {
  const withUnknownRole = estateFromYaml(
    baseEstateYaml({
      extra: `role_assignments:
  - principal: alice@contoso.com
    role: 99999999-9999-9999-9999-999999999999
    scope: acrml
`,
    }),
  );
  const context = createAnalysisContext(withUnknownRole);
  const registry = withUnknownRole.containerRegistries[0]!.armId;

  it('reads "Unknown role", not "Denied", when only an undefined role could grant it', () => {
    const decision = check(context.rbac, { principal: withUnknownRole.users[0]!.id, action: PULL, scope: registry });
    expect(decisionViewModel(decision, context.rbac)).toMatchObject({ effect: 'denied', verdict: 'Unknown role' });
  });

  it('still reads "Denied" for a principal whose roles are all defined', () => {
    const decision = check(context.rbac, { principal: withUnknownRole.users[1]!.id, action: PULL, scope: registry });
    expect(decisionViewModel(decision, context.rbac).verdict).toBe('Denied');
  });
});
