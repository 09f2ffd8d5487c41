import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../run';
import { memoryIo } from '../testing/io';

/**
 * The CI workflows of docs/ci/ are files in the repository: they parse as YAML, sign in with workload identity
 * federation, and every `aml-access-map <command>` they run exists in the CLI with the flags they pass.
 */

const WORKFLOWS = ['docs/ci/github-actions.yml', 'docs/ci/azure-pipelines.yml'];

/** Every string in a parsed YAML value (scripts are strings wherever they sit). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The invocations in a script: `aml-access-map <command> ...` up to the end of the (continued) line or `||`. */
function invocations(script: string): { command: string; flags: string[] }[] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(/(?:^|[\s;&|(])aml-access-map\s+([a-z-]+)([^\n|]*)/g)].map((m) => ({
    command: m[1] ?? '',
    flags: [...(m[2] ?? '').matchAll(/(?:^|\s)(--?[a-z][a-z-]*)/g)].map((f) => f[1] ?? ''),
  }));
}

async function helpOf(argv: string[]): Promise<string> {
  const m = memoryIo({});
  expect(await run(argv, m.io)).toBe(0);
  return m.stdout();
}

describe('the CI workflows in docs/ci', () => {
  it('call only commands and flags the CLI has', async () => {
    const usage = await helpOf(['help']);
    const commands = new Set([...usage.matchAll(/^ {2}aml-access-map ([a-z-]+)/gm)].map((m) => m[1]));
    expect(commands).toContain('collect');
    let count = 0;
    for (const file of WORKFLOWS) {
      const calls = strings(parse(readFileSync(file, 'utf8'))).flatMap(invocations);
      expect(calls.map((c) => c.command), file).toEqual(expect.arrayContaining(['collect', 'check', 'diff']));
      for (const call of calls) {
        count += 1;
        expect(commands, `${file}: aml-access-map ${call.command}`).toContain(call.command);
        const help = call.command === 'diff' || call.command === 'collect' || call.command === 'export' ? await helpOf([call.command, '--help']) : usage;
        for (const flag of call.flags) expect(help, `${file}: aml-access-map ${call.command} ${flag}`).toMatch(new RegExp(`(^|[\\s[(|])${flag}([\\s\\]|=,)]|$)`, 'm'));
      }
    }
    expect(count).toBeGreaterThanOrEqual(8);
  });

  it('signs in to GitHub Actions with workload identity federation and uploads the SARIF', () => {
    const workflow = parse(readFileSync('docs/ci/github-actions.yml', 'utf8'));
    expect(workflow.permissions).toMatchObject({ 'id-token': 'write', 'security-events': 'write' });
    const steps: { uses?: string; with?: Record<string, string> }[] = workflow.jobs['access-map'].steps;
    const login = steps.find((s) => s.uses?.startsWith('azure/login@'));
    expect(Object.keys(login?.with ?? {}).sort()).toEqual(['client-id', 'subscription-id', 'tenant-id']);
    expect(JSON.stringify(login)).not.toMatch(/secret|password/i);
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with?.sarif_file).toBe('access-map.sarif');
    expect(workflow.on.pull_request).toBeDefined();
  });

  it('runs Azure Pipelines through an Azure CLI task on a service connection', () => {
    const pipeline = parse(readFileSync('docs/ci/azure-pipelines.yml', 'utf8'));
    const task = pipeline.steps.find((s: { task?: string }) => s.task === 'AzureCLI@2');
    expect(task.inputs.azureSubscription).toBe('aml-access-map-read');
    expect(task.inputs.inlineScript).toContain('aml-access-map collect');
    expect(pipeline.pr).toBeDefined();
  });
});
