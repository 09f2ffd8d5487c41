import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Pair } from 'yaml';
import type { SourcePath } from './documents';

/** Where a path of a parsed document sits in the text: through the YAML library's nodes, or by hand for JSON. */


/** The text of a map key, when it is a scalar. */
export function keyText(pair: Pair): string | undefined {
  if (isScalar(pair.key)) return String(pair.key.value);
  return undefined;
}

/** Finds the node (and the pair holding it, for map keys) at `path`, following aliases. */
export function nodeAtPath(doc: Document, path: SourcePath): { node: unknown; pair?: Pair; complete: boolean } {
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

/** The offset where a YAML node starts in the text, when the node has a range. */
export function rangeStart(node: unknown): number | undefined {
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
 * Indexes the positions of every value (and key) of a text that JSON.parse has already accepted, in one pass,
 * and finds repeated keys, which JSON.parse silently resolves to the last one. Run only when {@link scanJson}
 * counted more keys than the parsed value holds: building this index for every input cost more than the read.
 */
export function indexJson(text: string): {
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

/**
 * The offset of the `"` that closes the string opening at `at` (the text's length when none does), found by the
 * engine's own search rather than a loop over every character: most of a JSON text is inside strings.
 */
function closingQuote(text: string, at: number): number {
  for (let end = text.indexOf('"', at + 1); end >= 0; end = text.indexOf('"', end + 1)) {
    // Escaped when an odd number of backslashes comes right before it.
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
  return text.length;
}

/** The containers of a JSON text, found in one pass by {@link scanJson}. */
export interface JsonStructure {
  /** Where each `{` and `[` opens, in text order (so sorted), and where the same container closes. */
  opens: Int32Array;
  closes: Int32Array;
  containers: number;
  /** Where the nesting first goes deeper than the limit (the document itself counting as a level), if it does. */
  tooDeepAt?: number;
}

/**
 * One pass over JSON text: where each container opens and closes (so that a locator can step over a whole value
 * without reading it), stopping where the nesting first exceeds `maxDepth` (the depth guard for text JSON.parse
 * refuses, and the position of the error for text it accepts but nests too deeply).
 */
export function scanJson(text: string, maxDepth: number): JsonStructure {
  let opens = new Int32Array(1024);
  let closes = new Int32Array(1024);
  const open = new Int32Array(Math.min(maxDepth, 1 << 20) + 2);
  let containers = 0;
  let depth = 1;
  const n = text.length;
  // The next of each of the five characters that matter, found by the engine's own search: between them lie
  // indentation and text, which a loop over every character read one by one (a third slower on a template). A
  // bracket found inside a string is searched again past the string's end.
  const next = (char: string, from: number): number => {
    const at = text.indexOf(char, from);
    return at < 0 ? n : at;
  };
  let quote = next('"', 0);
  let openBrace = next('{', 0);
  let closeBrace = next('}', 0);
  let openBracket = next('[', 0);
  let closeBracket = next(']', 0);
  for (;;) {
    const i = Math.min(quote, openBrace, closeBrace, openBracket, closeBracket);
    if (i >= n) break;
    if (i === quote) {
      // A string: skip to its closing quote, past escapes.
      const end = closingQuote(text, i) + 1;
      quote = next('"', end);
      if (openBrace < end) openBrace = next('{', end);
      if (closeBrace < end) closeBrace = next('}', end);
      if (openBracket < end) openBracket = next('[', end);
      if (closeBracket < end) closeBracket = next(']', end);
    } else if (i === openBrace || i === openBracket) {
      if (i === openBrace) openBrace = next('{', i + 1);
      else openBracket = next('[', i + 1);
      if (++depth > maxDepth) return { opens, closes, containers, tooDeepAt: i };
      if (containers === opens.length) {
        const grownOpens = new Int32Array(opens.length * 2);
        grownOpens.set(opens);
        opens = grownOpens;
        const grownCloses = new Int32Array(closes.length * 2);
        grownCloses.set(closes);
        closes = grownCloses;
      }
      opens[containers] = i;
      closes[containers] = n;
      open[depth] = containers++;
    } else {
      if (i === closeBrace) closeBrace = next('}', i + 1);
      else closeBracket = next(']', i + 1);
      if (depth > 1) closes[open[depth] ?? 0] = i;
      depth--;
    }
  }
  return { opens, closes, containers };
}

/** A mapping's members by key (the last of a repeated key, as JSON.parse keeps it), or a list's items. */
type ContainerIndex = Map<string, { keyAt: number; at: number }> | number[];

/**
 * Where a path of a JSON text starts, worked out when asked: the container table of {@link scanJson} is made the
 * first time a value must be stepped over, and a container's members are indexed the first time a path goes
 * through it, so a file read without a message to locate costs nothing here, and one that locates a few hundred
 * fields of a large file never indexes the rest of it.
 */
export class JsonLocator {
  private readonly indexes = new Map<number, ContainerIndex>();
  private readonly root: number;
  private table: JsonStructure | undefined;

  constructor(
    private readonly text: string,
    /** The depth JSON.parse's value was checked against: the table's pass needs no more. */
    private readonly maxDepth: number,
  ) {
    this.root = this.skipBlank(0);
  }

  private get structure(): JsonStructure {
    return (this.table ??= scanJson(this.text, this.maxDepth));
  }

  /**
   * The offset of the node at `path` (or of its key, for `target: 'key'`); the deepest node that exists when the
   * path goes further.
   */
  locate(path: SourcePath, target: 'key' | 'value'): number {
    let at = this.root;
    let keyAt: number | undefined;
    for (const segment of path) {
      const code = this.text.charCodeAt(at);
      let next: number | undefined;
      let nextKey: number | undefined;
      if (code === 123) {
        const member = (this.index(at) as Map<string, { keyAt: number; at: number }>).get(String(segment));
        if (member) {
          next = member.at;
          nextKey = member.keyAt;
        }
      } else if (code === 91 && typeof segment === 'number') next = (this.index(at) as number[])[segment];
      if (next === undefined) return at;
      at = next;
      keyAt = nextKey;
    }
    return target === 'key' && keyAt !== undefined ? keyAt : at;
  }

  private skipBlank(from: number): number {
    const text = this.text;
    let i = from;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff) i++;
      else return i;
    }
  }

  /** The offset just past the string that opens at `at`. */
  private stringEnd(at: number): number {
    return Math.min(closingQuote(this.text, at) + 1, this.text.length);
  }

  /** The offset just past the value that starts at `at`. */
  private valueEnd(at: number): number {
    const text = this.text;
    const code = text.charCodeAt(at);
    if (code === 123 || code === 91) {
      // The container table is in text order: a binary search finds this one.
      const { opens, closes } = this.structure;
      let low = 0;
      let high = this.structure.containers - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((opens[mid] ?? 0) < at) low = mid + 1;
        else high = mid;
      }
      return (closes[low] ?? text.length) + 1;
    }
    if (code === 34) return this.stringEnd(at);
    let i = at;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9) break;
      i++;
    }
    return i;
  }

  private index(at: number): ContainerIndex {
    const known = this.indexes.get(at);
    if (known) return known;
    const text = this.text;
    let i = this.skipBlank(at + 1);
    let index: ContainerIndex;
    if (text.charCodeAt(at) === 123) {
      const members = new Map<string, { keyAt: number; at: number }>();
      while (i < text.length && text.charCodeAt(i) !== 125) {
        const keyAt = i;
        const end = this.stringEnd(i);
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        i = this.skipBlank(this.skipBlank(end) + 1); // past the colon
        members.set(key, { keyAt, at: i });
        i = this.skipBlank(this.valueEnd(i));
        if (text.charCodeAt(i) === 44) i = this.skipBlank(i + 1);
      }
      index = members;
    } else {
      const items: number[] = [];
      while (i < text.length && text.charCodeAt(i) !== 93) {
        items.push(i);
        i = this.skipBlank(this.valueEnd(i));
        if (text.charCodeAt(i) === 44) i = this.skipBlank(i + 1);
      }
      index = items;
    }
    this.indexes.set(at, index);
    return index;
  }
}
