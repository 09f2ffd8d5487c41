// The template-reading row of the benchmark: reading the largest quickstart template of the corpus and a
// generated ~3 MB template of nested Bicep modules (readArmTemplate: parse, evaluate, map), against JSON.parse of
// the same text. Target: at most 10× JSON.parse (issue 15). `npm run bench -- --only templates` runs this alone.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readArmTemplate } from '../src/engine/io/arm/template';

export const TEMPLATE_TARGET = 10;

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const CORPUS = resolve(import.meta.dirname, '../../shared/corpus/azure-quickstart-templates/quickstarts');
const deployment = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-bench' };

/** One measured template. */
export interface TemplateBench {
  name: string;
  bytes: number;
  readMs: number;
  parseMs: number;
  ratio: number;
  entities: number;
  diagnostics: number;
}

/** The largest template file of the quickstart corpus (parameters files left out), or undefined without the corpus. */
export function largestCorpusTemplate(): { name: string; text: string } | undefined {
  if (!existsSync(CORPUS)) return undefined;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : /(?<!parameters)\.json$/i.test(name) ? [path] : [];
    });
  const [largest] = walk(CORPUS).sort((a, b) => statSync(b).size - statSync(a).size);
  return largest === undefined ? undefined : { name: relative(CORPUS, largest), text: readFileSync(largest, 'utf8') };
}

/** A Bicep module as `az bicep build` writes it: a nested deployment with inner scope and `{ value }` parameters. */
function module(name: string, parameters: Record<string, unknown>, template: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: {
      expressionEvaluationOptions: { scope: 'inner' },
      mode: 'Incremental',
      parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])),
      template: { $schema: SCHEMA, contentVersion: '1.0.0.0', ...template },
    },
  };
}

/** One team's stack as an Azure Verified Module would compile it: dependencies, a hub workspace, computes, grants. */
function teamModule(team: number): Record<string, unknown> {
  const computes = module(
    `computes-${team}`,
    { workspaceName: "[variables('workspaceName')]", computes: "[parameters('computes')]" },
    {
      parameters: { workspaceName: { type: 'string' }, computes: { type: 'array' } },
      resources: [
        {
          copy: { name: 'compute', count: "[length(parameters('computes'))]" },
          type: 'Microsoft.MachineLearningServices/workspaces/computes',
          apiVersion: '2024-04-01',
          name: "[format('{0}/{1}', parameters('workspaceName'), parameters('computes')[copyIndex()].name)]",
          identity: { type: 'SystemAssigned' },
          properties: {
            computeType: 'AmlCompute',
            disableLocalAuth: "[coalesce(tryGet(parameters('computes')[copyIndex()], 'disableLocalAuth'), true())]",
            properties: {
              vmSize: "[coalesce(tryGet(parameters('computes')[copyIndex()], 'vmSize'), 'Standard_DS3_v2')]",
              scaleSettings: { minNodeCount: 0, maxNodeCount: "[add(2, copyIndex())]" },
            },
          },
        },
      ],
    },
  );
  return module(
    `team-${team}`,
    {
      team: `team${team}`,
      location: 'westeurope',
      principals: Array.from({ length: 8 }, (_, i) => `${String(team).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`),
      computes: Array.from({ length: 6 }, (_, i) => ({ name: `cpu-${i}`, vmSize: i % 2 ? 'Standard_DS3_v2' : null })),
      tags: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`tag${i}`, `value ${i} of team ${team}`])),
    },
    {
      parameters: {
        team: { type: 'string' },
        location: { type: 'string' },
        principals: { type: 'array' },
        computes: { type: 'array', defaultValue: [] },
        tags: { type: 'object', nullable: true },
        enableCmk: { type: 'bool', defaultValue: false },
      },
      variables: {
        storageName: "[toLower(format('st{0}{1}', parameters('team'), substring(uniqueString(resourceGroup().id), 0, 4)))]",
        vaultName: "[format('kv-{0}-{1}', parameters('team'), uniqueString(resourceGroup().id))]",
        registryName: "[format('cr{0}', parameters('team'))]",
        workspaceName: "[format('mlw-{0}', parameters('team'))]",
        roles: {
          reader: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
          blobContributor: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')]",
          dataScientist: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'f6c7c914-8db3-469d-8ca1-694a8f32e121')]",
        },
        'copy': [{ name: 'ruleSet', count: 20, input: { value: "[format('10.{0}.{1}.0/24', copyIndex('ruleSet'), 1)]", action: 'Allow' } }],
      },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-01-01',
          name: "[variables('storageName')]",
          location: "[parameters('location')]",
          tags: "[coalesce(parameters('tags'), createObject())]",
          kind: 'StorageV2',
          sku: { name: 'Standard_ZRS' },
          properties: {
            allowSharedKeyAccess: false,
            networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: "[variables('ruleSet')]" },
          },
        },
        {
          type: 'Microsoft.KeyVault/vaults',
          apiVersion: '2023-07-01',
          name: "[variables('vaultName')]",
          location: "[parameters('location')]",
          properties: {
            tenantId: '[subscription().tenantId]',
            sku: { family: 'A', name: 'standard' },
            enableRbacAuthorization: true,
            enablePurgeProtection: "[if(parameters('enableCmk'), true(), null())]",
          },
        },
        {
          type: 'Microsoft.ContainerRegistry/registries',
          apiVersion: '2023-07-01',
          name: "[variables('registryName')]",
          location: "[parameters('location')]",
          sku: { name: 'Premium' },
          properties: { adminUserEnabled: false, publicNetworkAccess: 'Disabled' },
        },
        {
          type: 'Microsoft.MachineLearningServices/workspaces',
          apiVersion: '2024-04-01',
          name: "[variables('workspaceName')]",
          location: "[parameters('location')]",
          kind: 'Hub',
          identity: { type: 'SystemAssigned' },
          properties: {
            storageAccount: "[resourceId('Microsoft.Storage/storageAccounts', variables('storageName'))]",
            keyVault: "[resourceId('Microsoft.KeyVault/vaults', variables('vaultName'))]",
            containerRegistry: "[resourceId('Microsoft.ContainerRegistry/registries', variables('registryName'))]",
            publicNetworkAccess: 'Disabled',
            managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
            systemDatastoresAuthMode: 'identity',
          },
        },
        {
          copy: { name: 'grants', count: "[length(parameters('principals'))]" },
          type: 'Microsoft.Authorization/roleAssignments',
          apiVersion: '2022-04-01',
          scope: "[format('Microsoft.MachineLearningServices/workspaces/{0}', variables('workspaceName'))]",
          name: "[guid(variables('workspaceName'), parameters('principals')[copyIndex()], variables('roles').dataScientist)]",
          properties: {
            roleDefinitionId: "[variables('roles').dataScientist]",
            principalId: "[parameters('principals')[copyIndex()]]",
            principalType: 'Group',
          },
        },
        {
          type: 'Microsoft.Authorization/roleAssignments',
          apiVersion: '2022-04-01',
          scope: "[format('Microsoft.Storage/storageAccounts/{0}', variables('storageName'))]",
          name: "[guid(variables('storageName'), variables('workspaceName'), variables('roles').blobContributor)]",
          properties: {
            roleDefinitionId: "[variables('roles').blobContributor]",
            principalId: "[reference(resourceId('Microsoft.MachineLearningServices/workspaces', variables('workspaceName')), '2024-04-01', 'full').identity.principalId]",
            principalType: 'ServicePrincipal',
          },
        },
        computes,
      ],
      outputs: {
        workspaceId: { type: 'string', value: "[resourceId('Microsoft.MachineLearningServices/workspaces', variables('workspaceName'))]" },
      },
    },
  );
}

/** A template of nested modules (team stacks, each with its own computes module) of at least `bytes` as JSON. */
export function generatedTemplate(bytes: number): string {
  const resources: Record<string, unknown>[] = [];
  let text = '';
  for (let team = 0; text.length < bytes; team += 16) {
    for (let i = team; i < team + 16; i++) resources.push(teamModule(i));
    text = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);
  }
  return text;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function measure(name: string, text: string, repeats: number): TemplateBench {
  const time = (fn: () => unknown): number => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  // Warm both paths first: JSON.parse is native, the reader is JavaScript that the engine compiles over the first
  // reads (a small template is read a few hundred times a second, and a single warm-up read left the row
  // measuring the compiler: 80 ms for what takes 3 ms warm). Up to 20 reads or one second, whichever comes first.
  // Then each repeat times JSON.parse and the read back to back, and the ratio is the median of those pairs, so
  // that load from other processes weighs on both alike.
  const result = readArmTemplate(text, name, { deployment });
  JSON.parse(text);
  const warmUntil = Date.now() + 1_000;
  for (let i = 1; i < 20 && Date.now() < warmUntil; i++) readArmTemplate(text, name, { deployment });
  const pairs = Array.from({ length: repeats }, () => {
    const parseMs = time(() => JSON.parse(text));
    const readMs = time(() => readArmTemplate(text, name, { deployment }));
    return { parseMs, readMs, ratio: readMs / parseMs };
  });
  const estate = result.estate;
  const entities = estate
    ? Object.values(estate).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0)
    : 0;
  return {
    name,
    bytes: Buffer.byteLength(text),
    readMs: median(pairs.map((p) => p.readMs)),
    parseMs: median(pairs.map((p) => p.parseMs)),
    ratio: median(pairs.map((p) => p.ratio)),
    entities,
    diagnostics: result.diagnostics.length,
  };
}

/** Measures the corpus's largest template and a generated one of about `generatedBytes`. */
export function benchTemplates(options: { repeats: number; generatedBytes: number }): TemplateBench[] {
  const corpus = largestCorpusTemplate();
  return [
    ...(corpus ? [measure(corpus.name, corpus.text, options.repeats)] : []),
    measure('generated nested modules', generatedTemplate(options.generatedBytes), options.repeats),
  ];
}

/** The benchmark table rows for {@link benchTemplates}. */
export function templateRows(results: readonly TemplateBench[], quick: boolean): [string, string, string, string][] {
  const f = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return results.map((r) => [
    `read ARM template ${r.name} (${f(r.bytes / 2 ** 20, 2)} MB)`,
    `${f(r.readMs, 1)} ms vs JSON.parse ${f(r.parseMs, 2)} ms (medians), ${f(r.ratio, 1)}× (median of paired runs); ${f(r.entities, 0)} entities and assignments, ${f(r.diagnostics, 0)} diagnostics`,
    `≤ ${TEMPLATE_TARGET}× parse`,
    quick ? '-' : r.ratio <= TEMPLATE_TARGET ? 'met' : 'GAP',
  ]);
}
