import type { Diagnostic } from '../../model/types';
import { formatPath, parseDocuments, type ParsedDocument } from '../core/source';

/**
 * Parsing for az ml files, on top of the shared parser. The upstream examples are often templates that a
 * script fills in (`image: {{ACR_NAME}}.azurecr.io/...`). When such a file is still valid YAML it is read, with a
 * warning per placeholder; when the placeholders break the YAML, the file is refused with errors that name them
 * (rather than the parser's own complaint about a stray brace).
 */

export interface AzmlParse {
  docs: ParsedDocument[];
  diagnostics: Diagnostic[];
  /** 1-based lines holding an unfilled `{{...}}` placeholder. */
  placeholderLines: Set<number>;
}

/** Lines with `{{NAME}}` outside comments and outside `${{...}}` expressions. */
function placeholderLinesOf(text: string): Set<number> {
  const lines = new Set<number>();
  if (!text.includes('{{')) return lines;
  text.split('\n').forEach((line, index) => {
    const pattern = /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/g;
    for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
      if (match.index > 0 && line[match.index - 1] === '$') continue;
      if (/(^|\s)#/.test(line.slice(0, match.index))) continue;
      lines.add(index + 1);
      return;
    }
  });
  return lines;
}

/** Parses an az ml file; see the module comment for how template placeholders are treated. */
export function parseAzmlText(text: string, file: string): AzmlParse {
  const placeholderLines = placeholderLinesOf(text);
  let result;
  if (placeholderLines.size === 0) {
    result = parseDocuments(text, file);
  } else {
    const asIs = parseDocuments(text, file, { placeholders: 'ignore' });
    const broken = asIs.diagnostics.some((d) => d.severity === 'error');
    result = parseDocuments(text, file, { placeholders: broken ? 'error' : 'warning' });
  }
  let finder: ((line: number) => string | undefined) | undefined;
  const diagnostics = result.diagnostics.map((d) => {
    if (d.path !== undefined || d.line === undefined) return d;
    finder ??= pathFinder(text);
    const path = finder(d.line);
    return path !== undefined ? { ...d, path } : d;
  });
  return { docs: result.docs, diagnostics, placeholderLines };
}

interface LineShape {
  indent: number;
  /** Column (0-based) where the key starts, after any `- ` indicators. */
  keyIndent: number;
  dash: boolean;
  key?: string;
}

function shapeOf(line: string): LineShape | undefined {
  if (/^\s*(#|$)/.test(line) || /^(---|\.\.\.)\s*$/.test(line)) return undefined;
  const indent = line.length - line.trimStart().length;
  let rest = line.slice(indent);
  let keyIndent = indent;
  let dash = false;
  while (/^-(\s+|$)/.test(rest)) {
    dash = true;
    const width = (/^-\s*/.exec(rest)?.[0] ?? '-').length;
    keyIndent += width;
    rest = rest.slice(width);
  }
  const key = /^("[^"]*"|'[^']*'|[^\s#'"{}[\],&*!|>%@`-][^:#]*?|[$A-Za-z_][^:#]*?)\s*:(\s|$)/.exec(rest)?.[1];
  const shape: LineShape = { indent, keyIndent, dash };
  if (key !== undefined) shape.key = key.replace(/^["']|["']$/g, '');
  return shape;
}

type Node = { row: number; useKey: boolean };

/** The sequence entry or key holding a key that starts at column `column`. */
function keyParent(lines: readonly (LineShape | undefined)[], row: number, column: number): Node | undefined {
  for (let r = row - 1; r >= 0; r--) {
    const shape = lines[r];
    if (!shape || shape.indent >= column) continue;
    if (shape.dash) {
      if (shape.key !== undefined && shape.keyIndent < column) return { row: r, useKey: true };
      // A sibling key inside the same sequence entry: the entry itself is the parent.
      if (shape.keyIndent === column) return { row: r, useKey: false };
      return undefined;
    }
    return shape.key !== undefined ? { row: r, useKey: true } : undefined;
  }
  return undefined;
}

/** The key holding a sequence whose entries start at column `indent` (it may sit at that same column). */
function sequenceParent(
  lines: readonly (LineShape | undefined)[],
  row: number,
  indent: number,
): Node | undefined {
  for (let r = row - 1; r >= 0; r--) {
    const shape = lines[r];
    if (!shape || shape.indent > indent || (shape.dash && shape.indent === indent)) continue;
    if (shape.dash)
      return shape.key !== undefined && shape.keyIndent <= indent
        ? { row: r, useKey: true }
        : { row: r, useKey: false };
    return shape.key !== undefined ? { row: r, useKey: true } : undefined;
  }
  return undefined;
}

function entryIndex(lines: readonly (LineShape | undefined)[], row: number, indent: number): number {
  let index = 0;
  for (let r = row - 1; r >= 0; r--) {
    const shape = lines[r];
    if (!shape || shape.indent > indent) continue;
    if (shape.dash && shape.indent === indent) index++;
    else break;
  }
  return index;
}

/**
 * The field path of a line in block-style YAML (`environment.image`, `jobs.train.inputs`), found from
 * indentation alone, for syntax errors in files the parser could not read. Undefined when the line holds no key
 * and no sequence entry, or when the structure around it cannot be followed.
 */
export function pathAtLine(text: string, line: number): string | undefined {
  return pathFinder(text)(line);
}

/** {@link pathAtLine} for many lines of one text, reading its lines once. */
function pathFinder(text: string): (line: number) => string | undefined {
  const lines = text.split(/\r?\n/).map(shapeOf);
  return (line) => pathInLines(lines, line);
}

function pathInLines(lines: readonly (LineShape | undefined)[], line: number): string | undefined {
  const here = lines[line - 1];
  if (!here || (here.key === undefined && !here.dash)) return undefined;
  const segments: (string | number)[] = [];
  let node: Node | undefined = { row: line - 1, useKey: here.key !== undefined };
  // Each step climbs at least one line, so the walk ends.
  while (node) {
    const shape = lines[node.row];
    if (!shape) return undefined;
    if (node.useKey && shape.key !== undefined) {
      segments.unshift(shape.key);
      if (!shape.dash) {
        node = keyParent(lines, node.row, shape.keyIndent);
        continue;
      }
    }
    if (!shape.dash) return undefined;
    segments.unshift(entryIndex(lines, node.row, shape.indent));
    node = sequenceParent(lines, node.row, shape.indent);
  }
  const out = formatPath(segments);
  return out === '' ? undefined : out;
}
