import { describe, expect, it } from 'vitest';
import computeShow from '../rules/fixtures/compute-show-cluster.json';
import jobYaml from '../rules/fixtures/job-mcr-image.yml?raw';
import roleAssignments from '../rules/fixtures/role-assignment-list-sai.json';
import workspaceShow from '../rules/fixtures/workspace-show-sai.json';
import { readInputs, type InputFile } from './inputs';

const json = (file: string, value: unknown): InputFile => ({ file, text: JSON.stringify(value, null, 2) });

function read(files: InputFile[], base?: Parameters<typeof readInputs>[1]) {
  const result = readInputs(files, base);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.estate;
}

describe('adding files to the open estate (readInputs with a base)', () => {
  it('gives the same estate as reading everything at once, in one more step', () => {
    const open = read([json('workspace.json', workspaceShow)]);
    const snapshot = JSON.stringify(open);
    const added = read([json('role-assignments.json', roleAssignments), json('compute.json', computeShow), { file: 'job.yml', text: jobYaml }], {
      base: { estate: open, label: 'the open estate' },
    });
    const together = read([
      json('workspace.json', workspaceShow),
      json('role-assignments.json', roleAssignments),
      json('compute.json', computeShow),
      { file: 'job.yml', text: jobYaml },
    ]);
    const ids = (estate: typeof open) => [...estate.workspaces, ...estate.computes, ...estate.jobs].map((e) => e.id).sort();
    expect(ids(added)).toEqual(ids(together));
    expect(added.roleAssignments.map((a) => a.id).sort()).toEqual(together.roleAssignments.map((a) => a.id).sort());
    // The job found the workspace and the compute of the open estate: no placeholder workspace.
    expect(added.workspaces).toHaveLength(1);
    expect(added.jobs[0]?.compute).toBe(added.computes[0]?.id);
    // The open estate is not changed, and keeps its name.
    expect(JSON.stringify(open)).toBe(snapshot);
    expect(added.name).toBe(open.name);
  });

  it('carries the open estate’s provenance over, with the added files after it', () => {
    const open = read([json('workspace.json', workspaceShow)]);
    expect(open.provenance?.facts['role-assignments']).toBe('absent');
    const added = read([json('role-assignments.json', roleAssignments)], { base: { estate: open, label: 'the open estate' } });
    expect(added.provenance?.files.map((f) => f.file)).toEqual(['workspace.json', 'role-assignments.json']);
    expect(added.provenance?.facts).toMatchObject({ 'role-assignments': 'export', resources: 'export' });
    expect(added.provenance?.missing).toEqual([]);
  });
});
