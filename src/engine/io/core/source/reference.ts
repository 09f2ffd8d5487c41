import type { SourceRef } from '../../../model/types';
import { formatPath, type ParsedDocument, type SourcePath, type SourcePosition } from './documents';

/**
 * Source references whose line, column and path text are worked out when first read. A reader makes one for every
 * entity and every field it sets (tens of thousands for a large template), and few are ever shown: locating each
 * path and formatting it up front was a fifth of reading a template.
 */

/** What a deferred reference needs to answer, kept out of sight under a symbol. */
interface Pending {
  readonly locate: ParsedDocument['locate'];
  readonly path: SourcePath;
  readonly target: 'key' | 'value';
  position?: SourcePosition;
  formatted?: string;
}

const PENDING = Symbol('source position to work out');

function pending(ref: object): Pending {
  return (ref as { [PENDING]: Pending })[PENDING];
}

function position(ref: object): SourcePosition {
  const p = pending(ref);
  return (p.position ??= p.locate(p.path, p.target));
}

// One set of getters shared by every reference (no closures per reference), as own, enumerable properties:
// spreading, JSON and structured cloning see them as plain fields, in the order a plain reference has them.
const LINE: PropertyDescriptor = {
  enumerable: true,
  get(this: object): number {
    return position(this).line;
  },
};
const COLUMN: PropertyDescriptor = {
  enumerable: true,
  get(this: object): number {
    return position(this).column;
  },
};
const PATH: PropertyDescriptor = {
  enumerable: true,
  get(this: object): string {
    const p = pending(this);
    return (p.formatted ??= formatPath(p.path));
  },
};

/**
 * A {@link SourceRef} for `path` of a document whose position is found by `locate` when first read. The path is
 * copied (readers extend and restore theirs); `locate` should hold the text's indexes only, not the parsed value,
 * since the reference keeps it alive.
 */
export function deferredSourceRef(
  file: string,
  locate: ParsedDocument['locate'],
  path: SourcePath,
  target: 'key' | 'value' = 'value',
): SourceRef {
  const ref = { file };
  const state: Pending = { locate, path: path.slice(), target };
  // One defineProperty per member with descriptors made once: defineProperties reads its descriptor map anew for
  // every call, and cost twice as much on a template that makes ten thousand references.
  Object.defineProperty(ref, PENDING, { value: state });
  Object.defineProperty(ref, 'line', LINE);
  Object.defineProperty(ref, 'column', COLUMN);
  Object.defineProperty(ref, 'path', PATH);
  return ref;
}
