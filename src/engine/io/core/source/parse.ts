import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Pair,
  type YAMLError,
} from 'yaml';
import { createScanner } from 'jsonc-parser';
import type { Diagnostic, SourceRef } from '../../../model/types';
import {
  boundDiagnostics,
  MAX_ALIAS_COUNT,
  MAX_INPUT_BYTES,
  MAX_NESTING_DEPTH,
  MAX_SYNTAX_ERRORS,
  type ParsedDocument,
  type ParseOptions,
  type ParseResult,
  quote,
  type SourcePosition,
} from './documents';
import {
  findExcessiveNesting,
  findPlaceholders,
  lineAt,
  misplacedSecretWarnings,
  nestingDepth,
  scrubMisplacedSecrets,
  syntaxMessage,
  unclosedBracketBefore,
  unclosedFlowCollection,
  utf8Length,
} from './guards';
import { indexJson, JsonLocator, keyText, nodeAtPath, rangeStart, scanJson } from './locate';

/**
 * The one place where input text becomes plain values. Every reader (native estate, az ml YAML, az CLI JSON,
 * Resource Graph) goes through here, so that limits, syntax errors and locations behave the same everywhere.
 * JSON is read by the YAML parser too: JSON is (almost exactly) a subset of YAML 1.2, and reading it this way
 * gives JSON input the same line and column information as YAML.
 */

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
  const lines = new LineIndex(text);
  const positionByHand = (offset: number): SourcePosition => lines.position(offset);

  const first = text.search(/\S/);
  const looksJson = first >= 0 && (text[first] === '{' || text[first] === '[');
  // JSON text gets the quick bracket count; the YAML estimate runs only if the text goes to the YAML parser.
  const tooDeepAt = (tooDeep: number | undefined): ParseResult | undefined => {
    if (tooDeep === undefined) return undefined;
    diagnostics.push({
      severity: 'error',
      file,
      ...positionByHand(tooDeep),
      message: `the input nests deeper than ${maxDepth} levels; no estate needs that many, so it was not parsed`,
    });
    return { docs, diagnostics };
  };
  // JSON is parsed first and measured by the walk that scrubs it (see below); text JSON.parse refuses gets the
  // quick bracket count before the YAML estimate.
  const json = looksJson ? parseJsonOrJsonc(text) : undefined;
  const scrubbed = json ? scrubMisplacedSecrets(json.value, maxDepth) : undefined;
  if (json && scrubbed?.tooDeep) {
    // Where: the first bracket past the limit, in the text as written or, for comments, as read.
    const at = scanJson(text, maxDepth).tooDeepAt ?? scanJson(json.text, maxDepth).tooDeepAt ?? 0;
    return tooDeepAt(at) ?? { docs, diagnostics };
  }
  const tooDeep = tooDeepAt(
    json ? undefined : looksJson ? scanJson(text, maxDepth).tooDeepAt : findExcessiveNesting(text, maxDepth),
  );
  if (tooDeep) return tooDeep;

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

  // JSON goes through JSON.parse, with positions worked out only when asked (see JsonLocator): the YAML parser
  // takes seconds and hundreds of megabytes on a large JSON export that JSON.parse reads in milliseconds. Text
  // that JSON.parse refuses is handed to the YAML parser, which then reports where it breaks.
  if (json && scrubbed) {
    // The walk that scrubbed misplaced credentials also counted the colons JSON.parse kept (one per key, and
    // those inside keys and text); fewer than the text writes means a key repeated, and only then is every
    // position indexed to say which.
    const duplicates = scrubbed.colons === writtenColons(json.text) ? [] : indexJson(json.text).duplicates;
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
      // Paths are found in the text as JSON.parse read it (comments blanked, line breaks in strings spaced out:
      // the same offsets), lines and columns in the text as written.
      const locator = new JsonLocator(json.text, maxDepth);
      const doc: ParsedDocument = { value: json.value, index: 0, locate: jsonLocate(locator, lines) };
      diagnostics.push(...misplacedSecretWarnings(doc, file, scrubbed.found));
      docs.push(doc);
    }
    return { docs, diagnostics };
  }

  if (looksJson) {
    const yamlTooDeep = tooDeepAt(findExcessiveNesting(text, maxDepth));
    if (yamlTooDeep) return yamlTooDeep;
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
      // An unclosed `[` or `{` is reported where it opens, not where the parser gave up; the line is quoted so
      // the message can be read without the file open.
      const open = unclosedFlowCollection(error);
      const offset = (open && unclosedBracketBefore(text, error.pos[0], open)) ?? error.pos[0];
      const line = lineAt(text, offset);
      diagnostics.push({
        severity: 'error',
        file,
        ...(offset === error.pos[0] ? at : position(offset)),
        message: `${syntaxMessage(error)}${line === '' ? '' : `; the line reads ${quote(line, 80)}`}`,
      });
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

/**
 * The colons a JSON text writes, as JSON.parse reads them: every `:` (between keys and values, and inside text)
 * and every `\u003a` escape of one. Comments are blanked out before this is asked.
 */
function writtenColons(text: string): number {
  let count = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) count++;
  if (text.includes('\\u003')) {
    for (const escape of ['\\u003a', '\\u003A'])
      for (let at = text.indexOf(escape); at >= 0; at = text.indexOf(escape, at + 1)) count++;
  }
  return count;
}

/** Line and column of offsets in a text, from its line starts, found the first time they are asked for. */
class LineIndex {
  /** Where each line starts, in the first `lines` entries. */
  private starts: Int32Array | undefined;
  private lines = 0;

  constructor(private readonly text: string) {}

  position(offset: number): SourcePosition {
    if (this.starts === undefined) {
      // A typed array grown by doubling: pushing onto a plain list cost several times the search itself on a
      // large file.
      let starts = new Int32Array(1024);
      let lines = 1;
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (lines === starts.length) {
          const grown = new Int32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[lines++] = i + 1;
      }
      this.starts = starts;
      this.lines = lines;
    }
    const starts = this.starts;
    let low = 0;
    let high = this.lines - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }
}

/**
 * A JSON document's `locate`, made outside the parser's scope: source references keep it to work out their
 * positions when read, and it must hold on to the text's indexes only, not to the parsed value and diagnostics.
 */
function jsonLocate(locator: JsonLocator, lines: LineIndex): ParsedDocument['locate'] {
  return (path, target = 'value') => lines.position(locator.locate(path, target));
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

/**
 * JSON, or JSON with line and block comments as ARM and the az CLI accept it. jsonc-parser's scanner finds the
 * comments (never inside strings, so `"https://..."` stays whole) and each is blanked out character for
 * character, newlines kept, so every offset, and with it every reported line and column, stays the original's.
 */
function parseJsonOrJsonc(text: string): { value: unknown; text: string } | undefined {
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    // Not plain JSON: perhaps JSON with comments.
  }
  const blanked = text.includes('//') || text.includes('/*') ? (blankComments(text) ?? text) : text;
  const lines = lineBreaksInStrings(blanked);
  if (blanked === text && lines === undefined) return undefined;
  try {
    return lines
      ? { value: JSON.parse(lines.escaped) as unknown, text: lines.spaced }
      : { value: JSON.parse(blanked) as unknown, text: blanked };
  } catch {
    return undefined;
  }
}

/**
 * ARM reads a string that runs over several lines (quickstart templates write long `format(...)` expressions
 * so); JSON.parse does not. Gives the text with those line breaks escaped, for the values, and with them as
 * spaces, for locations (same length, so offsets stay the original's). Undefined when there are none.
 */
function lineBreaksInStrings(text: string): { escaped: string; spaced: string } | undefined {
  let inString = false;
  const breaks: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString && ch === '\\') i++;
    else if (ch === '"') inString = !inString;
    else if (inString && (ch === '\n' || ch === '\r')) breaks.push(i);
  }
  if (breaks.length === 0) return undefined;
  const escaped: string[] = [];
  const spaced: string[] = [];
  let copied = 0;
  for (const at of breaks) {
    escaped.push(text.slice(copied, at), text[at] === '\n' ? '\\n' : '\\r');
    spaced.push(text.slice(copied, at), ' ');
    copied = at + 1;
  }
  escaped.push(text.slice(copied));
  spaced.push(text.slice(copied));
  return { escaped: escaped.join(''), spaced: spaced.join('') };
}

/** The text with its comments replaced by spaces of the same length (newlines kept); undefined when it has none. */
// jsonc-parser's SyntaxKind is a const enum, which this project's module settings cannot import; its values.
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const END_OF_TEXT = 17;

function blankComments(text: string): string | undefined {
  const scanner = createScanner(text, false);
  const parts: string[] = [];
  let copied = 0;
  for (let kind = scanner.scan(); kind !== END_OF_TEXT; kind = scanner.scan()) {
    if (kind !== LINE_COMMENT && kind !== BLOCK_COMMENT) continue;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    parts.push(text.slice(copied, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    copied = end;
  }
  if (copied === 0) return undefined;
  parts.push(text.slice(copied));
  return parts.join('');
}
