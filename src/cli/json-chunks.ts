// JSON written in pieces. The CLI's `paths --format json` and `check --format json` can be longer than the longest
// string V8 makes (2^29 - 24 characters; both come within 5% of it on the L tier), so they are produced as a
// sequence of strings, one per entry of the document's tables, whose concatenation is exactly the text the
// single-string form would be.

/**
 * The layout of `check --format json` and `paths --format json` in pieces: the document's fields and the entries
 * of its tables (findings or paths, grants, names...) each on a line of their own, every entry on one line, one
 * piece per entry (`depth` is how many levels are laid out on lines of their own).
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
