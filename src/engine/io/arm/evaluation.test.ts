import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP, ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION } from '../core/naming';
import { Evaluator, Symbolic, type ExpressionScope } from './expressions';
import { armUniqueString } from './hashes';
import { readArmTemplate } from './template';

// Issue 15: the shapes `az bicep build` emits (conditional modules, conditional parameters written as one
// expression, module loops over an empty default list, tryGet and nullable parameters), each as it appears in
// compiled Bicep and Azure Verified Modules.

const SUB = '11111111-2222-3333-4444-555555555555';
const deployment = { subscriptionId: SUB, resourceGroup: 'rg-ml' };
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function scope(parameters: Record<string, unknown> = {}): ExpressionScope {
  return {
    subscriptionId: SUB,
    resourceGroup: 'rg-ml',
    parameter: (name) => (name in parameters ? parameters[name] : new Symbolic(`parameters('${name}')`)),
    variable: (name) => new Symbolic(`variables('${name}')`),
  };
}

/** A Bicep module as compiled: a nested deployment with inner scope and its own template. */
function module(name: string, extra: Record<string, unknown>, inner: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    ...extra,
    properties: {
      expressionEvaluationOptions: { scope: 'inner' },
      mode: 'Incremental',
      ...(extra.properties as object | undefined),
      template: { $schema: SCHEMA, contentVersion: '1.0.0.0', ...inner },
    },
  };
}

function read(template: Record<string, unknown>): { estate: Estate; warnings: string[]; errors: string[] } {
  const result = readArmTemplate(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...template }, null, 2), 'main.json', { deployment });
  return {
    estate: result.estate as Estate,
    warnings: result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message),
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
  };
}

describe('ARM template functions Bicep emits', () => {
  const e = new Evaluator(scope({ obj: { a: { b: 'x' } }, list: ['p', 'q'], unknownObj: new Symbolic("parameters('u')") }));
  it('evaluates tryGet, contains, length, empty, substring, startsWith and items', () => {
    expect(e.value("[tryGet(parameters('obj'), 'a', 'b')]")).toBe('x');
    expect(e.value("[tryGet(parameters('obj'), 'missing')]")).toBeNull();
    expect(e.value("[contains(parameters('obj'), 'A')]")).toBe(true);
    expect(e.value("[contains(parameters('list'), 'q')]")).toBe(true);
    expect(e.value("[length(parameters('obj'))]")).toBe(1);
    expect(e.value("[empty(parameters('list'))]")).toBe(false);
    expect(e.value("[substring('abcdef', 1, 3)]")).toBe('bcd');
    expect(e.value("[startsWith('/models', '/')]")).toBe(true);
    expect(e.value("[items(createObject('b', 2, 'a', 1))]")).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
  });

  it('formats as ARM does: numbered holes in any order, a format spec, braces that are no hole kept', () => {
    expect(e.value("[format('{1}-{0}-{1}', 'a', 'b')]")).toBe('b-a-b');
    expect(e.value("[format('{0:D3} items', 7)]")).toBe('7 items');
    expect(e.value("[format('{{0}} {x} {0', 'a')]")).toBe('{a} {x} {0');
    expect(e.value("[format('plain')]")).toBe('plain');
    // A hole past the arguments is empty, as the replace it stands for made it.
    expect(e.value("[format('{0}/{3}', 'a')]")).toBe('a/');
    // A part that cannot be known is kept as its placeholder.
    expect(e.value("[format('st{0}', parameters('missing'))]")).toBe('st<missing>');
  });

  it('keeps unknown what it cannot know: tryGet on an unknown object, an if() whose branches differ', () => {
    expect(e.value("[tryGet(parameters('unknownObj'), 'a')]")).toBeInstanceOf(Symbolic);
    expect(e.value("[if(parameters('flag'), 'a', 'b')]")).toBeInstanceOf(Symbolic);
    // Both branches agree: the value is known whatever the condition.
    expect(e.value("[if(parameters('flag'), 'a', 'a')]")).toBe('a');
  });
});

describe('ARM evaluation of plain and mixed values', () => {
  const e = new Evaluator(scope({ name: 'ws1' }));

  it('returns a value without expressions as it is, and copies the rest only where something changes, in order', () => {
    const plain = { sku: { name: 'Basic' }, tags: ['a', 'b'], count: 3, flag: true, none: null };
    expect(e.value(plain)).toBe(plain);
    const template = {
      kind: 'Hub',
      sku: plain.sku,
      name: "[parameters('name')]",
      escaped: '[[not an expression]',
      "[format('key-{0}', parameters('name'))]": 'value',
      list: ['x', "[parameters('name')]", plain.tags],
    };
    const before = JSON.stringify(template);
    const evaluated = e.value(template) as Record<string, unknown>;
    expect(evaluated).toEqual({
      kind: 'Hub',
      sku: { name: 'Basic' },
      name: 'ws1',
      escaped: '[not an expression]',
      'key-ws1': 'value',
      list: ['x', 'ws1', ['a', 'b']],
    });
    expect(Object.keys(evaluated)).toEqual(['kind', 'sku', 'name', 'escaped', 'key-ws1', 'list']);
    // Plain parts are shared with the template, which is left as it was.
    expect(evaluated.sku).toBe(plain.sku);
    expect((evaluated.list as unknown[])[2]).toBe(plain.tags);
    expect(JSON.stringify(template)).toBe(before);
  });

  it('expands a property copy loop and keeps the members around it', () => {
    const evaluated = e.value({
      first: 1,
      copy: [{ name: 'rules', count: 2, input: "[format('10.0.{0}.0/24', copyIndex('rules'))]" }],
      last: "[parameters('name')]",
    });
    expect(evaluated).toEqual({ first: 1, last: 'ws1', rules: ['10.0.0.0/24', '10.0.1.0/24'] });
  });
});

describe('ARM conditions, loops and module parameters', () => {
  it('does not read a module whose condition is false, even with an empty name inside', () => {
    const { estate, errors } = read({
      parameters: { deployCompute: { type: 'bool', defaultValue: false } },
      resources: [
        module('compute', { condition: "[parameters('deployCompute')]", properties: { parameters: { name: { value: '' } } } }, {
          parameters: { name: { type: 'string' } },
          resources: [
            {
              type: 'Microsoft.MachineLearningServices/workspaces/computes',
              apiVersion: '2024-04-01',
              name: "[format('ws/{0}', parameters('name'))]",
              properties: { computeType: 'AmlCompute' },
            },
          ],
        }),
      ],
    });
    expect(errors).toEqual([]);
    expect(estate.computes).toEqual([]);
  });

  it('binds a module parameter written as one expression (Bicep conditional parameters)', () => {
    const { estate, warnings } = read({
      parameters: { hubName: { type: 'string', defaultValue: 'hub-demo' }, useHub: { type: 'bool', defaultValue: true } },
      resources: [
        module(
          'hub',
          {
            properties: {
              parameters: {
                name: "[if(parameters('useHub'), createObject('value', parameters('hubName')), createObject('value', 'standalone'))]",
              },
            },
          },
          {
            parameters: { name: { type: 'string' } },
            resources: [
              {
                type: 'Microsoft.MachineLearningServices/workspaces',
                apiVersion: '2024-04-01',
                name: "[parameters('name')]",
                kind: 'Hub',
                properties: {},
              },
            ],
          },
        ),
      ],
    });
    expect(estate.workspaces.map((w) => w.name)).toEqual(['hub-demo']);
    expect(warnings.filter((w) => w.includes('no value and no default'))).toEqual([]);
  });

  it('expands a module copy over an empty default list into nothing, and over a list into one module each', () => {
    const loop = (computes: unknown[]) =>
      read({
        parameters: { computes: { type: 'array', nullable: true }, defaults: { type: 'array', defaultValue: computes } },
        resources: [
          module(
            "[format('compute-{0}', copyIndex())]",
            {
              copy: { name: 'computeLoop', count: "[length(coalesce(parameters('computes'), parameters('defaults')))]" },
              properties: {
                parameters: {
                  name: { value: "[coalesce(parameters('computes'), parameters('defaults'))[copyIndex()].name]" },
                },
              },
            },
            {
              parameters: { name: { type: 'string' } },
              resources: [
                {
                  type: 'Microsoft.MachineLearningServices/workspaces/computes',
                  apiVersion: '2024-04-01',
                  name: "[format('ws/{0}', parameters('name'))]",
                  location: 'westeurope',
                  properties: { computeType: 'AmlCompute' },
                },
              ],
            },
          ),
        ],
      });
    const empty = loop([]);
    expect(empty.errors).toEqual([]);
    expect(empty.estate.computes).toEqual([]);
    const two = loop([{ name: 'cpu' }, { name: 'gpu' }]);
    expect(two.estate.computes.map((c) => c.name).sort()).toEqual(['cpu', 'gpu']);
  });

  it('expands property and variable copies', () => {
    const { estate } = read({
      variables: { copy: [{ name: 'names', count: 2, input: "[format('uai-{0}', copyIndex('names'))]" }] },
      resources: [
        {
          type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
          apiVersion: '2023-01-31',
          name: "[variables('names')[copyIndex()]]",
          copy: { name: 'uais', count: "[length(variables('names'))]" },
        },
      ],
    });
    expect(estate.userAssignedIdentities.map((u) => u.name)).toEqual(['uai-0', 'uai-1']);
  });

  it('leaves out the copies of a loop whose count cannot be known, and says so', () => {
    const { estate, warnings } = read({
      parameters: { count: { type: 'int' } },
      resources: [
        {
          type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
          apiVersion: '2023-01-31',
          name: "[format('uai-{0}', copyIndex())]",
          copy: { name: 'uais', count: "[parameters('count')]" },
        },
      ],
    });
    expect(estate.userAssignedIdentities).toEqual([]);
    expect(warnings.some((w) => w.includes('number of copies'))).toBe(true);
  });
});

describe('unknown is not "not set"', () => {
  const storage = (networkAcls: Record<string, unknown>) =>
    read({
      parameters: { bypass: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-05-01',
          name: 'stdemo',
          properties: { networkAcls },
        },
      ],
    }).estate.storageAccounts[0];

  it("reads a storage account without networkAcls.bypass with Azure's default, AzureServices", () => {
    expect(storage({ defaultAction: 'Deny' })?.network).toBe('trusted_services');
    expect(storage({ defaultAction: 'Deny', bypass: 'None' })?.network).toBe('selected_networks');
  });
});

/** A scope placed in the stand-in target, as the template reader places a template read without one. */
function undeployedScope(): ExpressionScope {
  return {
    ...scope(),
    subscriptionId: ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION,
    resourceGroup: ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP,
    standIns: [ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION, ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP],
  };
}

/** The storage account and workspace of a quickstart-like template that names its storage from uniqueString. */
const UNIQUE_NAMES = {
  variables: {
    storageName: "[toLower(format('st{0}', substring(uniqueString(resourceGroup().id), 0, 4)))]",
  },
  resources: [
    {
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2022-05-01',
      name: "[variables('storageName')]",
      kind: 'StorageV2',
      properties: {},
    },
    {
      type: 'Microsoft.MachineLearningServices/workspaces',
      apiVersion: '2024-04-01',
      name: 'mlw',
      identity: { type: 'SystemAssigned' },
      properties: {
        storageAccount:
          "[resourceId('Microsoft.Storage/storageAccounts', format('st{0}', substring(uniqueString(resourceGroup().id), 0, 4)))]",
      },
    },
  ],
};

describe('values not knowable before deployment', () => {
  it('stay unknown: utcNow, newGuid, environment(), deployment(), tenant, list*, reference', () => {
    const e = new Evaluator(scope());
    for (const expression of [
      '[utcNow()]',
      '[newGuid()]',
      '[environment().suffixes.storage]',
      '[deployment().name]',
      '[subscription().tenantId]',
      '[resourceGroup().location]',
      "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value]",
      "[reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob]",
    ])
      expect(e.value(expression), expression).toBeInstanceOf(Symbolic);
  });

  it('leave uniqueString unknown: of the stand-in target, of an unknown parameter, of deployment(), newGuid() or utcNow()', () => {
    const undeployed = new Evaluator(undeployedScope());
    expect(undeployed.value("[concat('st', uniqueString(resourceGroup().id))]")).toBe('st<uniqueString(resourceGroup().id)>');
    expect(undeployed.value('[uniqueString(subscription().id)]')).toBe('<uniqueString(subscription().id)>');
    expect(undeployed.value('[uniqueString(toUpper(resourceGroup().name))]')).toBe('<uniqueString(toUpper(resourceGroup().name))>');
    // Text that does not come from the stand-in target is known all the same.
    expect(undeployed.value("[uniqueString('snap', 'crackle', 'pop')]")).toBe('byghxckddilkc');
    const deployed = new Evaluator(scope());
    for (const expression of [
      "[uniqueString(resourceGroup().id, parameters('missing'))]",
      '[uniqueString(deployment().name)]',
      '[uniqueString(newGuid())]',
      '[uniqueString(utcNow())]',
      "[uniqueString(concat('a', uniqueString(deployment().name)))]",
      // ARM takes only text: anything else is an error at deployment, not a hash.
      '[uniqueString(resourceGroup())]',
      '[uniqueString(1)]',
    ])
      expect(deployed.value(expression), expression).toMatch(/^<uniqueString\(.*\)>$/);
  });

  it('compute uniqueString and guid when every argument is known text, as ARM does', () => {
    // Bicep's `bicep snapshot --subscription-id 00000000-0000-0000-0000-000000000000 --resource-group myRg` names the
    // storage account of 'store${uniqueString(resourceGroup().id)}' storejs26ofeqkqeve
    // (https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Cli.IntegrationTests/SnapshotCommandTests.cs#L83).
    // Here that subscription is the one the caller gave, not the stand-in.
    const e = new Evaluator({ ...scope(), subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroup: 'myRg' });
    expect(e.value("[format('store{0}', uniqueString(resourceGroup().id))]")).toBe('storejs26ofeqkqeve');
    // Bicep's FunctionResolverTests: guid('foo', 'bar', 'baz').
    expect(e.value("[guid('foo', 'bar', 'baz')]")).toBe('2ed86837-7c7c-5eaa-9864-dd077fd19b0d');
    expect(e.value("[guid(variables('unknown'), 'x')]")).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.value("[guid(variables('unknown'), 'x')]")).not.toBe(e.value("[guid('x')]"));
    expect(e.uses).toEqual([]);
  });

  it('are not measured, cut or compared as their placeholder text (the quickstarts cut uniqueString with substring)', () => {
    const e = new Evaluator(undeployedScope());
    for (const expression of [
      '[substring(uniqueString(resourceGroup().id), 0, 4)]',
      '[take(uniqueString(resourceGroup().id), 6)]',
      '[length(uniqueString(resourceGroup().id))]',
      "[equals(concat('a', uniqueString(resourceGroup().id)), 'a')]",
      "[contains(uniqueString(resourceGroup().id), 'a')]",
      "[split(concat(uniqueString(resourceGroup().id), '-x'), '-')]",
    ])
      expect(e.value(expression), expression).toBeInstanceOf(Symbolic);
    // The same unknown value equals itself; known text around a placeholder still changes.
    expect(e.value("[equals(concat('a', uniqueString(deployment().name)), concat('a', uniqueString(deployment().name)))]")).toBe(true);
    expect(e.value("[toLower(concat('ST-', uniqueString(resourceGroup().id)))]")).toBe('st-<uniqueString(resourceGroup().id)>');
    expect(e.value("[replace(concat('st-', uniqueString(resourceGroup().id)), '-', '')]")).toBe('st<uniqueString(resourceGroup().id)>');
  });

  it('name one entity consistently, however the template spells the name (toLower, substring)', () => {
    const result = readArmTemplate(JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...UNIQUE_NAMES }), 'main.json');
    const estate = result.estate as Estate;
    expect(estate.storageAccounts.map((s) => s.name)).toEqual(['st<substring(uniqueString(resourceGroup().id),0,4)>']);
    expect(estate.workspaces[0]?.storageAccount).toBe(estate.storageAccounts[0]?.id);
  });

  it('with the deployment target, name the entity with the cut of the real hash', () => {
    const { estate } = read(UNIQUE_NAMES);
    const hash = armUniqueString([`/subscriptions/${SUB}/resourceGroups/rg-ml`]);
    expect(estate.storageAccounts.map((s) => s.name)).toEqual([`st${hash.slice(0, 4)}`]);
    expect(estate.workspaces[0]?.storageAccount).toBe(estate.storageAccounts[0]?.id);
  });
});
