import { describe, expect, it } from 'vitest';
import workspaceShow from '../engine/io/azcli/fixtures/workspace-show.json';
import { loadEstate } from './load';
import { run } from './run';
import { memoryIo } from './testing/io';

// Two `az ml workspace show` exports and a job YAML that names no workspace: which one the job belongs to is
// the caller's to say, as `az ml job create --workspace-name` says it.
const prod = JSON.stringify(workspaceShow, null, 2);
const dev = prod.replaceAll('ws-prod', 'ws-dev').replaceAll('aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-0000000000d1');
const job = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:gpu-cluster
`;
const files = { 'prod.json': prod, 'dev.json': dev, 'job.yml': job };

describe('--workspace', () => {
  it('places az ml YAML that names no workspace in the workspace given', async () => {
    const { io, stderr } = memoryIo(files);
    expect(await run(['validate', 'job.yml', 'prod.json', 'dev.json', '--workspace', 'ws-dev'], io)).toBe(0);
    expect(stderr()).not.toContain('placeholder workspace');
    const { estate } = await loadEstate(['job.yml', 'prod.json', 'dev.json'], memoryIo(files).io, { workspace: 'ws-dev' });
    expect(estate?.jobs.map((j) => j.workspace)).toEqual([
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-dev',
    ]);
  });

  it('without it, refuses the import at the asset, naming the workspaces and how to choose (exit 2)', async () => {
    const { io, stderr, stdout } = memoryIo(files);
    expect(await run(['validate', 'job.yml', 'prod.json', 'dev.json'], io)).toBe(2);
    expect(stderr()).toMatch(/^job\.yml:2:\d+: error: .*holds 2 workspaces \(`ws-dev`, `ws-prod`\).*--workspace NAME/m);
    expect(stdout()).toBe('');
  });

  it('is taken by export, diff and roles too', async () => {
    for (const argv of [
      ['export', '--to', 'estate', 'job.yml', 'prod.json', 'dev.json'],
      ['diff', 'prod.json', '--', 'job.yml', 'prod.json', 'dev.json'],
      ['roles', 'job.yml', 'prod.json', 'dev.json'],
    ]) {
      const refused = memoryIo(files);
      expect(await run(argv, refused.io)).toBe(2);
      expect(refused.stderr()).toContain('holds 2 workspaces');
      const chosen = memoryIo(files);
      expect(await run([...argv, '--workspace', 'ws-dev'], chosen.io)).toBe(0);
      expect(chosen.stderr()).not.toContain('holds 2 workspaces');
    }
    const exported = memoryIo(files);
    await run(['export', '--to', 'estate', 'job.yml', 'prod.json', 'dev.json', '--workspace', 'ws-dev'], exported.io);
    expect(exported.stdout()).toMatch(/workspace: .*ws-dev/);
  });

  it('is a usage error when empty, and does not apply to rules', async () => {
    expect(await run(['check', 'job.yml', '--workspace', ' '], memoryIo(files).io)).toBe(2);
    expect(await run(['export', '--to', 'az', 'job.yml', '--workspace', ''], memoryIo(files).io)).toBe(2);
    expect(await run(['roles', '--workspace', 'ws-dev'], memoryIo(files).io)).toBe(2);
    expect(await run(['rules', '--workspace', 'ws-dev'], memoryIo(files).io)).toBe(2);
  });
});
