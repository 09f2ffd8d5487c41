import { isCollection, isPair, type Node as YamlNode, type YAMLError } from 'yaml';
import type { Diagnostic } from '../../../model/types';
import { containsSecretValue, isSecretKey, redactSecrets, sanitizeText } from '../../secrets';
import { formatPath, type ParsedDocument, type SourcePath } from './documents';

/** The checks that keep hostile or broken text from reaching the parser or a message: size, nesting, placeholders, secrets. */

/** UTF-8 length without allocating the encoded bytes. */
export function utf8Length(text: string): number {
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
export function findExcessiveNesting(text: string, maxDepth: number): number | undefined {
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
export function nestingDepth(root: unknown, maxDepth: number): YamlNode | undefined {
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
export function findPlaceholders(text: string): { name: string; offset: number }[] {
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
export function maskSecrets(text: string): string {
  return text
    .split(/([\s"'`\\]+)/)
    .map(redactSecrets)
    .join('');
}

/**
 * Where the flow collection that a parser error at `offset` left open begins: the last `[` (or `{`) before
 * `offset` that no later bracket of its kind closes, skipping quoted text and comments. The parser notices a
 * missing `]` only where the indentation gives it away, often lines later; a person needs the `[`.
 */
export function unclosedBracketBefore(text: string, offset: number, open: '[' | '{'): number | undefined {
  const close = open === '[' ? ']' : '}';
  const opened: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      else if (c === '\n') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote opens a string only at the start of a scalar, not inside a word such as don't.
      if (i === 0 || /[\s[{,:]/.test(text[i - 1] ?? '')) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === open) opened.push(i);
    else if (c === close) opened.pop();
  }
  return opened.at(-1);
}

/** The line of `text` that holds `offset`, for quoting in a message (secrets masked, kept short by quote()). */
export function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  return maskSecrets(text.slice(start, end < 0 ? text.length : end).trim());
}

/** True when a YAML error is the parser's wording for a `[` or `{` that is never closed. */
export function unclosedFlowCollection(error: YAMLError): '[' | '{' | undefined {
  const match = /Flow (map|sequence) in block collection must be sufficiently indented and end with a ([}\]])/.exec(
    error.message,
  );
  if (error.code !== 'BAD_INDENT' || !match) return undefined;
  return match[2] === '}' ? '{' : '[';
}

/** Turns the YAML library's error into our wording; the library's own text is kept as the detail. */
export function syntaxMessage(error: YAMLError): string {
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


/**
 * Replaces, in place, every string that looks like a credential but sits under a key that does not say so (an
 * account key pasted as a name, a connection string in a tag). Values under a telling key (`account_key`,
 * `client_secret`) are left to the readers, which drop them and report what kind of credential was there.
 * Returns the paths of the values replaced, in document order. The same walk measures the value for the JSON
 * reader, which parses before it can count anything: `colons` counts one per key and each `:` inside keys and
 * text (the text writes more when a key is repeated), and `tooDeep` says a container sits deeper than
 * `maxDepth` levels, the document counting as one (the walk goes no further down).
 */
export function scrubMisplacedSecrets(
  root: unknown,
  maxDepth = Number.POSITIVE_INFINITY,
): { found: SourcePath[]; colons: number; tooDeep: boolean } {
  const walk: ScrubWalk = { found: [], colons: 0, tooDeep: false, maxDepth };
  if (root !== null && typeof root === 'object') scrubWithin(root, [], '', 2, walk);
  return { found: walk.found, colons: walk.colons, tooDeep: walk.tooDeep };
}

interface ScrubWalk {
  found: SourcePath[];
  colons: number;
  tooDeep: boolean;
  readonly maxDepth: number;
}

/** The `:` in a key or text, for {@link scrubMisplacedSecrets}'s count. */
function colonsIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) count++;
  return count;
}

/**
 * {@link scrubMisplacedSecrets} below one container at nesting `level`. `path` is a working stack, extended and
 * restored on the way down, so that only the (rare) values replaced copy it; `key` is the nearest mapping key,
 * which a list's items are judged under.
 */
function scrubWithin(container: object, path: (string | number)[], key: string, level: number, walk: ScrubWalk): void {
  if (level > walk.maxDepth) {
    walk.tooDeep = true;
    return;
  }
  if (Array.isArray(container)) {
    const items = container as unknown[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'string') {
        walk.colons += colonsIn(item);
        // The value test first: it rules out nearly every string, and costs a third of the key test.
        if (!containsSecretValue(item) || isSecretKey(key)) continue;
        items[i] = sanitizeText(item).text;
        walk.found.push([...path, i]);
      } else if (item !== null && typeof item === 'object') {
        path.push(i);
        scrubWithin(item, path, key, level + 1, walk);
        path.pop();
        if (walk.tooDeep) return;
      }
    }
    return;
  }
  const record = container as Record<string, unknown>;
  // for-in rather than Object.keys: no list of keys made for each of a large document's objects (JSON.parse
  // makes plain objects, with nothing inherited to enumerate).
  for (const k in record) {
    walk.colons += 1 + colonsIn(k);
    const item = record[k];
    if (typeof item === 'string') {
      walk.colons += colonsIn(item);
      if (!containsSecretValue(item) || isSecretKey(k)) continue;
      record[k] = sanitizeText(item).text;
      walk.found.push([...path, k]);
    } else if (item !== null && typeof item === 'object') {
      path.push(k);
      scrubWithin(item, path, k, level + 1, walk);
      path.pop();
      if (walk.tooDeep) return;
    }
  }
}

/**
 * Scrubs credential-looking values from a parsed document (see scrubMisplacedSecrets) and warns at each one;
 * `found` when the caller has already scrubbed it.
 */
export function misplacedSecretWarnings(
  doc: ParsedDocument,
  file: string,
  found: readonly SourcePath[] = scrubMisplacedSecrets(doc.value).found,
): Diagnostic[] {
  return found.map((path) => ({
    severity: 'warning' as const,
    file,
    ...doc.locate(path),
    path: formatPath(path),
    message:
      'this value looks like a credential (a key, token or signature), so it was dropped and replaced by `<redacted>`; remove it from the file',
  }));
}

