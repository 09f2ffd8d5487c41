import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { Evaluator, Symbolic, type ExpressionScope } from './expressions';
import { canonicalArmId, parseArmId } from '../core/azure/ids';
import {
  ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP as PLACEHOLDER_RESOURCE_GROUP,
  ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION as PLACEHOLDER_SUBSCRIPTION,
} from '../core/naming';
import { armUniqueString } from './hashes';
import { readArmTemplate } from './template';
import template from './fixtures/workspace-uai.template.json';

const SUB_GUID = '11111111-2222-3333-4444-555555555555';
const RG = `/subscriptions/${SUB_GUID}/resourceGroups/rg-ml`;
const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws-design`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-design`;
const deployment = { subscriptionId: SUB_GUID, resourceGroup: 'rg-ml' };
const source = JSON.stringify(template, null, 2);

function lineOf(needle: string): number {
  return source.slice(0, source.indexOf(needle)).split('\n').length;
}

describe('ARM ids', () => {
  it('puts provider and type words into Azure casing and keeps names', () => {
    expect(
      canonicalArmId('/subscriptions/S/resourcegroups/RG-ML/providers/microsoft.keyvault/vaults/KV-One'),
    ).toBe('/subscriptions/S/resourceGroups/RG-ML/providers/Microsoft.KeyVault/vaults/KV-One');
    expect(
      parseArmId(
        '/subscriptions/S/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/onlineendpoints/ep/deployments/blue',
      ),
    ).toMatchObject({
      typeKey: 'microsoft.machinelearningservices/workspaces/onlineendpoints/deployments',
      names: ['ws', 'ep', 'blue'],
    });
    expect(parseArmId('not an id')).toBeUndefined();
    expect(parseArmId('/subscriptions/S/resourceGroups/rg/providers/Microsoft.Storage')).toBeUndefined();
  });

  it('gives the parse of an id for its canonical text too, which parses the same', () => {
    const written = '/subscriptions/S/resourcegroups/rg/providers/microsoft.storage/storageaccounts/St-Canonical/';
    const parsed = parseArmId(written);
    expect(parsed?.id).toBe('/subscriptions/S/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/St-Canonical');
    expect(parseArmId(parsed?.id ?? '')).toBe(parsed);
    expect(parseArmId(parsed?.id ?? '')).toMatchObject({ names: ['St-Canonical'], typeKey: 'microsoft.storage/storageaccounts' });
  });
});

describe('ARM expressions', () => {
  const scope: ExpressionScope = {
    subscriptionId: 'sub',
    resourceGroup: 'rg',
    parameter: (name) => (name === 'known' ? 'ws1' : new Symbolic(`parameters('${name}')`)),
    variable: (name) =>
      name === 'roles'
        ? { reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }
        : new Symbolic(`variables('${name}')`),
  };

  it('evaluates the functions Bicep emits around ids', () => {
    const e = new Evaluator(scope);
    expect(
      e.value(
        "[resourceId('Microsoft.MachineLearningServices/workspaces/computes', parameters('known'), 'cpu')]",
      ),
    ).toBe(
      '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws1/computes/cpu',
    );
    expect(
      e.value(
        "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roles').reader)]",
      ),
    ).toBe(
      '/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
    );
    expect(e.value("[format('{0}-{1}', 'a', concat('b', 'c'))]")).toBe('a-bc');
    expect(e.value("[toLower('AbC')]")).toBe('abc');
    expect(e.value("[if(equals(parameters('known'), 'ws1'), 'yes', 'no')]")).toBe('yes');
    expect(e.value('[[not an expression]')).toBe('[not an expression]');
    expect(e.value('[resourceGroup().id]')).toBe('/subscriptions/sub/resourceGroups/rg');
    expect(e.uses).toEqual([]);
  });

  it('keeps what it cannot know as placeholders and records where', () => {
    const e = new Evaluator(scope);
    expect(e.value("[concat('st', uniqueString(deployment().name))]", ['resources', 0, 'name'])).toBe(
      'st<uniqueString(deployment().name)>',
    );
    expect(e.value("[resourceId('Microsoft.Storage/storageAccounts', parameters('unknown'))]", ['x'])).toBe(
      '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/<unknown>',
    );
    expect(e.uses.map((u) => [u.path.join('.'), u.text])).toEqual([
      ['resources.0.name', 'uniqueString(deployment().name)'],
      ['x', "parameters('unknown')"],
    ]);
    const ref = e.value(
      "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'u'), '2023-01-31').principalId]",
    );
    expect(ref).toBeInstanceOf(Symbolic);
    expect((ref as Symbolic).reference).toEqual({
      target:
        '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u',
      path: ['principalId'],
    });
    expect(e.value('[broken(]')).toBeInstanceOf(Symbolic);
    expect(e.value('[broken(')).toBe('[broken(');
  });
});

describe('compiled ARM templates', () => {
  const result = readArmTemplate(source, 'main.json', { deployment });
  const estate = result.estate as Estate;

  it('reads the design with planned role assignments', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate.assignmentsOrigin).toBe('planned');
    expect(estate.workspaces[0]).toMatchObject({
      id: WS,
      identity: { system: false, userAssigned: [UAI] },
      primaryUserAssignedIdentity: UAI,
      storageAccount: `${RG}/providers/Microsoft.Storage/storageAccounts/stdesign`,
      publicNetworkAccess: 'Disabled',
    });
    expect(estate.storageAccounts[0]?.allowSharedKeyAccess).toBe(false);
    expect(estate.roleAssignments.every((a) => a.origin === 'planned')).toBe(true);
  });

  it('resolves reference(<uai>).principalId to the identity itself', () => {
    const toUai = estate.roleAssignments.filter((a) => a.principal === UAI);
    expect(toUai.map((a) => [a.role, a.scope])).toEqual([
      ['ba92f5b4-2d11-453d-a403-e96b0029c9fe', `${RG}/providers/Microsoft.Storage/storageAccounts/stdesign`],
      ['b24988ac-6180-42a0-ab88-20f7382dd24c', WS],
    ]);
    expect(
      estate.roleAssignments.find((a) => a.principal === 'user:eeeeeeee-0000-4000-8000-000000000001')?.scope,
    ).toBe(RG);
  });

  it('reads a Bicep module with its parameters bound', () => {
    expect(estate.computes[0]).toMatchObject({
      id: `${WS}/computes/cpu-cluster`,
      identity: { system: false, userAssigned: [UAI] },
      disableLocalAuth: true,
    });
  });

  it('reports each symbolic reference where it is written and keeps it as a placeholder', () => {
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'resources[6].properties.principalId',
          message: expect.stringContaining('placeholder principal `<dataScientistsGroupId>`'),
        }),
        expect.objectContaining({
          path: 'resources[8].properties.roleDefinitionId',
          message: expect.stringContaining('left out'),
        }),
      ]),
    );
    expect(estate.groups[0]).toMatchObject({
      id: 'group:<dataScientistsGroupId>',
      name: '<dataScientistsGroupId>',
    });
  });

  it('names the key vault from uniqueString(resourceGroup().id) of the target given, and the workspace refers to it', () => {
    expect(estate.keyVaults[0]?.name).toBe(`kv-${armUniqueString([RG])}`);
    expect(estate.workspaces[0]?.keyVault).toBe(estate.keyVaults[0]?.id);
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toContain('uniqueString');
  });

  it('without a target, keeps that name a placeholder, reported where it is written, not a hash of the stand-in', () => {
    const bare = readArmTemplate(source, 'main.json');
    expect(bare.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'variables.kvName',
          line: lineOf('"kvName"'),
          message: expect.stringMatching(/^`uniqueString\(resourceGroup\(\)\.id\)` hashes a value not known here \(where the template is deployed/),
        }),
      ]),
    );
    expect(bare.estate?.keyVaults[0]?.name).toBe('kv-<uniqueString(resourceGroup().id)>');
    expect(bare.estate?.workspaces[0]?.keyVault).toBe(bare.estate?.keyVaults[0]?.id);
    // Given only the subscription, the resource group is still the stand-in.
    const subscriptionOnly = readArmTemplate(source, 'main.json', { deployment: { subscriptionId: SUB_GUID } });
    expect(subscriptionOnly.estate?.keyVaults[0]?.name).toBe('kv-<uniqueString(resourceGroup().id)>');
  });

  it('places resources in a stand-in resource group when no target is given, and says so', () => {
    const bare = readArmTemplate(source, 'main.json');
    expect(bare.estate?.resourceGroups[0]?.id).toBe(
      `/subscriptions/${PLACEHOLDER_SUBSCRIPTION}/resourceGroups/${PLACEHOLDER_RESOURCE_GROUP}`,
    );
    expect(bare.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'info',
          message: expect.stringContaining('does not say where it is deployed'),
        }),
      ]),
    );
  });

  it('resolves identity.principalId of a resource to its system-assigned identity, expands copy loops and skips false conditions', () => {
    const small = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { deploy: { type: 'bool', defaultValue: false } },
      resources: [
        {
          type: 'Microsoft.MachineLearningServices/workspaces',
          apiVersion: '2024-04-01',
          name: 'ws-sai',
          identity: { type: 'SystemAssigned' },
          properties: {},
        },
        {
          type: 'Microsoft.Authorization/roleAssignments',
          apiVersion: '2022-04-01',
          name: '9e2b2c7a-0000-4000-8000-000000000001',
          properties: {
            roleDefinitionId:
              "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]",
            principalId:
              "[reference(resourceId('Microsoft.MachineLearningServices/workspaces', 'ws-sai'), '2024-04-01', 'full').identity.principalId]",
          },
        },
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-05-01',
          name: "[format('st{0}', copyIndex())]",
          copy: { name: 'loop', count: 2 },
          properties: {},
        },
        {
          type: 'Microsoft.KeyVault/vaults',
          apiVersion: '2023-07-01',
          name: 'kv-maybe',
          condition: "[parameters('deploy')]",
          properties: {},
        },
      ],
    };
    const read = readArmTemplate(JSON.stringify(small, null, 2), 'small.json', { deployment });
    const e = read.estate as Estate;
    expect(e.roleAssignments[0]?.principal).toBe(
      `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-sai#system-identity`,
    );
    expect(e.roleAssignments[0]?.id).toBe(
      `${RG}/providers/Microsoft.Authorization/roleAssignments/9e2b2c7a-0000-4000-8000-000000000001`,
    );
    // A copy loop deploys one resource per iteration, named through copyIndex() (issue 15: it used to be left out).
    expect(e.storageAccounts.map((s) => s.name)).toEqual(['st0', 'st1']);
    expect(e.keyVaults).toEqual([]);
    expect(read.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(read.skipped).toEqual([expect.objectContaining({ kind: 'Microsoft.KeyVault/vaults' })]);
  });

  it('resolves a module output used by the parent, and symbolic names of languageVersion 2.0', () => {
    const t = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      languageVersion: '2.0',
      contentVersion: '1.0.0.0',
      resources: {
        uai: {
          type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
          apiVersion: '2023-01-31',
          name: 'uai-mod',
        },
        lookup: {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'lookup',
          properties: {
            expressionEvaluationOptions: { scope: 'inner' },
            mode: 'Incremental',
            parameters: {},
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              contentVersion: '1.0.0.0',
              resources: [],
              outputs: { roleId: { type: 'string', value: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' } },
            },
          },
        },
        grant: {
          type: 'Microsoft.Authorization/roleAssignments',
          apiVersion: '2022-04-01',
          name: "[guid('grant')]",
          properties: {
            roleDefinitionId:
              "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reference('lookup').outputs.roleId.value)]",
            principalId: "[reference('uai').principalId]",
          },
        },
      },
    };
    const read = readArmTemplate(JSON.stringify(t, null, 2), 'v2.json', { deployment });
    expect(read.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(read.estate?.roleAssignments[0]).toMatchObject({
      role: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      principal: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-mod`,
      scope: RG,
    });
  });

  it('leaves out a role assignment whose principal is empty or missing, with a located warning', () => {
    const grant = (principalId?: string) => ({
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: '2022-04-01',
      name: "[guid('grant')]",
      properties: {
        roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe',
        ...(principalId === undefined ? {} : { principalId }),
        principalType: 'Group',
      },
    });
    for (const [principal, word] of [['', 'empty'], ['  ', 'empty'], [undefined, 'missing']] as const) {
      const t = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [grant(principal)] };
      const read = readArmTemplate(JSON.stringify(t, null, 2), 'empty.json', { deployment });
      expect(read.estate?.roleAssignments ?? []).toEqual([]);
      expect(read.estate?.groups ?? []).toEqual([]);
      expect(read.diagnostics).toContainEqual(
        expect.objectContaining({ path: 'resources[0].properties.principalId', message: expect.stringContaining(`the principal is ${word}`) }),
      );
    }
  });

  it('leaves out a role assignment whose principal is a list or an object (a parameter default of the wrong type)', () => {
    // A parameter's default of the wrong type gave a user named "" (id `user:`), which the estate format refuses.
    const t = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { operatorObjectId: { type: 'string', defaultValue: [] }, owner: { type: 'object', defaultValue: { id: 'x' } } },
      resources: ['operatorObjectId', 'owner'].map((name) => ({
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: '2022-04-01',
        name: `[guid('${name}')]`,
        properties: {
          roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
          principalId: `[parameters('${name}')]`,
          principalType: 'User',
        },
      })),
    };
    const read = readArmTemplate(JSON.stringify(t, null, 2), 'typed.json', { deployment });
    expect(read.estate?.roleAssignments ?? []).toEqual([]);
    expect(read.estate?.users ?? []).toEqual([]);
    expect(read.diagnostics.filter((d) => d.path?.endsWith('principalId')).map((d) => [d.path, d.message])).toEqual([
      ['resources[0].properties.principalId', 'the principal is `[]`, not an object id, so Azure would refuse this role assignment; it is left out'],
      ['resources[1].properties.principalId', 'the principal is `{"id":"x"}`, not an object id, so Azure would refuse this role assignment; it is left out'],
    ]);
  });

  it('reads old-style nested role assignments (`<type>/providers/roleAssignments`)', () => {
    const old = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts/providers/roleAssignments',
          apiVersion: '2020-04-01-preview',
          name: "[concat('stold', '/Microsoft.Authorization/', '1f5b6b4e-0000-4000-8000-000000000002')]",
          properties: {
            roleDefinitionId:
              '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe',
            principalId: 'eeeeeeee-0000-4000-8000-000000000001',
            principalType: 'User',
          },
        },
      ],
    };
    const e = readArmTemplate(JSON.stringify(old), 'old.json', { deployment }).estate as Estate;
    expect(e.roleAssignments[0]).toMatchObject({
      scope: `${RG}/providers/Microsoft.Storage/storageAccounts/stold`,
      principal: 'user:eeeeeeee-0000-4000-8000-000000000001',
    });
  });
});
