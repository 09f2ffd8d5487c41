import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import { readInputs } from '../inputs';
import { templateNameFor } from './parameters';

// The shape of the quickstart machine-learning-workspace-cmk-service-side-encryption (azuredeploy.json and its
// azuredeploy.parameters.json), cut to the storage account and the workspace: names built with format() from two
// parameters without a default, and a customer-managed key whose vault id and key are parameters.
const template = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    name: { type: 'string', minLength: 1 },
    environment: { type: 'string', minLength: 1 },
    location: { type: 'string', defaultValue: 'westeurope' },
    encryption_status: { type: 'string', defaultValue: 'Enabled', allowedValues: ['Enabled', 'Disabled'] },
    cmk_keyvault_id: { type: 'string' },
    cmk_keyvault_key_uri: { type: 'string' },
    adminPassword: { type: 'securestring' },
  },
  variables: {
    storageAccountName: "[format('st{0}{1}', parameters('name'), parameters('environment'))]",
    workspaceName: "[format('mlw{0}{1}', parameters('name'), parameters('environment'))]",
  },
  resources: [
    {
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2022-05-01',
      name: "[variables('storageAccountName')]",
      location: "[parameters('location')]",
      sku: { name: 'Standard_RAGRS' },
      kind: 'StorageV2',
      properties: { encryption: { services: { blob: { enabled: true } }, keySource: 'Microsoft.Storage' } },
    },
    {
      type: 'Microsoft.MachineLearningServices/workspaces',
      apiVersion: '2024-04-01-preview',
      name: "[variables('workspaceName')]",
      location: "[parameters('location')]",
      identity: { type: 'SystemAssigned' },
      tags: { owner: "[concat('by-', parameters('adminPassword'))]" },
      properties: {
        storageAccount: "[resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName'))]",
        encryption: {
          status: "[parameters('encryption_status')]",
          keyVaultProperties: {
            keyVaultArmId: "[parameters('cmk_keyvault_id')]",
            keyIdentifier: "[parameters('cmk_keyvault_key_uri')]",
          },
        },
      },
    },
  ],
};
const KV = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk';
const parametersFile = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    name: { value: 'demo' },
    environment: { value: 'dev' },
    location: { value: 'westeurope' },
    cmk_keyvault_id: { value: KV },
    cmk_keyvault_key_uri: { value: 'https://kv-cmk.vault.azure.net/keys/cmk/0123456789abcdef' },
    adminPassword: {
      reference: {
        keyVault: { id: KV },
        secretName: 'vmAdminPassword',
      },
    },
  },
};
const text = (value: unknown) => JSON.stringify(value, null, 2);
const TEMPLATE = 'cmk/azuredeploy.json';
const PARAMETERS = 'cmk/azuredeploy.parameters.json';

describe('ARM parameters files', () => {
  it('pair by name in the same folder', () => {
    expect(templateNameFor('q/azuredeploy.parameters.json')).toBe('q/azuredeploy.json');
    expect(templateNameFor('q/prereqs/prereq.azuredeploy.parameters.json')).toBe('q/prereqs/prereq.azuredeploy.json');
    expect(templateNameFor('main.PARAMETERS.json')).toBe('main.json');
    expect(templateNameFor('q/.parameters.json')).toBeUndefined();
    expect(templateNameFor('q/azuredeploy.json')).toBeUndefined();
  });

  it('given beside the template, bind its parameters: names and the customer-managed key are known', () => {
    const result = readInputs([
      { file: PARAMETERS, text: text(parametersFile) },
      { file: TEMPLATE, text: text(template) },
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.inputs).toEqual([
      { file: PARAMETERS, format: 'arm-parameters', used: true },
      { file: TEMPLATE, format: 'arm-template', used: true },
    ]);
    const [workspace] = result.estate?.workspaces ?? [];
    expect(workspace?.name).toBe('mlwdemodev');
    expect(result.estate?.storageAccounts.map((s) => s.name)).toEqual(['stdemodev']);
    expect(workspace?.customerManagedKey?.keyVault).toBe(KV);
    expect(workspace?.customerManagedKey?.keyUri).toBe('https://kv-cmk.vault.azure.net/keys/cmk/0123456789abcdef');
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toContain('has no value and no default');
  });

  it('never read a Key Vault secret reference: the value stays a placeholder, and is said so where it is used', () => {
    const result = readInputs([
      { file: TEMPLATE, text: text(template) },
      { file: PARAMETERS, text: text(parametersFile) },
    ]);
    expect(result.estate?.workspaces[0]?.tags).toEqual({ owner: "by-<keyVaultSecret('vmAdminPassword')>" });
    expect(result.diagnostics.map((d) => d.message)).toContain(
      "this value comes from the Key Vault secret `vmAdminPassword` of a parameters file, which is never read; it is kept as the placeholder `<keyVaultSecret('vmAdminPassword')>`",
    );
  });

  it('do not keep a value given for a secure parameter', () => {
    const result = readInputs([{ file: TEMPLATE, text: text(template) }], {
      armParameters: [
        { file: PARAMETERS, text: text(parametersFile) },
        { name: 'adminPassword', value: 'Pa55w.rd-not-kept' },
      ],
    });
    expect(JSON.stringify(result)).not.toContain('Pa55w.rd-not-kept');
    expect(result.estate?.workspaces[0]?.tags).toEqual({ owner: "by-<secureParameter('adminPassword')>" });
  });

  it('given as options (the CLI --parameters) apply in order, later ones winning, name=value read as JSON when it is', () => {
    const result = readInputs([{ file: TEMPLATE, text: text(template) }], {
      armParameters: [
        { file: PARAMETERS, text: text(parametersFile) },
        { name: 'environment', value: 'prod' },
        { name: 'encryption_status', value: '"Disabled"' },
      ],
    });
    const [workspace] = result.estate?.workspaces ?? [];
    expect(workspace?.name).toBe('mlwdemoprod');
    expect(workspace?.customerManagedKey).toBeUndefined();
  });

  it('report a name the template does not declare where it is written, and go on', () => {
    const withTypo = { ...parametersFile, parameters: { ...parametersFile.parameters, enviroment: { value: 'x' } } };
    const result = readInputs([
      { file: TEMPLATE, text: text(template) },
      { file: PARAMETERS, text: text(withTypo) },
    ]);
    const typo = result.diagnostics.find((d) => d.message.includes('enviroment'));
    expect(typo).toMatchObject({ severity: 'warning', file: PARAMETERS, line: 28 });
    expect(typo?.message).toBe("`cmk/azuredeploy.json` declares no parameter `enviroment`; it is ignored");
    expect(result.estate?.workspaces[0]?.name).toBe('mlwdemodev');
  });

  it('alone, without their template, are one located line that says what to give', () => {
    const result = readInputs([{ file: PARAMETERS, text: text(parametersFile) }]);
    expect(result.estate).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        file: PARAMETERS,
        line: 1,
        column: 1,
        message:
          'this is an ARM parameters file, and its template `cmk/azuredeploy.json` is not among the inputs: give the template with it (a parameters file pairs by name with the template in its folder, `X.parameters.json` with `X.json`), or pass it with `--parameters`',
      },
    ]);
  });
});

describe('a value the template cannot know', () => {
  it('leaves a customer-managed key unknown: no "Microsoft-managed keys" finding rests on it', () => {
    const without = readInputs([{ file: TEMPLATE, text: text(template) }]);
    expect(without.estate?.workspaces[0]?.customerManagedKey).toBeUndefined();
    const workspace = without.estate?.workspaces[0];
    expect(workspace && without.estate?.provenance?.unknown[workspace.id]).toEqual(['customerManagedKey']);
    const findings = (estate: typeof without.estate) =>
      estate ? analyze(estate).findings.filter((f) => f.ruleId === 'AML-GOV-005') : [];
    expect(findings(without.estate)).toEqual([]);
    // The same template without encryption does use Microsoft-managed keys, and says so.
    const plain = structuredClone(template);
    delete (plain.resources[1]?.properties as { encryption?: unknown }).encryption;
    expect(findings(readInputs([{ file: TEMPLATE, text: text(plain) }]).estate)).toHaveLength(1);
  });
});
