import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import workspaceShow from '../engine/io/azcli/fixtures/workspace-show.json';
import { deploymentTargetOption } from './deployment-target';
import { loadEstate } from './load';
import { run } from './run';
import { memoryIo } from './testing/io';

// Microsoft's workspace quickstart (compiled Bicep) beside `az ml workspace show` of the workspace it made: the
// template names its workspace mlw<name><environment> and says nothing of where it is deployed.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const QUICKSTART = resolve(repoRoot, '../shared/corpus/azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-workspace/azuredeploy.json');
const TARGET = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';
const files = {
  'azuredeploy.json': readFileSync(QUICKSTART, 'utf8'),
  'workspace.json': JSON.stringify(workspaceShow, null, 2).replaceAll('ws-prod', 'mlwchurnprod'),
};
const parameters = ['name=churn', 'environment=prod', 'location=westeurope'];

describe('--deployment-target', () => {
  it('refuses anything but a resource group or subscription id, quoting it (parseDeploymentTarget reads it)', () => {
    expect(deploymentTargetOption(undefined)).toBeUndefined();
    expect(deploymentTargetOption(`${TARGET}/`)).toEqual({ subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-ml' });
    for (const bad of ['rg-ml', '/subscriptions/prod/resourceGroups/rg-ml', `${TARGET}/providers/Microsoft.Storage/storageAccounts/st`, '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/', ''])
      expect(() => deploymentTargetOption(bad)).toThrow(`--deployment-target ${JSON.stringify(bad)} is not a resource group or subscription id`);
  });

  it("places the template's resources there, so its workspace is the exported one", async () => {
    const { estate, diagnostics } = await loadEstate(['azuredeploy.json', 'workspace.json'], memoryIo(files).io, {
      parameters,
      deployment: deploymentTargetOption(TARGET),
    });
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('does not say where it is deployed');
    expect(estate?.workspaces.map((w) => w.armId)).toEqual([`${TARGET}/providers/Microsoft.MachineLearningServices/workspaces/mlwchurnprod`]);
    expect(estate?.storageAccounts.map((s) => s.armId)).toContain(`${TARGET}/providers/Microsoft.Storage/storageAccounts/stchurnprod`);
  });

  it('without it, a template read alone stays in a stand-in resource group and a note says how to place it', async () => {
    const alone = await loadEstate(['azuredeploy.json'], memoryIo(files).io, { parameters });
    expect(alone.diagnostics.map((d) => d.message).join('\n')).toContain('does not say where it is deployed');
    expect(alone.estate?.storageAccounts.map((s) => s.armId)).toEqual([
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/deployment-resource-group/providers/Microsoft.Storage/storageAccounts/stchurnprod',
    ]);
    const placed = await loadEstate(['azuredeploy.json'], memoryIo(files).io, { parameters, deployment: deploymentTargetOption(TARGET) });
    expect(placed.estate?.storageAccounts.map((s) => s.armId)).toEqual([`${TARGET}/providers/Microsoft.Storage/storageAccounts/stchurnprod`]);
  });

  it('is taken by validate, explain, check, paths, export and diff; a bad one is exit 2 before anything is read', async () => {
    const flags = ['--deployment-target', TARGET, ...parameters.flatMap((p) => ['--parameters', p])];
    expect(await run(['validate', 'azuredeploy.json', 'workspace.json', ...flags], memoryIo(files).io)).toBe(0);
    expect(await run(['check', 'azuredeploy.json', 'workspace.json', '--fail-on', 'never', ...flags], memoryIo(files).io)).toBe(0);
    expect(await run(['paths', 'azuredeploy.json', 'workspace.json', ...flags], memoryIo(files).io)).toBe(0);
    const exported = memoryIo(files);
    expect(await run(['export', '--to', 'estate', 'azuredeploy.json', ...flags], exported.io)).toBe(0);
    expect(exported.stdout()).toContain('- name: rg-ml');
    expect(await run(['diff', 'workspace.json', '--', 'azuredeploy.json', 'workspace.json', '--fail-on-new', 'never', ...flags], memoryIo(files).io)).toBe(0);
    const bad = memoryIo(files);
    expect(await run(['check', 'missing.json', '--deployment-target', 'rg-ml'], bad.io)).toBe(2);
    expect(bad.stderr()).toContain('--deployment-target "rg-ml" is not a resource group or subscription id');
    expect(bad.stderr()).not.toContain('missing.json');
    expect(await run(['rules', '--deployment-target', TARGET], memoryIo(files).io)).toBe(2);
  });
});
