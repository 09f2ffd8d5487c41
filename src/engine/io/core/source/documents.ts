import type { Diagnostic } from '../../../model/types';
import { containsSecretValue } from '../../secrets';

/**
 * The one place where input text becomes plain values. Every reader (native estate, az ml YAML, az CLI JSON,
 * Resource Graph) goes through here, so that limits, syntax errors and locations behave the same everywhere.
 * JSON is read by the YAML parser too: JSON is (almost exactly) a subset of YAML 1.2, and reading it this way
 * gives JSON input the same line and column information as YAML.
 */

/** A 1-based position in the input text. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A path into a parsed value: map keys and sequence indexes, outermost first. */
export type SourcePath = readonly (string | number)[];

/** One parsed document of the input. */
export interface ParsedDocument {
  /** The document as plain data (maps become objects, sequences arrays). */
  value: unknown;
  /** 0-based position of the document in a multi-document stream. */
  index: number;
  /**
   * Where the node at `path` starts. `target: 'key'` points at the map key instead of its value, which reads
   * better for "unknown field" warnings. When the path goes further than the document does (a missing field),
   * the position of the deepest node that exists is returned.
   */
  locate(path: SourcePath, target?: 'key' | 'value'): SourcePosition;
}

/** What {@link parseDocuments} returns: documents that parsed cleanly, and every problem found. */
export interface ParseResult {
  docs: ParsedDocument[];
  diagnostics: Diagnostic[];
}

/** Limits and policies for {@link parseDocuments}; every field has a safe default. */
export interface ParseOptions {
  /** Largest accepted input, in UTF-8 bytes. Default {@link MAX_INPUT_BYTES}. */
  maxBytes?: number;
  /** Deepest accepted nesting of collections. Default {@link MAX_NESTING_DEPTH}. */
  maxDepth?: number;
  /** Passed to the YAML parser to stop alias ("billion laughs") expansion. Default {@link MAX_ALIAS_COUNT}. */
  maxAliasCount?: number;
  /** How to treat unfilled template placeholders such as `{{ACR_NAME}}`. Default `error`. */
  placeholders?: 'error' | 'warning' | 'ignore';
}

/** 50 MB: far above any real estate export, low enough that a browser tab survives the attempt. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** No estate format nests anywhere near this; the YAML parser itself recurses and runs out of stack far deeper. */
export const MAX_NESTING_DEPTH = 100;
/** Syntax errors listed per file; the rest are counted in one closing message. */
export const MAX_SYNTAX_ERRORS = 50;
/** The YAML library's own default; legitimate anchors without nested aliases never reach it. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Keeps a message short whatever the input: a quoted span longer than 400 characters (a pasted blob as a key or
 * a name; a full ARM id is well under) is cut to its start, and the whole message to 2,000 characters.
 */
export function boundMessage(message: string): string {
  if (message.length <= 400) return message;
  // Pairs backticks left to right, as they were written.
  let out = message.replace(/`([^`]*)`/g, (span: string, inner: string) =>
    inner.length > 400 ? `\`${inner.slice(0, 300)}…\`` : span,
  );
  if (out.length > 2_000) out = `${out.slice(0, 1_999)}…`;
  return out;
}

/** {@link boundMessage} over a list, in place; returns the list. */
export function boundDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  for (const d of diagnostics) {
    const bounded = boundMessage(d.message);
    if (bounded !== d.message) d.message = bounded;
  }
  return diagnostics;
}

/** Longest key a formatted path spells out; real keys, even generated ones, are far shorter. */
const MAX_PATH_KEY = 80;

/** Formats a path the way diagnostics show it: `role_assignments[4].scope`. */
export function formatPath(path: SourcePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    // A credential pasted as a key would otherwise ride along in every location that names it.
    else if (containsSecretValue(segment)) out += '[<redacted>]';
    else if (/^[A-Za-z_][\w-]*$/.test(segment) && segment.length <= MAX_PATH_KEY)
      out += out === '' ? segment : `.${segment}`;
    // A pasted blob as a key would otherwise be copied whole into every location beneath it.
    else
      out += `[${JSON.stringify(segment.length > MAX_PATH_KEY ? `${segment.slice(0, MAX_PATH_KEY - 1)}…` : segment)}]`;
  }
  return out;
}

/**
 * Quotes user input for a message: short, on one line, in backticks. Long values are cut so that a pasted
 * blob (or a secret that slipped into a wrong field) is not echoed whole.
 */
export function quote(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === null || value === undefined) text = 'null';
  else if (typeof value === 'object') text = Array.isArray(value) ? 'a list' : 'a mapping';
  else text = String(value);
  // A message is shown, printed and exported; a credential pasted into the wrong field must not ride along.
  if (typeof value === 'string' && containsSecretValue(value))
    return '`<a value that looks like a credential>`';
  text = text.replace(/\s+/g, ' ');
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  return typeof value === 'object' && value !== null ? text : `\`${text}\``;
}

