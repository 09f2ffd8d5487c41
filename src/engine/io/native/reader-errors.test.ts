import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model/types';
import { wsProdHead } from '../../testing/estates';
import { readNativeEstate } from './index';

const SUB = '11111111-2222-4333-8444-555555555555';

/** The lines every test starts from: one subscription, one group, one workspace and its storage. */
const HEAD = `${wsProdHead(SUB)}    storage_account: stmlprod
storage_accounts:
  - name: stmlprod
key_vaults:
  - name: kv-ml
users:
  - name: alice
`;
// HEAD is 16 lines long, so whatever follows starts on line 17.

function read(text: string, file = 'estate.yaml') {
  return readNativeEstate(text, file);
}

function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0] as Diagnostic;
}

describe('readNativeEstate: located errors', () => {
  it('reads HEAD cleanly (the baseline for every test below)', () => {
    const { estate, diagnostics } = read(HEAD);
    expect(diagnostics).toEqual([]);
    expect(estate?.workspaces).toHaveLength(1);
  });

  it('warns about an unknown field at its key, suggests the right one, and keeps the estate', () => {
    const { estate, diagnostics } = read(`${HEAD}    user_principle_name: alice@contoso.com\n`);
    expect(estate).toBeDefined();
    expect(only(diagnostics)).toEqual({
      severity: 'warning',
      file: 'estate.yaml',
      line: 17,
      column: 5,
      path: 'users[0].user_principle_name',
      message: 'unknown field `user_principle_name` is ignored; did you mean `user_principal_name`?',
    });
  });

  it('points a camelCase field at its snake_case spelling', () => {
    const { diagnostics } = read(
      HEAD.replace('    storage_account: stmlprod', '    storageAccount: stmlprod'),
    );
    expect(only(diagnostics)).toMatchObject({
      severity: 'warning',
      line: 10,
      column: 5,
      message: 'unknown field `storageAccount` is ignored; this format spells it `storage_account`',
    });
  });

  it('reports a dangling reference at the reference, quoting it and suggesting the closest name', () => {
    const { estate, diagnostics } = read(
      HEAD.replace('storage_account: stmlprod', 'storage_account: stmlprd'),
    );
    expect(estate).toBeUndefined();
    expect(only(diagnostics)).toEqual({
      severity: 'error',
      file: 'estate.yaml',
      line: 10,
      column: 22,
      path: 'workspaces[0].storage_account',
      message: 'no storage account named `stmlprd` is declared; did you mean `stmlprod`?',
    });
  });

  it('says when a reference names an entity of the wrong kind', () => {
    const { diagnostics } = read(HEAD.replace('storage_account: stmlprod', 'storage_account: kv-ml'));
    expect(only(diagnostics)).toMatchObject({
      line: 10,
      column: 22,
      message: '`kv-ml` is a key vault, but a storage account is expected here',
    });
  });

  it('lists the allowed values of an enum and suggests the closest', () => {
    const { diagnostics } = read(HEAD.replace('  - name: ws-prod\n', '  - name: ws-prod\n    kind: hubb\n'));
    expect(only(diagnostics)).toMatchObject({
      severity: 'error',
      line: 10,
      column: 11,
      path: 'workspaces[0].kind',
      message:
        'expected one of `default`, `hub`, `project` for `kind`, found the text `hubb`; did you mean `hub`?',
    });
  });

  it('forgives case and separators in enum values', () => {
    const { estate, diagnostics } = read(
      HEAD.replace(
        '  - name: ws-prod\n',
        '  - name: ws-prod\n    public_network_access: DISABLED\n    kind: Hub\n',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(estate?.workspaces[0]).toMatchObject({ publicNetworkAccess: 'Disabled', workspaceKind: 'hub' });
  });

  it('reports a duplicate name at the second declaration and points back at the first', () => {
    const { estate, diagnostics } = read(`${HEAD}  - name: bob\n  - name: alice\n`);
    expect(estate).toBeUndefined();
    expect(only(diagnostics)).toEqual({
      severity: 'error',
      file: 'estate.yaml',
      line: 18,
      column: 11,
      path: 'users[2].name',
      message: 'user `alice` is declared twice (first at line 16); names must be unique within their parent',
      related: { file: 'estate.yaml', line: 16, column: 5, path: 'users[0]' },
    });
  });

  it('treats resource names as Azure does: case-insensitive, and global for storage accounts', () => {
    const { diagnostics } = read(
      `${HEAD.replace('storage_accounts:\n  - name: stmlprod\n', 'storage_accounts:\n  - name: stmlprod\n  - name: STMLPROD\n')}`,
    );
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [13, 'storage account names are unique across Azure, and `STMLPROD` is already declared (line 12)'],
    ]);
  });

  it('rejects a resource name with spaces around it, which no reference could reach', () => {
    const { estate, diagnostics } = read(HEAD.replace('  - name: kv-ml\n', '  - name: "\\tkv-ml"\n'));
    expect(estate).toBeUndefined();
    expect(only(diagnostics)).toMatchObject({
      severity: 'error',
      line: 14,
      path: 'key_vaults[0].name',
      message: 'a resource name cannot start or end with a space, tab or line break, found ` kv-ml`',
    });
    // Quoting alone changes nothing, and plain YAML drops the spaces around a value before the reader sees it.
    expect(read(HEAD.replace('  - name: kv-ml\n', '  - name: "kv-ml"\n')).diagnostics).toEqual([]);
    expect(read(HEAD.replace('  - name: kv-ml\n', '  - name:   kv-ml   \n')).diagnostics).toEqual([]);
  });

  it('names the candidates of an ambiguous scope', () => {
    const { diagnostics } = read(
      `${HEAD.replace('  - name: rg-ml\n', '  - name: ml\n').replace('  - name: ws-prod\n', '  - name: ml\n').replace('storage_account: stmlprod', 'storage_account: stmlprod')}role_assignments:\n  - {principal: alice, role: Reader, scope: ml}\n`,
    );
    const d = only(diagnostics);
    expect(d).toMatchObject({ severity: 'error', line: 18, column: 45, path: 'role_assignments[0].scope' });
    expect(d.message).toBe(
      `\`ml\` is ambiguous as a scope: it names resource group /subscriptions/${SUB}/resourceGroups/ml, workspace /subscriptions/${SUB}/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ml; write the ARM id instead`,
    );
  });

  it('asks which parent when several exist and none is named', () => {
    const { diagnostics } = read(`${HEAD.replace('  - name: rg-ml\n', '  - name: rg-ml\n  - name: rg-b\n')}`);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [10, 'missing `resource_group`: 2 resource groups are declared (`rg-ml`, `rg-b`), so say which one'],
      [13, 'missing `resource_group`: 2 resource groups are declared (`rg-ml`, `rg-b`), so say which one'],
      [15, 'missing `resource_group`: 2 resource groups are declared (`rg-ml`, `rg-b`), so say which one'],
    ]);
  });

  it('reports every problem of a file at once, in file order, and rejects the estate', () => {
    const text = `${HEAD}    object_id: not-a-guid
computes:
  - name: cpu
    type: gpucluster
    identity: {type: user_assigned}
role_assignments:
  - principal: alise
    role: Storage Blob Data Raeder
    scope: ws-prod
  - principal: alice
    role: Reader
`;
    const { estate, diagnostics } = read(text);
    expect(estate).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.column, d.path, d.message])).toEqual([
      [
        17,
        16,
        'users[0].object_id',
        'expected a GUID such as `00000000-0000-0000-0000-000000000000` for `object_id`, found `not-a-guid`',
      ],
      [
        20,
        11,
        'computes[0].type',
        'expected one of `amlcompute`, `computeinstance`, `kubernetes`, `aks`, `virtualmachine`, `hdinsight`, `databricks`, `datalakeanalytics`, `synapsespark`, `datafactory`, `unknown` for `type`, found the text `gpucluster`',
      ],
      [
        21,
        22,
        'computes[0].identity.type',
        'a `user_assigned` identity needs at least one entry in `user_assigned_identities`',
      ],
      [
        23,
        16,
        'role_assignments[0].principal',
        'no principal named `alise` is declared; did you mean `alice`?',
      ],
      [
        24,
        11,
        'role_assignments[0].role',
        'no role named `Storage Blob Data Raeder` is built in or declared in role_definitions; did you mean `Storage Blob Data Reader`?',
      ],
      [26, 5, 'role_assignments[1]', 'missing required field `scope`'],
    ]);
  });

  it('rejects a principal where a user is required, and a plain name that means a managed identity', () => {
    const { diagnostics } = read(`${HEAD}computes:
  - {name: ci, type: computeinstance, assigned_user: ws-prod}
role_assignments:
  - {principal: ws-prod, role: Reader, scope: /}
`);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [
        18,
        'no user named `ws-prod` is declared; to mean the managed identity of that resource, write `system:ws-prod`',
      ],
      [
        20,
        'no principal named `ws-prod` is declared; to mean the managed identity of that resource, write `system:ws-prod`',
      ],
    ]);
  });

  it('checks identity types against the listed identities', () => {
    const { diagnostics } = read(`${HEAD}user_assigned_identities: [{name: uai}]
computes:
  - {name: a, type: amlcompute, identity: {type: system_assigned, user_assigned_identities: [uai]}}
  - {name: b, type: amlcompute, identity: {type: sometimes}}
  - {name: c, type: amlcompute, identity: {type: user_assigned, user_assigned_identities: [uai, nobody]}}
`);
    expect(diagnostics.map((d) => [d.line, d.path, d.message])).toEqual([
      [
        19,
        'computes[0].identity.user_assigned_identities',
        '`user_assigned_identities` needs an identity type that includes `user_assigned`; the type here is `system_assigned`',
      ],
      [
        20,
        'computes[1].identity.type',
        'expected one of `none`, `system_assigned`, `user_assigned`, `system_assigned,user_assigned` for the identity type, found `sometimes`',
      ],
      [
        21,
        'computes[2].identity.user_assigned_identities[1]',
        'no user-assigned identity named `nobody` is declared',
      ],
    ]);
  });

  it('checks an explicit id against the name and the declared parents', () => {
    const { diagnostics } = read(
      `${HEAD}key_vaults:
  - id: /subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.KeyVault/vaults/kv2
application_insights:
  - {name: ai, id: /subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/ai}
`.replace('key_vaults:\n  - name: kv-ml\n', ''),
    );
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([
      [
        'key_vaults[0].id',
        `the resource group in this id (\`/subscriptions/${SUB}/resourceGroups/rg-other\`) is not declared`,
      ],
      [
        'application_insights[0].id',
        `expected the ARM id of a Application Insights component (\`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/components/<name>\`), found \`/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/ai\``,
      ],
    ]);
  });

  it('refuses a custom role that takes a built-in name, and a repeated role assignment', () => {
    const { diagnostics } = read(`${HEAD}role_definitions:
  - {name: reader, actions: ['*/read']}
role_assignments:
  - {principal: alice, role: Reader, scope: ws-prod}
  - {principal: alice, role: acdd72a7-3385-48ef-bd42-f606fba81ae7, scope: /SUBSCRIPTIONS/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod}
`);
    expect(diagnostics.map((d) => [d.line, d.message, d.related?.line])).toEqual([
      [18, 'the built-in role Reader already has this name `Reader`; a custom role needs its own', undefined],
      [
        21,
        'this principal already holds this role at this scope (line 20); Azure keeps one such assignment',
        20,
      ],
    ]);
  });

  it('reads a copy of a built-in role by its GUID, whatever name the export gives it, and no custom role with that GUID', () => {
    // `az role definition list` from before Azure renamed Foundry User still says "Azure AI User": the same role.
    const renamed = read(`${HEAD}role_definitions:
  - {name: Azure AI User, id: 53ca6127-db72-4b80-b1b0-d745d6d5456d, role_type: BuiltInRole, actions: ['Microsoft.CognitiveServices/*/read']}
`);
    expect(renamed.diagnostics).toEqual([]);
    expect(renamed.estate?.roleDefinitions.map((role) => [role.id, role.name, role.roleType])).toEqual([
      ['53ca6127-db72-4b80-b1b0-d745d6d5456d', 'Azure AI User', 'BuiltInRole'],
    ]);
    // A name the catalog never gave it is read (and written back) as it is, with a note.
    const odd = read(`${HEAD}role_definitions:
  - {name: "0", id: acdd72a7-3385-48ef-bd42-f606fba81ae7, role_type: BuiltInRole, actions: ['*/read']}
`);
    expect(odd.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', "built-in role acdd72a7-3385-48ef-bd42-f606fba81ae7 is named `0` here; Azure's catalog names it `Reader`, and it is read as that role's copy"],
    ]);
    expect(odd.estate?.roleDefinitions).toHaveLength(1);
    const custom = read(`${HEAD}role_definitions:
  - {name: My reader, id: acdd72a7-3385-48ef-bd42-f606fba81ae7, actions: ['*/read']}
  - {name: Owner, id: acdd72a7-3385-48ef-bd42-f606fba81ae7, role_type: BuiltInRole, actions: ['*/read']}
`);
    expect(custom.diagnostics.map((d) => d.message)).toEqual([
      'the built-in role Reader already has this id acdd72a7-3385-48ef-bd42-f606fba81ae7; a custom role needs its own',
      'the built-in role Owner already has this name `Owner`; a custom role needs its own',
    ]);
  });

  it('rejects scopes that are neither names nor ARM ids', () => {
    const { diagnostics } = read(
      `${HEAD}role_assignments:\n  - {principal: alice, role: Reader, scope: /resourceGroups/x}\n  - {principal: alice, role: Owner, scope: nowhere}\n`,
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      'expected `/`, an ARM id starting with `/subscriptions/` or `/providers/Microsoft.Management/managementGroups/`, or a resource name; found `/resourceGroups/x`',
      'no resource named `nowhere` is declared to serve as the scope; write an ARM id for a scope outside the estate',
    ]);
  });

  it('rejects an unsupported version and a section of the wrong shape', () => {
    const { diagnostics } = read(`${HEAD.replace('version: 1', 'version: 2')}groups: {name: x}\n`);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, 'expected `version: 1` (the only version of this format), found the number `2`'],
      [17, 'expected a list of groups, found a mapping'],
    ]);
  });

  it('warns about a job setting that does not apply and keeps the estate', () => {
    const { estate, diagnostics } = read(
      `${HEAD}jobs:\n  - {name: j, identity: {type: user_identity, client_id: ${SUB}}}\n`,
    );
    expect(estate).toBeDefined();
    expect(only(diagnostics)).toMatchObject({
      severity: 'warning',
      line: 18,
      path: 'jobs[0].identity.client_id',
      message: '`client_id` only applies to `type: managed`; it is ignored',
    });
  });
});

describe('readNativeEstate: input problems', () => {
  it('reports a YAML syntax error with its position', () => {
    const { estate, diagnostics } = read('name: t\nworkspaces:\n  - name: a\n   kind: hub\n');
    expect(estate).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'estate.yaml', line: 4 });
  });

  it('names an unfilled template placeholder', () => {
    const { estate, diagnostics } = read(`${HEAD}container_registries:\n  - name: {{ACR_NAME}}\n`);
    expect(estate).toBeUndefined();
    expect(only(diagnostics)).toMatchObject({
      line: 18,
      column: 11,
      message: 'template placeholder `{{ACR_NAME}}` was never filled in; replace it with a real value',
    });
  });

  it('locates errors in JSON input too', () => {
    const json = JSON.stringify(
      {
        version: 1,
        name: 'json',
        subscriptions: [{ name: 's', id: SUB }],
        resource_groups: [{ name: 'rg' }],
        workspaces: [{ name: 'ws', kind: 'hubb', key_vault: 'missing' }],
      },
      null,
      2,
    );
    const { estate, diagnostics } = read(json, 'estate.json');
    expect(estate).toBeUndefined();
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.path])).toEqual([
      ['estate.json', 18, 15, 'workspaces[0].kind'],
      ['estate.json', 19, 20, 'workspaces[0].key_vault'],
    ]);
  });

  it('locates a JSON syntax error', () => {
    const { diagnostics } = read(
      '{\n  "name": "x",\n  "users": [\n    {"name": "a"}\n    {"name": "b"}\n  ]\n}\n',
      'estate.json',
    );
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'estate.json', line: 5 });
  });

  it('stops an alias bomb quickly', () => {
    const lines = ['name: bomb', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const started = Date.now();
    const { estate, diagnostics } = read(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(estate).toBeUndefined();
    expect(only(diagnostics).message).toMatch(/alias bomb/);
  });

  it('refuses deep nesting and oversized input with a clear message', () => {
    expect(
      only(read(`name: x\ndescription: ${'['.repeat(500)}${']'.repeat(500)}\n`).diagnostics).message,
    ).toMatch(/nests deeper than 100 levels/);
    const big = `name: x\ndescription: "${'a'.repeat(51 * 1024 * 1024)}"\n`;
    expect(only(read(big).diagnostics).message).toMatch(/larger than the 50 MB limit/);
  });

  it('rejects an empty file, a file that is not a mapping, and several documents', () => {
    expect(only(read('').diagnostics).message).toBe(
      'the file is empty; an estate needs at least `version: 1` and `name: ...`',
    );
    expect(only(read('- a\n- b\n').diagnostics).message).toBe(
      'expected a mapping with estate sections (name, workspaces, role_assignments...), found a list',
    );
    expect(only(read('name: a\n---\nname: b\n').diagnostics)).toMatchObject({
      line: 3,
      message: 'expected one estate per file, found 2 YAML documents; merge them or split the file',
    });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ workspaces: v, users: v, role_assignments: [v] })),
        ),
        (text) => {
          const result = read(text);
          expect(Array.isArray(result.diagnostics)).toBe(true);
          if (result.estate === undefined)
            expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on mangled versions of a valid estate', () => {
    const lines = HEAD.split('\n');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(lines.length - 1),
            fc.constantFrom('', '  ', '- ', ': ', '{', 'x', '&a ', '*a', '!!str '),
          ),
          { maxLength: 4 },
        ),
        (edits) => {
          const mangled = [...lines];
          for (const [line, insert] of edits) mangled[line] = insert + (mangled[line] ?? '');
          const result = read(mangled.join('\n'));
          if (result.estate === undefined)
            expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          for (const d of result.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
