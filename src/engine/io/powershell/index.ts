import type { FormatReader, ReaderResult } from '../core/reader';
import { parseDocuments } from '../core/source';
import { readPowerShellDocuments } from './reader';

/** Azure PowerShell exports (`Get-AzResource -ExpandProperties`, `Get-AzRoleAssignment`, as JSON) read as resources. */

/** The PowerShell format's reader: each export is read on its own. */
export const powerShellReader: FormatReader = (files) =>
  files.map((source) => readPowerShellDocuments(source.parsed(), source.file));

/** Reads the text of a PowerShell export; never throws. */
export function readPowerShell(text: string, file: string): ReaderResult {
  return readPowerShellDocuments(parseDocuments(text, file), file);
}

export { isPowerShellObject } from './reader';
