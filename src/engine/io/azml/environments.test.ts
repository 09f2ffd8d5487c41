import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import type { Diagnostic, Estate } from '../../model/types';
import { withPrivateRegistry } from '../../testing/private-registry';
import { readInputs, type InputFile } from '../inputs';
import { parseEnvironmentRef } from './environments';

// The shapes of azureml-examples' cli/endpoints/online/deploy-with-packages/custom-model/environment/*.yml and
// of a command job naming a registered environment (`environment: azureml:<name>@latest`).
const privateBaseEnvironment = (version = '') => ({
  file: 'environment/private-base.yml',
  text: `$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json
name: private-base
${version}image: acrprivate.azurecr.io/base/pytorch:2.3
conda_file: conda.yaml
description: PyTorch on the team's own base image.
`,
});
const trainJob = (environment: string): InputFile => ({
  file: 'jobs/train.yml',
  text: `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py
code: src
environment: ${environment}
display_name: train
experiment_name: private-base
`,
});
const estate: InputFile = { file: 'estate.yml', text: withPrivateRegistry() };

function read(...inputs: InputFile[]): { estate: Estate; diagnostics: Diagnostic[] } {
  const result = readInputs(inputs);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.estate).toBeDefined();
  return { estate: result.estate as Estate, diagnostics: result.diagnostics };
}

const privateBuildPaths = (estate: Estate) =>
  analyze(estate).paths.filter((p) => p.kind === 'environment-build-private-registry');
const privateRegistryFindings = (estate: Estate) =>
  analyze(estate).findings.filter((f) => f.ruleId.startsWith('AML-PACR-'));

describe('environment assets named by jobs (R56)', () => {
  it('gives a job naming `azureml:<name>@latest` the asset image and build, so the private base image path and finding appear', () => {
    const { estate: merged } = read(estate, privateBaseEnvironment(), trainJob('azureml:private-base@latest'));
    const job = merged.jobs.find((j) => j.source?.file === 'jobs/train.yml');
    expect(job?.environment).toEqual({ image: 'acrprivate.azurecr.io/base/pytorch:2.3', build: 'managed_build' });
    expect(privateBuildPaths(merged)).toHaveLength(1);
    expect(privateRegistryFindings(merged).map((f) => f.ruleId)).toContain('AML-PACR-002');
  });

  it('resolves `azureml:<name>:<version>` to that version only', () => {
    const { estate: merged } = read(estate, privateBaseEnvironment('version: 3\n'), trainJob('azureml:private-base:3'));
    expect(privateBuildPaths(merged)).toHaveLength(1);
  });

  it('leaves the environment unknown, with a note and no finding, when the asset is not in the import', () => {
    const { estate: merged, diagnostics } = read(estate, trainJob('azureml:private-base@latest'));
    const job = merged.jobs.find((j) => j.source?.file === 'jobs/train.yml');
    expect(job?.environment).toBeUndefined();
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        file: 'jobs/train.yml',
        message: expect.stringContaining('`azureml:private-base@latest` is not in this import'),
      }),
    );
    expect(privateBuildPaths(merged)).toEqual([]);
    expect(privateRegistryFindings(merged)).toEqual([]);
  });

  it('does not take another version for `:<version>`', () => {
    const { estate: merged, diagnostics } = read(estate, privateBaseEnvironment('version: 2\n'), trainJob('azureml:private-base:3'));
    expect(diagnostics.some((d) => d.severity === 'info' && d.message.includes('version `2`'))).toBe(true);
    expect(privateBuildPaths(merged)).toEqual([]);
  });
});

describe('parseEnvironmentRef', () => {
  it('reads `@latest` and `:<version>` references to workspace environments', () => {
    expect(parseEnvironmentRef('azureml:my-env@latest', ['environment'])).toEqual({
      name: 'my-env',
      text: 'azureml:my-env@latest',
      path: ['environment'],
    });
    expect(parseEnvironmentRef('azureml:my-env:1', ['environment'])?.version).toBe('1');
  });

  it('leaves registry URIs and inline environments to other readers', () => {
    expect(parseEnvironmentRef('azureml://registries/azureml/environments/sklearn-1.5/labels/latest', [])).toBeUndefined();
    expect(parseEnvironmentRef({ image: 'python:3.11' }, [])).toBeUndefined();
  });
});
