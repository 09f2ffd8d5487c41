import type { EntityId } from '../../model/ids';
import { mapReferencesInPlace } from '../../model/references';
import type { Entity } from '../../model/types';
import { clone } from './fragment';

/**
 * Reference resolution over whole entities, driven by the model's reference table: every field that
 * model/references.ts lists is passed through one mapping, so a new reference field needs no code here.
 */

/**
 * A copy of `entity` with every reference passed through `canon` (the source reference is shared, not copied).
 * Lists of ids lose the duplicates the mapping makes; sentinels such as a job's `serverless` compute stay.
 */
export function rewriteReferences<E extends Entity>(entity: E, canon: (id: EntityId) => EntityId): E {
  const { source, ...rest } = entity;
  const copy: E = Object.assign(clone(rest), source ? { source } : {}) as E;
  mapReferencesInPlace(copy, canon);
  return copy;
}
