import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import type { Estate } from '../../model/types';
import { withPrivateRegistry } from '../../testing/private-registry';
import { readInputs, type InputFile } from '../inputs';

// `az ml environment show --name private-base --version 3 -o json`, as the CLI prints it (snake_case, with
// creation_context and the asset's ARM id), for an environment built on the team's own base image.
const WS = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml';
const environmentShow = (fields: Record<string, unknown> = {}, version = '3') => ({
  conda_file: {
    channels: ['conda-forge'],
    dependencies: ['python=3.10', 'pip', { pip: ['torch==2.3.0', 'mlflow'] }],
    name: 'train-env',
  },
  creation_context: {
    created_at: '2024-11-05T09:12:44.120984+00:00',
    created_by: 'Alice Example',
    created_by_type: 'User',
    last_modified_at: '2024-11-05T09:12:44.120984+00:00',
    last_modified_by: 'Alice Example',
    last_modified_by_type: 'User',
  },
  description: "PyTorch on the team's own base image.",
  id: `${WS}/environments/private-base/versions/${version}`,
  image: 'acrprivate.azurecr.io/base/pytorch:2.3',
  name: 'private-base',
  os_type: 'linux',
  resourceGroup: 'rg-ml',
  tags: { team: 'vision' },
  version,
  ...fields,
});
const showFile = (value: unknown, file = 'environment-show.json'): InputFile => ({ file, text: JSON.stringify(value, null, 2) });
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

function bothOrders(...files: InputFile[]) {
  return [files, [...files].reverse()].map((order) => {
    const result = readInputs(order);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return { estate: result.estate as Estate, diagnostics: result.diagnostics };
  });
}
const jobOf = (estate: Estate) => estate.jobs.find((j) => j.source?.file === 'jobs/train.yml');
const privateBuildPaths = (estate: Estate) => analyze(estate).paths.filter((p) => p.kind === 'environment-build-private-registry');
const privateRegistryRules = (estate: Estate) => analyze(estate).findings.filter((f) => f.ruleId.startsWith('AML-PACR-')).map((f) => f.ruleId);

describe('az ml environment show -o json (R56)', () => {
  it('resolves a job\'s `azureml:<name>@latest` to the image and build of the JSON, in both orders, and the private base-image path and AML-PACR-002 run', () => {
    for (const { estate: merged, diagnostics } of bothOrders(estate, showFile(environmentShow()), trainJob('azureml:private-base@latest'))) {
      expect(jobOf(merged)?.environment).toEqual({ image: 'acrprivate.azurecr.io/base/pytorch:2.3', build: 'managed_build' });
      expect(diagnostics.filter((d) => /private-base/.test(d.message) && /not in this import/.test(d.message))).toEqual([]);
      expect(privateBuildPaths(merged)).toHaveLength(1);
      expect(privateRegistryRules(merged)).toContain('AML-PACR-002');
    }
  });

  it('resolves `azureml:<name>:<version>` from `az ml environment list --name` output, to that version only', () => {
    const list = showFile([environmentShow({ image: 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest' }, '2'), environmentShow()], 'environment-list.json');
    for (const { estate: merged } of bothOrders(estate, list, trainJob('azureml:private-base:3'))) {
      expect(jobOf(merged)?.environment).toEqual({ image: 'acrprivate.azurecr.io/base/pytorch:2.3', build: 'managed_build' });
      expect(privateBuildPaths(merged)).toHaveLength(1);
    }
    // `@latest` over two versions that differ: which is the latest is not known, so nothing is assumed.
    for (const { estate: merged, diagnostics } of bothOrders(estate, list, trainJob('azureml:private-base@latest'))) {
      expect(jobOf(merged)?.environment).toBeUndefined();
      expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', file: 'jobs/train.yml', message: expect.stringContaining('differ in image or build') }));
      expect(privateBuildPaths(merged)).toEqual([]);
    }
  });

  it('reads an image-only environment as pulled as it is, and a build context as built by Azure ML', () => {
    const asIs = environmentShow({ conda_file: null });
    const built = environmentShow({ image: null, conda_file: null, build: { dockerfile_path: 'Dockerfile', path: 'https://stmlprod.blob.core.windows.net/azureml-blobstore-1/LocalUpload/abc/docker-context' } });
    for (const [show, expected] of [
      [asIs, { image: 'acrprivate.azurecr.io/base/pytorch:2.3', build: 'as_is' }],
      [built, { build: 'managed_build' }],
    ] as const) {
      for (const { estate: merged } of bothOrders(estate, showFile(show), trainJob('azureml:private-base:3')))
        expect(jobOf(merged)?.environment).toEqual(expected);
    }
  });

  it('takes the `azureml:`-prefixed asset id az ml also prints, and places a YAML job that names no workspace in the environment\'s', () => {
    const show = environmentShow({ id: `azureml:${WS}/environments/private-base/versions/3` });
    for (const { estate: merged } of bothOrders(showFile(show), trainJob('azureml:private-base@latest'))) {
      expect(jobOf(merged)?.workspace).toBe(WS);
      expect(jobOf(merged)?.environment).toEqual({ image: 'acrprivate.azurecr.io/base/pytorch:2.3', build: 'managed_build' });
    }
  });

  it('does not resolve a reference from another workspace, and leaves it unknown with a note (no path, no finding)', () => {
    const other = environmentShow({ id: `${WS.replace('ws-ml', 'ws-other')}/environments/private-base/versions/3` });
    // The stub of ws-other makes two workspaces: the job is placed in ws-ml, as the CLI's --workspace would.
    const files = [estate, showFile(other), trainJob('azureml:private-base@latest')].map((f) => ({ ...f, workspace: WS }));
    for (const { estate: merged, diagnostics } of bothOrders(...files)) {
      expect(jobOf(merged)?.workspace).toBe(WS);
      expect(jobOf(merged)?.environment).toBeUndefined();
      expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', message: expect.stringContaining('`azureml:private-base@latest` is not in this import') }));
      expect(privateBuildPaths(merged)).toEqual([]);
      expect(privateRegistryRules(merged)).not.toContain('AML-PACR-002');
    }
  });

  it('gives a deployment the image of an environment pulled as it is, and leaves a built one unknown with the reason', () => {
    const deployment: InputFile = {
      file: 'deployment.yml',
      text: `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: churn-endpoint
model: azureml:churn-model:1
environment: azureml:private-base:3
instance_type: Standard_DS3_v2
instance_count: 1
`,
    };
    const deploymentOf = (estate: Estate) => estate.onlineDeployments.find((d) => d.source?.file === 'deployment.yml');
    for (const { estate: merged } of bothOrders(estate, showFile(environmentShow({ conda_file: null })), deployment))
      expect(deploymentOf(merged)?.image).toBe('acrprivate.azurecr.io/base/pytorch:2.3');
    for (const { estate: merged, diagnostics } of bothOrders(estate, showFile(environmentShow()), deployment)) {
      expect(deploymentOf(merged)).not.toHaveProperty('image');
      expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'deployment.yml', message: expect.stringContaining('Azure ML builds environment `azureml:private-base:3` for this deployment') }));
    }
  });

  it('skips an environment listed without a version (`az ml environment list`), saying which command gives its image', () => {
    const container = { creation_context: environmentShow().creation_context, id: `${WS}/environments/private-base`, latest_version: '3', name: 'private-base', tags: {} };
    const result = readInputs([estate, showFile([container], 'environments.json'), trainJob('azureml:private-base@latest')]);
    expect(result.estate && jobOf(result.estate)?.environment).toBeUndefined();
    expect(result.skipped).toContainEqual(expect.objectContaining({ file: 'environments.json', kind: 'environment', note: expect.stringContaining('az ml environment show --name private-base --version <version> -o json') }));
  });
});
