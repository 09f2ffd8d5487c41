/**
 * Escaping for Markdown (CommonMark + GitHub) and Mermaid. Everything that comes from an estate goes through
 * one of these before it reaches the report, so a name cannot open a link, an image, raw HTML, a code span, a
 * table cell or a Mermaid directive.
 */

/**
 * Text for a paragraph, a list item, a heading or a table cell. Line breaks become spaces; `&`, `<`, `>` become
 * entities (no raw HTML, no autolinks); the punctuation that opens inline syntax (emphasis, links, images, code
 * spans, table cells, strikethrough, math) is backslash-escaped, and so is whatever would start a block
 * (heading, list, quote) at the start of the text. Dots, dashes and colons inside the text stay readable.
 */
export function mdText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/[\\`*_{}[\]()!|~$]/g, (c) => `\\${c}`)
      .replace(/^(\s*)([#+=-])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/**
 * A fenced code block whose fence is longer than any run of backticks in the content, so the content cannot
 * close it. Inside a fence nothing is interpreted: the text is shown as it is.
 */
export function mdCodeBlock(content: string, info = ''): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const safeInfo = info.replace(/[^A-Za-z0-9_-]/g, '');
  return `${fence}${safeInfo}\n${content.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}

/**
 * A link destination for a relative file name the report points at (an image of the graph): every path
 * segment is percent-encoded, so a scheme (`javascript:`), parentheses, spaces or angle brackets cannot
 * survive as syntax. Absolute URLs are not accepted; the caller passes a file name.
 */
export function mdFileLink(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * Text for a Mermaid label inside `["..."]` or `|...|`. Mermaid reads `#name;` and `#123;` as entity codes, so
 * every character that means something to Mermaid, Markdown or HTML is written as a numeric entity code;
 * line breaks become spaces.
 */
export function mermaidText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/[^A-Za-z0-9 ._@/,:+=-]/gu, (c) => `#${c.codePointAt(0) ?? 63};`)
  );
}
