import { describe, expect, it } from 'vitest';
import workspaceShow from './azcli/fixtures/workspace-show.json';
import { readInputs, type InputFile } from './inputs';
import { readAzureMlYaml } from './azml';

/*
 * A workspace YAML without `name`, the form `az ml workspace update --file ws.yml --name ws-prod` takes: settings
 * for a workspace the file does not name. It joins the only workspace of the import; otherwise it stands as the
 * placeholder workspace with a note that says how to tell which workspace it is.
 */

const UPDATE = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
description: Production workspace, managed network on
public_network_access: Disabled
managed_network:
  isolation_mode: allow_only_approved_outbound
`;

const NAMED = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: ws-prod
resource_group: rg-ml
`;

const WORKSPACE_SHOW = JSON.stringify(workspaceShow, null, 2);
const WORKSPACE_DEV = WORKSPACE_SHOW.replaceAll('ws-prod', 'ws-dev').replaceAll(
  'aaaaaaaa-0000-4000-8000-000000000001',
  'aaaaaaaa-0000-4000-8000-0000000000d1',
);

function read(files: InputFile[]) {
  const result = readInputs(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.estate).toBeDefined();
  return {
    result,
    workspaces: result.estate?.workspaces ?? [],
    notes: result.diagnostics.filter((d) => d.file === 'ws.yml'),
  };
}

describe('a workspace YAML without `name`', () => {
  it('alone: reads as the placeholder workspace, with a note at the document saying how to tell which it is', () => {
    const { workspaces, notes } = read([{ file: 'ws.yml', text: UPDATE }]);
    expect(workspaces.map((w) => [w.name, w.publicNetworkAccess, w.managedNetwork.isolationMode])).toEqual([
      ['<workspace>', 'Disabled', 'allow_only_approved_outbound'],
    ]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info', line: 1 });
    expect(notes[0]?.message).toContain('which workspace its settings apply to is unknown');
    expect(notes[0]?.message).toContain('Add `name:`');
    expect(notes[0]?.message).toContain('az ml workspace show');
  });

  it('beside a job: the job joins the same placeholder workspace', () => {
    const job =
      '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nname: train\ncommand: python train.py\n';
    const { result, workspaces } = read([
      { file: 'ws.yml', text: UPDATE },
      { file: 'job.yml', text: job },
    ]);
    expect(workspaces.map((w) => w.id)).toEqual([result.estate?.jobs[0]?.workspace]);
  });

  it('beside a named workspace YAML: its settings are read for that workspace', () => {
    const { workspaces, notes } = read([
      { file: 'ws.yml', text: UPDATE },
      { file: 'named.yml', text: NAMED },
    ]);
    expect(workspaces.map((w) => [w.name, w.publicNetworkAccess])).toEqual([['ws-prod', 'Disabled']]);
    expect(notes.map((n) => n.message)).toEqual([
      expect.stringContaining('its settings are read for `ws-prod`, the only workspace in this import'),
    ]);
  });

  it('beside `az ml workspace show`, in either order: joins that workspace and the note says so', () => {
    for (const files of [
      [
        { file: 'ws.yml', text: UPDATE },
        { file: 'ws.json', text: WORKSPACE_SHOW },
      ],
      [
        { file: 'ws.json', text: WORKSPACE_SHOW },
        { file: 'ws.yml', text: UPDATE },
      ],
    ]) {
      const { workspaces, notes } = read(files);
      expect(workspaces.map((w) => w.name)).toEqual(['ws-prod']);
      expect(notes.find((n) => n.line === 1)?.message).toContain(
        '`ws-prod`, the only workspace in this import',
      );
    }
  });

  it('beside two workspaces: stays the placeholder, and the note names both', () => {
    const { workspaces, notes } = read([
      { file: 'ws.yml', text: UPDATE },
      { file: 'prod.json', text: WORKSPACE_SHOW },
      { file: 'dev.json', text: WORKSPACE_DEV },
    ]);
    expect(workspaces.map((w) => w.name).sort()).toEqual(['<workspace>', 'ws-dev', 'ws-prod']);
    expect(notes.find((n) => n.line === 1)?.message).toContain('holds 2 workspaces (`ws-dev`, `ws-prod`)');
  });

  it("takes its name from the caller (the CLI's `--workspace NAME`) when given", () => {
    const result = readAzureMlYaml(UPDATE, 'ws.yml', { workspace: 'ws-prod' });
    expect(result.estate?.workspaces.map((w) => w.name)).toEqual(['ws-prod']);
    expect(result.diagnostics.some((d) => d.message.includes('placeholder'))).toBe(false);
  });
});
