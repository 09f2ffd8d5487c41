import { describe, expect, it } from 'vitest';
import { readInputs } from '../inputs';
import { wsProdHead } from '../../testing/estates';
import { readNativeEstate, writeNativeEstate } from './index';

// What an estate written from az ml YAML alone holds, and the native reader must take back: the stand-in
// subscription, a job path on a datastore no file declares, a name az ml kept with an unfilled placeholder.
const SUB = '11111111-2222-3333-4444-555555555555';
const HEAD = wsProdHead(SUB);

describe('native estates with stand-ins', () => {
  it('takes the stand-in `<subscription-id>` as written (never as a GUID)', () => {
    const result = readNativeEstate(HEAD.replace(`id: ${SUB}`, 'id: <subscription-id>'), 'estate.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.estate?.subscriptions[0]?.subscriptionId).toBe('<subscription-id>');
    expect(readNativeEstate(HEAD.replace(`id: ${SUB}`, 'id: sub-1'), 'estate.yaml').diagnostics[0]?.message).toContain('expected the subscription GUID');
  });

  it('keeps a job path on an undeclared datastore unlinked with a note, but refuses an explicit `datastore:` that names none', () => {
    const job = (binding: string) => `${HEAD}jobs:\n  - name: train\n    workspace: ws-prod\n    inputs:\n      data:\n${binding}`;
    const onPath = readNativeEstate(job('        path: azureml://datastores/raw/paths/x/\n'), 'estate.yaml');
    expect(onPath.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', line: 15, path: 'jobs[0].inputs.data.path', message: expect.stringContaining('the binding keeps its path but is not linked') }),
    ]);
    expect(onPath.estate?.jobs[0]?.inputs[0]).toEqual({ name: 'data', path: 'azureml://datastores/raw/paths/x/' });
    const explicit = readNativeEstate(job('        datastore: raw\n'), 'estate.yaml');
    expect(explicit.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ line: 15, message: expect.stringContaining('no datastore named `raw`') }),
    ]);
  });

  it('writes a name with an unfilled `{{PLACEHOLDER}}` so that it reads back as the same name, in YAML and JSON', () => {
    const endpoint = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\nname: "{{ENDPOINT_NAME}}"\nauth_mode: key\n`;
    const read = readInputs([{ file: 'endpoint.yml', text: endpoint }]);
    expect(read.estate?.onlineEndpoints.map((e) => e.name)).toEqual(['{{ENDPOINT_NAME}}']);
    for (const format of ['yaml', 'json'] as const) {
      const back = readInputs([{ file: `estate.${format}`, text: writeNativeEstate(read.estate as NonNullable<typeof read.estate>, format) }]);
      expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(back.estate?.onlineEndpoints.map((e) => e.name)).toEqual(['{{ENDPOINT_NAME}}']);
    }
  });
});
