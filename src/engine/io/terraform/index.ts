import type { FormatReader } from '../core/reader';
import { parseDocuments } from '../core/source';
import type { ReaderResult } from '../core/reader';
import { readTerraformDocuments, type TerraformOptions } from './reader';

/** `terraform show -json` output (a saved plan or the state) read into estate fragments. */

/** The Terraform JSON format's reader: each plan or state is read on its own. */
export const terraformReader: FormatReader = (files) =>
  files.map((source) =>
    readTerraformDocuments(
      source.parsed(),
      source.file,
      source.options.deployment !== undefined ? { deployment: source.options.deployment } : {},
    ),
  );

/** Reads the text of `terraform show -json` output; never throws. */
export function readTerraformJson(text: string, file: string, options: TerraformOptions = {}): ReaderResult {
  return readTerraformDocuments(parseDocuments(text, file), file, options);
}

export { isTerraformJson } from './document';
export type { TerraformOptions } from './reader';
