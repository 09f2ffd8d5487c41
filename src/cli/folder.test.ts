import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import computeShow from '../engine/rules/fixtures/compute-show-cluster.json';
import jobYaml from '../engine/rules/fixtures/job-mcr-image.yml?raw';
import workspaceShow from '../engine/rules/fixtures/workspace-show-sai.json';
import { nodeIo } from './io';
import { loadEstate } from './load';
import { run } from './run';
import { memoryIo } from './testing/io';

describe('reading a folder', () => {
  it('walks a real folder like the app: YAML and JSON files, recursively, others counted and left out', async () => {
    // Today's CLI answered `cannot read the file (EISDIR)`.
    const dir = mkdtempSync(join(tmpdir(), 'aml-folder-'));
    mkdirSync(join(dir, 'exports'));
    mkdirSync(join(dir, 'jobs'));
    writeFileSync(join(dir, 'exports', 'workspace.json'), JSON.stringify(workspaceShow));
    writeFileSync(join(dir, 'exports', 'compute.JSON'), JSON.stringify(computeShow));
    writeFileSync(join(dir, 'jobs', 'train.yml'), jobYaml);
    writeFileSync(join(dir, 'jobs', 'train.py'), 'print("hello")\n');
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    const { estate, diagnostics } = await loadEstate([dir], nodeIo);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics).toContainEqual({ severity: 'info', file: dir, message: '2 file(s) in the folder are not YAML or JSON and were left out' });
    expect(estate?.workspaces.map((w) => w.name)).toEqual(['ws-churn']);
    expect(estate?.computes.map((c) => c.name)).toEqual(['cpu-cluster']);
    expect(estate?.jobs).toHaveLength(1);
    expect(estate?.provenance?.files.map((f) => f.file)).toEqual([
      join(dir, 'exports', 'compute.JSON'),
      join(dir, 'exports', 'workspace.json'),
      join(dir, 'jobs', 'train.yml'),
    ]);
  });

  it('checks a folder given next to a file, and refuses a folder with no estate file', async () => {
    const m = memoryIo({ 'infra/ws.json': JSON.stringify(workspaceShow), 'infra/docs/readme.txt': 'x', 'job.yml': jobYaml });
    expect(await run(['check', 'infra', 'job.yml', '--fail-on', 'never'], m.io)).toBe(0);
    expect(m.stdout()).toContain('read as: role assignments: absent (grants not judged), resources: export and plan');
    const empty = memoryIo({ 'notes/readme.txt': 'x' });
    expect(await run(['check', 'notes'], empty.io)).toBe(2);
    expect(empty.stderr()).toContain('notes: error: the folder holds no YAML or JSON file');
  });
});
