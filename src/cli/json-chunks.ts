// JSON written in pieces. The CLI's `paths --format json` and `check --format json` can be longer than the longest
// string V8 makes (about 512 MB on the L tier), so they are produced as a sequence of strings, one per entry of the
// document's large arrays and tables, whose concatenation is exactly the text the single-string form would be.

/** Two spaces: the indentation of every JSON document the CLI writes. */
const GAP = '  ';

/** What JSON.stringify serialises in place of a value: its toJSON(key), when it has one. */
function serialisable(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  return value;
}

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * `JSON.stringify(value, null, 2)` in pieces: the containers of the first `depth` levels are opened here, one
 * piece per entry at the deepest of them (with its indentation and separator), and everything below that is one
 * `JSON.stringify` re-indented to where it sits. Joined, the pieces are that call's text, byte for byte.
 */
export function* prettyJsonChunks(value: unknown, depth: number): Generator<string> {
  yield* pretty(serialisable(value, ''), depth, '', '', '');
}

function* pretty(value: unknown, depth: number, indent: string, prefix: string, suffix: string): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object') {
    // Pretty JSON of a nested value is the top-level text with every line after the first moved right by the
    // indentation of where it sits (a JSON string never holds a raw line break, so only layout lines move).
    const text = JSON.stringify(value, null, GAP) as string | undefined;
    yield `${prefix}${text === undefined ? 'null' : indent === '' ? text : text.replaceAll('\n', `\n${indent}`)}${suffix}`;
    return;
  }
  const inner = indent + GAP;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield `${prefix}[]${suffix}`;
      return;
    }
    yield `${prefix}[\n`;
    for (let at = 0; at < value.length; at++) {
      const item = serialisable(value[at], String(at));
      yield* pretty(omitted(item) ? null : item, depth - 1, inner, inner, at < value.length - 1 ? ',\n' : '');
    }
    yield `\n${indent}]${suffix}`;
    return;
  }
  const fields: [string, unknown][] = [];
  for (const key of Object.keys(value)) {
    const field = serialisable((value as Record<string, unknown>)[key], key);
    if (!omitted(field)) fields.push([key, field]);
  }
  if (fields.length === 0) {
    yield `${prefix}{}${suffix}`;
    return;
  }
  yield `${prefix}{\n`;
  for (let at = 0; at < fields.length; at++) {
    const [key, field] = fields[at] as [string, unknown];
    yield* pretty(field, depth - 1, inner, `${inner}${JSON.stringify(key)}: `, at < fields.length - 1 ? ',\n' : '');
  }
  yield `\n${indent}}${suffix}`;
}

/**
 * The layout of `check --format json` in pieces: the document's fields and the entries of its tables (findings,
 * grants, fixes, rules, names) each on a line of their own, every entry on one line, one piece per entry.
 */
export function* entriesPerLineChunks(value: unknown, depth = 2): Generator<string> {
  yield* entriesPerLine(value, depth, '', '', '');
}

function* entriesPerLine(value: unknown, depth: number, indent: string, prefix: string, suffix: string): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object') {
    yield `${prefix}${(JSON.stringify(value) as string | undefined) ?? 'null'}${suffix}`;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield `${prefix}[]${suffix}`;
      return;
    }
    yield `${prefix}[\n`;
    for (let at = 0; at < value.length; at++) yield* entriesPerLine(value[at], depth - 1, inner, inner, at < value.length - 1 ? ',\n' : '');
    yield `\n${indent}]${suffix}`;
    return;
  }
  // Fields left undefined are left out, as JSON.stringify leaves them.
  const fields = Object.entries(value).filter(([, field]) => field !== undefined);
  if (fields.length === 0) {
    yield `${prefix}{}${suffix}`;
    return;
  }
  yield `${prefix}{\n`;
  for (let at = 0; at < fields.length; at++) {
    const [key, field] = fields[at] as [string, unknown];
    yield* entriesPerLine(field, depth - 1, inner, `${inner}${JSON.stringify(key)}: `, at < fields.length - 1 ? ',\n' : '');
  }
  yield `\n${indent}}${suffix}`;
}
