import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEstateYaml } from '../engine/testing/estates';
import { run } from './run';
import { memoryIo } from './testing/io';

const estate = baseEstateYaml({
  extra: `groups:
  - name: data-scientists
    members: [grp-inner]
  - name: grp-inner
    members: [alice@contoso.com]
role_assignments:
  - principal: data-scientists
    role: AzureML Data Scientist
    scope: ws-ml
  - principal: bob@contoso.com
    role: Reader
    scope: rg-ml
`,
});

describe('aml-access-map explain', () => {
  it('answers allowed with exit 0 and explains the nested group in JSON', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    const code = await run(
      ['explain', 'e.yaml', '--principal', 'alice@contoso.com', '--action', 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action', '--scope', 'ws-ml', '--format', 'json'],
      m.io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(m.stdout());
    expect(json.effect).toBe('allowed');
    expect(json.grants[0].role.name).toBe('AzureML Data Scientist');
    expect(json.grants[0].viaGroups.map((g: { name: string }) => g.name)).toEqual(['grp-inner', 'data-scientists']);
    expect(json.question.principal.name).toBe('alice@contoso.com');
  });

  it('answers denied with exit 1 and says why in text', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    const code = await run(['explain', 'e.yaml', '--principal', 'bob@contoso.com', '--action', 'Microsoft.MachineLearningServices/workspaces/computes/write', '--scope', 'ws-ml'], m.io);
    expect(code).toBe(1);
    expect(m.stdout().toLowerCase()).toContain('denied');
  });

  it('accepts a principal by object id and a scope by ARM id', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    const code = await run(
      [
        'explain',
        'e.yaml',
        '--principal',
        '22222222-2222-2222-2222-222222222222',
        '--action',
        'Microsoft.Storage/storageAccounts/read',
        '--scope',
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stml',
      ],
      m.io,
    );
    expect(code).toBe(0);
  });

  it('rejects an unknown principal and a missing action with exit 2 and one line', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    expect(await run(['explain', 'e.yaml', '--principal', 'mallory', '--action', 'x', '--scope', 'ws-ml'], m.io)).toBe(2);
    expect(m.stderr()).toContain('"mallory"');
    const m2 = memoryIo({ 'e.yaml': estate });
    expect(await run(['explain', 'e.yaml', '--principal', 'bob@contoso.com', '--scope', 'ws-ml'], m2.io)).toBe(2);
    expect(m2.stderr().trim().split('\n')).toHaveLength(1);
  });
});

describe('aml-access-map validate', () => {
  it('reports every problem with its location and exits 2', async () => {
    const broken = estate.replace('scope: rg-ml', 'scope: rg-nowhere').replace('role: Reader', 'role: Readr');
    const m = memoryIo({ 'bad.yaml': broken });
    expect(await run(['validate', 'bad.yaml'], m.io)).toBe(2);
    const lines = m.stderr().trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.filter((l) => l.includes('error'))) expect(line).toMatch(/^bad\.yaml:\d+:\d+: error: /);
    expect(m.stderr()).toContain('rg-nowhere');
    expect(m.stderr()).toContain('Readr');
  });

  it('says a missing file is missing', async () => {
    const m = memoryIo({});
    expect(await run(['validate', 'nope.yaml'], m.io)).toBe(2);
    expect(m.stderr()).toContain('nope.yaml: error: file not found');
  });

  it('accepts a valid estate', async () => {
    const m = memoryIo({ 'e.yaml': estate });
    expect(await run(['validate', 'e.yaml'], m.io)).toBe(0);
    expect(m.stdout()).toContain('1 workspace');
  });
});

describe('aml-access-map check, paths and rules', () => {
  const uaiEstate = baseEstateYaml({
    workspace: '    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-ws]\n    primary_user_assigned_identity: uai-ws',
    extra: 'user_assigned_identities:\n  - name: uai-ws\n    resource_group: rg-ml\n',
  });

  it('exits 1 on errors, 0 with --fail-on never, and writes SARIF to --output', async () => {
    const m = memoryIo({ 'e.yaml': uaiEstate });
    expect(await run(['check', 'e.yaml'], m.io)).toBe(1);
    expect(m.stdout()).toContain('AML-WS-003');
    const m2 = memoryIo({ 'e.yaml': uaiEstate });
    expect(await run(['check', 'e.yaml', '--format', 'sarif', '--fail-on', 'never', '--output', 'out.sarif'], m2.io)).toBe(0);
    const sarif = JSON.parse(m2.written['out.sarif'] ?? '{}');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'AML-WS-003')).toBe(true);
  });

  it('writes nothing when the input is bad', async () => {
    const m = memoryIo({ 'e.yaml': 'version: 1\nworkspaces: [ {name: 1' });
    expect(await run(['check', 'e.yaml', '--output', 'out.json', '--format', 'json'], m.io)).toBe(2);
    expect(m.written).toEqual({});
  });

  it('prints paths as JSON with resolved identities', async () => {
    const m = memoryIo({ 'e.yaml': uaiEstate });
    expect(await run(['paths', 'e.yaml', '--format', 'json'], m.io)).toBe(0);
    const json = JSON.parse(m.stdout());
    const dependency = json.paths.find((p: { kind: string }) => p.kind === 'workspace-dependency');
    expect(json.names[dependency.identity.principal]).toBe('uai-ws');
  });

  it('lists the severities each rule can emit: an unconfirmed rule only warns', async () => {
    const m = memoryIo({});
    expect(await run(['rules', '--format', 'json'], m.io)).toBe(0);
    const rules = JSON.parse(m.stdout()).rules as { id: string; severity: string; severities: string[] }[];
    const byId = new Map(rules.map((r) => [r.id, r]));
    expect(byId.get('AML-ACR-001')).toMatchObject({ severity: 'warning', severities: ['warning'] });
    expect(byId.get('AML-WS-011')).toMatchObject({ severity: 'warning', severities: ['warning'] });
    expect(byId.get('AML-ACR-004')?.severities).toEqual(['error', 'warning']);
    const text = memoryIo({});
    expect(await run(['rules'], text.io)).toBe(0);
    expect(text.stdout()).toMatch(/^AML-ACR-001 {2}warning /m);
    expect(text.stdout()).toMatch(/^AML-ACR-004 {2}error\/warning /m);
  });

  it('lists the rule catalog and rejects unknown commands and flags', async () => {
    const m = memoryIo({});
    expect(await run(['rules', '--format', 'json'], m.io)).toBe(0);
    expect(JSON.parse(m.stdout()).rules.length).toBeGreaterThan(0);
    expect(await run(['frobnicate'], memoryIo({}).io)).toBe(2);
    expect(await run(['rules', '--scope', 'x'], memoryIo({}).io)).toBe(2);
  });
});

describe('the built binary', () => {
  const bin = join(process.cwd(), 'bin', 'aml-access-map.js');
  it('runs as a real process with the documented exit codes', () => {
    // `npm test` builds the CLI before the unit tests; run `npm run build:cli` when running this file alone.
    expect(existsSync(join(process.cwd(), 'dist', 'cli', 'aml-access-map.js'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'aml-cli-'));
    writeFileSync(join(dir, 'e.yaml'), estate);
    const rules = execFileSync(process.execPath, [bin, 'rules'], { encoding: 'utf8' });
    expect(rules).toContain('AML-WS-003');
    const denied = spawnSync(process.execPath, [bin, 'explain', join(dir, 'e.yaml'), '--principal', 'bob@contoso.com', '--action', 'Microsoft.Authorization/roleAssignments/write', '--scope', 'rg-ml'], { encoding: 'utf8' });
    expect(denied.status).toBe(1);
    const bad = spawnSync(process.execPath, [bin, 'validate', join(dir, 'missing.yaml')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });

  it('stops quietly with its own exit code when the reader of its output goes away (`| head`)', () => {
    // The role list is far longer than a pipe's buffer, so head closes the pipe while the CLI is still writing.
    const script = `"${process.execPath}" "${bin}" roles --format json | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const piped = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(piped.stdout.trim()).toBe('exit=0');
    expect(piped.stderr).not.toContain('EPIPE');
    expect(piped.stderr).toBe('');
  });

  it('writes paths and check JSON in pieces to a pipe and to --output, the same text as in process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aml-cli-'));
    writeFileSync(join(dir, 'e.yaml'), estate);
    for (const command of ['paths', 'check']) {
      const inProcess = memoryIo({ 'e.yaml': estate });
      await run([command, 'e.yaml', '--format', 'json'], inProcess.io);
      // Run where the file is, so that the provenance names it as the in-process run does.
      const piped = spawnSync(process.execPath, [bin, command, 'e.yaml', '--format', 'json'], { encoding: 'utf8', cwd: dir });
      expect(piped.stdout).toBe(inProcess.stdout());
      const file = join(dir, `${command}.json`);
      spawnSync(process.execPath, [bin, command, 'e.yaml', '--format', 'json', '--output', file], { encoding: 'utf8', cwd: dir });
      expect(readFileSync(file, 'utf8')).toBe(inProcess.stdout());
    }
  });
});
