import { describe, expect, it } from 'vitest';
import { formatPath, parseDocuments, quote } from './index';
import { deferredSourceRef } from './reference';

describe('parseDocuments', () => {
  it('parses YAML and locates values and keys', () => {
    const text = 'name: demo\nworkspaces:\n  - name: ws-prod\n    kind: hub\n';
    const { docs, diagnostics } = parseDocuments(text, 'estate.yaml');
    expect(diagnostics).toEqual([]);
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc.value).toEqual({ name: 'demo', workspaces: [{ name: 'ws-prod', kind: 'hub' }] });
    expect(doc.locate(['workspaces', 0, 'kind'])).toEqual({ line: 4, column: 11 });
    expect(doc.locate(['workspaces', 0, 'kind'], 'key')).toEqual({ line: 4, column: 5 });
    expect(doc.locate(['workspaces', 0])).toEqual({ line: 3, column: 5 });
    // A missing field points at the deepest part of the path that exists.
    expect(doc.locate(['workspaces', 0, 'missing'])).toEqual({ line: 3, column: 5 });
  });

  it('parses JSON with the same locations', () => {
    const text = '{\n  "name": "demo",\n  "users": [\n    {"name": "alice"}\n  ]\n}\n';
    const { docs, diagnostics } = parseDocuments(text, 'estate.json');
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.locate(['users', 0, 'name'])).toEqual({ line: 4, column: 14 });
  });

  it('reads JSON with comments as ARM and the az CLI do, with the locations of the original text', () => {
    // The shape of a quickstart template: a line comment after a value, a block comment, a URL in a string.
    const text =
      '{\n  /* header */ "resources": [\n    "[variables(\'x\')]" // last\n  ],\n  "uri": "https://a/b" // c\n}\n';
    const { docs, diagnostics } = parseDocuments(text, 'azuredeploy.json');
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.value).toEqual({ resources: ["[variables('x')]"], uri: 'https://a/b' });
    expect(docs[0]!.locate(['resources', 0])).toEqual({ line: 3, column: 5 });
    expect(docs[0]!.locate(['uri'])).toEqual({ line: 5, column: 10 });
  });

  it('reads a string that runs over several lines, as ARM does, with the locations of the original text', () => {
    const text = '{\n  "a": "[format(\'{0}\',\n     \'x\')]",\n  "b": 1\n}\n';
    const { docs, diagnostics } = parseDocuments(text, 'prereq.azuredeploy.json');
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.value).toEqual({ a: "[format('{0}',\n     'x')]", b: 1 });
    expect(docs[0]!.locate(['b'])).toEqual({ line: 4, column: 8 });
  });

  it('reads JSON indented with tabs', () => {
    const { docs, diagnostics } = parseDocuments('{\n\t"a": [\n\t\t1\n\t]\n}\n', 'x.json');
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.value).toEqual({ a: [1] });
  });

  it('returns every document of a multi-document stream', () => {
    const { docs, diagnostics } = parseDocuments('a: 1\n---\nb: 2\n', 'multi.yaml');
    expect(diagnostics).toEqual([]);
    expect(docs.map((doc) => doc.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(docs[1]!.locate(['b'])).toEqual({ line: 3, column: 4 });
  });

  it('reports a located syntax error and leaves the broken document out', () => {
    const { docs, diagnostics } = parseDocuments('{"a": 1,, "b": 2}', 'bad.json');
    expect(docs).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.json', line: 1, column: 9 });
    expect(diagnostics[0]!.message).toMatch(/YAML syntax error/);
  });

  it('names a duplicate key and points at its first occurrence', () => {
    const { diagnostics } = parseDocuments('name: a\nusers: []\nname: b\n', 'dup.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 3, column: 1, related: { line: 1, column: 1 } });
    expect(diagnostics[0]!.message).toContain('`name` appears twice');
  });

  it('names unfilled template placeholders instead of the confusing YAML they produce', () => {
    const text =
      'name: demo\ncontainer_registry: {{ACR_NAME}}\nimage: "{{ACR_NAME}}.azurecr.io/x:1"\nenv: ${{azureml://connections/c}}\n';
    const { docs, diagnostics } = parseDocuments(text, 't.yaml');
    expect(docs).toEqual([]);
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 21, 'template placeholder `{{ACR_NAME}}` was never filled in; replace it with a real value'],
      [3, 9, 'template placeholder `{{ACR_NAME}}` was never filled in; replace it with a real value'],
    ]);
  });

  it('ignores placeholders in comments and can be told to ignore them', () => {
    expect(parseDocuments('# set {{X}} first\na: 1\n', 'c.yaml').diagnostics).toEqual([]);
    const ignored = parseDocuments('a: x-{{X}}\n', 'c.yaml', { placeholders: 'ignore' });
    expect(ignored.diagnostics).toEqual([]);
    expect(ignored.docs[0]!.value).toEqual({ a: 'x-{{X}}' });
  });

  it('stops an alias bomb with a located error', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++) {
      const prev = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const { docs, diagnostics } = parseDocuments(lines.join('\n'), 'bomb.yaml');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(docs).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/alias bomb/);
    expect(diagnostics[0]).toMatchObject({ line: 2, column: 8 });
  });

  it('keeps ordinary anchors and merge keys working', () => {
    const { docs, diagnostics } = parseDocuments(
      'base: &b {x: 1}\nuse: {<<: *b, y: 2}\nagain: *b\n',
      'm.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.value).toEqual({ base: { x: 1 }, use: { x: 1, y: 2 }, again: { x: 1 } });
  });

  it('refuses runaway nesting before the parser can exhaust the stack', () => {
    for (const text of [
      '['.repeat(50_000) + ']'.repeat(50_000),
      '- '.repeat(5_000) + 'x\n',
      '{a: '.repeat(5_000) + '1' + '}'.repeat(5_000),
    ]) {
      const { docs, diagnostics } = parseDocuments(text, 'deep.yaml');
      expect(docs).toEqual([]);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]!.message).toMatch(/nests deeper than 100 levels/);
    }
    const blocks = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n';
    expect(parseDocuments(blocks, 'deep.yaml').diagnostics[0]!.message).toMatch(/nests deeper/);
  });

  it('accepts nesting up to the limit, and brackets inside text do not count', () => {
    const text = `${'['.repeat(90)}1${']'.repeat(90)}\n`;
    expect(parseDocuments(text, 'ok.yaml').diagnostics).toEqual([]);
    const prose = Array.from({ length: 300 }, (_, i) => `k${i}: see [docs and {more "quoted [ text`).join(
      '\n',
    );
    expect(parseDocuments(prose, 'prose.yaml').diagnostics).toEqual([]);
  });

  it('refuses input over the size limit without parsing it', () => {
    const { docs, diagnostics } = parseDocuments('a: 1\n'.repeat(100), 'big.yaml', { maxBytes: 100 });
    expect(docs).toEqual([]);
    expect(diagnostics[0]!.message).toMatch(/larger than the/);
  });

  it('counts bytes, not characters, against the size limit', () => {
    // 40 characters, 120 bytes in UTF-8.
    expect(parseDocuments(`a: ${'€'.repeat(40)}`, 'u.yaml', { maxBytes: 100 }).diagnostics).toHaveLength(1);
    expect(parseDocuments(`a: ${'€'.repeat(20)}`, 'u.yaml', { maxBytes: 100 }).diagnostics).toHaveLength(0);
  });

  it('treats an empty input as no documents', () => {
    expect(parseDocuments('', 'e.yaml')).toEqual({ docs: [], diagnostics: [] });
  });
});

describe('formatPath and quote', () => {
  it('formats paths like the docs show them', () => {
    expect(formatPath(['role_assignments', 4, 'scope'])).toBe('role_assignments[4].scope');
    expect(formatPath(['workspaces', 0, 'identity', 'user_assigned_identities', '/subscriptions/x'])).toBe(
      'workspaces[0].identity.user_assigned_identities["/subscriptions/x"]',
    );
  });

  it('quotes input briefly', () => {
    expect(quote('abc')).toBe('`abc`');
    expect(quote('x'.repeat(100))).toHaveLength(62);
    expect(quote({ a: 1 })).toBe('a mapping');
    expect(quote([1])).toBe('a list');
    expect(quote(3)).toBe('`3`');
  });
});

describe('parseDocuments: JSON', () => {
  it('reads JSON directly and locates keys and values, including escaped keys', () => {
    const text = '{\n  "a\\"b": 1,\n  "list": [\n    {"x": "y"},\n    {"x": "z"}\n  ]\n}\n';
    const { docs, diagnostics } = parseDocuments(text, 'e.json');
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.value).toEqual({ 'a"b': 1, list: [{ x: 'y' }, { x: 'z' }] });
    expect(docs[0]!.locate(['a"b'])).toEqual({ line: 2, column: 11 });
    expect(docs[0]!.locate(['a"b'], 'key')).toEqual({ line: 2, column: 3 });
    expect(docs[0]!.locate(['list', 1, 'x'])).toEqual({ line: 5, column: 11 });
    expect(docs[0]!.locate(['list', 1, 'missing'])).toEqual({ line: 5, column: 5 });
  });

  it('reports a repeated JSON key, which JSON.parse would silently resolve', () => {
    const { docs, diagnostics } = parseDocuments('{\n  "name": "a",\n  "name": "b"\n}', 'dup.json');
    expect(docs).toEqual([]);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        file: 'dup.json',
        line: 3,
        column: 3,
        message: 'key `name` appears twice in the same mapping (first at line 2); keep one',
        related: { file: 'dup.json', line: 2, column: 3 },
      },
    ]);
  });

  it('locates every value and key of JSON where the YAML parser does, positions being worked out on demand', () => {
    // Nested lists and maps, escaped quotes, brackets and colons inside strings, numbers, literals, empty
    // containers, odd spacing: each path is looked up in the JSON reader and, for the same text with a leading
    // newline the JSON test does not accept, in the YAML parser that reads it instead.
    const text =
      '{"a\\"b" : [1, -2.5e3, {"c": "x]}:[{", "d": [ ], "e": {}}],\n "f":{"g":true ,"h":null,\n\t"i":[["j", {"k": "\\"l\\""}]]},' +
      '\n  "m": "n"  }';
    const json = parseDocuments(text, 'e.json');
    // A leading comment keeps the text from looking like JSON, so that the YAML parser reads it.
    const yaml = parseDocuments(`# yaml\n${text}`, 'e.yaml');
    expect(json.diagnostics).toEqual([]);
    expect(yaml.diagnostics).toEqual([]);
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(json.docs[0]!.value, []);
    expect(paths.length).toBe(17);
    for (const path of [...paths, ['f', 'i', 0, 5], ['a"b', 2, 'missing']])
      for (const target of ['value', 'key'] as const) {
        const fromYaml = yaml.docs[0]!.locate(path, target);
        expect(json.docs[0]!.locate(path, target), `${JSON.stringify(path)} ${target}`).toEqual({
          ...fromYaml,
          line: fromYaml.line - 1,
        });
      }
  });

  it('tells a repeated key from colons inside keys and text, escaped or not', () => {
    const clean = parseDocuments('{"a\\u003ab": "x:y", "url": "https://h:1/p", "c": {"d:": 1}}', 'e.json');
    expect(clean.diagnostics).toEqual([]);
    expect(clean.docs[0]!.value).toEqual({ 'a:b': 'x:y', url: 'https://h:1/p', c: { 'd:': 1 } });
    // The repeated key's value has colons of its own, and another value an escaped one: still a repeated key.
    const repeated = parseDocuments('{\n  "a": "x:y",\n  "b": "\\u003a",\n  "a": 2\n}', 'dup.json');
    expect(repeated.docs).toEqual([]);
    expect(repeated.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [4, 'key `a` appears twice in the same mapping (first at line 2); keep one'],
    ]);
  });

  it('refuses JSON one level deeper than the limit, at the bracket that goes past it', () => {
    const { docs, diagnostics } = parseDocuments(`${'['.repeat(100)}${']'.repeat(100)}`, 'deep.json');
    expect(docs).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 1, column: 100, message: expect.stringMatching(/nests deeper than 100 levels/) }),
    ]);
    expect(parseDocuments(`${'['.repeat(99)}${']'.repeat(99)}`, 'ok.json').diagnostics).toEqual([]);
  });

  it('reads a large JSON export quickly', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({
      id: `/subscriptions/x/providers/Microsoft.Authorization/roleAssignments/${i}`,
      principalId: `p-${i}`,
      scope: `/subscriptions/x/resourceGroups/rg${i}`,
    }));
    const text = JSON.stringify(items, null, 2);
    const started = Date.now();
    const { docs, diagnostics } = parseDocuments(text, 'big.json');
    expect(diagnostics).toEqual([]);
    expect(docs[0]!.locate([19_999, 'scope'])).toEqual({ line: 100_000, column: 14 });
    // The YAML parser needs tens of seconds for this; the JSON path a fraction of one.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('parseDocuments: where a syntax error is, and what the line says', () => {
  it('reports an unclosed `[` at the bracket, lines before the parser notices, and quotes its line', () => {
    const text = 'version: 1\nname: x\nworkspaces:\n  - name: [ws\n    location: eastus\n';
    const [error] = parseDocuments(text, 'estate.yaml').diagnostics;
    expect(error).toMatchObject({ severity: 'error', line: 4, column: 11 });
    expect(error?.message).toBe(
      'a `[` here is never closed: add the missing `]` (or indent what follows it further); the line reads `- name: [ws`',
    );
  });

  it('reports an unclosed `{` at the brace, skipping brackets in quotes and comments', () => {
    const text = "a: '[x'  # [ not this\nb: {c: 1\nd: 2\n";
    const [error] = parseDocuments(text, 'f.yaml').diagnostics;
    expect(error?.message).toMatch(/^a `\{` here is never closed: add the missing `\}`/);
    expect(error).toMatchObject({ line: 2, column: 4 });
    expect(error?.message).toContain('the line reads `b: {c: 1`');
  });

  it('never quotes a credential on the line it points at', () => {
    const key = `${'A'.repeat(86)}==`;
    const [error] = parseDocuments(`account_key: [${key}\nb: 1\n`, 'f.yaml').diagnostics;
    expect(error?.severity).toBe('error');
    expect(error?.message).not.toContain(key);
  });
});

describe('deferredSourceRef', () => {
  it('reads as a plain reference however it is copied, locating the path only when asked', () => {
    const { docs } = parseDocuments('{\n  "a": [\n    {"b": 1}\n  ]\n}\n', 'e.json');
    let located = 0;
    const locate: typeof docs[0]['locate'] = (path, target) => {
      located++;
      return docs[0]!.locate(path, target);
    };
    const path = ['a', 0, 'b'];
    const ref = deferredSourceRef('e.json', locate, path);
    // Readers extend and restore their working path: the reference keeps the path it was given.
    path.push('c');
    expect(located).toBe(0);
    const plain = { file: 'e.json', line: 3, column: 11, path: 'a[0].b' };
    expect(ref).toEqual(plain);
    expect({ ...ref }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(ref))).toEqual(plain);
    expect(structuredClone(ref)).toEqual(plain);
    expect(Object.keys(ref)).toEqual(['file', 'line', 'column', 'path']);
    expect(located).toBe(1);
  });
});
