import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import starter from '../../public/samples/starter.yaml?raw';
import { KITCHEN_SINK_YAML } from '../engine/testing/writers';
import { nodeIo } from './io';
import { run } from './run';

/**
 * Microsoft's SARIF validator (`@microsoft/sarif-multitool`, whose Linux package ships a self-contained .NET
 * executable: no .NET runtime to install) checks what `export --to sarif` and `check --format sarif` write: the JSON schema and the SARIF
 * rules (SARIF1xxx errors, SARIF2xxx warnings). It exits 0 whatever it finds, so the test reads its log.
 */
function validator(): string {
  const require = createRequire(import.meta.url);
  const binary = join(dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // npm may skip the package's `chmod u+x` install script (install scripts need approval); do it here.
    chmodSync(binary, 0o755);
  }
  return binary;
}

interface Verdict {
  ruleId: string;
  level: string;
  text: string;
}

function validate(file: string): Verdict[] {
  const log = `${file}.validation.sarif`;
  const result = spawnSync(validator(), ['validate', file, '--output', log, '--log', 'ForceOverwrite', '--quiet'], {
    encoding: 'utf8',
    // Invariant globalization: the self-contained binary then needs no libicu, only libc, libstdc++ and zlib.
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    timeout: 120_000,
  });
  expect(result.error, 'the validator ran').toBeUndefined();
  expect(result.status, result.stderr).toBe(0);
  const results = JSON.parse(readFileSync(log, 'utf8')).runs[0].results as { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }[];
  return results.map((r) => ({ ruleId: r.ruleId, level: r.level ?? 'warning', text: r.message.text ?? (r.message.arguments ?? []).join(' | ') }));
}

describe('SARIF output against the SARIF multitool validator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aml-sarif-'));

  it('accepts export --to sarif for the starter sample with no error and no warning', async () => {
    writeFileSync(join(dir, 'starter.yaml'), starter);
    const out = join(dir, 'starter.sarif');
    // Through the real file system io: the file is written to a temporary name and renamed into place.
    expect(await run(['export', '--to', 'sarif', join(dir, 'starter.yaml'), '-o', out], nodeIo)).toBe(0);
    const verdicts = validate(out);
    expect(verdicts).toEqual([]);
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].results.length).toBeGreaterThan(10);
  });

  it('accepts check --format sarif for an estate with every kind of finding', async () => {
    writeFileSync(join(dir, 'ks.yaml'), KITCHEN_SINK_YAML);
    const out = join(dir, 'ks.sarif');
    expect(await run(['check', join(dir, 'ks.yaml'), '--format', 'sarif', '--fail-on', 'never', '--output', out], nodeIo)).toBe(0);
    expect(validate(out).filter((v) => v.level === 'error' || v.level === 'warning')).toEqual([]);
  });

  it('really validates: a log with a bad rule index and one missing a required property are rejected', () => {
    const good = JSON.parse(readFileSync(join(dir, 'starter.sarif'), 'utf8'));
    good.runs[0].results[0].ruleIndex = 9999;
    writeFileSync(join(dir, 'bad-index.sarif'), JSON.stringify(good));
    expect(validate(join(dir, 'bad-index.sarif'))).toEqual([expect.objectContaining({ ruleId: 'SARIF1009', level: 'error' })]);
    delete good.runs[0].tool.driver.name;
    writeFileSync(join(dir, 'no-name.sarif'), JSON.stringify(good));
    expect(validate(join(dir, 'no-name.sarif'))).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'JSON1002', level: 'error' })]));
  });
});
