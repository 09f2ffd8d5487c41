/**
 * Input text to plain located values: the parser every reader goes through, the types of what it returns, its
 * limits, and the helpers that keep messages about input short and free of secrets.
 */
export {
  boundDiagnostics,
  boundMessage,
  formatPath,
  quote,
  MAX_ALIAS_COUNT,
  MAX_INPUT_BYTES,
  MAX_NESTING_DEPTH,
  MAX_SYNTAX_ERRORS,
  type ParsedDocument,
  type ParseOptions,
  type ParseResult,
  type SourcePath,
  type SourcePosition,
} from './documents';
export { parseDocuments } from './parse';
