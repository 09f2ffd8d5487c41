import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTITY_COLLECTIONS } from '../engine/model/types';
import type { Estate } from '../engine/model/types';
import { readInputs } from '../engine/io/inputs';
import { run } from './run';
import { filesUnder } from './testing/files';
import { memoryIo } from './testing/io';

// Microsoft's Azure ML quickstart templates (../shared/corpus/azure-quickstart-templates, beside the clone in CI
// as in a worktree): compiled Bicep and hand-written ARM, each read on its own as a user would give it.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const ROOT = resolve(repoRoot, '../shared/corpus/azure-quickstart-templates/quickstarts');

const TEMPLATES = existsSync(ROOT)
  ? filesUnder(ROOT).filter((path) => path.endsWith('.json') && !/parameters\.json$/i.test(path))
  : [];
const PARAMETERS = existsSync(ROOT) ? filesUnder(ROOT).filter((path) => /\.parameters\.json$/i.test(path)) : [];

describe('the Azure quickstart templates corpus', () => {
  it('is present', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(58);
  });

  it.each(TEMPLATES.map((path) => [relative(ROOT, path), path]))('reads %s without errors', (file, path) => {
    const result = readInputs([{ file, text: readFileSync(path, 'utf8') }]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.estate).toBeDefined();
  });

  it('finds the resources the templates deploy', () => {
    let entities = 0;
    for (const path of TEMPLATES) {
      const estate = readInputs([{ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }]).estate;
      if (estate) for (const collection of ENTITY_COLLECTIONS) entities += estate[collection].length;
    }
    // 343 before issue 15 (one template refused, copy loops left out).
    expect(entities).toBeGreaterThanOrEqual(349);
  });

  it('has a template beside every parameters file', () => {
    expect(PARAMETERS.length).toBeGreaterThanOrEqual(53);
    for (const path of PARAMETERS) expect(TEMPLATES).toContain(path.replace(/\.parameters\.json$/i, '.json'));
  });

  it.each(PARAMETERS.map((path) => [relative(ROOT, path), path]))(
    'reads %s with its template through the CLI: paired as inputs, and as --parameters',
    async (file, path) => {
      const template = file.replace(/\.parameters\.json$/i, '.json');
      const files = { [file]: readFileSync(path, 'utf8'), [template]: readFileSync(path.replace(/\.parameters\.json$/i, '.json'), 'utf8') };
      const paired = memoryIo(files);
      expect(await run(['validate', file, template], paired.io), paired.stderr()).toBe(0);
      const given = memoryIo(files);
      expect(await run(['validate', template, '--parameters', file], given.io), given.stderr()).toBe(0);
      // Alone, it is one located line, not a YAML error.
      const alone = memoryIo(files);
      expect(await run(['validate', file], alone.io)).toBe(2);
      expect(alone.stderr()).toContain(`${file}:1:1: error: this is an ARM parameters file, and its template`);
    },
  );
});

// The findings `check` gives on each quickstart folder (template and its parameters file), audited one by one
// against the template text and the facts (R1–R89) in qa15-audit.md. A change here needs the same audit.
const AUDITED_FINDINGS: Record<string, string[]> = {
  'aistudio-basics': ['AML-ACR-003', 'AML-ACR-008', 'AML-GOV-001', 'AML-GOV-003', 'AML-GOV-005', 'AML-GOV-006', 'AML-NET-001'],
  'aistudio-cmk': ['AML-ACR-003', 'AML-ACR-008', 'AML-GOV-001', 'AML-GOV-003', 'AML-GOV-006'],
  'aistudio-entraid-passthrough': ['AML-ACR-003', 'AML-ACR-008', 'AML-GOV-001', 'AML-GOV-003', 'AML-GOV-005', 'AML-GOV-006', 'AML-NET-001'],
  // AML-NET-001 left (was wrong): the managed network reaches the default storage through managed private endpoints.
  'aistudio-network-restricted': ['AML-ACR-008', 'AML-GOV-001', 'AML-GOV-005', 'AML-GOV-006', 'AML-MNET-002', 'AML-WS-012', 'AML-WS-012', 'AML-WS-012', 'AML-WS-012'],
  'machine-learning-compute-create-computeinstance': ['AML-GOV-002', 'AML-GOV-004'],
  'machine-learning-dataset-create-workspace-multiple-dataset-datastore': ['AML-ACR-003', 'AML-GOV-001', 'AML-GOV-003', 'AML-GOV-005', 'AML-GOV-006'],
  // AML-NET-001 left (was wrong) in both: the storage module deploys blob and file private endpoints into
  // snet-training, the subnet of the workspace's own private endpoint and of its cluster and instance, so the
  // workspace reaches its default storage privately.
  'machine-learning-end-to-end-secure-v1-legacy-mode': ['AML-ACR-003', 'AML-GOV-001', 'AML-GOV-004', 'AML-GOV-005', 'AML-GOV-006'],
  'machine-learning-end-to-end-secure': ['AML-ACR-003', 'AML-GOV-001', 'AML-GOV-004', 'AML-GOV-005', 'AML-GOV-006'],
  'machine-learning-network-restricted': ['AML-ACR-008', 'AML-GOV-001', 'AML-GOV-005', 'AML-GOV-006', 'AML-MNET-002'],
  'machine-learning-private-ip': ['AML-GOV-001', 'AML-GOV-003', 'AML-GOV-005', 'AML-GOV-006', 'AML-NET-001'],
  'machine-learning-workspace-cmk-service-side-encryption': ['AML-ACR-003', 'AML-GOV-001', 'AML-GOV-003', 'AML-GOV-006'],
  'machine-learning-workspace-vnet-v1-legacy-mode': ['AML-GOV-001', 'AML-GOV-005', 'AML-GOV-006', 'AML-NET-001'],
  'machine-learning-workspace': ['AML-GOV-001', 'AML-GOV-003', 'AML-GOV-005', 'AML-GOV-006', 'AML-NET-001'],
};

const FOLDERS = existsSync(ROOT)
  ? [...new Set(PARAMETERS.filter((path) => basename(path) === 'azuredeploy.parameters.json').map((path) => dirname(path)))].sort()
  : [];
const TARGET = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';

interface CheckedFinding {
  ruleId: string;
  evidence: { label?: string }[];
}

/** `check --format json` on one folder's azuredeploy.json with its parameters file, as a user would run it. */
async function checkFolder(folder: string, extra: string[] = []): Promise<CheckedFinding[]> {
  const name = relative(ROOT, folder);
  const files = {
    [`${name}/azuredeploy.json`]: readFileSync(resolve(folder, 'azuredeploy.json'), 'utf8'),
    [`${name}/azuredeploy.parameters.json`]: readFileSync(resolve(folder, 'azuredeploy.parameters.json'), 'utf8'),
  };
  const memory = memoryIo(files);
  const code = await run(['check', ...Object.keys(files), '--format', 'json', '--fail-on', 'never', ...extra], memory.io);
  expect(code, memory.stderr()).toBe(0);
  return (JSON.parse(memory.stdout()) as { findings: CheckedFinding[] }).findings;
}

describe('the findings on the quickstart folders', () => {
  it('covers every folder with a parameters file', () => {
    expect(FOLDERS.length).toBeGreaterThanOrEqual(31);
  });

  it.each(FOLDERS.map((folder) => [basename(folder), folder]))(
    '%s gives the audited findings, with and without a deployment target',
    async (name, folder) => {
      const expected = AUDITED_FINDINGS[name] ?? [];
      expect((await checkFolder(folder)).map((f) => f.ruleId).sort()).toEqual(expected);
      expect((await checkFolder(folder, ['--deployment-target', TARGET])).map((f) => f.ruleId).sort()).toEqual(expected);
    },
  );

  // aistudio-basics: the registry has `publicNetworkAccess: Disabled` and `networkRuleSet: { defaultAction: Deny }`
  // with no IP rule; its private endpoints, where there are any, are separate resources. It was read as restricted
  // by IP rules, and AML-ACR-008 quoted `network_restriction = ip_rules` for a registry that has none.
  it('reads a registry with public access disabled and an empty deny rule set as reachable through private endpoints', async () => {
    const folder = resolve(ROOT, 'microsoft.machinelearningservices/aistudio-basics');
    const estate = readInputs([
      { file: 'azuredeploy.json', text: readFileSync(resolve(folder, 'azuredeploy.json'), 'utf8') },
      { file: 'azuredeploy.parameters.json', text: readFileSync(resolve(folder, 'azuredeploy.parameters.json'), 'utf8') },
    ]).estate as Estate;
    expect(estate.containerRegistries.map((r) => [r.publicNetworkAccess, r.networkRestriction])).toEqual([
      ['Disabled', 'private_endpoint'],
    ]);
    const acr008 = (await checkFolder(folder)).filter((f) => f.ruleId === 'AML-ACR-008');
    expect(acr008.flatMap((f) => f.evidence.map((e) => e.label))).toContain('network_restriction = private_endpoint');
  });

  // The secure end-to-end templates deploy each dependency's private endpoints inside its module, into
  // snet-training, beside the workspace's own private endpoint.
  it.each(['machine-learning-end-to-end-secure', 'machine-learning-end-to-end-secure-v1-legacy-mode'])(
    'reads the private endpoints %s deploys in its nested modules onto the resources they reach',
    (name) => {
      const folder = resolve(ROOT, 'microsoft.machinelearningservices', name);
      const estate = readInputs([
        { file: 'azuredeploy.json', text: readFileSync(resolve(folder, 'azuredeploy.json'), 'utf8') },
        { file: 'azuredeploy.parameters.json', text: readFileSync(resolve(folder, 'azuredeploy.parameters.json'), 'utf8') },
      ]).estate as Estate;
      const groups = (links: { groupIds?: string[] }[] | undefined) => links?.map((l) => l.groupIds);
      expect(estate.storageAccounts.map((s) => groups(s.privateEndpoints))).toEqual([[['blob'], ['file']]]);
      expect(estate.keyVaults.map((v) => groups(v.privateEndpoints))).toEqual([[['vault']]]);
      expect(estate.containerRegistries.map((r) => groups(r.privateEndpoints))).toEqual([[['registry']]]);
      expect(estate.workspaces.map((w) => groups(w.privateEndpoints))).toEqual([[['amlworkspace']]]);
      const subnets = new Set(
        [...estate.storageAccounts, ...estate.workspaces].flatMap((r) => (r.privateEndpoints ?? []).map((l) => l.subnet)),
      );
      expect([...subnets]).toEqual([expect.stringMatching(/\/virtualNetworks\/vnet-gen-unique-6-.*\/subnets\/snet-training$/)]);
    },
  );

  it('still reads a public registry whose rule set denies by default as restricted by IP rules', () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.ContainerRegistry/registries',
          apiVersion: '2023-07-01',
          name: 'crdemo',
          sku: { name: 'Premium' },
          properties: { adminUserEnabled: false, publicNetworkAccess: 'Enabled', networkRuleSet: { defaultAction: 'Deny' } },
        },
      ],
    };
    const estate = readInputs([{ file: 'azuredeploy.json', text: JSON.stringify(template) }]).estate as Estate;
    expect(estate.containerRegistries[0]?.networkRestriction).toBe('ip_rules');
  });
});
