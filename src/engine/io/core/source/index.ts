/**
 * Input text to plain located values: the parser every reader goes through, the types of what it returns, its
 * limits, and the helpers that keep messages about input short and free of secrets.
 */
export {
  boundDiagnostics,
  boundMessage,
  formatPath,
  quote,
  MAX_INPUT_BYTES,
  MAX_SYNTAX_ERRORS,
  type ParsedDocument,
  type ParseResult,
  type SourcePath,
} from './documents';
export { parseDocuments } from './parse';
