import { parseArgs } from 'node:util';
import { comparePlan, diffEstates, type EstateDiff, isEmptyDiff, isPlanMatched, type Severity } from '../../engine';
import { diffMarkdown, planMarkdown, planText } from './diff-plan';
import { EXIT, UsageError, formatDiagnostic } from '../errors';
import { workspaceOption } from '../workspace-option';
import { deploymentTargetOption } from '../deployment-target';
import type { CliIo } from '../io';
import { loadEstate } from '../load';

export const DIFF_USAGE = `aml-access-map diff <before files...> -- <after files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [--format text|json|markdown] [--fail-on-new error|warning|never] [-o <file>]
aml-access-map diff --plan <plan files...> -- <collected folder> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [--format text|json|markdown] [-o <file>]

  Compares two estates: role assignments added and removed (matched by principal, role and scope), access
  paths whose resolved identity or status changed, findings opened and closed, entities added, removed and
  changed. Exit 1 when a finding at or above --fail-on-new (default error) is opened, else 0; 2 on bad input.

  With --plan, the files before \`--\` are the plan (az ml YAML, templates, Terraform, native) and the files after
  it what exists (a folder from \`aml-access-map collect\`): grants the plan declares that do not exist, grants
  that exist on what the plan declares but are not in it (drift), grants Azure ML should have made that are
  absent, identities configured otherwise, and paths whose identity or outcome differs, each with the fix in
  both directions. Exit 1 when plan and reality differ, else 0; 2 on bad input.
  --workspace places az ml YAML that names no workspace, on both sides, as \`az ml ... --workspace-name\` does.
`;

const OPTIONS = {
  plan: { type: 'boolean' },
  format: { type: 'string' },
  'fail-on-new': { type: 'string' },
  output: { type: 'string', short: 'o' },
  workspace: { type: 'string' },
  'deployment-target': { type: 'string' },
  parameters: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * `diff`: the files before `--` are one estate, the files after it the other; options may stand on either side.
 * Both sides are read (and every problem reported) before anything is compared or written.
 */
export async function runDiff(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const split = argv.indexOf('--');
    const left = parseArgs({ args: split < 0 ? [...argv] : argv.slice(0, split), options: OPTIONS, allowPositionals: true, strict: true });
    const right = split < 0 ? undefined : parseArgs({ args: argv.slice(split + 1), options: OPTIONS, allowPositionals: true, strict: true });
    const values = { ...left.values, ...(right?.values ?? {}) };
    if (values.help) {
      io.stdout(DIFF_USAGE);
      return EXIT.ok;
    }
    if (!right) throw new UsageError('diff needs `--` between the files before and the files after');
    const beforeFiles = left.positionals;
    const afterFiles = right.positionals;
    if (beforeFiles.length === 0 || afterFiles.length === 0) throw new UsageError('diff needs at least one file before `--` and one after it');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be one of text, json, markdown, not "${format}"`);
    if (values.plan && values['fail-on-new'] !== undefined) throw new UsageError('--fail-on-new does not apply with --plan (exit 1 means plan and reality differ)');
    const failOn = values['fail-on-new'] ?? 'error';
    if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new UsageError(`--fail-on-new must be one of error, warning, never, not "${failOn}"`);

    const workspace = workspaceOption(values.workspace);
    const deployment = deploymentTargetOption(values['deployment-target']);

    const parameters = values.parameters ?? [];
    const before = await loadEstate(beforeFiles, io, { workspace, deployment, parameters });
    const after = await loadEstate(afterFiles, io, { workspace, deployment, parameters });
    for (const d of [...before.diagnostics, ...after.diagnostics]) io.stderr(`${formatDiagnostic(d)}\n`);
    if (!before.estate || !after.estate) return EXIT.badInput;

    if (values.plan) {
      const comparison = comparePlan(before.estate, after.estate);
      const { diff, ...sorted } = comparison;
      const text =
        format === 'json'
          ? `${JSON.stringify({ version: 1, plan: { files: beforeFiles }, reality: { files: afterFiles }, ...sorted, summary: diff.summary }, null, 2)}\n`
          : format === 'markdown'
            ? planMarkdown(comparison)
            : planText(comparison);
      if (values.output === undefined) io.stdout(text);
      else await io.writeText(values.output, text);
      return isPlanMatched(comparison) ? EXIT.ok : EXIT.failed;
    }
    const diff = diffEstates(before.estate, after.estate);
    const text =
      format === 'json'
        ? `${JSON.stringify({ version: 1, before: { files: beforeFiles }, after: { files: afterFiles }, ...diff }, null, 2)}\n`
        : format === 'markdown'
          ? diffMarkdown(diff)
          : diffText(diff);
    if (values.output === undefined) io.stdout(text);
    else await io.writeText(values.output, text);
    if (failOn === 'never') return EXIT.ok;
    return diff.findings.opened.some((f) => RANK[f.severity] <= RANK[failOn]) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`aml-access-map diff: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

const MARK: Record<Severity, string> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' };

/** The diff for a terminal: one section per category that has something, then a count line. */
export function diffText(diff: EstateDiff): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`, ...items.map((i) => `  ${i}`), '');
  };
  const grant = (g: EstateDiff['grants']['added'][number]) => `${g.roleName} for ${g.principalName} on ${g.scopeName}${g.condition ? ' (with a condition)' : ''}`;
  section('Grants added', diff.grants.added.map((g) => `+ ${grant(g)}`));
  section('Grants removed', diff.grants.removed.map((g) => `- ${grant(g)}`));
  section('Grant conditions changed', diff.grants.conditionChanged.map((c) => `~ ${grant(c.after)}: condition ${c.before.condition ? 'changed' : 'added'}${c.after.condition ? '' : ' (now removed)'}`));
  section(
    'Paths changed',
    diff.paths.changed.map((p) => {
      const parts = [
        ...(p.changed.includes('status') ? [`${p.before.status} -> ${p.after.status}`] : []),
        ...(p.changed.includes('identity') ? [`as ${p.before.identity} -> as ${p.after.identity}`] : []),
      ];
      return `~ ${p.title}: ${parts.join('; ')}`;
    }),
  );
  section('Paths added', diff.paths.added.map((p) => `+ [${p.status}] ${p.title} (as ${p.identity})`));
  section('Paths removed', diff.paths.removed.map((p) => `- [${p.status}] ${p.title} (as ${p.identity})`));
  section('Findings opened', diff.findings.opened.map((f) => `+ ${MARK[f.severity]} ${f.ruleId} ${f.title}: ${f.message}`));
  section('Findings closed', diff.findings.closed.map((f) => `- ${MARK[f.severity]} ${f.ruleId} ${f.title}: ${f.message}`));
  section('Entities added', diff.entities.added.map((e) => `+ ${e.kind} ${e.name}`));
  section('Entities removed', diff.entities.removed.map((e) => `- ${e.kind} ${e.name}`));
  section('Entities changed', diff.entities.changed.map((e) => `~ ${e.kind} ${e.name}: ${(e.fields ?? []).join(', ')}`));
  const s = diff.summary;
  const opened = s.findingsOpened;
  lines.push(
    isEmptyDiff(diff)
      ? 'No differences.'
      : `${s.grantsAdded} grant(s) added, ${s.grantsRemoved} removed; ${s.pathsChanged} path(s) changed; ` +
          `${opened.error + opened.warning + opened.info} finding(s) opened (${opened.error} error, ${opened.warning} warning), ` +
          `${s.findingsClosed.error + s.findingsClosed.warning + s.findingsClosed.info} closed; ` +
          `${s.entitiesAdded} entit${s.entitiesAdded === 1 ? 'y' : 'ies'} added, ${s.entitiesRemoved} removed, ${s.entitiesChanged} changed`,
  );
  return `${lines.join('\n')}\n`;
}
