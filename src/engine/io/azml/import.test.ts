import { describe, expect, it } from 'vitest';
import { scopeKey } from '../../model/ids';
import { ENTITY_COLLECTIONS, type Entity, type Estate } from '../../model/types';
import { validateEstate } from '../../model/validate';
import { classifyDocument, isAzureMlYaml, readAzureMlFiles, readAzureMlYaml } from './index';
import { pathAtLine } from './parse';

const SUB = '11111111-2222-4333-8444-555555555555';
const WS_SCHEMA = '$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json';

/** Concatenates estates the simplest way a merge could: the reader must not need anything cleverer. */
function concatenate(estates: readonly (Estate | undefined)[]): Entity[] {
  return estates.flatMap((estate) =>
    estate ? ENTITY_COLLECTIONS.flatMap((c) => estate[c] as Entity[]) : [],
  );
}

describe('reading an import as a whole', () => {
  const inputs = [
    { file: 'ws/workspace.yml', text: `${WS_SCHEMA}\nname: mlw\nresource_group: rg-ml\n` },
    {
      file: 'compute/cluster.yml',
      text: 'name: cpu-cluster\ntype: amlcompute\nidentity:\n  type: system_assigned\n',
    },
    { file: 'endpoints/endpoint.yml', text: 'name: ep\nauth_mode: key\n' },
    { file: 'endpoints/blue.yml', text: 'name: blue\nendpoint_name: ep\nmodel: azureml:m:1\n' },
    { file: 'jobs/a/job.yml', text: 'type: command\ncommand: echo\ncompute: azureml:cpu-cluster\n' },
    { file: 'jobs/b/job.yml', text: 'type: command\ncommand: echo\ncompute: azureml:serverless\n' },
  ];
  const results = readAzureMlFiles(inputs, { subscriptionId: SUB });
  const ws = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw`;

  it('attaches every child to the one workspace of the import, and links references between files', () => {
    for (const result of results)
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(results[1]?.estate?.computes[0]?.workspace).toBe(ws);
    expect(results[3]?.estate?.onlineDeployments[0]?.endpoint).toBe(`${ws}/onlineEndpoints/ep`);
    expect(results[4]?.estate?.jobs[0]?.compute).toBe(`${ws}/computes/cpu-cluster`);
    expect(results[1]?.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('the only workspace in this import'),
      }),
    );
  });

  it('puts each entity in exactly one file, so that concatenating the estates gives a sound estate', () => {
    const all = concatenate(results.map((r) => r.estate));
    const keys = all.map((e) => ('armId' in e ? scopeKey(e.id) : e.id));
    expect(new Set(keys).size).toBe(keys.length);
    const union = { ...results[0]?.estate } as Estate;
    for (const collection of ENTITY_COLLECTIONS)
      (union[collection] as Entity[]) = results.flatMap((r) =>
        r.estate ? (r.estate[collection] as Entity[]) : [],
      );
    expect(validateEstate(union).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('names jobs without a name after their file, and after their folder when two files share a name', () => {
    expect(results[4]?.estate?.jobs[0]?.name).toBe('a-job');
    expect(results[5]?.estate?.jobs[0]?.name).toBe('b-job');
    expect(results[5]?.estate?.jobs[0]?.compute).toBe('serverless');
  });

  it('reads each file of the same sibling array once, and gives the same answer as reading them together', () => {
    const one = readAzureMlYaml(inputs[4]?.text ?? '', 'jobs/a/job.yml', {
      siblings: inputs,
      subscriptionId: SUB,
    });
    const again = readAzureMlYaml(inputs[4]?.text ?? '', 'jobs/a/job.yml', {
      siblings: inputs,
      subscriptionId: SUB,
    });
    expect(again).toBe(one);
    expect(one.estate).toEqual(results[4]?.estate);
  });

  it('keeps the other files going when one has an error, and uses nothing from the broken one', () => {
    const broken = [
      ...inputs.slice(0, 2),
      { file: 'endpoints/endpoint.yml', text: 'name: ep\nauth_mode: key\nidentity:\n  type: nonsense\n' },
      ...inputs.slice(3),
    ];
    const out = readAzureMlFiles(broken, { subscriptionId: SUB });
    expect(out[2]?.estate).toBeUndefined();
    expect(out[2]?.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'endpoints/endpoint.yml', line: 4, path: 'identity.type' }),
    ]);
    // The deployment still reads; its endpoint is now a stub with defaults.
    expect(out[3]?.estate?.onlineEndpoints.map((e) => e.name)).toEqual(['ep']);
    const stub = [...(out[3]?.provenance.meta ?? [])].find(([e]) => (e as Entity).kind === 'onlineEndpoint');
    expect(stub?.[1].stub).toBe(true);
  });
});

describe('where children go when the import does not settle it', () => {
  it('uses the placeholder workspace when the import holds several workspaces, and says how many', () => {
    const out = readAzureMlFiles([
      { file: 'a.yml', text: `${WS_SCHEMA}\nname: one\n` },
      { file: 'b.yml', text: `${WS_SCHEMA}\nname: two\n` },
      { file: 'c.yml', text: 'name: c\ntype: amlcompute\n' },
    ]);
    expect(out[2]?.estate?.computes[0]?.workspace).toMatch(/workspaces\/<workspace>$/);
    expect(out[2]?.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', message: expect.stringContaining('holds 2 workspaces') }),
    );
  });

  it('uses the workspace, group and subscription the caller gives, like az ml defaults', () => {
    const out = readAzureMlYaml('name: c\ntype: amlcompute\n', 'c.yml', {
      subscriptionId: SUB.toUpperCase(),
      resourceGroup: 'rg',
      workspace: 'mlw',
    });
    expect(out.estate?.computes[0]?.id).toBe(
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw/computes/c`,
    );
    expect(out.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('uses the workspace of the same file for the other documents of a multi-document file', () => {
    const out = readAzureMlYaml(`${WS_SCHEMA}\nname: mlw\n---\nname: c\ntype: amlcompute\n`, 'all.yml');
    expect(out.estate?.computes[0]?.workspace).toMatch(/workspaces\/mlw$/);
  });

  it('treats endpoint names that differ only in case as one endpoint, as Azure does', () => {
    const out = readAzureMlFiles([
      { file: 'a.yml', text: 'name: a\nendpoint_name: My-Ep\nmodel: m\n' },
      { file: 'b.yml', text: 'name: b\nendpoint_name: my-ep\nmodel: m\n' },
    ]);
    expect(out.map((r) => r.diagnostics.filter((d) => d.severity === 'error'))).toEqual([[], []]);
    expect(out[1]?.estate?.onlineDeployments[0]?.endpoint).toBe(
      out[0]?.estate?.onlineDeployments[0]?.endpoint,
    );
    expect(out[1]?.estate?.onlineEndpoints).toEqual([]);
  });
});

describe('detection', () => {
  it.each([
    [
      'a schema',
      '$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\nname: c\n',
      true,
    ],
    [
      'a template that does not parse',
      '$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\nendpoint_name: {{E}}\n',
      true,
    ],
    ['the SDK connection schema', '$schema: http://azureml/sdk-2-0/Connection.json\ntype: s3\n', true],
    ['a shape: type', 'name: c\ntype: amlcompute\n', true],
    ['a shape: workspace keys', 'name: w\nmanaged_network:\n  isolation_mode: disabled\n', true],
    ['a conda file', 'name: env\nchannels: [conda-forge]\ndependencies: [python]\n', true],
    ['a native estate', 'version: 1\nname: e\nworkspaces:\n  - name: w\n', false],
    [
      'a native estate with az ml words in it',
      'name: e\nworkspaces:\n  - name: w\n    type: amlcompute\ncomputes: []\n',
      false,
    ],
    ['JSON', '{"$schema": "https://azuremlschemas.azureedge.net/latest/workspace.schema.json"}', false],
    ['empty text', '   \n', false],
    ['other YAML', 'model_repository: ./x\n', false],
  ])('%s', (_, text, expected) => {
    expect(isAzureMlYaml(text)).toBe(expected);
  });

  it('classifies by schema first and by shape otherwise', () => {
    expect(
      classifyDocument({
        $schema: 'https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json',
        name: 'b',
      }),
    ).toEqual({
      kind: 'onlineDeployment',
      endpointKind: 'kubernetes',
    });
    expect(classifyDocument({ type: 'command', name: 'c', version: 1, command: 'x' })).toEqual({
      kind: 'component',
    });
    expect(classifyDocument({ type: 'azure_blob', name: 'c', url: 'https://x' })).toEqual({
      kind: 'connection',
    });
    expect(classifyDocument({ type: 'azure_blob', name: 'c', account_name: 'x' })).toEqual({
      kind: 'datastore',
    });
    expect(
      classifyDocument({ $schema: 'https://azuremlschemas.azureedge.net/latest/somethingNew.schema.json' }),
    ).toMatchObject({
      kind: 'skip',
      what: 'unknown',
      note: expect.stringContaining('somethingnew'),
    });
  });
});

describe('field paths for lines the parser could not read', () => {
  const text = `name: blue
environment:
  name: e
  image: {{ACR}}.azurecr.io/x
managed_network:
  outbound_rules:
  - name: a
    destination:
      service_resource_id: x
  - name: b
`;
  it.each([
    [1, 'name'],
    [4, 'environment.image'],
    [7, 'managed_network.outbound_rules[0].name'],
    [9, 'managed_network.outbound_rules[0].destination.service_resource_id'],
    [10, 'managed_network.outbound_rules[1].name'],
  ])('line %i is %s', (line, path) => {
    expect(pathAtLine(text, line)).toBe(path);
  });
});
