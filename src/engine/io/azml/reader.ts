import { assembleImport, type AzureMlReadResult } from './assemble';
import { readFileDrafts } from './documents';
import { isAzureMlYaml } from './kinds';
import { failedReading, thrownText, type FormatReader } from '../core/reader';
import { boundDiagnostics } from '../core/source';
import type { AzureMlDefaults } from './options';

/** One input file as the shells hand it over. */
export interface AzureMlInput {
  file: string;
  text: string;
}

/** Options for {@link readAzureMlYaml}. */
export interface AzureMlReadOptions extends AzureMlDefaults {
  /**
   * Every file of the import this file belongs to (it may be among them). The az ml files among them are read
   * together, so that a compute file finds the import's workspace and a job finds its compute. Pass the same
   * array for every file of an import: the combined reading is done once per array.
   */
  siblings?: readonly AzureMlInput[];
}

function bugResult(file: string, error: unknown): AzureMlReadResult {
  const message = `the az ml file could not be read because of a bug in the reader (${thrownText(error)}); please report it with the file`;
  return {
    ...failedReading(file, message),
    skipped: [],
    provenance: { meta: new Map(), roleNames: new Map() },
    unresolved: [],
    placeholderNotes: [],
  };
}

/**
 * Reads several az ml v2 YAML files as one import and returns each file's result, in input order. Files are
 * read on their own first (so a file's errors never depend on the others), then placed together: children go to
 * the workspace the import holds, references between files are resolved, and entities that several files need
 * are put in one file's estate only. Never throws.
 */
export function readAzureMlFiles(
  inputs: readonly AzureMlInput[],
  defaults: AzureMlDefaults = {},
): AzureMlReadResult[] {
  try {
    const results = assembleImport(
      inputs.map((input) => readFileDrafts(input.text, input.file, defaults)),
      defaults,
    );
    for (const result of results) boundDiagnostics(result.diagnostics);
    return results;
  } catch (error) {
    return inputs.map((input) => bugResult(input.file, error));
  }
}

/**
 * The az ml format's reader: the az ml files of an import are read together (see {@link readAzureMlFiles}), so
 * that a compute file finds the import's workspace and a job its compute. They parse themselves, because
 * unfilled `{{...}}` template placeholders change how a file is parsed.
 */
export const azureMlReader: FormatReader = (files) => {
  // One import has one answer to "which workspace do files without one belong to": the shells set it on every file.
  const workspace = files.find((source) => source.options.workspace !== undefined)?.options.workspace;
  return readAzureMlFiles(
    files.map((source) => ({ file: source.file, text: source.text })),
    workspace !== undefined ? { workspace } : {},
  );
};

/** Combined readings already done, per sibling array and defaults, so that an import is read once. */
const importCache = new WeakMap<
  readonly AzureMlInput[],
  Map<string, { inputs: AzureMlInput[]; results: AzureMlReadResult[] }>
>();

/**
 * Reads one az ml v2 YAML file (the files `az ml ... create --file` takes, and `az ml ... show -o yaml` output)
 * into a fragment of an estate. Workspaces, computes, online endpoints and deployments, datastores,
 * connections and command, pipeline, sweep and Spark jobs become entities; every other kind is listed in
 * `skipped` with a note. Credential values are never kept. With `options.siblings`, the file is read as part of
 * its import (see {@link readAzureMlFiles}); without, on its own, and its estate then stands alone. Never throws.
 */
export function readAzureMlYaml(
  text: string,
  file: string,
  options: AzureMlReadOptions = {},
): AzureMlReadResult {
  try {
    const { siblings, ...defaults } = options;
    if (siblings === undefined)
      return readAzureMlFiles([{ file, text }], defaults)[0] ?? bugResult(file, 'no result');
    const key = JSON.stringify(defaults);
    let byDefaults = importCache.get(siblings);
    if (!byDefaults) {
      byDefaults = new Map();
      importCache.set(siblings, byDefaults);
    }
    let reading = byDefaults.get(key);
    if (!reading) {
      const inputs = siblings.filter((input) => isAzureMlYaml(input.text));
      reading = { inputs, results: readAzureMlFiles(inputs, defaults) };
      byDefaults.set(key, reading);
    }
    const index = reading.inputs.findIndex((input) => input.file === file && input.text === text);
    if (index >= 0) return reading.results[index] ?? bugResult(file, 'no result');
    // A file that is not among its siblings (or not recognised as az ml by its text) is read with them all the same.
    const inputs = [...reading.inputs, { file, text }];
    return readAzureMlFiles(inputs, defaults)[inputs.length - 1] ?? bugResult(file, 'no result');
  } catch (error) {
    return bugResult(file, error);
  }
}
