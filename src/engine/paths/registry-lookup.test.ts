import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import { readInputs } from '../io/inputs';
import computeShow from '../rules/fixtures/compute-show-cluster.json';
import jobYaml from '../rules/fixtures/job-mcr-image.yml?raw';
import roleAssignments from '../rules/fixtures/role-assignment-list-sai.json';
import workspaceShow from '../rules/fixtures/workspace-show-sai.json';
import { loginServerOf, registryOfImage } from './builder';
import { buildTopology } from '../model/topology';

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('image registry lookup on a mixed import', () => {
  // Issue 14 item 2: a registry known only from the workspace's `container_registry` field had no login
  // server, and the first job image that named a host crashed the analysis.
  const files = [
    { file: 'workspace.json', text: json(workspaceShow) },
    { file: 'compute.json', text: json(computeShow) },
    { file: 'role-assignments.json', text: json(roleAssignments) },
    { file: 'job.yml', text: jobYaml },
  ];

  it('analyses az ml workspace show + compute show + role assignments + a job on an mcr.microsoft.com image', () => {
    const read = readInputs(files);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const estate = read.estate;
    if (!estate) throw new Error('no estate');
    expect(() => analyze(estate)).not.toThrow();
    const registry = estate.containerRegistries.find((r) => r.name === 'acrml');
    expect(registry?.loginServer).toBe('acrml.azurecr.io');
  });

  it('finds a registry known only by reference through its default login server, and leaves other hosts alone', () => {
    const estate = readInputs(files).estate;
    if (!estate) throw new Error('no estate');
    const topology = buildTopology(estate);
    expect(registryOfImage(topology, 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest')).toEqual({ host: 'mcr.microsoft.com' });
    expect(registryOfImage(topology, 'ACRML.azurecr.io/train:1')?.registry?.name).toBe('acrml');
  });

  it('gives a login server to a registry built in memory without one', () => {
    const estate = readInputs(files).estate;
    const registry = estate?.containerRegistries[0];
    if (!registry) throw new Error('no registry');
    const { loginServer: _dropped, ...withoutLoginServer } = registry;
    expect(loginServerOf(withoutLoginServer as typeof registry)).toBe('acrml.azurecr.io');
  });
});
