import { dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Analysis, analyze, atOrAbove, RULES, type SeverityThreshold, writeAzScript, writeBicep, writeMarkdownReport, writeNativeEstate, writeSarif, writeTerraform } from '../../engine';
import { EXIT, UsageError, formatDiagnostic } from '../errors';
import { workspaceOption } from '../workspace-option';
import { deploymentTargetOption } from '../deployment-target';
import type { CliIo } from '../io';
import { loadEstate } from '../load';

export const EXPORT_FORMATS = ['az', 'bicep', 'terraform', 'markdown', 'estate', 'sarif'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_USAGE = `aml-access-map export --to az|bicep|terraform|markdown|estate|sarif <files...> [--workspace <name|id>] [--parameters <file|name=value>] [--deployment-target <id>] [-o <file>] [--severity error|warning|info] [--picture <file>]

  az         a bash remediation script (default --severity warning)
  bicep      main.bicep plus one module per resource group (with -o, the modules go beside it in modules/)
  terraform  one .tf file with azurerm_role_assignment and azurerm_key_vault_access_policy resources
  markdown   a review report (default --severity info; --picture names an SVG/PNG of the graph to show)
  estate     the merged estate in the native format (YAML, or JSON when -o ends in .json)
  sarif      SARIF 2.1.0 findings for code scanning (default --severity info)

  --workspace places az ml YAML that names no workspace in that workspace, as \`az ml ... --workspace-name\` does.
`;

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** The severity threshold each format uses when --severity is not given. */
const DEFAULT_SEVERITY: Record<Exclude<ExportFormat, 'estate'>, SeverityThreshold> = {
  az: 'warning',
  bicep: 'warning',
  terraform: 'warning',
  markdown: 'info',
  sarif: 'info',
};

/** A file to write (or print) with its path; the path is relative to the -o file's folder for extra files. */
interface Output {
  path?: string;
  text: string;
}

/**
 * `export`: reads the estate files and writes one format. Options are checked and every input is read before
 * anything is written, so bad input (exit 2) leaves no file behind; the files are written all or nothing (io.writeFiles
 * stages temporaries and renames them into place).
 */
export async function runExport(argv: readonly string[], io: CliIo, today: () => string = () => new Date().toISOString().slice(0, 10)): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        to: { type: 'string' },
        output: { type: 'string', short: 'o' },
        severity: { type: 'string' },
        picture: { type: 'string' },
        workspace: { type: 'string' },
        'deployment-target': { type: 'string' },
        parameters: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(EXPORT_USAGE);
      return EXIT.ok;
    }
    if (values.to === undefined) throw new UsageError(`export needs --to, one of ${EXPORT_FORMATS.join(', ')}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(values.to)) throw new UsageError(`--to must be one of ${EXPORT_FORMATS.join(', ')}, not "${values.to}"`);
    const format = values.to as ExportFormat;
    if (values.severity !== undefined && !(SEVERITIES as readonly string[]).includes(values.severity)) {
      throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, not "${values.severity}"`);
    }
    if (format === 'estate' && values.severity !== undefined) throw new UsageError('--severity does not apply to --to estate');
    if (values.picture !== undefined && format !== 'markdown') throw new UsageError('--picture applies to --to markdown only');
    if (values.picture !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(values.picture)) throw new UsageError('--picture takes a relative file name, not a URL');
    if (positionals.length === 0) throw new UsageError('export needs at least one estate file');
    const workspace = workspaceOption(values.workspace);
    const deployment = deploymentTargetOption(values['deployment-target']);

    const { estate, diagnostics } = await loadEstate(positionals, io, { workspace, deployment, parameters: values.parameters ?? [] });
    for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    if (!estate) return EXIT.badInput;

    let outputs: Output[];
    if (format === 'estate') {
      const json = values.output !== undefined && extname(values.output).toLowerCase() === '.json';
      outputs = [{ text: writeNativeEstate(estate, json ? 'json' : 'yaml') }];
    } else {
      const severity = (values.severity as SeverityThreshold | undefined) ?? DEFAULT_SEVERITY[format];
      const analysis = analyze(estate);
      switch (format) {
        case 'az':
          outputs = [{ text: writeAzScript(analysis, estate, { minSeverity: severity }) }];
          break;
        case 'bicep':
          outputs = writeBicep(analysis, estate, { minSeverity: severity }).map((file) => ({ path: file.path, text: file.text }));
          break;
        case 'terraform':
          outputs = [{ text: writeTerraform(analysis, estate, { minSeverity: severity }) }];
          break;
        case 'markdown':
          outputs = [
            {
              text: writeMarkdownReport(analysis, estate, {
                minSeverity: severity,
                date: today(),
                ...(values.picture !== undefined ? { picture: values.picture } : {}),
              }),
            },
          ];
          break;
        case 'sarif':
          outputs = [{ text: writeSarif(filtered(analysis, severity), estate, RULES) }];
          break;
      }
    }

    if (values.output === undefined) {
      if (outputs.length === 1) io.stdout(outputs[0]?.text ?? '');
      else for (const output of outputs) io.stdout(`// ===== ${output.path ?? ''} =====\n${output.text}`);
      return EXIT.ok;
    }
    // The first output is the main file and goes where -o says; the others (Bicep modules) go beside it.
    const [main, ...rest] = outputs;
    const outputPath = values.output;
    await io.writeFiles([
      { path: outputPath, text: main?.text ?? '' },
      ...rest.map((output) => ({ path: join(dirname(outputPath), output.path ?? ''), text: output.text })),
    ]);
    if (rest.length > 0) io.stderr(`wrote ${values.output} and ${rest.length} module file(s) beside it\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`aml-access-map export: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

/** The analysis with findings below the threshold taken out, summary counts kept consistent. */
function filtered(analysis: Analysis, threshold: SeverityThreshold): Analysis {
  const findings = analysis.findings.filter((f) => atOrAbove(f.severity, threshold));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { ...analysis, findings, summary: { ...analysis.summary, findings: counts } };
}
