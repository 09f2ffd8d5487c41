import type { FormatReader } from '../core/reader';
import { readResourceGraphDocuments } from './reader';

/** Azure Resource Graph results read into estate fragments; the queries are in public/queries. */

/** The Resource Graph format's reader: each file (a page or several) is read on its own; pages merge later. */
export const resourceGraphReader: FormatReader = (files) =>
  files.map((source) => readResourceGraphDocuments(source.parsed(), source.file));

export { readResourceGraph } from './reader';
