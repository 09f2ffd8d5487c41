import type { FormatReader } from '../core/reader';
import { readAzCliDocuments } from './reader';

/**
 * az CLI JSON output (az role assignment/definition, az ml, az identity, az ad, az account) read into estate
 * fragments. See docs/inputs.md for the commands and the shapes accepted.
 */

/** The az CLI format's reader: each file is read on its own; a group member list takes its group from the options. */
export const azCliReader: FormatReader = (files) =>
  files.map((source) =>
    readAzCliDocuments(
      source.parsed(),
      source.file,
      source.options.group !== undefined ? { group: source.options.group } : {},
    ),
  );

export { readAzCliJson } from './reader';
