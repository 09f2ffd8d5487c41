import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './run';
import { memoryIo } from './testing/io';

// The same files in another order make the same `paths --format json` and `check --format json`, byte for byte: a
// mixed import (az CLI, Resource Graph, az ml YAML, a Terraform plan of a second workspace, role assignments) whose
// computes, jobs and endpoints the merge meets in file order.

const CONTOSO = fileURLToPath(new URL('../engine/io/core/fixtures/contoso/', import.meta.url));
const TERRAFORM = fileURLToPath(new URL('../engine/io/terraform/fixtures/', import.meta.url));
const FILES: Record<string, string> = {
  'az-workspace.json': readFileSync(`${CONTOSO}az-workspace.json`, 'utf8'),
  'az-computes.json': readFileSync(`${CONTOSO}az-computes.json`, 'utf8'),
  'job-train.yml': readFileSync(`${CONTOSO}job-train.yml`, 'utf8'),
  'graph-resources.json': readFileSync(`${CONTOSO}graph-resources.json`, 'utf8'),
  'plan.json': readFileSync(`${TERRAFORM}plan.json`, 'utf8'),
  'az-role-assignments.json': readFileSync(`${CONTOSO}az-role-assignments.json`, 'utf8'),
};

async function output(command: 'paths' | 'check', files: string[]): Promise<string> {
  const io = memoryIo(FILES);
  const args = [command, ...files, '--workspace', 'ws-prod', '--format', 'json', '-o', 'out.json'];
  expect(await run(command === 'check' ? [...args, '--fail-on', 'never'] : args, io.io), io.stderr()).toBe(0);
  return io.written['out.json'] ?? '';
}

describe('JSON output whatever the order of the input files', () => {
  const forward = Object.keys(FILES);
  const backward = [...forward].reverse();

  it('writes the same paths', async () => {
    const [a, b] = [await output('paths', forward), await output('paths', backward)];
    // The two workspaces' paths are met in different orders: without a canonical order the bytes differ.
    const ids = (text: string) => (JSON.parse(text) as { paths: { id: string }[] }).paths.map((p) => p.id);
    expect(ids(a).length).toBeGreaterThan(10);
    expect(ids(a)).toEqual([...ids(a)].sort());
    expect(b).toBe(a);
  });

  it('writes the same findings, and lists the files read by name', async () => {
    const [a, b] = [await output('check', forward), await output('check', backward)];
    const files = (JSON.parse(a) as { provenance: { files: { file: string }[] } }).provenance.files.map((f) => f.file);
    expect(files).toEqual([...forward].sort());
    expect(b).toBe(a);
  });
});
