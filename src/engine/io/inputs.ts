import { ENTITY_COLLECTIONS, type Diagnostic, type Estate } from '../model/types';
import { validateEstate } from '../model/validate';
import { armTemplateReader } from './arm';
import { azCliReader } from './azcli';
import { azureMlReader, isAzureMlYaml } from './azml';
import { resolveAcrossFormats, type WorkspaceOption } from './core/cross-format';
import { mergeEstates } from './core/merge/merge';
import { refuseGlobalNameClashes } from './core/merge/reconcile';
import {
  sourceFile,
  type DeploymentTarget,
  type FormatReader,
  type ReaderResult,
  type SkippedItem,
  type SourceFile,
} from './core/reader';
import { boundDiagnostics } from './core/source';
import { detectFormat, type InputFormat } from './detect';
import { nativeReader } from './native';
import { powerShellReader } from './powershell';
import { sourceCodeRefusal } from './source-code';
import { terraformReader } from './terraform';
import { resourceGraphReader } from './resource-graph';
import { conditionWarnings } from './condition-warnings';
import { recordProvenance } from './provenance';

/**
 * Reading an import: each file goes to the reader of its format (detected from its content), the fragments are
 * merged into one estate, and the limits that keep an analysis within what a browser tab can hold are enforced.
 * The readers, the merge and the reference resolution live in io/core and the format folders; this is the table
 * that joins them.
 */

/** One input as a shell hands it to the engine: a name for messages and the text, with per-file options. */
export interface InputFile {
  file: string;
  text: string;
  /** For `az ad group member list` output: the group's display name or object id (else the file name `group-<name>.json` tells). */
  group?: string;
  /** For compiled ARM templates: where the template is deployed, which the template itself does not say. */
  deployment?: DeploymentTarget;
  /** For az ml YAML that names no workspace: the workspace it belongs to (name or ARM id), as the CLI's `--workspace` gives it. */
  workspace?: string;
}

/** How one input was read. */
export interface InputReport {
  file: string;
  format: InputFormat;
  /** False when the file had errors and was left out. */
  used: boolean;
}

/** What {@link readInputs} returns. */
export interface ReadInputsResult {
  /**
   * The merged estate of every file that read without errors; undefined only when no file did (or the merge
   * itself failed a structural check). A file with errors is left out and its errors are in `diagnostics`.
   */
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
  /** Things the readers understood and deliberately did not model (a virtual-machine compute, a VNet). */
  skipped?: SkippedItem[];
  /** One entry per input, in input order. */
  inputs?: InputReport[];
  /**
   * Set when az ml YAML names no workspace and the import holds several: the estate is undefined (nothing is
   * imported), the errors say which files, and these are the workspaces to choose from. Reading again with the
   * chosen one as each input's `workspace` places them.
   */
  workspaceChoice?: WorkspaceOption[];
}

/** Options for {@link readInputs}. */
export interface ReadInputsOptions {
  /** Name for the merged estate; default: the single estate's name, or the first file's name and a count. */
  name?: string;
  /** Most entities and assignments the inputs may hold together. Default {@link MAX_ESTATE_ITEMS}. */
  maxItems?: number;
}

/**
 * 2,000,000 entities, role assignments, deny assignments and role definitions: more than twice the largest
 * benchmark estate (about 850,000), and short of where a browser tab runs out of memory analysing one.
 */
export const MAX_ESTATE_ITEMS = 2_000_000;

/** The formats a reader exists for (the others are refused with a message). */
type ReadableFormat = Exclude<InputFormat, 'arm-parameters' | 'bicep-source' | 'terraform-hcl' | 'unknown'>;

/** Which reader reads each format. A new format is a folder with its reader and one line here (and in detect.ts). */
const READERS: Readonly<Record<ReadableFormat, FormatReader>> = {
  native: nativeReader,
  'azml-yaml': azureMlReader,
  'azcli-json': azCliReader,
  'resource-graph': resourceGraphReader,
  'arm-template': armTemplateReader,
  'terraform-json': terraformReader,
  powershell: powerShellReader,
};

function isReadable(format: InputFormat): format is ReadableFormat {
  return format in READERS;
}

function itemCount(estate: Estate): number {
  let count = estate.roleAssignments.length + estate.denyAssignments.length + estate.roleDefinitions.length;
  for (const collection of ENTITY_COLLECTIONS) count += estate[collection].length;
  return count;
}

/** A file's format, or (for a file no reader takes) the result that refuses it. */
type Detected = { format: ReadableFormat } | { format: InputFormat; refusal: ReaderResult };

function detect(source: SourceFile): Detected {
  const sourceCode = sourceCodeRefusal(source.file, source.text);
  if (sourceCode)
    return {
      format: sourceCode.format,
      refusal: { estate: undefined, diagnostics: [sourceCode.diagnostic] },
    };
  // az ml YAML is recognised from its text, before any parsing: its reader treats `{{...}}` template
  // placeholders itself, which changes how the file parses.
  if (isAzureMlYaml(source.text)) return { format: 'azml-yaml' };
  const parsed = source.parsed();
  if (parsed.diagnostics.some((d) => d.severity === 'error'))
    return { format: 'unknown', refusal: { estate: undefined, diagnostics: parsed.diagnostics } };
  const detection = detectFormat(parsed.docs, source.text);
  if (isReadable(detection.format)) return { format: detection.format };
  const at = { file: source.file, line: 1, column: 1 };
  const message =
    detection.format === 'arm-parameters'
      ? 'this is an ARM parameters file; give the compiled template instead (parameters without a default stay symbolic and are reported)'
      : `unrecognised input (${detection.reason}): expected a native estate file (\`version: 1\`), az CLI JSON output, Azure Resource Graph results, a compiled ARM template, \`terraform show -json\` output or an Azure PowerShell export; docs/inputs.md lists the commands`;
  const where = detection.format === 'unknown' ? { ...at, ...(parsed.docs[0]?.locate([]) ?? {}) } : at;
  return {
    format: detection.format,
    refusal: { estate: undefined, diagnostics: [{ severity: 'error', ...where, message }] },
  };
}

/** Reads every file with the reader of its format; each reader gets all its files at once, in input order. */
function readAll(sources: readonly SourceFile[]): { format: InputFormat; result: ReaderResult }[] {
  const detected = sources.map(detect);
  const results: (ReaderResult | undefined)[] = detected.map((d) => ('refusal' in d ? d.refusal : undefined));
  for (const [format, reader] of Object.entries(READERS) as [ReadableFormat, FormatReader][]) {
    const indexes = detected.flatMap((d, i) => (d.format === format && !('refusal' in d) ? [i] : []));
    if (indexes.length === 0) continue;
    const read = reader(indexes.map((i) => sources[i] as SourceFile));
    indexes.forEach((sourceIndex, i) => (results[sourceIndex] = read[i]));
  }
  return detected.map((d, i) => ({
    format: d.format,
    result: results[i] ?? {
      estate: undefined,
      diagnostics: [
        {
          severity: 'error',
          file: sources[i]?.file ?? '?',
          line: 1,
          column: 1,
          message: 'the reader gave no result for this file; please report it with the input',
        },
      ],
    },
  }));
}

/** A file that read without errors, with its estate. */
interface Usable {
  file: string;
  format: InputFormat;
  estate: Estate;
  result: ReaderResult;
}

/**
 * Reads one or more inputs, each in whatever format it is in (see {@link detectFormat}), into a single merged
 * estate. A file with errors is reported and left out while the others still go through; the estate is
 * undefined only when nothing usable remains. Shells that must not act on partial input (the CLI) check the
 * diagnostics for errors. See docs/inputs.md for the merge rules.
 */
export function readInputs(inputs: readonly InputFile[], options: ReadInputsOptions = {}): ReadInputsResult {
  if (inputs.length === 0)
    return { estate: undefined, diagnostics: [{ severity: 'error', message: 'no input files were given' }] };
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedItem[] = [];
  const reports: InputReport[] = [];
  const usable: Usable[] = [];
  const maxItems = options.maxItems ?? MAX_ESTATE_ITEMS;
  let items = 0;
  const sources = inputs.map((input) =>
    sourceFile(input.file, input.text, {
      ...(input.group !== undefined ? { group: input.group } : {}),
      ...(input.deployment !== undefined ? { deployment: input.deployment } : {}),
      ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
    }),
  );
  readAll(sources).forEach(({ format, result }, index) => {
    const file = inputs[index]?.file ?? '?';
    diagnostics.push(...result.diagnostics);
    skipped.push(...(result.skipped ?? []));
    if (result.estate !== undefined && items <= maxItems) {
      items += itemCount(result.estate);
      if (items > maxItems)
        diagnostics.push({
          severity: 'error',
          file,
          line: 1,
          column: 1,
          message: `with this file the inputs hold ${items.toLocaleString('en-US')} entities and assignments, over the limit of ${maxItems.toLocaleString('en-US')}; analyse one subscription or management group at a time`,
        });
    }
    const used =
      result.estate !== undefined &&
      items <= maxItems &&
      !result.diagnostics.some((d) => d.severity === 'error');
    reports.push({ file, format, used });
    if (used && result.estate !== undefined) usable.push({ file, format, estate: result.estate, result });
  });
  const finish = (estate: Estate | undefined, workspaceChoice?: WorkspaceOption[]): ReadInputsResult => {
    if (estate !== undefined) diagnostics.push(...conditionWarnings(estate), ...recordProvenance(estate, usable));
    const result: ReadInputsResult = { estate, diagnostics: boundDiagnostics(diagnostics), inputs: reports };
    if (skipped.length > 0) result.skipped = skipped;
    if (workspaceChoice !== undefined) result.workspaceChoice = workspaceChoice;
    return result;
  };
  const [only] = usable;
  if (only === undefined) return finish(undefined);
  if (usable.length < inputs.length) {
    const left = reports.filter((r) => !r.used).map((r) => r.file);
    diagnostics.push({
      severity: 'warning',
      message: `${left.length === 1 ? `${left[0]} was` : `${left.length} files were`} left out because of the errors above; the estate holds the other ${usable.length} file(s) only`,
    });
  }
  if (usable.length === 1 && only.result.provenance === undefined)
    return finish(options.name !== undefined ? { ...only.estate, name: options.name } : only.estate);
  const merged = mergeEstates(
    usable.map((f) => ({
      file: f.file,
      estate: f.estate,
      ...(f.result.provenance ? { provenance: f.result.provenance } : {}),
    })),
    diagnostics,
  );
  const { workspaceChoice } = resolveAcrossFormats(
    merged,
    usable.flatMap((f) => f.result.unresolved ?? []),
    usable.flatMap((f) => f.result.placeholderNotes ?? []),
    diagnostics,
  );
  // All or nothing: assets that cannot be placed without a guess leave the whole import out until the caller chooses.
  if (workspaceChoice !== undefined) return finish(undefined, workspaceChoice);
  // Inputs that disagree about where a globally named resource lives cannot both be right: nothing is imported.
  if (refuseGlobalNameClashes(merged, diagnostics)) return finish(undefined);
  merged.name =
    options.name ??
    (usable.length === 1 ? only.estate.name : `${only.estate.name} (+${usable.length - 1} more)`);
  const problems = validateEstate(merged).filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    for (const problem of problems)
      diagnostics.push({ ...problem, message: `internal check after merging: ${problem.message}` });
    return finish(undefined);
  }
  return finish(merged);
}
