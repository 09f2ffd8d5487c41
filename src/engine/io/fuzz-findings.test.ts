import { describe, expect, it } from 'vitest';
import { readArmTemplate } from './arm/template';
import { readAzCliJson } from './azcli/reader';
import { readAzureMlYaml } from './azml';
import { readInputs } from './inputs';
import { readNativeEstate } from './native';
import { readResourceGraph } from './resource-graph/reader';
import { pathAtLine } from './azml/parse';
import { boundMessage, formatPath, MAX_SYNTAX_ERRORS, parseDocuments, quote } from './core/source';

/**
 * Regression tests for what the reader fuzzer (src/engine/io/fuzz) found, one per finding, each with the case
 * where the fix acts and one where it stays out of the way.
 */

const ACCOUNT_KEY = `Zm9vYmFy${'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'.repeat(3).slice(0, 78)}==`;
const WORKSPACE_SHOW = (extra: string) =>
  `{"id": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws", "name": "ws", "location": "eastus", "storage_account": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st", "key_vault": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", "identity": {"type": "system_assigned", "principal_id": "bbbbbbbb-0000-4000-8000-000000000001"}${extra}}`;

describe('credentials pasted where none belongs', () => {
  it('drops a key-shaped value under an ordinary field at parse time, with a located warning', () => {
    const { docs, diagnostics } = parseDocuments(`name: x\nlocation: ${ACCOUNT_KEY}\n`, 'e.yaml');
    expect(docs[0]?.value).toEqual({ name: 'x', location: '<redacted>' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'e.yaml', line: 2, column: 11, path: 'location' }),
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain(ACCOUNT_KEY.slice(0, 20));
  });

  it('never quotes a credential that ended up as a KEY (duplicate key in JSON and YAML, unknown native field)', () => {
    const json = parseDocuments(`{"${ACCOUNT_KEY}": 1, "${ACCOUNT_KEY}": 2}`, 'k.json');
    const yaml = parseDocuments(`${ACCOUNT_KEY}: 1\n${ACCOUNT_KEY}: 2\n`, 'k.yaml');
    const native = readNativeEstate(`version: 1\nname: x\n${ACCOUNT_KEY}: 1\n`, 'n.yaml');
    for (const diagnostics of [json.diagnostics, yaml.diagnostics, native.diagnostics]) {
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(JSON.stringify(diagnostics)).not.toContain(ACCOUNT_KEY.slice(8, 30));
    }
    expect(json.diagnostics.some((d) => /appears twice/.test(d.message))).toBe(true);
    // An ordinary key is still named, so the user can find it.
    const plain = parseDocuments('{"name": 1, "name": 2}', 'p.json');
    expect(plain.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining('key `name` appears twice'),
    );
    expect(
      readNativeEstate('version: 1\nname: x\ncolour: blue\n', 'n.yaml').diagnostics.map((d) => d.message),
    ).toContainEqual(expect.stringContaining('unknown field `colour`'));
  });

  it('keeps a SAS URL without its signature, and leaves ordinary values and credential keys alone', () => {
    const sas = 'https://st.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=abcDEF123%3D';
    const { docs, diagnostics } = parseDocuments(
      JSON.stringify({ url: sas, name: 'ws-prod', hash: 'a'.repeat(64), account_key: ACCOUNT_KEY }),
      'e.json',
    );
    expect(docs[0]?.value).toEqual({
      url: 'https://st.blob.core.windows.net/c?<redacted>',
      name: 'ws-prod',
      hash: 'a'.repeat(64),
      // The readers drop a value under a credential key and say which kind it was; parsing leaves it to them.
      account_key: ACCOUNT_KEY,
    });
    expect(diagnostics.map((d) => d.path)).toEqual(['url']);
  });

  it('never quotes a secret-looking value in a message', () => {
    expect(quote(ACCOUNT_KEY)).toBe('`<a value that looks like a credential>`');
    expect(quote('ws-prod')).toBe('`ws-prod`');
  });

  it('masks a credential the YAML parser quotes in its syntax error', () => {
    const { diagnostics } = parseDocuments(`a: 1\n"${ACCOUNT_KEY}" x\n`, 'e.yaml');
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(JSON.stringify(diagnostics)).not.toContain(ACCOUNT_KEY.slice(8, 40));
  });

  it('does not quote a value under a credential key when complaining about its type', () => {
    const pipeline = (value: string) =>
      `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\njobs:\n  client_secret: ${value}\n`;
    const secret = 'Qz7Wk3Xp9~hunter2.x';
    const leaked = readAzureMlYaml(pipeline(secret), 'p.yml');
    const complaint = leaked.diagnostics.find((d) => d.path === 'jobs.client_secret');
    expect(complaint?.message).toMatch(/<redacted>/);
    expect(JSON.stringify(leaked.diagnostics)).not.toContain('hunter2');
    // An ordinary step name still shows what was found.
    const plain = readAzureMlYaml(pipeline('just-text').replace('client_secret', 'train'), 'p.yml');
    expect(plain.diagnostics.find((d) => d.path === 'jobs.train')?.message).toContain('just-text');
  });

  it('drops a tag named like a credential from az CLI output whatever its value', () => {
    const read = (tags: string) => readAzCliJson(WORKSPACE_SHOW(`, "tags": ${tags}`), 'ws.json');
    const secret = read('{"AZURE_OPENAI_API_KEY": "0123.abc", "team": "ml"}');
    expect(secret.estate?.workspaces[0]?.tags).toEqual({ AZURE_OPENAI_API_KEY: '<redacted>', team: 'ml' });
    expect(read('{"team": "ml"}').estate?.workspaces[0]?.tags).toEqual({ team: 'ml' });
  });
});

describe('YAML the parser refuses late', () => {
  it('words an alias without an anchor and points at it', () => {
    for (const read of [readNativeEstate, readAzCliJson, readResourceGraph, readArmTemplate]) {
      const { diagnostics } = read('version: 1\nname: *missing\n', 'a.yaml');
      expect(diagnostics).toEqual([
        {
          severity: 'error',
          file: 'a.yaml',
          line: 2,
          column: 7,
          message:
            'alias `*missing` has no anchor `&missing` before it; define the anchor first or write the value out',
        },
      ]);
    }
  });

  it('words a merge key that does not point at a mapping', () => {
    const { diagnostics } = parseDocuments('base: &b [1, 2]\nuse:\n  <<: *b\n', 'm.yaml');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        file: 'm.yaml',
        line: 3,
        column: 3,
        message: 'a merge key `<<` must point at a mapping (an anchor like `&base {...}`, or a list of them)',
      },
    ]);
    expect(parseDocuments('base: &b {x: 1}\nuse:\n  <<: *b\n', 'm.yaml').diagnostics).toEqual([]);
  });

  it('names an unclosed bracket instead of blaming the indentation', () => {
    const { diagnostics } = parseDocuments('name: x\nusers: [alice, bob\n', 'u.yaml');
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        line: 2,
        column: 8,
        message:
          'a `[` here is never closed: add the missing `]` (or indent what follows it further); the line reads `users: [alice, bob`',
      }),
    );
  });

  it('refuses runs of `- ` after a closed flow collection before they reach the parser', () => {
    const { docs, diagnostics } = parseDocuments(`{"a": 1}${'- '.repeat(50_000)}\n`, 'x.json');
    expect(docs).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(/nests deeper than 100 levels/);
    // A few dashes in ordinary text do not count as nesting.
    expect(parseDocuments('a: x - y - z\nb: 1 - 2\n', 'ok.yaml').diagnostics).toEqual([]);
  });
});

describe('messages about huge keys and names', () => {
  it('cuts a pasted blob used as a field name, in every reader', () => {
    const key = `disable_local_auth${'x'.repeat(900)}`;
    const { diagnostics } = readNativeEstate(`version: 1\nname: x\n${key}: true\n`, 'e.yaml');
    const unknown = diagnostics.find((d) => d.message.startsWith('unknown field'));
    expect(unknown?.message.length).toBeLessThan(700);
    expect(unknown?.message).toContain(`\`disable_local_auth${'x'.repeat(282)}…\``);
  });

  it('cuts a huge repeated key in the message of the parser', () => {
    const key = `ten${'{"a":'.repeat(2_000)}`;
    const text = `{${JSON.stringify(key)}: 1, ${JSON.stringify(key)}: 2}`;
    const [duplicate] = parseDocuments(text, 'd.json').diagnostics;
    expect(duplicate?.message).toMatch(/^key `ten\{"a":.*…` appears twice in the same mapping/);
    expect(duplicate?.message.length).toBeLessThan(500);
  });

  it('keeps ordinary long quotes, such as ARM ids, and pairs backticks as written', () => {
    const id = `/subscriptions/${'1'.repeat(36)}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`;
    const ordinary = `expected \`a\`, found \`${id}\`${' and more words'.repeat(30)}`;
    expect(boundMessage(ordinary)).toBe(ordinary);
    const long = `the role \`${'r'.repeat(50)}\` is kept for the principal ${'p'.repeat(500)} \`<x>\``;
    expect(boundMessage(long)).toBe(long);
  });
});

describe('Resource Graph paging note', () => {
  it('points at the skip token that says more pages follow', () => {
    const page = '{\n  "count": 0,\n  "data": [],\n  "skip_token": "abc"\n}\n';
    const note = readResourceGraph(page, 'page.json').diagnostics.find((d) => /skip token/.test(d.message));
    expect(note).toMatchObject({
      severity: 'info',
      file: 'page.json',
      line: 4,
      column: 3,
      path: 'skip_token',
    });
    const last = readResourceGraph(page.replace('"abc"', 'null'), 'page.json');
    expect(last.diagnostics.filter((d) => /skip token/.test(d.message))).toEqual([]);
  });
});

describe('readInputs keeps the promises the fuzzer checks', () => {
  it('leaves a broken file out with located errors and keeps the good one', () => {
    const good = readInputs([{ file: 'rows.json', text: '{"data": []}' }]);
    expect(good.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const mixed = readInputs([
      { file: 'rows.json', text: '{"data": []}' },
      { file: 'bad.yaml', text: 'version: 1\nname: *missing\n' },
    ]);
    expect(mixed.inputs?.map((i) => i.used)).toEqual([true, false]);
    expect(mixed.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'bad.yaml', line: 2, column: 7 }),
    ]);
  });
});

// npm run fuzz, inputs reader, seed 388305265: an az ml deployment whose `model:` block gained unclosed `{a: {a:`
// and then 100,000 `[` after a plain word. The tab ran out of heap: the parser reported an error per bracket,
// and each error's path quoted the 100,000-character key.
describe('runaway brackets after plain text', () => {
  it('counts brackets inside an open flow collection as nesting, even glued to a word', () => {
    const text = `model:\n  name: m\n{a: {a: {a:\nne${'['.repeat(5_000)}sted: 1\n`;
    const { docs, diagnostics } = parseDocuments(text, 'd.yaml');
    expect(docs).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 4,
        message: expect.stringMatching(/nests deeper than 100/),
      }),
    ]);
    // Outside a flow collection the same brackets are plain text, as YAML reads them.
    const plain = parseDocuments(`description: see ${'['.repeat(500)}docs\n`, 'ok.yaml');
    expect(plain.diagnostics).toEqual([]);
    expect(plain.docs[0]?.value).toEqual({ description: `see ${'['.repeat(500)}docs` });
  });

  it('lists at most a bounded number of syntax errors per file and counts the rest in one message', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `k${i}: a: b`).join('\n');
    const { diagnostics } = parseDocuments(`${lines}\n`, 'many.yaml');
    expect(diagnostics).toHaveLength(MAX_SYNTAX_ERRORS + 1);
    const last = diagnostics[diagnostics.length - 1];
    expect(last).toMatchObject({ severity: 'error', file: 'many.yaml' });
    expect(last?.message).toMatch(/^\d+ more YAML syntax errors from here on are not listed/);
    expect(last?.line).toBeGreaterThan(diagnostics[0]?.line ?? 0);
    // A file with a few errors lists them all, without the closing count.
    const few = parseDocuments('a: b: c\nd: e: f\n', 'few.yaml').diagnostics;
    expect(few.length).toBeGreaterThan(0);
    expect(few.length).toBeLessThan(MAX_SYNTAX_ERRORS);
    expect(few.some((d) => /not listed/.test(d.message))).toBe(false);
  });

  it('cuts a huge key in a location path, and keeps ordinary keys whole', () => {
    const key = `ne${'['.repeat(10_000)}sted`;
    expect(formatPath(['model', key, 0]).length).toBeLessThan(120);
    expect(formatPath(['model', key, 0])).toMatch(/^model\["ne\[+…"\]\[0\]$/);
    expect(formatPath(['jobs', 'train_job', 'inputs', 'learning_rate'])).toBe(
      'jobs.train_job.inputs.learning_rate',
    );
    const word = 'a'.repeat(80);
    expect(formatPath(['x', word])).toBe(`x.${word}`);
    expect(formatPath(['x', `${word}b`])).toBe(`x["${'a'.repeat(79)}…"]`);
    // The az ml reader finds paths of broken lines from indentation; it goes through the same formatting.
    const yaml = `model:\n  ${key}:\n    - k: [\n`;
    expect(pathAtLine(yaml, 3)?.length).toBeLessThan(120);
    expect(pathAtLine(`environment:\n  image: x\n`, 2)).toBe('environment.image');
  });

  it('reads the set of files the fuzzer found, with a short list of located errors', () => {
    const deployment = `name: d\nendpoint_name: e\nmodel:\n  path: m\n{a: {a: {a:   type: mlflow_model\nne${'['.repeat(100_000)}sted:\n  k: 1\n`;
    const result = readInputs([
      { file: '0-component.yml', text: 'type: command\nname: c\ncommand: echo\n' },
      { file: '1-deployment.yaml', text: deployment },
    ]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS + 1);
    for (const d of errors) expect(d).toMatchObject({ file: '1-deployment.yaml', line: expect.any(Number) });
    expect(JSON.stringify(result.diagnostics).length).toBeLessThan(20_000);
  });
});

// npm run fuzz, native reader, seed 701000002: a list entry `- token:<U+2028> ghp_…`. A line separator is not a
// space to YAML, so the entry is one string with a GitHub token inside it, which the type error quoted whole.
describe('a credential inside a longer string', () => {
  const TOKEN = `ghp_${'Qz7Wk3Xp9Lm2Vn5D'.repeat(2)}x7Y8`;

  it('is cut from the string when it is read, and never quoted in a message', () => {
    const text = `version: 1\nname: x\nsubscriptions:\n  - token:\u2028 ${TOKEN}\n`;
    const { estate, diagnostics } = readNativeEstate(text, 'e.yaml');
    expect(estate).toBeUndefined();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(JSON.stringify(diagnostics)).not.toContain(TOKEN.slice(4, 20));
    const parsed = parseDocuments(text, 'e.yaml');
    expect(parsed.docs[0]?.value).toMatchObject({ subscriptions: ['token:\u2028 <redacted>'] });
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', line: 4, path: 'subscriptions[0]' }),
    ]);
    expect(quote(`token: ${TOKEN}`)).toBe('`<a value that looks like a credential>`');
  });

  it('leaves a string with no credential in it as it was', () => {
    const text = 'version: 1\nname: x\ndescription: "token:\\u2028 see the key vault for the real one"\n';
    const parsed = parseDocuments(text, 'e.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.docs[0]?.value).toMatchObject({
      description: 'token:\u2028 see the key vault for the real one',
    });
  });
});

// npm run fuzz, Resource Graph reader, seed 802000003: a page that describes an AKS cluster twice, first with a
// service principal, then with a system-assigned identity. The first was kept, but reading the second had made
// the cluster's system identity, so the estate held an identity whose owner had none.
describe('a resource described twice, the second time with a system-assigned identity', () => {
  const AKS =
    '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-ml';
  const page = (...rows: object[]) => JSON.stringify({ data: rows }, null, 2);
  const withSp = {
    id: AKS,
    name: 'aks-ml',
    type: 'microsoft.containerservice/managedclusters',
    properties: { servicePrincipalProfile: { clientId: 'aaaaaaaa-0000-4000-8000-000000000001' } },
  };
  const withSystem = {
    id: AKS,
    name: 'aks-ml',
    type: 'microsoft.containerservice/managedclusters',
    identity: { type: 'SystemAssigned', principalId: 'bbbbbbbb-0000-4000-8000-000000000002' },
    properties: { servicePrincipalProfile: { clientId: 'msi' } },
  };

  it('is an error at the second description, pointing back at the first', () => {
    const { estate, diagnostics } = readResourceGraph(page(withSp, withSystem), 'page.json');
    expect(estate).toBeUndefined();
    const error = diagnostics.find((d) => d.severity === 'error');
    expect(error?.message).toMatch(
      /^AKS cluster `aks-ml` is described twice with conflicting `clusterIdentity`/,
    );
    expect(error?.related?.line).toBeLessThan(error?.line ?? 0);
  });

  it('stays a warning when the first description already has the system identity', () => {
    const { estate, diagnostics } = readResourceGraph(page(withSystem, withSp), 'page.json');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/described twice with different/),
      }),
    );
    expect(estate?.aksClusters[0]?.clusterIdentity).toEqual({
      type: 'managed_identity',
      identity: { system: true, userAssigned: [] },
    });
  });
});
