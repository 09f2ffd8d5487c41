import { type Diagnostic, type Estate, readInputs } from '../engine';
import type { CliIo } from './io';

/** Reads the estate files named on the command line; a file that cannot be read becomes a located diagnostic. */
export async function loadEstate(
  files: readonly string[],
  io: CliIo,
): Promise<{ estate: Estate | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const inputs: { file: string; text: string }[] = [];
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
  if (diagnostics.length > 0) return { estate: undefined, diagnostics };
  const result = readInputs(inputs);
  // readInputs keeps the files that read cleanly; the CLI acts on nothing unless every file did (exit 2).
  if (result.diagnostics.some((d) => d.severity === 'error'))
    return { estate: undefined, diagnostics: result.diagnostics };
  return result;
}
