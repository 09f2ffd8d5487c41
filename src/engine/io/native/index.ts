import type { FormatReader } from '../core/reader';
import { readNative, readNativeDocuments } from './reader';

/**
 * The native estate format: a YAML (or JSON) file describing an Azure ML estate in az ml v2 terms. See
 * docs/estate-format.md for every field.
 */

/** The native format's reader: each file is one whole estate, read on its own. */
export const nativeReader: FormatReader = (files) =>
  files.map((source) => readNativeDocuments(source.parsed(), source.file));

/** Reads one native estate file from its text (the app's share links and samples, and tests). */
export const readNativeEstate = readNative;
export { writeNativeEstate } from './writer';
