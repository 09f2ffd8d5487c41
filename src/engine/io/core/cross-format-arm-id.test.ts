import { describe, expect, it } from 'vitest';
import computeList from '../azcli/fixtures/compute-list.json';
import datastoreList from '../azcli/fixtures/datastore-list.json';
import identityList from '../azcli/fixtures/identity-list.json';
import workspaceShow from '../azcli/fixtures/workspace-show.json';
import { readInputs, type InputFile } from '../inputs';

// Real az CLI output shapes (`az ml workspace show`, `az ml compute show`, `az ml datastore show`, `az identity
// show`, each `-o json`) beside az ml YAML that names what it uses by full ARM id or long azureml:// path.
const WS = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod';
const DEV_WS = WS.replace('ws-prod', 'ws-dev');
const json = (value: unknown) => JSON.stringify(value, null, 2);
const PROD = json(workspaceShow);
const DEV = PROD.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1');
const COMPUTE_SHOW = json(computeList[1]);
const DEV_COMPUTE_SHOW = COMPUTE_SHOW.replaceAll('ws-prod', 'ws-dev');
const DATASTORE_SHOW = json(datastoreList[0]);
const DEV_DATASTORE_SHOW = DATASTORE_SHOW.replaceAll('ws-prod', 'ws-dev');
const UAI_TRAIN = (identityList as { id: string; name: string }[]).find((u) => u.name === 'uai-train');
const IDENTITY_SHOW = json(UAI_TRAIN);

const jobYaml = (compute: string, dataPath: string) => `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py --data \${{inputs.data}}
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: ${compute}
identity:
  type: managed
  resource_id: ${UAI_TRAIN?.id ?? ''}
inputs:
  data:
    type: uri_folder
    path: ${dataPath}
`;

/** Every order of the files must give the same job and the same notes. */
function readEveryOrder(files: InputFile[]) {
  const orders = files.length === 3
    ? [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
    : [files.map((_, i) => i), files.map((_, i) => files.length - 1 - i)];
  const results = orders.map((order) => readInputs(order.map((i) => files[i] as InputFile)));
  const first = results[0];
  const jobOf = (r: typeof first) => r?.estate?.jobs.find((j) => j.name === 'train');
  const notes = (r: typeof first) => (r?.diagnostics ?? []).map((d) => `${d.severity} ${d.file}:${d.line} ${d.message}`).sort();
  for (const result of results) {
    expect(jobOf(result)).toEqual(jobOf(first));
    expect(notes(result)).toEqual(notes(first));
  }
  return { result: first, job: jobOf(first), messages: notes(first) };
}

describe('references by ARM id across formats', () => {
  it('links a compute named by full ARM id, and an identity by resource id, to az CLI exports, in any order', () => {
    const { job, result, messages } = readEveryOrder([
      { file: 'job.yml', text: jobYaml(`${WS}/computes/gpu-cluster`, 'azureml://datastores/workspaceblobstore/paths/data') },
      { file: 'workspace.json', text: PROD },
      { file: 'compute.json', text: COMPUTE_SHOW },
    ]);
    expect(job?.compute).toBe(`${WS}/computes/gpu-cluster`);
    expect(result?.estate?.computes).toHaveLength(1);
    expect(messages.some((m) => m.includes('compute `gpu-cluster` is not declared'))).toBe(false);
    expect(job?.identity.userAssignedIdentity).toMatch(/userAssignedIdentities\/uai-train$/);
  });

  it('links a compute by ARM id into another workspace of the import', () => {
    const { job } = readEveryOrder([
      { file: 'job.yml', text: jobYaml(`${DEV_WS}/computes/gpu-cluster`, 'azureml://datastores/workspaceblobstore/paths/data'), workspace: 'ws-prod' },
      { file: 'prod.json', text: PROD },
      { file: 'dev.json', text: DEV },
      { file: 'dev-compute.json', text: DEV_COMPUTE_SHOW },
    ]);
    expect(job?.workspace).toBe(WS);
    expect(job?.compute).toBe(`${DEV_WS}/computes/gpu-cluster`);
  });

  it('leaves a compute ARM id whose target is not in the import unlinked and unknown, with its note (no compute is made up)', () => {
    const { job, result, messages } = readEveryOrder([
      { file: 'job.yml', text: jobYaml(`${WS}/computes/missing-cluster`, 'azureml://datastores/workspaceblobstore/paths/data') },
      { file: 'workspace.json', text: PROD },
      { file: 'compute.json', text: COMPUTE_SHOW },
    ]);
    expect(job?.compute).toBeUndefined();
    expect(result?.estate?.computes.map((c) => c.name)).toEqual(['gpu-cluster']);
    expect(messages.some((m) => m.includes('job.yml:5') && m.includes('compute `missing-cluster` is not declared'))).toBe(true);
  });

  it("links a binding's azureml://datastores/<name> path to the datastore of `az ml datastore show`", () => {
    const { job, messages } = readEveryOrder([
      { file: 'job.yml', text: jobYaml('azureml:gpu-cluster', 'azureml://datastores/workspaceblobstore/paths/data') },
      { file: 'workspace.json', text: PROD },
      { file: 'datastore.json', text: DATASTORE_SHOW },
    ]);
    expect(job?.inputs[0]?.datastore).toBe(`${WS}/datastores/workspaceblobstore`);
    expect(messages.some((m) => m.includes('datastore `workspaceblobstore` is not declared'))).toBe(false);
  });

  it('links the long azureml://subscriptions/.../workspaces/<ws>/datastores/<name> form into that workspace', () => {
    const long = `azureml://subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups/rg-ml/workspaces/ws-dev/datastores/workspaceblobstore/paths/data`;
    const { job } = readEveryOrder([
      { file: 'job.yml', text: jobYaml('azureml:gpu-cluster', long), workspace: 'ws-prod' },
      { file: 'prod.json', text: PROD },
      { file: 'dev.json', text: DEV },
      { file: 'dev-datastore.json', text: DEV_DATASTORE_SHOW },
    ]);
    expect(job?.workspace).toBe(WS);
    expect(job?.inputs[0]?.datastore).toBe(`${DEV_WS}/datastores/workspaceblobstore`);
  });

  it('keeps a datastore no file declares unlinked, with its note', () => {
    const { job, messages } = readEveryOrder([
      { file: 'job.yml', text: jobYaml('azureml:gpu-cluster', 'azureml://datastores/other/paths/data') },
      { file: 'workspace.json', text: PROD },
      { file: 'datastore.json', text: DATASTORE_SHOW },
    ]);
    expect(job?.inputs[0]?.datastore).toBeUndefined();
    expect(messages.some((m) => m.includes('datastore `other` is not declared'))).toBe(true);
  });

  it('takes the identity of `az identity show` for a resource_id, one entity whatever the order', () => {
    const { result } = readEveryOrder([
      { file: 'job.yml', text: jobYaml('azureml:gpu-cluster', 'azureml://datastores/workspaceblobstore/paths/data') },
      { file: 'workspace.json', text: PROD },
      { file: 'identity.json', text: IDENTITY_SHOW },
    ]);
    const train = result?.estate?.userAssignedIdentities.filter((u) => u.name === 'uai-train');
    expect(train).toHaveLength(1);
    expect(train?.[0]?.clientId).toBe('cccccccc-0000-4000-8000-000000000002');
  });
});
