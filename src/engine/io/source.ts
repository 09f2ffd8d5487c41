import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, SourceRef } from '../model/types';
import { containsSecretValue, isSecretKey, redactSecrets, sanitizeText } from './secrets';

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

/** UTF-8 length without allocating the encoded bytes. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Estimates the nesting depth of YAML or JSON text in one linear pass, without parsing. The YAML parser recurses
 * once per level and, far enough down, exhausts the stack or memory before it can report anything, so hostile
 * input must be turned away before it reaches the parser. The estimate counts block indentation levels,
 * compact `- ` indicators and flow brackets, and skips quoted text and comments; it errs towards counting more.
 * Returns the offset where the limit is first exceeded, or undefined.
 */
function findExcessiveNesting(text: string, maxDepth: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  // Block depth at the point where the current flow collection opened.
  let flowBase = 0;
  let quoteChar: '"' | "'" | undefined;
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === '\r' || text[i] === '#';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (blank && quoteChar === undefined) {
      lineStart = lineEnd + 1;
      continue;
    }
    let depth = flowBase + flow;
    if (flow === 0 && quoteChar === undefined) {
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) > indent) indents.pop();
      if (indents.length === 0 || (indents[indents.length - 1] ?? 0) < indent) indents.push(indent);
      depth = indents.length;
      // Compact nested sequences (`- - - x`) open one level per indicator on a single line.
      while (
        i < lineEnd &&
        (text[i] === '-' || text[i] === '?') &&
        (text[i + 1] === ' ' || i + 1 === lineEnd)
      ) {
        depth++;
        i += 2;
        while (i < lineEnd && text[i] === ' ') i++;
      }
    }
    if (depth > maxDepth) return lineStart + indent;
    // True where a new value may begin: only there can a quote or a bracket open something. Elsewhere they are
    // plain text (`description: see [docs`).
    let valueStart = true;
    for (; i < lineEnd; i++) {
      const ch = text[i];
      if (quoteChar !== undefined) {
        if (quoteChar === '"' && ch === '\\') i++;
        else if (ch === quoteChar) {
          if (quoteChar === "'" && text[i + 1] === "'") i++;
          else {
            quoteChar = undefined;
            valueStart = false;
          }
        }
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r') continue;
      const next = text[i + 1];
      const spaceAfter = i + 1 >= lineEnd || next === ' ' || next === '\t' || next === '\r';
      if (ch === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if ((ch === '"' || ch === "'") && valueStart) {
        quoteChar = ch;
      } else if ((ch === '[' || ch === '{') && (valueStart || flow > 0)) {
        // Inside a flow collection a bracket always opens another, even right after plain text (`a[[[`).
        if (flow === 0) flowBase = depth;
        flow++;
        if (flowBase + flow > maxDepth) return i;
      } else if ((ch === ']' || ch === '}') && flow > 0) {
        flow--;
        valueStart = false;
      } else if (ch === ':' && (spaceAfter || flow > 0)) {
        valueStart = true;
      } else if (ch === ',' && flow > 0) {
        valueStart = true;
      } else if ((ch === '-' || ch === '?') && valueStart && spaceAfter) {
        // another indicator: a value may still start after it
      } else if ((ch === '-' || ch === '?') && spaceAfter && flow === 0) {
        // `- ` after a closed flow collection (`} - - - x`) is broken YAML, but the parser still recurses on each
        // one before it can say so; count them like indicators.
        depth++;
        if (depth > maxDepth) return i;
        valueStart = false;
      } else if (flow === 0 && (ch === '|' || ch === '>') && valueStart) {
        blockScalarIndent = indent;
        break;
      } else {
        valueStart = false;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** The deepest nesting of collections in a parsed document, computed without recursion. */
function nestingDepth(root: unknown, maxDepth: number): YamlNode | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isCollection(node)) continue;
    if (depth > maxDepth) return node;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Unfilled `{{NAME}}` template placeholders, skipping `${{...}}` expressions and comments. */
function findPlaceholders(text: string): { name: string; offset: number }[] {
  const found: { name: string; offset: number }[] = [];
  if (!text.includes('{{')) return found;
  const pattern = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match.index > 0 && text[match.index - 1] === '$') continue;
    const lineStart = text.lastIndexOf('\n', match.index - 1) + 1;
    const before = text.slice(lineStart, match.index);
    if (/(^|\s)#/.test(before)) continue;
    found.push({ name: match[1] ?? '', offset: match.index });
  }
  return found;
}

/** The library quotes the text it choked on; a credential among it is masked before the message is kept. */
function maskSecrets(text: string): string {
  return text
    .split(/([\s"'`\\]+)/)
    .map(redactSecrets)
    .join('');
}

/** Turns the YAML library's error into our wording; the library's own text is kept as the detail. */
function syntaxMessage(error: YAMLError): string {
  const detail = maskSecrets(
    error.message.split('\n')[0]?.replace(/ at line \d+, column \d+.*$/, '') ?? 'syntax error',
  );
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return 'the same key appears twice in one mapping; keep one';
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation; indent with spaces';
    case 'BAD_INDENT':
      // The parser's wording for an unclosed `[` or `{` (a file cut off, a bracket forgotten).
      if (
        /Flow (map|sequence) in block collection must be sufficiently indented and end with a ([}\]])/.test(
          detail,
        )
      ) {
        const close = detail.includes('end with a }') ? '}' : ']';
        return `a \`${close === '}' ? '{' : '['}\` here is never closed: add the missing \`${close}\` (or indent what follows it further)`;
      }
      return `the indentation here does not line up with the surrounding block (${detail})`;
    case 'MISSING_CHAR':
      return `YAML syntax error: ${detail}`;
    default:
      return `YAML syntax error: ${detail}`;
  }
}

function keyText(pair: Pair): string | undefined {
  if (isScalar(pair.key)) return String(pair.key.value);
  return undefined;
}

/** Finds the node (and the pair holding it, for map keys) at `path`, following aliases. */
function nodeAtPath(doc: Document, path: SourcePath): { node: unknown; pair?: Pair; complete: boolean } {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  let last: { node: unknown; pair?: Pair } = { node };
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    pair = undefined;
    let next: unknown;
    if (isMap(node)) {
      for (const item of node.items) {
        if (isPair(item) && keyText(item) === String(segment)) {
          pair = item;
          next = item.value;
          break;
        }
      }
      if (pair === undefined) return { ...last, complete: false };
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      if (next === undefined) return { ...last, complete: false };
    } else {
      return { ...last, complete: false };
    }
    node = next;
    last = pair !== undefined ? { node, pair } : { node };
  }
  return { ...last, complete: true };
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return range[0];
  }
  return undefined;
}

/** Where each value of a JSON text starts, mirroring the parsed value's shape. */
interface JsonPosition {
  at: number;
  keyAt?: number;
  children?: Map<string, JsonPosition> | JsonPosition[];
}

/**
 * Indexes the positions of every value (and key) of a text that JSON.parse has already accepted, in one pass.
 * Also finds repeated keys, which JSON.parse silently resolves to the last one.
 */
function indexJson(text: string): {
  root: JsonPosition;
  duplicates: { key: string; at: number; firstAt: number }[];
} {
  const duplicates: { key: string; at: number; firstAt: number }[] = [];
  let i = 0;
  const skip = () => {
    while (
      i < text.length &&
      (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '\uFEFF')
    )
      i++;
  };
  const stringEnd = (start: number) => {
    let j = start + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  const value = (): JsonPosition => {
    skip();
    const node: JsonPosition = { at: i };
    const ch = text[i];
    if (ch === '{') {
      const children = new Map<string, JsonPosition>();
      node.children = children;
      i++;
      skip();
      while (i < text.length && text[i] !== '}') {
        const keyAt = i;
        const end = stringEnd(i);
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        i = end;
        skip();
        i++; // the colon
        const child = value();
        child.keyAt = keyAt;
        const first = children.get(key);
        if (first) duplicates.push({ key, at: keyAt, firstAt: first.keyAt ?? first.at });
        children.set(key, child);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (ch === '[') {
      const children: JsonPosition[] = [];
      node.children = children;
      i++;
      skip();
      while (i < text.length && text[i] !== ']') {
        children.push(value());
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (ch === '"') {
      i = stringEnd(i);
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i] ?? '')) i++;
    }
    return node;
  };
  return { root: value(), duplicates };
}

function locateJson(root: JsonPosition, path: SourcePath, target: 'key' | 'value'): number {
  let node = root;
  for (const segment of path) {
    const children = node.children;
    const next =
      children instanceof Map
        ? children.get(String(segment))
        : Array.isArray(children) && typeof segment === 'number'
          ? children[segment]
          : undefined;
    if (!next) return node.at;
    node = next;
  }
  return target === 'key' && node.keyAt !== undefined ? node.keyAt : node.at;
}

/**
 * Replaces, in place, every string that looks like a credential but sits under a key that does not say so (an
 * account key pasted as a name, a connection string in a tag). Values under a telling key (`account_key`,
 * `client_secret`) are left to the readers, which drop them and report what kind of credential was there.
 * Returns the paths of the values replaced.
 */
function scrubMisplacedSecrets(root: unknown): SourcePath[] {
  const found: SourcePath[] = [];
  const stack: { value: unknown; path: (string | number)[]; key: string }[] = [
    { value: root, path: [], key: '' },
  ];
  while (stack.length > 0) {
    const { value, path, key } = stack.pop() as { value: unknown; path: (string | number)[]; key: string };
    if (value === null || typeof value !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : Object.entries(value);
    for (const [k, item] of entries) {
      const itemKey = typeof k === 'string' ? k : key;
      if (typeof item === 'string') {
        // The value test first: it rules out nearly every string, and costs a third of the key test.
        if (!containsSecretValue(item) || isSecretKey(itemKey)) continue;
        (value as Record<string | number, unknown>)[k] = sanitizeText(item).text;
        found.push([...path, k]);
      } else if (item !== null && typeof item === 'object')
        stack.push({ value: item, path: [...path, k], key: itemKey });
    }
  }
  return found;
}

function misplacedSecretWarnings(doc: ParsedDocument, file: string): Diagnostic[] {
  return scrubMisplacedSecrets(doc.value).map((path) => ({
    severity: 'warning' as const,
    file,
    ...doc.locate(path),
    path: formatPath(path),
    message:
      'this value looks like a credential (a key, token or signature), so it was dropped and replaced by `<redacted>`; remove it from the file',
  }));
}

/**
 * Parses YAML or JSON text into plain documents, with every syntax problem reported as a located
 * {@link Diagnostic}. Never throws: oversized input, alias bombs, runaway nesting and unfilled template
 * placeholders all come back as diagnostics. Documents that carry an error are left out of `docs`, so a reader
 * only ever sees clean data.
 */
export function parseDocuments(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const result = parseUnbounded(text, file, options);
  // Messages quote keys and values; a pasted blob must not come back whole.
  boundDiagnostics(result.diagnostics);
  return result;
}

function parseUnbounded(text: string, file: string, options: ParseOptions): ParseResult {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const maxDepth = options.maxDepth ?? MAX_NESTING_DEPTH;
  const maxAliasCount = options.maxAliasCount ?? MAX_ALIAS_COUNT;
  const placeholderPolicy = options.placeholders ?? 'error';
  const diagnostics: Diagnostic[] = [];
  const docs: ParsedDocument[] = [];

  // A quick length test first: a UTF-16 string never has more UTF-8 bytes than three per code unit.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: `the input is larger than the ${mb(maxBytes)} limit (about ${mb(utf8Length(text))}); split it or remove what is not needed`,
    });
    return { docs, diagnostics };
  }

  const lineCounter = new LineCounter();
  // LineCounter fills as the parser runs; positions before parsing are computed by hand.
  const position = (offset: number): SourcePosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  let lineStarts: number[] | undefined;
  const positionByHand = (offset: number): SourcePosition => {
    if (lineStarts === undefined) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };

  const tooDeep = findExcessiveNesting(text, maxDepth);
  if (tooDeep !== undefined) {
    diagnostics.push({
      severity: 'error',
      file,
      ...positionByHand(tooDeep),
      message: `the input nests deeper than ${maxDepth} levels; no estate needs that many, so it was not parsed`,
    });
    return { docs, diagnostics };
  }

  const placeholders = placeholderPolicy === 'ignore' ? [] : findPlaceholders(text);
  const placeholderLines = new Set<number>();
  for (const placeholder of placeholders) {
    const at = positionByHand(placeholder.offset);
    placeholderLines.add(at.line);
    diagnostics.push({
      severity: placeholderPolicy === 'warning' ? 'warning' : 'error',
      file,
      ...at,
      message: `template placeholder \`{{${placeholder.name}}}\` was never filled in; replace it with a real value`,
    });
  }

  // JSON goes through JSON.parse and a one-pass position index: the YAML parser takes seconds and hundreds of
  // megabytes on a large JSON export that JSON.parse reads in milliseconds. Text that JSON.parse refuses is
  // handed to the YAML parser, which then reports where it breaks.
  const first = text.search(/\S/);
  if (first >= 0 && (text[first] === '{' || text[first] === '[')) {
    let json: { value: unknown } | undefined;
    try {
      json = { value: JSON.parse(text) as unknown };
    } catch {
      json = undefined;
    }
    if (json) {
      const { root, duplicates } = indexJson(text);
      for (const duplicate of duplicates) {
        const firstAt = positionByHand(duplicate.firstAt);
        diagnostics.push({
          severity: 'error',
          file,
          ...positionByHand(duplicate.at),
          message: `key ${quote(duplicate.key, Number.POSITIVE_INFINITY)} appears twice in the same mapping (first at line ${firstAt.line}); keep one`,
          related: { file, ...firstAt },
        });
      }
      if (duplicates.length === 0 && !(placeholderPolicy === 'error' && placeholders.length > 0)) {
        const doc: ParsedDocument = {
          value: json.value,
          index: 0,
          locate: (path, target = 'value') => positionByHand(locateJson(root, path, target)),
        };
        diagnostics.push(...misplacedSecretWarnings(doc, file));
        docs.push(doc);
      }
      return { docs, diagnostics };
    }
  }

  let parsed: Document.Parsed[];
  try {
    const result = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      merge: true,
      uniqueKeys: true,
      // The library would otherwise print to the console (process warnings in Node) for odd keys.
      logLevel: 'error',
    });
    parsed = Array.isArray(result) ? result : [];
  } catch (error) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message:
        error instanceof RangeError
          ? 'the input nests too deeply or is too convoluted for the parser, so it was not read; simplify or split it'
          : `the input could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { docs, diagnostics };
  }

  // One broken bracket can make the parser report an error per character after it; past the first few, more
  // of them only bury the one that matters.
  let syntaxErrors = 0;
  let unlisted: { count: number; at: SourcePosition } | undefined;
  parsed.forEach((doc, index) => {
    let failed = placeholderPolicy === 'error' && placeholders.length > 0;
    for (const error of doc.errors) {
      if (syntaxErrors >= MAX_SYNTAX_ERRORS) {
        failed = true;
        unlisted ??= { count: 0, at: position(error.pos[0]) };
        unlisted.count++;
        continue;
      }
      syntaxErrors++;
      const at = position(error.pos[0]);
      // A placeholder such as {{X}} often breaks the YAML around it; the placeholder message says it better.
      if (placeholderLines.has(at.line)) {
        failed = true;
        continue;
      }
      failed = true;
      if (error.code === 'DUPLICATE_KEY') {
        diagnostics.push(duplicateKeyDiagnostic(doc, error, file, position));
        continue;
      }
      diagnostics.push({ severity: 'error', file, ...at, message: syntaxMessage(error) });
    }
    for (const warning of doc.warnings) {
      diagnostics.push({
        severity: 'warning',
        file,
        ...position(warning.pos[0]),
        message: `YAML: ${warning.message.split('\n')[0] ?? ''}`,
      });
    }
    if (failed) return;

    const deep = nestingDepth(doc.contents, maxDepth);
    if (deep !== undefined) {
      diagnostics.push({
        severity: 'error',
        file,
        ...position(rangeStart(deep) ?? 0),
        message: `the input nests deeper than ${maxDepth} levels; no estate needs that many, so it was not read`,
      });
      return;
    }

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/Merge sources must be maps/.test(message)) {
        diagnostics.push({
          severity: 'error',
          file,
          ...position(findMergeKey(doc) ?? 0),
          message:
            'a merge key `<<` must point at a mapping (an anchor like `&base {...}`, or a list of them)',
        });
        return;
      }
      const unresolved = /Unresolved alias[^:]*: ([\s\S]*)$/.exec(message)?.[1];
      if (unresolved !== undefined) {
        const alias = findFirstAlias(doc, unresolved);
        diagnostics.push({
          severity: 'error',
          file,
          ...(alias !== undefined ? position(alias.offset) : { line: 1, column: 1 }),
          message: `alias ${quote(`*${unresolved}`)} has no anchor ${quote(`&${unresolved}`)} before it; define the anchor first or write the value out`,
        });
        return;
      }
      const firstAlias = findFirstAlias(doc);
      const at = firstAlias !== undefined ? position(firstAlias.offset) : { line: 1, column: 1 };
      diagnostics.push({
        severity: 'error',
        file,
        ...at,
        message: /alias count/i.test(message)
          ? `aliases expand to too much data (over ${maxAliasCount} alias uses${firstAlias ? `, starting with \`*${firstAlias.name}\`` : ''}); this looks like an alias bomb, so the input was not read`
          : `the document could not be converted: ${message}`,
      });
      return;
    }

    const parsedDoc: ParsedDocument = {
      value,
      index,
      locate(path, target = 'value') {
        const found = nodeAtPath(doc, path);
        let offset: number | undefined;
        if (found.complete && target === 'key' && found.pair) offset = rangeStart(found.pair.key);
        offset ??= rangeStart(found.node) ?? (found.pair ? rangeStart(found.pair.key) : undefined);
        if (offset === undefined) offset = rangeStart(doc.contents) ?? 0;
        return position(offset);
      },
    };
    diagnostics.push(...misplacedSecretWarnings(parsedDoc, file));
    docs.push(parsedDoc);
  });
  if (unlisted !== undefined)
    diagnostics.push({
      severity: 'error',
      file,
      ...unlisted.at,
      message: `${unlisted.count} more YAML syntax errors from here on are not listed; fix the ones above first, as they often cause the rest`,
    });

  return { docs, diagnostics };
}

function findFirstAlias(doc: Document.Parsed, name?: string): { name: string; offset: number } | undefined {
  const stack: unknown[] = [doc.contents];
  let best: { name: string; offset: number } | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) && (name === undefined || node.source === name)) {
      const offset = rangeStart(node) ?? 0;
      if (best === undefined || offset < best.offset) best = { name: node.source, offset };
    } else if (isCollection(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return best;
}

/** Where the first `<<` merge key of a document starts. */
function findMergeKey(doc: Document.Parsed): number | undefined {
  const stack: unknown[] = [doc.contents];
  let best: number | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key;
        const isMerge = (isScalar(key) && key.value === '<<') || (isScalar(key) && key.source === '<<');
        const start = rangeStart(key);
        if (isMerge && start !== undefined && (best === undefined || start < best)) best = start;
        stack.push(item.value);
      } else stack.push(item);
    }
  }
  return best;
}

/** Names the repeated key and points back at its first occurrence. */
function duplicateKeyDiagnostic(
  doc: Document.Parsed,
  error: YAMLError,
  file: string,
  position: (offset: number) => SourcePosition,
): Diagnostic {
  const at = position(error.pos[0]);
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    if (isMap(node)) {
      const seen = new Map<string, Pair>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = keyText(item);
        const start = rangeStart(item.key);
        if (key !== undefined && start !== undefined) {
          const first = seen.get(key);
          if (first && start === error.pos[0]) {
            const firstAt = position(rangeStart(first.key) ?? 0);
            const related: SourceRef = { file, ...firstAt };
            return {
              severity: 'error',
              file,
              ...at,
              message: `key ${quote(key, 80)} appears twice in the same mapping (first at line ${firstAt.line}); keep one`,
              related,
            };
          }
          if (!first) seen.set(key, item);
        }
      }
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push(item.value);
      else stack.push(item);
    }
  }
  return { severity: 'error', file, ...at, message: syntaxMessage(error) };
}
