import { describe, expect, it } from 'vitest';
import { readInputs } from './inputs';
import { sourceCodeRefusal } from './source-code';
import { detectFormat } from './detect';
import { parseDocuments } from './core/source';
import stateText from './terraform/fixtures/state.json?raw';
import planText from './terraform/fixtures/plan.json?raw';

const BICEP = `// The workspace
param location string = resourceGroup().location

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'ws'
  location: location
}
`;
const HCL = `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
  }
}

resource "azurerm_machine_learning_workspace" "ws" {
  name = "ws"
}
`;
const JOB = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:cpu-cluster
`;

describe('Bicep and Terraform source: one line saying what to run', () => {
  it('refuses by file name with the command that gives what the tool reads', () => {
    expect(sourceCodeRefusal('main.bicep', BICEP)?.diagnostic).toMatchObject({
      line: 2,
      column: 1,
      message: expect.stringContaining('az bicep build --file main.bicep'),
    });
    expect(sourceCodeRefusal('main.bicepparam', "using 'main.bicep'\n")?.diagnostic.message).toContain(
      'az bicep build',
    );
    expect(sourceCodeRefusal('main.tf', HCL)?.diagnostic).toMatchObject({
      line: 1,
      message: expect.stringContaining('terraform show -json plan.tfplan > plan.json'),
    });
    expect(sourceCodeRefusal('prod.tfvars', 'location = "eastus"\n')?.format).toBe('terraform-hcl');
  });

  it('refuses by content when the name says nothing, and stays quiet for YAML and JSON', () => {
    expect(sourceCodeRefusal('pasted', HCL)).toMatchObject({
      format: 'terraform-hcl',
      diagnostic: { line: 1 },
    });
    expect(sourceCodeRefusal('pasted', HCL.slice(HCL.indexOf('resource')))?.diagnostic.line).toBe(1);
    expect(
      sourceCodeRefusal('pasted', `# main\n\n${HCL.slice(HCL.indexOf('resource'))}`)?.diagnostic.line,
    ).toBe(3);
    expect(sourceCodeRefusal('pasted', BICEP)?.format).toBe('bicep-source');
    expect(sourceCodeRefusal('job.yml', JOB)).toBeUndefined();
    expect(sourceCodeRefusal('state.json', stateText)).toBeUndefined();
    expect(sourceCodeRefusal('e.yaml', 'version: 1\nresource: x\nparam: y\n')).toBeUndefined();
  });

  it('gives exactly one error per file through readInputs, not a YAML error per line', () => {
    const result = readInputs([{ file: 'main.bicep', text: BICEP }]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.inputs?.[0]).toMatchObject({ format: 'bicep-source', used: false });
  });
});

describe('Terraform JSON among the other inputs', () => {
  it('is detected as Terraform, plan and state alike', () => {
    for (const text of [stateText, planText])
      expect(detectFormat(parseDocuments(text, 'x.json').docs).format).toBe('terraform-json');
  });

  it('merges a Terraform state with an az ml job that runs on its compute', () => {
    const result = readInputs([
      { file: 'state.json', text: stateText },
      { file: 'job.yml', text: JOB },
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.inputs?.map((i) => [i.format, i.used])).toEqual([
      ['terraform-json', true],
      ['azml-yaml', true],
    ]);
    expect(result.estate?.workspaces.map((w) => w.name)).toEqual(['ws-prod']);
    expect(result.estate?.jobs).toHaveLength(1);
    expect(result.estate?.computes.map((c) => c.name)).toContain('cpu-cluster');
  });
});
