import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analysis/analyze';
import { readInputs } from '../engine/io/inputs';
import { writeAzScript } from '../engine/io/writers/az-script';
import { shellUnits } from '../engine/io/writers/shell';
import { handAnalysis, KITCHEN_SINK_YAML, lookupFindings } from '../engine/testing/writers';
import type { Estate } from '../engine/model/types';

/**
 * Every command the remediation script writer produces must parse with the real Azure CLI. Offline and logged
 * out, `az` answers a well-formed command with exit 1 and "Please run 'az login'", and a malformed one with
 * exit 2 and "unrecognized arguments" / "the following arguments are required" / "invalid choice". Look-ups
 * (`x=$(az ...)`, `$(az ...)` inside a command, `for x in $(az ...)`) are checked as commands of their own,
 * and replaced by a GUID in the command that uses them. Commands are deduplicated by shape (command words and
 * flag names) and run two at a time.
 *
 * `az ml` commands belong to the `ml` extension, which Debian's azure-cli does not ship and which cannot be
 * installed without network access beyond Debian's and npm's registries. When the extension is missing, the
 * test proves it is missing (az says `'ml' is misspelled or not recognized`) and lists those shapes as not
 * verified; when it is installed, they are parsed like the others.
 */

const GUID = '00000000-0000-4000-8000-00000000abcd';
const MAX_DISTINCT = 60;

const ROOT = process.cwd();

function estates(): { name: string; estate: Estate; analysis: ReturnType<typeof analyze> }[] {
  const dir = join(ROOT, 'public', 'samples');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'index.json');
  const out = files.map((file) => {
    const { estate, diagnostics } = readInputs([{ file, text: readFileSync(join(dir, file), 'utf8') }]);
    if (!estate) throw new Error(`sample ${file} does not read: ${JSON.stringify(diagnostics.slice(0, 3))}`);
    return { name: file, estate, analysis: analyze(estate) };
  });
  const ks = readInputs([{ file: 'kitchen-sink.yaml', text: KITCHEN_SINK_YAML }]).estate as Estate;
  out.push({ name: 'kitchen-sink', estate: ks, analysis: analyze(ks) });
  out.push({ name: 'look-ups', estate: ks, analysis: handAnalysis(lookupFindings(ks)) });
  return out;
}

/** Splits a command into words as bash would for the simple commands the writer emits (quotes, backslashes). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${command}`);
      current += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length && '"\\$`'.includes(command[j + 1] as string)) j++;
        current += command[j];
      }
      if (j >= command.length) throw new Error(`unterminated " in ${command}`);
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Replaces each `$( ... )` (balanced, optionally in double quotes) with a GUID and returns the inner commands. */
function liftSubstitutions(command: string): { command: string; inner: string[] } {
  const inner: string[] = [];
  let out = '';
  for (let i = 0; i < command.length; i++) {
    if (command.startsWith('$(', i)) {
      let depth = 0;
      let j = i;
      for (; j < command.length; j++) {
        if (command[j] === '(') depth++;
        if (command[j] === ')' && --depth === 0) break;
      }
      const body = command.slice(i + 2, j);
      const lifted = liftSubstitutions(body);
      inner.push(lifted.command, ...lifted.inner);
      out += GUID;
      i = j;
    } else out += command[i];
  }
  return { command: out.replace(/"?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"?/g, GUID).split(`"${GUID}"`).join(GUID), inner };
}

interface Extracted {
  commands: string[];
  unknown: string[];
}

/** The az commands a script runs, look-ups included; statements the test does not understand are listed. */
function extract(script: string): Extracted {
  const commands: string[] = [];
  const unknown: string[] = [];
  const statement = (line: string) => {
    const trimmed = line.trim();
    if (trimmed === 'set -euo pipefail' || /^: "\$\{[A-Za-z_0-9]+:\?[^"]*\}"$/.test(trimmed)) return;
    const assignment = /^[A-Za-z_][A-Za-z0-9_]*=\$\((.*)\)$/.exec(trimmed);
    const loop = /^for [A-Za-z_][A-Za-z0-9_]* in \$\((.*)\); do$/.exec(trimmed);
    if (assignment || loop) {
      const lifted = liftSubstitutions((assignment ?? loop)?.[1] as string);
      commands.push(lifted.command, ...lifted.inner);
      return;
    }
    if (trimmed === 'done') return;
    if (trimmed.startsWith('az ')) {
      const lifted = liftSubstitutions(trimmed);
      commands.push(lifted.command, ...lifted.inner);
      return;
    }
    unknown.push(trimmed);
  };
  for (const unit of shellUnits(script.split('\n'))) {
    if (unit.kind === 'comment' || unit.kind === 'blank') continue;
    if (unit.kind === 'heredoc') {
      if (!/^cat > \S+ <<'[A-Z]+'$/.test(unit.lines[0] as string)) unknown.push(unit.lines[0] as string);
      continue;
    }
    for (const line of unit.lines) statement(line);
  }
  return { commands, unknown };
}

/** Command words and flag names: two commands of one shape parse alike. */
function shape(words: readonly string[]): string {
  const firstFlag = words.findIndex((w) => w.startsWith('-'));
  const path = firstFlag < 0 ? words : words.slice(0, firstFlag);
  const flags = [...new Set(words.filter((w) => w.startsWith('--')))].sort();
  return [...path, ...flags].join(' ');
}

const AZ_ENV = {
  ...process.env,
  AZURE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'az-parse-')),
  AZURE_CORE_COLLECT_TELEMETRY: 'false',
  AZURE_CORE_ERROR_RECOMMENDATION: 'off',
  AZURE_CORE_NO_COLOR: 'true',
  AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
};

function az(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('az', [...args], { env: AZ_ENV, timeout: 60_000, encoding: 'utf8' }, (error, _stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });
}

async function inPairs<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe('remediation scripts against the real Azure CLI', () => {
  it('extracts commands the way bash would', () => {
    expect(shellWords(`az x --a 'b c' --d "e \\"f\\"" g\\ h`)).toEqual(['az', 'x', '--a', 'b c', '--d', 'e "f"', 'g h']);
    const lifted = liftSubstitutions('az role assignment create --assignee-object-id "$(az ml compute show --name c --query identity.principal_id -o tsv)" --scope "$pe"');
    expect(lifted.command).toBe(`az role assignment create --assignee-object-id ${GUID} --scope ${GUID}`);
    expect(lifted.inner).toEqual(['az ml compute show --name c --query identity.principal_id -o tsv']);
    expect(extract('set -euo pipefail\nx=$(az ad user show --id a --query id -o tsv)\n: "${x:?object id not found}"\nrm -rf /').unknown).toEqual(['rm -rf /']);
  });

  it('parses every az command the script writer produces for the samples and a crafted estate', { timeout: 400_000 }, async () => {
    expect(spawnSync('az', ['version'], { env: AZ_ENV, encoding: 'utf8' }).status, 'the Azure CLI (Debian package azure-cli) is installed').toBe(0);

    const byShape = new Map<string, { words: string[]; from: string }>();
    let total = 0;
    for (const { name, estate, analysis } of estates()) {
      const script = writeAzScript(analysis, estate, { minSeverity: 'info' });
      const syntax = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      expect(syntax.status, `bash -n on the script for ${name}: ${syntax.stderr}`).toBe(0);
      const { commands, unknown } = extract(script);
      expect(unknown, `statements in the script for ${name} that are not az commands`).toEqual([]);
      for (const command of commands) {
        total++;
        const words = shellWords(command);
        expect(words[0]).toBe('az');
        const key = shape(words);
        if (!byShape.has(key)) byShape.set(key, { words, from: name });
      }
    }
    const shapes = [...byShape.values()];
    expect(shapes.length, 'distinct command shapes (keep the test fast)').toBeLessThanOrEqual(MAX_DISTINCT);

    // Builds az's command index once, before two calls race to write it.
    const probe = await az(['ml', 'workspace', 'show', '--name', 'x', '--resource-group', 'y']);
    const mlInstalled = !/'ml' is misspelled or not recognized/.test(probe.stderr);
    const toRun = shapes.filter((s) => mlInstalled || s.words[1] !== 'ml');
    const unverified = shapes.filter((s) => !toRun.includes(s));

    const verdicts = await inPairs(toRun, async (s) => ({ ...s, ...(await az(s.words.slice(1))) }));
    const rejected = verdicts.filter((v) => !(v.code === 1 && /az login/.test(v.stderr)));
    expect(
      rejected.map((v) => `${v.words.join(' ')}\n    (from ${v.from}) exit ${v.code}: ${v.stderr.trim().split('\n')[0] ?? ''}`),
      'commands az did not accept',
    ).toEqual([]);

    console.info(
      `az parse: ${total} commands, ${shapes.length} distinct shapes; ${verdicts.length} parsed by az ${spawnSync('az', ['version', '--query', '"azure-cli"', '-o', 'tsv'], { env: AZ_ENV, encoding: 'utf8' }).stdout.trim()}` +
        (unverified.length > 0 ? `; ${unverified.length} az ml shapes not verifiable (ml extension not installed):\n  ${unverified.map((s) => shape(s.words)).join('\n  ')}` : ''),
    );
    expect(verdicts.length).toBeGreaterThanOrEqual(10);
  });

  it('tells a malformed command from a well-formed one', { timeout: 60_000 }, async () => {
    const good = await az(['acr', 'update', '--name', 'acr', '--resource-group', 'rg', '--admin-enabled', 'false']);
    expect(good.code).toBe(1);
    expect(good.stderr).toMatch(/az login/);
    const bad = await az(['acr', 'update', '--name', 'acr', '--resource-group', 'rg', '--admin-enabld', 'false']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unrecognized arguments/);
  });
});
