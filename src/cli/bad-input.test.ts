import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../engine/io/inputs';
import { baseEstateYaml } from '../engine/testing/estates';
import { nodeIo, type CliIo } from './io';
import { run } from './run';

/**
 * Every command on broken input, against the real file system: exit code 2, one `file:line:column` line per
 * problem on stderr, nothing on stdout, and no output file (nor a temporary one) left behind.
 */

const GOOD = baseEstateYaml({
  extra: `role_assignments:
  - principal: alice@contoso.com
    role: Reader
    scope: rg-ml
`,
});

// Each broken file, with the number of errors the readers find in it (checked against readInputs below).
const BROKEN: Record<string, { text: string; errors: number }> = {
  'two-errors.yaml': {
    text: GOOD.replace('role: Reader', 'role: Nonexistent Role').replace('scope: rg-ml', 'scope: rg-missing'),
    errors: 2,
  },
  'syntax.json': { text: '{\n  "version": 1,\n  "name": "x",,\n  "users": []\n}\n', errors: 1 },
  'deep.json': { text: `${'['.repeat(50_000)}${']'.repeat(50_000)}`, errors: 1 },
  'bomb.yaml': {
    text: `${[
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map(
        (n, i) =>
          `${n}: &${n} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n')}\n`,
    errors: 1,
  },
  // An export cut off in the middle of a flow list.
  'truncated.yaml': { text: `${GOOD}notes: [{what: cut, where: here`, errors: 2 },
};

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'aml-bad-input-'));
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  for (const [name, { text }] of Object.entries(BROKEN)) writeFileSync(join(dir, name), text);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readText: nodeIo.readText,
    listFolder: nodeIo.listFolder,
    writeText: nodeIo.writeText,
    writeFiles: nodeIo.writeFiles,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  const files = () => readdirSync(dir).sort();
  return { dir, io, stdout: () => out.join(''), stderr: () => err.join(''), files };
}

/** Each command, given the broken file and an output path in the same folder. */
const COMMANDS: [string, (bad: string, good: string, out: string) => string[]][] = [
  ['validate', (bad) => ['validate', bad]],
  ['check', (bad, _good, out) => ['check', bad, '--format', 'sarif', '-o', out]],
  ['paths', (bad, _good, out) => ['paths', bad, '--format', 'json', '-o', out]],
  [
    'explain',
    (bad) => [
      'explain',
      bad,
      '--principal',
      'alice@contoso.com',
      '--action',
      'Microsoft.Storage/storageAccounts/read',
      '--scope',
      'rg-ml',
    ],
  ],
  ['export', (bad, _good, out) => ['export', '--to', 'az', bad, '-o', out]],
  ['export bicep', (bad, _good, out) => ['export', '--to', 'bicep', bad, '-o', out]],
  ['diff (broken before)', (bad, good, out) => ['diff', bad, '--', good, '-o', out]],
  ['diff (broken after)', (bad, good, out) => ['diff', good, '--', bad, '--format', 'json', '-o', out]],
];

describe('the CLI on broken input', () => {
  it('finds the expected number of problems in each broken file', () => {
    for (const [name, { text, errors }] of Object.entries(BROKEN)) {
      const found = readInputs([{ file: name, text }]).diagnostics.filter((d) => d.severity === 'error');
      expect(found, name).toHaveLength(errors);
    }
  });

  for (const [label, args] of COMMANDS) {
    it(`${label}: exit 2, one located line per problem, no output file`, async () => {
      for (const [name, { errors }] of Object.entries(BROKEN)) {
        const w = workspace();
        const before = w.files();
        const bad = join(w.dir, name);
        const code = await run(args(bad, join(w.dir, 'good.yaml'), join(w.dir, 'out.txt')), w.io);
        expect(code, `${label} ${name}`).toBe(2);
        expect(w.stdout(), `${label} ${name}`).toBe('');
        const lines = w.stderr().trimEnd().split('\n');
        const located = lines.filter((line) => line.startsWith(`${bad}:`));
        expect(located, `${label} ${name}: ${w.stderr()}`).toHaveLength(errors);
        for (const line of located) {
          expect(line, `${label} ${name}`).toMatch(/^.+:\d+:\d+: error: \S.*$/);
        }
        // Warnings may follow (such as a file left out), but no other errors and no repeated lines.
        expect(lines.filter((line) => / error: /.test(line))).toHaveLength(errors);
        expect(new Set(lines).size).toBe(lines.length);
        expect(w.files(), `${label} ${name}`).toEqual(before);
      }
    });
  }

  it('says a missing file is missing, once, with exit 2 and no output', async () => {
    const w = workspace();
    const missing = join(w.dir, 'nope.yaml');
    const code = await run(['check', missing, '-o', join(w.dir, 'out.sarif')], w.io);
    expect(code).toBe(2);
    expect(w.stderr()).toBe(`${missing}: error: file not found\n`);
    expect(w.files()).not.toContain('out.sarif');
  });

  it('reports a failed write with exit 2 and leaves neither the file nor a temporary one', async () => {
    for (const command of [
      (good: string, out: string) => ['check', good, '-o', out],
      (good: string, out: string) => ['paths', good, '-o', out],
      (good: string, out: string) => ['export', '--to', 'estate', good, '-o', out],
      (good: string, out: string) => ['diff', good, '--', good, '-o', out],
    ]) {
      const w = workspace();
      // The output path is an existing folder: the temporary file is written, and the rename then fails.
      const out = join(w.dir, 'taken');
      mkdirSync(out);
      const before = w.files();
      const code = await run(command(join(w.dir, 'good.yaml'), out), w.io);
      expect(code).toBe(2);
      expect(w.stderr()).toMatch(
        new RegExp(
          `^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: error: cannot write .* nothing was written\\n$`,
        ),
      );
      expect(w.files()).toEqual(before);
      expect(readdirSync(out)).toEqual([]);
    }
  });

  it('writes Bicep main file and modules all or nothing: a module that cannot be written leaves no main file', async () => {
    const starter = join(process.cwd(), 'public/samples/starter.yaml');
    const w = workspace();
    const good = join(w.dir, 'good-out');
    expect(await run(['export', '--to', 'bicep', starter, '-o', join(good, 'main.bicep')], w.io)).toBe(0);
    expect(readdirSync(good).sort()).toEqual(['main.bicep', 'modules']);
    expect(readdirSync(join(good, 'modules')).length).toBeGreaterThan(0);

    // A plain file where the modules folder should go: the modules cannot be written.
    const blocked = join(w.dir, 'blocked-out');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'modules'), 'not a folder');
    const code = await run(['export', '--to', 'bicep', starter, '-o', join(blocked, 'main.bicep')], w.io);
    expect(code).toBe(2);
    expect(w.stderr()).toMatch(/error: cannot write .*modules.* nothing was written/);
    expect(readdirSync(blocked)).toEqual(['modules']);
  });

  it('writes the output when the input is good (the same commands do work)', async () => {
    const w = workspace();
    const code = await run(
      ['export', '--to', 'az', join(w.dir, 'good.yaml'), '-o', join(w.dir, 'fix.sh')],
      w.io,
    );
    expect(code).toBe(0);
    expect(w.files()).toContain('fix.sh');
    expect(w.files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
