import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../context/analysis-context';
import workspaceShow from '../io/azcli/fixtures/workspace-show.json';
import { readInputs, type InputFile } from '../io/inputs';
import { resolvePaths } from './index';
import type { AccessPath } from './types';

/*
 * R34 from real az ml YAML: a command job that names no compute runs on serverless compute. Read alone and beside
 * `az ml workspace show -o json`, the identity it reaches storage with follows R34, and the default when the job
 * sets no identity stays unconfirmed.
 */

const DATASTORE = `$schema: https://azuremlschemas.azureedge.net/latest/azureBlob.schema.json
name: training_data
type: azure_blob
account_name: stmlprod
container_name: train
`;

const job = (identity = '') => `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py --data \${{inputs.training}}
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
${identity}inputs:
  training:
    type: uri_folder
    path: azureml://datastores/training_data/paths/train/
`;

const WORKSPACE_SHOW = JSON.stringify(workspaceShow, null, 2);

function trainingPath(files: InputFile[]): { path: AccessPath; compute: unknown } {
  const result = readInputs(files);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const train = result.estate.jobs.find((j) => j.name === 'train');
  const paths = resolvePaths(createAnalysisContext(result.estate)).filter(
    (p) => p.kind === 'job-datastore' && p.actor === train?.id,
  );
  expect(paths).toHaveLength(1);
  return { path: paths[0] as AccessPath, compute: train?.compute };
}

describe('a command job without `compute` runs on serverless compute (R34)', () => {
  it('read alone: serverless, and the identity with no `identity:` is unconfirmed with a note saying what decides it', () => {
    const { path, compute } = trainingPath([
      { file: 'job.yml', text: job() },
      { file: 'datastore.yml', text: DATASTORE },
    ]);
    expect(compute).toBe('serverless');
    expect(path.via).toEqual([]);
    expect(path.confidence).toBe('unconfirmed');
    expect(path.identity.kind).toBe('unknown');
    expect(path.trace.map((t) => t.text).join(' ')).not.toContain('names no compute');
    const note = path.trace.find((t) => t.fact === 'R34' && t.text.includes('sets no identity'));
    expect(note?.text).toContain('this import cannot tell');
    expect(note?.text).toContain('type: user_identity');
  });

  it('beside `az ml workspace show`: still unconfirmed, never the workspace identity stated as the default', () => {
    const { path, compute } = trainingPath([
      { file: 'job.yml', text: job() },
      { file: 'datastore.yml', text: DATASTORE },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
    ]);
    expect(compute).toBe('serverless');
    expect(path.confidence).toBe('unconfirmed');
    expect(path.identity.kind).toBe('unknown');
    expect(path.identity.principal).toBeUndefined();
  });

  it("beside `az ml workspace show`: `type: managed` with the workspace identity's client id runs as that identity", () => {
    const { path } = trainingPath([
      {
        file: 'job.yml',
        text: job('identity:\n  type: managed\n  client_id: cccccccc-0000-4000-8000-000000000001\n'),
      },
      { file: 'datastore.yml', text: DATASTORE },
      { file: 'workspace.json', text: WORKSPACE_SHOW },
    ]);
    expect(path.confidence).toBe('documented');
    expect(path.identity.label).toContain('uai-ws');
  });

  it('`type: user_identity` runs as the submitting user', () => {
    const { path } = trainingPath([
      { file: 'job.yml', text: job('identity:\n  type: user_identity\n') },
      { file: 'datastore.yml', text: DATASTORE },
    ]);
    expect(path.identity.kind).toBe('any-user');
    expect(path.trace.some((t) => t.fact === 'R34' && t.text.includes('serverless'))).toBe(true);
  });
});
