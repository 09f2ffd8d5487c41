// What the initial bundle is made of: `npm run size -- --why` prints, under the budget check, the source files
// and packages that take most of the initial JavaScript, read from the build's source maps.
//
// Each byte of a built chunk belongs to the source file its source-map segment names (bytes before a line's
// first segment, or in a segment with no source, are "(no source)": the bundler's own glue). Gzip has no such
// map, so a source's gzip share is estimated as its share of the chunk's bytes times the chunk's gzip size: good
// enough to see what is worth moving behind an import(), not an exact cost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));
const NO_SOURCE = '(no source)';

/**
 * The fields of each segment of one line of a source map's `mappings` (base64 VLQ, relative values).
 * @param {string} line
 * @returns {number[][]}
 */
function decodeLine(line) {
  const segments = [];
  let segment = [];
  let value = 0;
  let shift = 0;
  for (const char of line) {
    if (char === ',') {
      segments.push(segment);
      segment = [];
      continue;
    }
    const digit = DIGIT.get(char);
    if (digit === undefined)
      throw new Error(`The source map has "${char}" in its mappings, which is not base64.`);
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0) {
      segment.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  if (segment.length > 0) segments.push(segment);
  return segments;
}

/**
 * How many bytes (UTF-8) of a built file come from each source file its source map names.
 * @param {string} code the built file
 * @param {{ sources: string[]; mappings: string }} map its source map (version 3, no index map)
 * @returns {Map<string, number>} source path as the map gives it, or "(no source)", to bytes; the bytes add up to the file's
 */
export function bytesBySource(code, map) {
  const bytes = new Map();
  const add = (source, text) => {
    if (text.length > 0) bytes.set(source, (bytes.get(source) ?? 0) + Buffer.byteLength(text));
  };
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  // The source index is relative to the previous segment's across lines; the other fields are not needed here.
  let source = 0;
  lines.forEach((text, index) => {
    if (index < lines.length - 1) add(NO_SOURCE, '\n');
    let column = 0;
    let start = 0;
    let owner = NO_SOURCE;
    for (const segment of decodeLine(mappingLines[index] ?? '')) {
      column += segment[0];
      add(owner, text.slice(start, column));
      start = column;
      if (segment.length > 1) {
        source += segment[1];
        owner = map.sources[source] ?? NO_SOURCE;
      } else owner = NO_SOURCE;
    }
    add(owner, text.slice(start));
  });
  return bytes;
}

/**
 * A source path shortened to what a reader looks for: `src/...` for the project's files, the package name for
 * anything under node_modules (a package's files add up to one row).
 * @param {string} source
 */
export function sourceLabel(source) {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = source.slice(modules + 'node_modules/'.length).split('/');
    return `package ${scope?.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  const src = source.lastIndexOf('src/');
  return src >= 0 ? source.slice(src) : source;
}

/**
 * The estimated gzip bytes of each source (by its label) over some built files of a build folder.
 * @param {string} dist the build folder, built with source maps (`--sourcemap hidden` keeps the files as served)
 * @param {string[]} files built JavaScript files, relative to `dist`
 * @returns {{ label: string; bytes: number; gzip: number }[]} largest estimated gzip first
 */
export function initialSources(dist, files) {
  const rows = new Map();
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    let map;
    try {
      map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8'));
    } catch {
      throw new Error(
        `${file} has no source map beside it: build with --sourcemap hidden (npm run size -- --why does).`,
      );
    }
    const total = Buffer.byteLength(code);
    const gzip = gzipSync(code, { level: 9 }).length;
    for (const [source, bytes] of bytesBySource(code, map)) {
      const label = sourceLabel(source);
      const row = rows.get(label) ?? { label, bytes: 0, gzip: 0 };
      row.bytes += bytes;
      row.gzip += total === 0 ? 0 : (bytes / total) * gzip;
      rows.set(label, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.gzip - a.gzip);
}
