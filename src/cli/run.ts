import { parseArgs, type ParseArgsConfig } from 'node:util';
import { analyze, buildTopology, type Estate, RULES, type Severity, writeSarif } from '../engine';
import { findingsJsonChunks, findingsText, pathsJsonChunks, pathsText, provenanceLines, rulesJson, rulesText } from './commands/analysis-output';
import { runCollect } from './collect/command';
import { runDecode } from './commands/decode';
import { runDiff } from './commands/diff';
import { explain } from './commands/explain';
import { explainWhatCan, explainWhoCan } from './commands/questions';
import { runExport } from './commands/export';
import { rolesOutput } from './commands/roles';
import { EXIT, UsageError, formatDiagnostic } from './errors';
import { WriteError, writeChunksToStdout, type CliIo } from './io';
import { loadEstate } from './load';
import { workspaceOption } from './workspace-option';
import { deploymentTargetOption } from './deployment-target';

const USAGE = `aml-access-map: who can reach what in an Azure ML estate, through which identity, and why

Usage:
  aml-access-map explain <files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] --principal <name|id> (--action <op> | --data-action <op>) --scope <name|id> [--format text|json]
  aml-access-map explain <files...> --what-can <principal> --scope <name|id> [--format text|json]
  aml-access-map explain <files...> --who-can (--action <op> | --data-action <op>) --scope <name|id> [--routes all|direct] [--format text|json]
  aml-access-map decode <error file|-> <files...> [--principal <name|id>] [--format text|json]
  aml-access-map validate <files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>]
  aml-access-map check <files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [--format text|json|sarif] [--fail-on error|warning|never] [--output <file>]
  aml-access-map paths <files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [--format text|json] [--output <file>]
  aml-access-map rules [--format text|json]
  aml-access-map roles [<files...>] [--workspace <name|id>] [--format text|json]
  aml-access-map export --to az|bicep|terraform|markdown|estate|sarif <files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [-o <file>] [--severity error|warning|info] [--picture <file>]
  aml-access-map diff <before files...> -- <after files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [--format text|json|markdown] [--fail-on-new error|warning|never] [-o <file>]
  aml-access-map diff --plan <plan files...> -- <collected folder> [--parameters <file|name=value>] [--deployment-target <id>] [--format text|json|markdown] [-o <file>]
  aml-access-map collect -o <folder> [--subscription <id>]... [--management-group <name>] [--workspace <name|id>]... [--quiet]

--workspace places az ml YAML that names no workspace (jobs, computes, datastores...) in that workspace, as
\`az ml ... --workspace-name\` does; without it they join the import's only workspace (with several, it is an error
that names them).

--parameters FILE | name=value (repeatable, validate/explain/check/paths/export/diff) gives the ARM templates of the import
their parameters, as \`az deployment group create --parameters\` takes them; later ones win. A parameters file
given as an input beside its template (X.parameters.json with X.json) pairs with it by name.

--deployment-target /subscriptions/<id>/resourceGroups/<name> (validate/explain/check/paths/export/diff) says where
the ARM templates and Terraform of the import are deployed, as \`az deployment group create --resource-group\` does:
their resources are placed there (and can merge with exported ones) and resourceGroup()/subscription() are known.
Without it they go to a stand-in subscription and resource group, and a note says so.

Exit codes: 0 success, 1 denied or findings at or above --fail-on, 2 bad input or usage
(collect: 0 complete, 3 partial, 1 nothing readable, 2 usage).
See docs/cli.md for the JSON shapes.
`;

const OPTIONS = {
  principal: { type: 'string' },
  action: { type: 'string' },
  'data-action': { type: 'string' },
  scope: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
  workspace: { type: 'string' },
  'what-can': { type: 'string' },
  'who-can': { type: 'boolean' },
  routes: { type: 'string' },
  parameters: { type: 'string', multiple: true },
  'deployment-target': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'string'
      ? string
      : boolean;
};

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, flag: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function allowedFlags(values: Values, allowed: readonly (keyof Values)[], command: string): void {
  for (const key of Object.keys(values) as (keyof Values)[]) {
    if (key !== 'help' && !allowed.includes(key)) throw new UsageError(`--${key} does not apply to ${command}`);
  }
}

const FAIL_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Runs one CLI invocation and returns its exit code; all output goes through `io`. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    // Every command reads and checks all input before writing; a failed write is the one late failure.
    if (error instanceof WriteError) {
      io.stderr(`${error.path}: error: ${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  // export and diff parse their own options (diff splits its files at `--`).
  if (argv[0] === 'export') return runExport(argv.slice(1), io);
  if (argv[0] === 'diff') return runDiff(argv.slice(1), io);
  // decode reads its error text first (a file or -), then the estate.
  if (argv[0] === 'decode') return runDecode(argv.slice(1), io);
  if (argv[0] === 'collect') return runCollect(argv.slice(1), io);
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
  } catch (error) {
    io.stderr(`aml-access-map: ${(error as Error).message}\n`);
    return EXIT.badInput;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(USAGE);
    return command === undefined && !values.help ? EXIT.badInput : EXIT.ok;
  }
  try {
    switch (command) {
      case 'rules': {
        allowedFlags(values, ['format'], command);
        const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
        io.stdout(format === 'json' ? `${JSON.stringify(rulesJson(RULES), null, 2)}\n` : rulesText(RULES));
        return EXIT.ok;
      }
      case 'roles': {
        // Files are optional: with none, the built-in catalog; with some, their custom roles join it.
        allowedFlags(values, ['format', 'workspace'], command);
        const format = choice(values.format, ['text', 'json'] as const, 'text', 'format');
        const workspace = workspaceOption(values.workspace);
        if (files.length === 0) {
          if (workspace !== undefined) throw new UsageError('--workspace applies to the files given to roles; none were given');
          io.stdout(rolesOutput([], format));
          return EXIT.ok;
        }
        const { estate, diagnostics } = await loadEstate(files, io, { workspace });
        for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
        if (!estate) return EXIT.badInput;
        io.stdout(rolesOutput(estate.roleDefinitions, format));
        return EXIT.ok;
      }
      case 'validate':
      case 'explain':
      case 'check':
      case 'paths':
        break;
      default:
        throw new UsageError(`unknown command "${command}"; expected explain, validate, check, paths, rules, roles, export, diff, decode or collect`);
    }
    if (files.length === 0) throw new UsageError(`${command} needs at least one estate file`);

    // Validate options before reading anything, so a typo costs nothing.
    const checkFormat = command === 'check' ? choice(values.format, ['text', 'json', 'sarif'] as const, 'text', 'format') : 'text';
    const textOrJson = command === 'paths' || command === 'explain' ? choice(values.format, ['text', 'json'] as const, 'text', 'format') : 'text';
    const failOn = choice(values['fail-on'], ['error', 'warning', 'never'] as const, 'error', 'fail-on');
    if (command === 'validate') allowedFlags(values, ['workspace', 'parameters', 'deployment-target'], command);
    if (command === 'explain')
      allowedFlags(values, ['principal', 'action', 'data-action', 'scope', 'format', 'workspace', 'what-can', 'who-can', 'routes', 'parameters', 'deployment-target'], command);
    const routes = choice(values.routes, ['all', 'direct'] as const, 'all', 'routes');
    if (command === 'explain') explainShape(values);
    if (command === 'check') allowedFlags(values, ['format', 'fail-on', 'output', 'workspace', 'parameters', 'deployment-target'], command);
    if (command === 'paths') allowedFlags(values, ['format', 'output', 'workspace', 'parameters', 'deployment-target'], command);

    const { estate, diagnostics } = await loadEstate(files, io, {
      workspace: workspaceOption(values.workspace),
      parameters: values.parameters ?? [],
      deployment: deploymentTargetOption(values['deployment-target']),
    });
    for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    if (!estate) return EXIT.badInput;

    switch (command) {
      case 'validate':
        io.stdout(`${files.length} file(s) valid: ${summarise(estate)}${diagnostics.length > 0 ? `, ${diagnostics.length} warning(s)` : ''}\n`);
        for (const line of provenanceLines(estate)) io.stdout(`${line}\n`);
        return EXIT.ok;
      case 'explain': {
        if (!values.scope) throw new UsageError('explain needs --scope');
        if (values['what-can'] !== undefined) return explainWhatCan(estate, { principal: values['what-can'], scope: values.scope, format: textOrJson }, io);
        if (values['who-can'] === true) {
          const dataAction = values['data-action'] !== undefined;
          const action = (values.action ?? values['data-action']) as string;
          return explainWhoCan(estate, { action, dataAction, scope: values.scope, routes, format: textOrJson }, io);
        }
        if (!values.principal) throw new UsageError('explain needs --principal and --scope');
        const options = { principal: values.principal, scope: values.scope, format: textOrJson };
        return explain(
          estate,
          { ...options, ...(values.action !== undefined ? { action: values.action } : {}), ...(values['data-action'] !== undefined ? { dataAction: values['data-action'] } : {}) },
          io,
        );
      }
      case 'check': {
        const analysis = analyze(estate);
        if (checkFormat === 'json') await emitChunks(findingsJsonChunks(analysis, buildTopology(estate)), values.output, io);
        else await emit(checkFormat === 'sarif' ? writeSarif(analysis, estate, RULES) : findingsText(analysis, estate), values.output, io);
        if (failOn === 'never') return EXIT.ok;
        return analysis.findings.some((f) => FAIL_ORDER[f.severity] <= FAIL_ORDER[failOn]) ? EXIT.failed : EXIT.ok;
      }
      case 'paths': {
        const analysis = analyze(estate);
        if (textOrJson === 'json') await emitChunks(pathsJsonChunks(analysis, buildTopology(estate)), values.output, io);
        else await emit(pathsText(analysis), values.output, io);
        return EXIT.ok;
      }
    }
    return EXIT.badInput;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`aml-access-map: ${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

// The three forms of explain take different options; a mix of them is a usage error before anything is read.
function explainShape(values: Values): void {
  const forms = [values.principal !== undefined, values['what-can'] !== undefined, values['who-can'] === true].filter(Boolean).length;
  if (forms > 1) throw new UsageError('give one of --principal, --what-can or --who-can');
  if (values['what-can'] !== undefined && (values.action !== undefined || values['data-action'] !== undefined))
    throw new UsageError('--what-can lists every operation; it takes no --action or --data-action');
  if (values['what-can'] !== undefined && values['what-can'].trim() === '') throw new UsageError('--what-can needs a principal name, object id or UPN');
  if (values['who-can'] === true && (values.action === undefined) === (values['data-action'] === undefined))
    throw new UsageError('--who-can needs exactly one of --action or --data-action');
  if (values.routes !== undefined && values['who-can'] !== true) throw new UsageError('--routes applies to --who-can');
}

async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) io.stdout(text);
  else await io.writeText(output, text);
}

/** JSON that may be longer than one string can be: to standard output in batches, to a file piece by piece where the io can. */
async function emitChunks(chunks: Iterable<string>, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) await writeChunksToStdout(io, chunks);
  else if (io.writeChunks) await io.writeChunks(output, chunks);
  else await io.writeText(output, [...chunks].join(''));
}

function summarise(estate: Estate): string {
  const counts = [
    [estate.workspaces.length, 'workspace'],
    [estate.computes.length, 'compute'],
    [estate.onlineEndpoints.length, 'endpoint'],
    [estate.datastores.length, 'datastore'],
    [estate.jobs.length, 'job'],
    [estate.users.length + estate.groups.length + estate.servicePrincipals.length + estate.userAssignedIdentities.length, 'principal'],
    [estate.roleAssignments.length, 'role assignment'],
  ] as const;
  return counts.map(([n, label]) => `${n} ${label}${n === 1 ? '' : 's'}`).join(', ');
}
