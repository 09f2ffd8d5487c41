import type { EntityId } from '../model/ids';
import { COLLECTION_OF_KIND, type Entity, type EntityKind, type Estate, type ManagedIdentitySetting } from '../model/types';

/**
 * Helpers shared by the what-if edits. Every edit keeps structural sharing: an untouched collection or
 * entity stays the same object, so memoised views (and `analyze`'s caches) see exactly what changed,
 * and an edit that changes nothing hands back the very estate it was given (the store then records no step).
 */

export { COLLECTION_OF_KIND };

type CollectionOf<K extends EntityKind> = (typeof COLLECTION_OF_KIND)[K];
type ItemOf<K extends EntityKind> = Estate[CollectionOf<K>][number];

/** The values of one setting with the words the inspector shows for each. */
export type Choices<T extends string> = readonly { value: T; label: string }[];

/**
 * The parameters of an edit that changes some settings of one entity: the entity's id under `IdKey`, then the
 * settings. A setting left out is kept as it is.
 */
type SettingsParams<IdKey extends string, Settings> = { [Key in IdKey]: EntityId } & Partial<Settings>;

/**
 * Replaces one entity of `kind` through `update`. Returns `estate` itself when the entity is absent or
 * `update` returns the entity unchanged (same object).
 */
export function updateEntity<K extends EntityKind>(
  estate: Estate,
  kind: K,
  id: EntityId,
  update: (entity: ItemOf<K>) => ItemOf<K>,
): Estate {
  const collection = COLLECTION_OF_KIND[kind];
  const items = estate[collection] as readonly ItemOf<K>[];
  const index = items.findIndex((item) => (item as Entity).id === id);
  if (index === -1) return estate;
  const current = items[index] as ItemOf<K>;
  const next = update(current);
  if (next === current) return estate;
  const copy = items.slice();
  copy[index] = next;
  return { ...estate, [collection]: copy };
}

/**
 * Applies `settings` to the entity of `kind` with id `id` (see {@link withSettings}): a setting left out keeps its
 * value, and an edit that changes nothing returns `estate` itself.
 */
export function updateSettings<K extends EntityKind>(
  estate: Estate,
  kind: K,
  id: EntityId,
  settings: { [Key in keyof ItemOf<K>]?: ItemOf<K>[Key] },
): Estate {
  return updateEntity(estate, kind, id, (entity) => withSettings(entity, settings));
}

/**
 * The edit that sets some of `settings` on one entity of `kind`, named in its parameters under `idKey`
 * (`{ endpoint, authMode }`); a setting left out of the parameters keeps its value.
 */
export function settingsEdit<K extends EntityKind, IdKey extends string, Setting extends keyof ItemOf<K>>(
  kind: K,
  idKey: IdKey,
  settings: readonly Setting[],
): (estate: Estate, params: SettingsParams<IdKey, Pick<ItemOf<K>, Setting>>) => Estate {
  return (estate, params) => {
    const given: Partial<Pick<ItemOf<K>, Setting>> = params;
    const chosen: Partial<ItemOf<K>> = {};
    for (const setting of settings) chosen[setting] = given[setting];
    return updateSettings(estate, kind, params[idKey], chosen);
  };
}

/** Finds an entity of a kind by id. */
export function findEntity<K extends EntityKind>(estate: Estate, kind: K, id: EntityId): ItemOf<K> | undefined {
  return (estate[COLLECTION_OF_KIND[kind]] as readonly ItemOf<K>[]).find((item) => (item as Entity).id === id);
}

/** True when two id lists hold the same ids in the same order (order matters: a cluster's first UAI is its default). */
export function sameIds(a: readonly EntityId[], b: readonly EntityId[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** True when two identity settings are equal. */
export function sameIdentity(a: ManagedIdentitySetting, b: ManagedIdentitySetting): boolean {
  return a.system === b.system && sameIds(a.userAssigned, b.userAssigned);
}

/** Drops duplicates, keeping first occurrences (Azure holds a set, but its order is the default-identity order). */
export function uniqueIds(ids: readonly EntityId[]): EntityId[] {
  return [...new Set(ids)];
}

/** Returns a copy of `object` without `key`, or `object` itself when the key is absent. */
export function without<T extends object, Key extends keyof T>(object: T, key: Key): T {
  if (!(key in object)) return object;
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/**
 * Returns `entity` with the settings given applied, a setting left out (undefined) keeping its value; returns
 * `entity` itself when none differs, so that an edit that changes nothing records no step.
 */
export function withSettings<T extends object>(entity: T, settings: { [Key in keyof T]?: T[Key] }): T {
  const changed = (Object.keys(settings) as (keyof T)[]).filter(
    (key) => settings[key] !== undefined && settings[key] !== entity[key],
  );
  if (changed.length === 0) return entity;
  const next = { ...entity };
  for (const key of changed) next[key] = settings[key] as T[keyof T];
  return next;
}
