import { ENTITY_COLLECTIONS, type Diagnostic, type Entity, type Estate, type SourceRef } from '../model/types';
import { validateEstate } from '../model/validate';
import { armTemplateReader } from './arm';
import { templateNameFor } from './arm/parameters';
import { azCliReader } from './azcli';
import { azureMlReader, isAzureMlYaml } from './azml';
import { resolveAcrossFormats, type WorkspaceOption } from './core/cross-format';
import { mergeEstates } from './core/merge/merge';
import { refuseGlobalNameClashes } from './core/merge/reconcile';
import {
  sourceFile,
  type ArmParameterInput,
  type DeploymentTarget,
  type FormatReader,
  type ReaderResult,
  type SkippedItem,
  type SourceFile,
} from './core/reader';
import { boundDiagnostics, quote } from './core/source';
import { detectFormat, type InputFormat } from './detect';
import { nativeReader } from './native';
import { powerShellReader } from './powershell';
import { sourceCodeRefusal } from './source-code';
import { terraformReader } from './terraform';
import { resourceGraphReader } from './resource-graph';
import { conditionWarnings } from './condition-warnings';
import { recordProvenance } from './provenance';
import { COLLECTION_MANIFEST_KIND, joinManifestFacts, readCollectionManifest, type ManifestFacts } from './collection-manifest';

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
  /** For compiled ARM templates: parameters for this template, applied after a parameters file paired with it. */
  armParameters?: readonly ArmParameterInput[];
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
  /**
   * The ARM templates read without a full deployment target (subscription and resource group), and the Terraform
   * plans that name no subscription: their resources sit in a stand-in subscription (and resource group), and
   * `resourceGroup()` and `subscription()` are unknown. Reading again with `deployment` on their inputs places them.
   */
  undeployedTemplates?: string[];
}

/** Options for {@link readInputs}. */
export interface ReadInputsOptions {
  /** Name for the merged estate; default: the single estate's name, or the first file's name and a count. */
  name?: string;
  /** Most entities and assignments the inputs may hold together. Default {@link MAX_ESTATE_ITEMS}. */
  maxItems?: number;
  /**
   * An estate the inputs are added to ("add to the open estate"): merged first, as one more input named
   * `label`, and its provenance carried over. It is not changed; the result is a new estate.
   */
  base?: { estate: Estate; label: string };
  /**
   * Parameters for every ARM template of the import (the CLI's `--parameters`), applied in order after the
   * parameters file paired with each template, as `az deployment group create --parameters` applies them.
   */
  armParameters?: readonly ArmParameterInput[];
}

/**
 * 2,000,000 entities, role assignments, deny assignments and role definitions: more than twice the largest
 * benchmark estate (about 850,000), and short of where a browser tab runs out of memory analysing one.
 */
export const MAX_ESTATE_ITEMS = 2_000_000;

/** The formats a reader exists for (the others are refused with a message). */
type ReadableFormat = Exclude<InputFormat, 'arm-parameters' | 'bicep-source' | 'terraform-hcl' | 'collection-manifest' | 'unknown'>;

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
  const template = templateNameFor(source.file);
  const message =
    detection.format === 'arm-parameters'
      ? `this is an ARM parameters file, and its template${template !== undefined ? ` ${quote(template)}` : ''} is not among the inputs: give the template with it (a parameters file pairs by name with the template in its folder, \`X.parameters.json\` with \`X.json\`), or pass it with \`--parameters\``
      : `unrecognised input (${detection.reason}): expected a native estate file (\`version: 1\`), az CLI JSON output, Azure Resource Graph results, a compiled ARM template, \`terraform show -json\` output or an Azure PowerShell export; docs/inputs.md lists the commands`;
  const where = detection.format === 'unknown' ? { ...at, ...(parsed.docs[0]?.locate([]) ?? {}) } : at;
  return {
    format: detection.format,
    refusal: { estate: undefined, diagnostics: [{ severity: 'error', ...where, message }] },
  };
}

/**
 * Pairs each ARM parameters file with the template of its name in its folder (`X.parameters.json` with
 * `X.json`): the template reads with the file's values, then with `global` (the CLI's `--parameters`), and the
 * parameters file itself is done (an empty result). A parameters file without its template keeps its refusal.
 */
function pairParameterFiles(
  sources: SourceFile[],
  detected: Detected[],
  global: readonly ArmParameterInput[],
): (ReaderResult | undefined)[] {
  const done: (ReaderResult | undefined)[] = sources.map(() => undefined);
  const paired = new Map<number, ArmParameterInput[]>();
  detected.forEach((d, i) => {
    const source = sources[i];
    const template = source ? templateNameFor(source.file) : undefined;
    if (!source || d.format !== 'arm-parameters' || template === undefined) return;
    const at = sources.findIndex((s, j) => s.file === template && detected[j]?.format === 'arm-template');
    if (at < 0) return;
    paired.set(at, [...(paired.get(at) ?? []), { file: source.file, text: source.text }]);
    done[i] = { estate: undefined, diagnostics: [] };
  });
  detected.forEach((d, i) => {
    const source = sources[i];
    if (!source || d.format !== 'arm-template') return;
    const armParameters = [...(paired.get(i) ?? []), ...(source.options.armParameters ?? []), ...global];
    // The same file object keeps its parse; only its options gain the parameters.
    if (armParameters.length > 0) sources[i] = { ...source, options: { ...source.options, armParameters } };
  });
  return done;
}

/** Reads every file with the reader of its format; each reader gets all its files at once, in input order. */
function readAll(
  sources: SourceFile[],
  global: readonly ArmParameterInput[],
): { format: InputFormat; result: ReaderResult; paired: boolean }[] {
  const detected = sources.map(detect);
  const pairedResults = pairParameterFiles(sources, detected, global);
  const results: (ReaderResult | undefined)[] = detected.map((d, i) =>
    pairedResults[i] ?? ('refusal' in d ? d.refusal : undefined),
  );
  for (const [format, reader] of Object.entries(READERS) as [ReadableFormat, FormatReader][]) {
    const indexes = detected.flatMap((d, i) => (d.format === format && !('refusal' in d) ? [i] : []));
    if (indexes.length === 0) continue;
    const read = reader(indexes.map((i) => sources[i] as SourceFile));
    indexes.forEach((sourceIndex, i) => (results[sourceIndex] = read[i]));
  }
  return detected.map((d, i) => ({
    format: d.format,
    paired: pairedResults[i] !== undefined,
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

/** A cheap look before parsing: only a JSON object whose `kind` is the manifest's can be one. */
function isManifestText(text: string): boolean {
  return text.includes(COLLECTION_MANIFEST_KIND) && /^\s*\{/.test(text) && /"kind"\s*:\s*"aml-access-map\/collection"/.test(text);
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
export function readInputs(allInputs: readonly InputFile[], options: ReadInputsOptions = {}): ReadInputsResult {
  if (allInputs.length === 0)
    return { estate: undefined, diagnostics: [{ severity: 'error', message: 'no input files were given' }] };
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedItem[] = [];
  const reports: InputReport[] = [];
  // A collection's manifest describes the other files rather than holding an estate: it goes to the provenance.
  const manifests: ManifestFacts[] = [];
  const inputs = allInputs.filter((input) => {
    if (!isManifestText(input.text)) return true;
    const read = readCollectionManifest(input.text, input.file);
    diagnostics.push(...read.diagnostics);
    if (read.facts) manifests.push(read.facts);
    reports.push({ file: input.file, format: 'collection-manifest', used: read.facts !== undefined });
    return false;
  });
  const manifest = joinManifestFacts(manifests);
  if (inputs.length === 0) {
    diagnostics.push({ severity: 'error', message: 'only a collection manifest was given; give the folder it describes' });
    return { estate: undefined, diagnostics, inputs: reports };
  }
  const usable: Usable[] = [];
  const maxItems = options.maxItems ?? MAX_ESTATE_ITEMS;
  let items = 0;
  const sources = inputs.map((input) =>
    sourceFile(input.file, input.text, {
      ...(input.group !== undefined ? { group: input.group } : {}),
      ...(input.deployment !== undefined ? { deployment: input.deployment } : {}),
      ...(input.workspace !== undefined ? { workspace: input.workspace } : {}),
      ...(input.armParameters !== undefined ? { armParameters: input.armParameters } : {}),
    }),
  );
  const undeployedTemplates: string[] = [];
  readAll(sources, options.armParameters ?? []).forEach(({ format, result, paired }, index) => {
    const file = inputs[index]?.file ?? '?';
    if (result.undeployed === true) undeployedTemplates.push(file);
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
    // A parameters file paired with its template is used through it.
    const used =
      paired ||
      (result.estate !== undefined &&
      items <= maxItems &&
      !result.diagnostics.some((d) => d.severity === 'error'));
    reports.push({ file, format, used });
    if (used && result.estate !== undefined) usable.push({ file, format, estate: result.estate, result });
  });
  const finish = (estate: Estate | undefined, workspaceChoice?: WorkspaceOption[]): ReadInputsResult => {
    if (estate !== undefined) {
      const earlier = options.base?.estate.provenance;
      diagnostics.push(
        ...conditionWarnings(estate),
        ...recordProvenance(estate, usable, { ...(earlier ? { earlier } : {}), ...(manifest ? { manifest } : {}) }),
      );
    }
    const result: ReadInputsResult = { estate, diagnostics: boundDiagnostics(diagnostics), inputs: reports };
    if (skipped.length > 0) result.skipped = skipped;
    if (workspaceChoice !== undefined) result.workspaceChoice = workspaceChoice;
    if (undeployedTemplates.length > 0) result.undeployedTemplates = undeployedTemplates;
    return result;
  };
  const [only] = usable;
  if (only === undefined) return finish(undefined);
  if (reports.some((r) => !r.used)) {
    const left = reports.filter((r) => !r.used).map((r) => r.file);
    diagnostics.push({
      severity: 'warning',
      message: `${left.length === 1 ? `${left[0]} was` : `${left.length} files were`} left out because of the errors above; the estate holds the other ${reports.length - left.length} file(s) only`,
    });
  }
  const base = options.base;
  if (base === undefined && usable.length === 1 && only.result.provenance === undefined)
    return finish(options.name !== undefined ? { ...only.estate, name: options.name } : only.estate);
  // Which merged entity each declaration became, so that every declaration's unresolved references reach it.
  const holders = new Map<SourceRef, Entity>();
  const merged = mergeEstates(
    [
      ...(base ? [{ file: base.label, estate: base.estate }] : []),
      ...usable.map((f) => ({
        file: f.file,
        estate: f.estate,
        ...(f.result.provenance ? { provenance: f.result.provenance } : {}),
        ...(f.format === 'azml-yaml' ? { describesNoGrants: true } : {}),
      })),
    ],
    diagnostics,
    holders,
  );
  const { workspaceChoice } = resolveAcrossFormats(
    merged,
    usable.flatMap((f) => f.result.unresolved ?? []),
    usable.flatMap((f) => f.result.placeholderNotes ?? []),
    diagnostics,
    { environments: usable.flatMap((f) => f.result.environments ?? []), holders },
  );
  // All or nothing: assets that cannot be placed without a guess leave the whole import out until the caller chooses.
  if (workspaceChoice !== undefined) return finish(undefined, workspaceChoice);
  // Inputs that disagree about where a globally named resource lives cannot both be right: nothing is imported.
  if (refuseGlobalNameClashes(merged, diagnostics)) return finish(undefined);
  merged.name =
    options.name ??
    base?.estate.name ??
    (usable.length === 1 ? only.estate.name : `${only.estate.name} (+${usable.length - 1} more)`);
  const problems = validateEstate(merged).filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    for (const problem of problems)
      diagnostics.push({ ...problem, message: `internal check after merging: ${problem.message}` });
    return finish(undefined);
  }
  return finish(merged);
}
