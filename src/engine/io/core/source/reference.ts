import type { SourceRef } from '../../../model/types';
import { formatPath, type ParsedDocument, type SourcePath, type SourcePosition } from './documents';

/**
 * Source references whose line, column and path text are worked out when first read. A reader makes one for every
 * entity and every field it sets (tens of thousands for a large template), and few are ever shown: locating each
 * path and formatting it up front was a fifth of reading a template.
 */

/**
 * A reference with its pending state in private fields: spreading, JSON, structured cloning and `Object.keys` see
 * only `file`, `line`, `column` and `path`, and no second object is made per reference to hold the state (a large
 * template keeps ten thousand of them, and each object kept is copied by every young-generation collection).
 */
class DeferredSourceRef {
  readonly file: string;
  readonly #locate: ParsedDocument['locate'];
  /** The path, or with {@link #key} the path of the object whose member it is (shared, never changed). */
  #path: SourcePath;
  /** The member of {@link #path} referred to, until the whole path is made (see memberSourceRef). */
  #key: string | number | undefined;
  readonly #target: 'key' | 'value';
  #position: SourcePosition | undefined;
  #formatted: string | undefined;

  constructor(
    file: string,
    locate: ParsedDocument['locate'],
    path: SourcePath,
    key: string | number | undefined,
    target: 'key' | 'value',
  ) {
    this.file = file;
    this.#locate = locate;
    this.#path = path;
    this.#key = key;
    this.#target = target;
    // Own, enumerable accessors, in the order a plain reference has its fields; one defineProperty per member with
    // descriptors made once (defineProperties reads its descriptor map anew on every call: twice the cost).
    Object.defineProperty(this, 'line', LINE);
    Object.defineProperty(this, 'column', COLUMN);
    Object.defineProperty(this, 'path', PATH);
  }

  static position(ref: DeferredSourceRef): SourcePosition {
    return (ref.#position ??= ref.#locate(DeferredSourceRef.path(ref), ref.#target));
  }

  static formatted(ref: DeferredSourceRef): string {
    return (ref.#formatted ??= formatPath(DeferredSourceRef.path(ref)));
  }

  /** The whole path, made from the object's path and the member's key the first time it is needed. */
  private static path(ref: DeferredSourceRef): SourcePath {
    if (ref.#key !== undefined) {
      ref.#path = ref.#path.concat(ref.#key);
      ref.#key = undefined;
    }
    return ref.#path;
  }
}

// One set of getters shared by every reference (no closures per reference).
const LINE: PropertyDescriptor = {
  enumerable: true,
  get(this: DeferredSourceRef): number {
    return DeferredSourceRef.position(this).line;
  },
};
const COLUMN: PropertyDescriptor = {
  enumerable: true,
  get(this: DeferredSourceRef): number {
    return DeferredSourceRef.position(this).column;
  },
};
const PATH: PropertyDescriptor = {
  enumerable: true,
  get(this: DeferredSourceRef): string {
    return DeferredSourceRef.formatted(this);
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
  return new DeferredSourceRef(file, locate, path.slice(), undefined, target) as unknown as SourceRef;
}

/**
 * {@link deferredSourceRef} for a path the caller made for this reference alone and never changes: it is kept as
 * it is, not copied.
 */
export function ownedSourceRef(file: string, locate: ParsedDocument['locate'], path: SourcePath): SourceRef {
  return new DeferredSourceRef(file, locate, path, undefined, 'value') as unknown as SourceRef;
}

/**
 * {@link ownedSourceRef} for member `key` of the object at `base` (a path never changed, which many references may
 * share): the member's own path is made only when the reference is read. A large template gives each entity a
 * dozen fields beside one another, and few references are ever read.
 */
export function memberSourceRef(
  file: string,
  locate: ParsedDocument['locate'],
  base: SourcePath,
  key: string | number,
): SourceRef {
  return new DeferredSourceRef(file, locate, base, key, 'value') as unknown as SourceRef;
}
