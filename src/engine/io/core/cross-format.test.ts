import { describe, expect, it } from 'vitest';
import computeList from '../azcli/fixtures/compute-list.json';
import identityList from '../azcli/fixtures/identity-list.json';
import workspaceShow from '../azcli/fixtures/workspace-show.json';
import { readInputs, type InputFile } from '../inputs';

/** Real az CLI output shapes, as the az CLI reader's fixtures hold them. */
const WORKSPACE_SHOW = JSON.stringify(workspaceShow, null, 2);
/** `az ml compute show -n gpu-cluster -o json`: one entry of the list. */
const COMPUTE_SHOW = JSON.stringify(computeList[1], null, 2);
const IDENTITY_LIST = JSON.stringify(identityList, null, 2);

const WS = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod';

const JOB = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:gpu-cluster
identity:
  type: managed
  client_id: cccccccc-0000-4000-8000-000000000001
`;

/** Reads the files in the given order and in the reverse order; both must give the same job and notes. */
function readBothOrders(files: InputFile[]) {
  const forward = readInputs(files);
  const backward = readInputs([...files].reverse());
  const job = (r: typeof forward) => r.estate?.jobs.find((j) => j.name === 'train');
  const notes = (r: typeof forward) => r.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).sort();
  expect(job(backward)).toEqual(job(forward));
  expect(notes(backward)).toEqual(notes(forward));
  expect(backward.estate?.workspaces.map((w) => w.id).sort()).toEqual(forward.estate?.workspaces.map((w) => w.id).sort());
  return { result: forward, job: job(forward), messages: forward.diagnostics.map((d) => d.message) };
}

describe('resolution across formats after the merge', () => {
  it('attaches az ml YAML that names no workspace to the only workspace of `az ml workspace show`, and says so', () => {
    const { job, result, messages } = readBothOrders([
      { file: 'job.yml', text: JOB },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
    ]);
    expect(job?.workspace).toBe(WS);
    expect(result.estate?.workspaces.map((w) => w.name)).toEqual(['ws-prod']);
    expect(messages.some((m) => m.includes('no workspace is in this import'))).toBe(false);
    const note = result.diagnostics.find((d) => d.message.includes('the only workspace in this import'));
    expect(note).toMatchObject({ file: 'job.yml', line: 2 });
    expect(note?.message).toContain('`ws-prod`');
  });

  it('refuses, at the asset, az ml YAML that names no workspace in an import of two workspaces, and imports nothing', () => {
    const dev = WORKSPACE_SHOW.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1');
    const DATASTORE = `$schema: https://azuremlschemas.azureedge.net/latest/azureBlob.schema.json
name: training_data
type: azure_blob
account_name: stmlprod
container_name: data
`;
    const files: InputFile[] = [
      { file: 'job.yml', text: JOB },
      { file: 'datastore.yml', text: DATASTORE },
      { file: 'prod.json', text: WORKSPACE_SHOW },
      { file: 'dev.json', text: dev },
    ];
    for (const order of [files, [...files].reverse()]) {
      const result = readInputs(order);
      expect(result.estate).toBeUndefined();
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((e) => `${e.file}:${e.line}`).sort()).toEqual(['datastore.yml:2', 'job.yml:2']);
      for (const error of errors) {
        expect(error.message).toContain('holds 2 workspaces (`ws-dev`, `ws-prod`)');
        expect(error.message).toContain('--workspace NAME');
        expect(error.message).toContain('workspace chooser');
      }
      expect(result.workspaceChoice).toEqual([
        { name: 'ws-dev', armId: WS.replace('ws-prod', 'ws-dev') },
        { name: 'ws-prod', armId: WS },
      ]);
    }
  });

  it('reads the same import once a workspace is chosen (as the chooser does: the ARM id on every input)', () => {
    const dev = WORKSPACE_SHOW.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1');
    const result = readInputs(
      [
        { file: 'job.yml', text: JOB },
        { file: 'prod.json', text: WORKSPACE_SHOW },
        { file: 'dev.json', text: dev },
      ].map((input) => ({ ...input, workspace: WS })),
    );
    expect(result.workspaceChoice).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.estate?.jobs.find((j) => j.name === 'train')?.workspace).toBe(WS);
  });

  it('keeps a nameless workspace file beside two workspaces a note (settings, not an asset), so the import still reads', () => {
    const result = readInputs([
      { file: 'ws.yml', text: '$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\npublic_network_access: Disabled\n' },
      { file: 'prod.json', text: WORKSPACE_SHOW },
      { file: 'dev.json', text: WORKSPACE_SHOW.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1') },
    ]);
    expect(result.workspaceChoice).toBeUndefined();
    expect(result.estate).toBeDefined();
    expect(result.diagnostics.find((d) => d.file === 'ws.yml')?.severity).toBe('info');
  });

  it('places az ml YAML in the workspace the caller names (the CLI\'s --workspace), by name or ARM id', () => {
    const dev = WORKSPACE_SHOW.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1');
    for (const workspace of ['ws-dev', WS.replace('ws-prod', 'ws-dev')]) {
      const result = readInputs([
        { file: 'job.yml', text: JOB, workspace },
        { file: 'prod.json', text: WORKSPACE_SHOW },
        { file: 'dev.json', text: dev },
      ]);
      expect(result.estate?.jobs.find((j) => j.name === 'train')?.workspace).toBe(WS.replace('ws-prod', 'ws-dev'));
      expect(result.diagnostics.some((d) => d.message.includes('placeholder workspace'))).toBe(false);
    }
  });

  it("links a job's `compute: azureml:gpu-cluster` to the compute of `az ml compute show`", () => {
    const { job, messages } = readBothOrders([
      { file: 'job.yml', text: JOB },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
      { file: 'compute.json', text: COMPUTE_SHOW },
    ]);
    expect(job?.compute).toBe(`${WS}/computes/gpu-cluster`);
    expect(messages.some((m) => m.includes('compute `gpu-cluster` is not declared'))).toBe(false);
  });

  it("links a pipeline step's compute to the compute of `az ml compute show`", () => {
    const pipeline = `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
name: train
settings:
  default_compute: azureml:cpu-cluster
jobs:
  fit:
    type: command
    command: python fit.py
    environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
    compute: azureml:gpu-cluster
`;
    const { job, messages } = readBothOrders([
      { file: 'pipeline.yml', text: pipeline },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
      { file: 'compute.json', text: COMPUTE_SHOW },
    ]);
    expect(job?.steps.find((s) => s.name === 'fit')?.compute).toBe(`${WS}/computes/gpu-cluster`);
    expect(messages.some((m) => m.includes('compute `gpu-cluster` is not declared'))).toBe(false);
  });

  it('leaves the compute unlinked, with its note, when no format of the import declares it', () => {
    const { job, messages } = readBothOrders([
      { file: 'job.yml', text: JOB.replace('gpu-cluster', 'cpu-big') },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
      { file: 'compute.json', text: COMPUTE_SHOW },
    ]);
    expect(job?.compute).toBeUndefined();
    expect(messages.some((m) => m.includes('compute `cpu-big` is not declared in this import'))).toBe(true);
  });

  it("matches a job identity's `client_id` to the user-assigned identity of `az identity list`", () => {
    const { job, messages } = readBothOrders([
      { file: 'job.yml', text: JOB },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
      { file: 'identities.json', text: IDENTITY_LIST },
    ]);
    expect(job?.identity.userAssignedIdentity).toBe(
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws',
    );
    expect(messages.some((m) => m.includes('no user-assigned identity with client id'))).toBe(false);
  });

  it('keeps the identity unknown when no identity of the import has the client id', () => {
    const { job, messages } = readBothOrders([
      { file: 'job.yml', text: JOB.replace('cccccccc-0000-4000-8000-000000000001', 'dddddddd-0000-4000-8000-000000000009') },
      { file: 'identities.json', text: IDENTITY_LIST },
    ]);
    expect(job?.identity.userAssignedIdentity).toBeUndefined();
    expect(messages.some((m) => m.includes('no user-assigned identity with client id `dddddddd-0000-4000-8000-000000000009`'))).toBe(true);
  });
});
