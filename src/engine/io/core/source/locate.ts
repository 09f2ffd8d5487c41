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
export interface JsonPosition {
  at: number;
  keyAt?: number;
  children?: Map<string, JsonPosition> | JsonPosition[];
}

/**
 * Indexes the positions of every value (and key) of a text that JSON.parse has already accepted, in one pass.
 * Also finds repeated keys, which JSON.parse silently resolves to the last one.
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
 * The offset of the node at `path` in JSON text indexed by {@link indexJson} (or of its key, for `target: 'key'`);
 * the deepest node that exists when the path goes further.
 */
export function locateJson(root: JsonPosition, path: SourcePath, target: 'key' | 'value'): number {
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
