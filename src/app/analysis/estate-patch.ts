import type { Estate } from '../../engine';

/**
 * How one estate differs from another it was edited from. What-if edits keep structural sharing (an untouched
 * collection or entity stays the same object; see src/engine/edits/shared.ts), so the difference is found by
 * identity in one pass over each changed collection and is as small as the edit: the entities that are new or
 * replaced, and where the others now sit. A patch is plain data and crosses to a worker as it is.
 */
export interface EstatePatch {
  /** Top-level fields that are not collections, or collections that did not exist before, with their new value. */
  set: Record<string, unknown>;
  /** Top-level fields the new estate no longer has. */
  removed: string[];
  /**
   * Changed collections: per position of the new array, the index of the same object in the old array, or -1
   * for the next of `items` (new or replaced entities, in order).
   */
  collections: Record<string, { order: Int32Array; items: unknown[] }>;
}

/** The patch that turns `before` into `after` (see {@link EstatePatch}). */
export function estatePatch(before: Estate, after: Estate): EstatePatch {
  const patch: EstatePatch = { set: {}, removed: [], collections: {} };
  const old = before as unknown as Record<string, unknown>;
  const next = after as unknown as Record<string, unknown>;
  for (const key of Object.keys(old)) if (!(key in next)) patch.removed.push(key);
  for (const [key, value] of Object.entries(next)) {
    const previous = old[key];
    if (value === previous) continue;
    if (!Array.isArray(value) || !Array.isArray(previous)) {
      patch.set[key] = value;
      continue;
    }
    const position = new Map<unknown, number>();
    previous.forEach((item, index) => position.set(item, index));
    const order = new Int32Array(value.length);
    const items: unknown[] = [];
    value.forEach((item, index) => {
      const at = position.get(item);
      order[index] = at ?? -1;
      if (at === undefined) items.push(item);
    });
    patch.collections[key] = { order, items };
  }
  return patch;
}

/** Applies a patch from {@link estatePatch} to the estate it was made against; `before` is left as it was. */
export function applyEstatePatch(before: Estate, patch: EstatePatch): Estate {
  const next: Record<string, unknown> = { ...(before as unknown as Record<string, unknown>) };
  for (const key of patch.removed) delete next[key];
  Object.assign(next, patch.set);
  for (const [key, { order, items }] of Object.entries(patch.collections)) {
    const previous = next[key] as readonly unknown[];
    let taken = 0;
    next[key] = Array.from(order, (at) => {
      if (at >= 0) return previous[at];
      if (taken >= items.length)
        throw new Error(`Estate patch of ${key} names more new entities than it carries.`);
      return items[taken++];
    });
  }
  return next as unknown as Estate;
}
