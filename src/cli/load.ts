import { type ArmParameterInput, type Diagnostic, type Estate, readInputs } from '../engine';
import type { DeploymentTarget } from '../engine';
import type { CliIo } from './io';

/** Most files one folder argument may bring in; the app's folder walk stops at the same number. */
export const MAX_FOLDER_FILES = 2000;
const ESTATE_FILE = /\.(ya?ml|json)$/i;

/**
 * The files a command-line argument names: the file itself, or for a folder every YAML and JSON file under
 * it, recursively and in name order, like the app's folder walk. Other files are counted and left out.
 */
async function expandArgument(path: string, io: CliIo, diagnostics: Diagnostic[]): Promise<string[]> {
  if ((await io.listFolder(path)) === undefined) return [path];
  const files: string[] = [];
  let ignored = 0;
  let overCap = 0;
  const visit = async (folder: string): Promise<void> => {
    const entries = ((await io.listFolder(folder)) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = `${folder.replace(/\/+$/, '')}/${entry.name}`;
      if (entry.folder) await visit(child);
      else if (!ESTATE_FILE.test(entry.name)) ignored += 1;
      else if (files.length >= MAX_FOLDER_FILES) overCap += 1;
      else files.push(child);
    }
  };
  await visit(path);
  if (ignored > 0)
    diagnostics.push({ severity: 'info', file: path, message: `${ignored} file(s) in the folder are not YAML or JSON and were left out` });
  if (overCap > 0)
    diagnostics.push({ severity: 'warning', file: path, message: `only the first ${MAX_FOLDER_FILES} YAML and JSON files were read; ${overCap} more were left out` });
  if (files.length === 0) diagnostics.push({ severity: 'error', file: path, message: 'the folder holds no YAML or JSON file' });
  return files;
}

/** `name=value` (az's inline form); anything else names a parameters file (`@file` as az also writes it). */
const INLINE_PARAMETER = /^([A-Za-z_$][\w$-]*)=([\s\S]*)$/;

/**
 * The `--parameters` arguments as the engine takes them, in order: files are read (a missing one is a located
 * error), `name=value` pairs kept as written, inline JSON (`{"p":{"value":1}}`) read as a parameters file.
 */
async function parameterInputs(args: readonly string[], io: CliIo, diagnostics: Diagnostic[]): Promise<ArmParameterInput[]> {
  const out: ArmParameterInput[] = [];
  for (const arg of args) {
    const inline = INLINE_PARAMETER.exec(arg);
    if (inline?.[1] !== undefined) {
      out.push({ name: inline[1], value: inline[2] ?? '' });
      continue;
    }
    if (arg.trimStart().startsWith('{')) {
      out.push({ file: '--parameters', text: arg });
      continue;
    }
    const file = arg.replace(/^@/, '');
    try {
      out.push({ file, text: await io.readText(file) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({
        severity: 'error',
        file,
        message: `--parameters: ${code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`}`,
      });
    }
  }
  return out;
}

/**
 * Reads the estate files named on the command line, walking folders; a file that cannot be read becomes a
 * located diagnostic.
 */
export async function loadEstate(
  args: readonly string[],
  io: CliIo,
  options: { workspace?: string | undefined; parameters?: readonly string[]; deployment?: DeploymentTarget | undefined } = {},
): Promise<{ estate: Estate | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const inputs: { file: string; text: string }[] = [];
  const files: string[] = [];
  for (const arg of args) files.push(...(await expandArgument(arg, io, diagnostics)));
  const notes = diagnostics.filter((d) => d.severity !== 'error');
  for (const file of files) {
    try {
      inputs.push({ file, text: await io.readText(file) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({
        severity: 'error',
        file,
        message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`,
      });
    }
  }
  const armParameters = await parameterInputs(options.parameters ?? [], io, diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { estate: undefined, diagnostics };
  const { workspace, deployment } = options;
  const result = readInputs(
    inputs.map((input) => ({
      ...input,
      ...(workspace !== undefined ? { workspace } : {}),
      ...(deployment !== undefined ? { deployment } : {}),
    })),
    armParameters.length > 0 ? { armParameters } : {},
  );
  // readInputs keeps the files that read cleanly; the CLI acts on nothing unless every file did (exit 2).
  if (result.diagnostics.some((d) => d.severity === 'error'))
    return { estate: undefined, diagnostics: [...notes, ...result.diagnostics] };
  return { ...result, diagnostics: [...notes, ...result.diagnostics] };
}
