import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { analyze } from '../../engine/analysis/analyze';
import { readInputs } from '../../engine/io/inputs';
import { run } from '../run';
import { memoryIo } from '../testing/io';

const ACR_PULL =
  'az role assignment create --assignee-object-id 1c7d8e9f-2031-4b42-8c53-d64e75f60a12 --assignee-principal-type ServicePrincipal --role 7f951dda-4ed3-4680-a7ca-43fe172d538d --scope /subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerRegistry/registries/acrchurnprod';

describe('aml-access-map export', () => {
  it('prints an az script that bash accepts, with the known fix', async () => {
    const m = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'az', 's.yaml'], m.io)).toBe(0);
    const script = m.stdout();
    expect(script.split('\n')).toContain(ACR_PULL);
    const dir = mkdtempSync(join(tmpdir(), 'aml-export-'));
    writeFileSync(join(dir, 'fix.sh'), script);
    const syntax = spawnSync('bash', ['-n', join(dir, 'fix.sh')], { encoding: 'utf8' });
    expect(syntax.stderr).toBe('');
    expect(syntax.status).toBe(0);
  });

  it('writes to -o instead of stdout, and respects --severity', async () => {
    const m = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'az', 's.yaml', '-o', 'fix.sh', '--severity', 'error'], m.io)).toBe(0);
    expect(m.stdout()).toBe('');
    expect(m.written['fix.sh']).toContain('# Findings included: error (');
    expect(m.written['fix.sh']).not.toContain('[AML-GOV-');
  });

  it('round-trips the estate: exported YAML and JSON read back to the same analysis', async () => {
    const original = analyze(readInputs([{ file: 's.yaml', text: starter }]).estate!);
    for (const out of ['estate.yaml', 'estate.json']) {
      const m = memoryIo({ 's.yaml': starter });
      expect(await run(['export', '--to', 'estate', 's.yaml', '-o', out], m.io)).toBe(0);
      const text = m.written[out] ?? '';
      if (out.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
      const back = readInputs([{ file: out, text }]);
      expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const again = analyze(back.estate!);
      expect(again.findings.map((f) => f.id)).toEqual(original.findings.map((f) => f.id));
      expect(again.paths.map((p) => `${p.id} ${p.status}`)).toEqual(original.paths.map((p) => `${p.id} ${p.status}`));
      expect(back.estate!.roleAssignments.length).toBe(readInputs([{ file: 's.yaml', text: starter }]).estate!.roleAssignments.length);
    }
  });

  it('writes main.bicep with its modules beside it', async () => {
    const m = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'bicep', 's.yaml', '-o', 'out/main.bicep'], m.io)).toBe(0);
    expect(Object.keys(m.written).sort()).toEqual(['out/main.bicep', 'out/modules/rg-ml-prod.bicep']);
    expect(m.written['out/main.bicep']).toContain("module grants_rg_ml_prod 'modules/rg-ml-prod.bicep'");
    const printed = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'bicep', 's.yaml'], printed.io)).toBe(0);
    expect(printed.stdout()).toContain('// ===== modules/rg-ml-prod.bicep =====');
  });

  it('writes Terraform, Markdown with a picture, and SARIF filtered by severity', async () => {
    const m = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'terraform', 's.yaml'], m.io)).toBe(0);
    expect(m.stdout()).toContain('resource "azurerm_role_assignment" "acrpull_uai_train_acrchurnprod"');
    const md = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'markdown', 's.yaml', '--picture', 'graph.svg'], md.io)).toBe(0);
    expect(md.stdout()).toContain('![Graph of the estate](graph.svg)');
    expect(md.stdout()).toMatch(/on \d{4}-\d{2}-\d{2}\./);
    const sarif = memoryIo({ 's.yaml': starter });
    expect(await run(['export', '--to', 'sarif', 's.yaml', '--severity', 'error'], sarif.io)).toBe(0);
    const levels = JSON.parse(sarif.stdout()).runs[0].results.map((r: { level: string }) => r.level);
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['error']));
  });

  it('writes nothing and exits 2 on bad input or bad options', async () => {
    const cases: [string[], Record<string, string>][] = [
      [['export', '--to', 'az', 'bad.yaml', '-o', 'x.sh'], { 'bad.yaml': 'version: 1\nworkspaces: [ {name: 1' }],
      [['export', '--to', 'az', 'missing.yaml', '-o', 'x.sh'], {}],
      [['export', 's.yaml', '-o', 'x.sh'], { 's.yaml': starter }],
      [['export', '--to', 'pdf', 's.yaml', '-o', 'x.sh'], { 's.yaml': starter }],
      [['export', '--to', 'az', 's.yaml', '--severity', 'critical', '-o', 'x.sh'], { 's.yaml': starter }],
      [['export', '--to', 'estate', 's.yaml', '--severity', 'error', '-o', 'x.yaml'], { 's.yaml': starter }],
      [['export', '--to', 'az', 's.yaml', '--picture', 'g.svg', '-o', 'x.sh'], { 's.yaml': starter }],
      [['export', '--to', 'markdown', 's.yaml', '--picture', 'javascript:alert(1)', '-o', 'x.md'], { 's.yaml': starter }],
      [['export', '--to', 'az', '-o', 'x.sh'], {}],
      [['export', '--to', 'az', 's.yaml', '--bogus', '-o', 'x.sh'], { 's.yaml': starter }],
    ];
    for (const [argv, files] of cases) {
      const m = memoryIo(files);
      expect(await run(argv, m.io), argv.join(' ')).toBe(2);
      expect(m.written, argv.join(' ')).toEqual({});
      expect(m.stderr().trim(), argv.join(' ')).not.toBe('');
    }
  });

  it('prints its usage with --help', async () => {
    const m = memoryIo({});
    expect(await run(['export', '--help'], m.io)).toBe(0);
    expect(m.stdout()).toContain('--to az|bicep|terraform|markdown|estate|sarif');
  });
});
