import { type Entity, type EntityId, entityMap, type Estate } from '../../engine';
import type { AppState } from './app-state';

/*
 * Narrow selectors: each component subscribes to the smallest slice of state it renders, so that opening
 * or editing the estate re-renders only what depends on the changed part. All return values that are
 * stable between calls (store fields or entities of the estate), as zustand compares them with Object.is.
 */

export const selectEstate = (state: AppState): Estate | undefined => state.estate;
export const selectEstateName = (state: AppState): string | undefined => state.estate?.name;
export const selectDocumentVersion = (state: AppState): number => state.documentVersion;
export const selectOpenEstate = (state: AppState): AppState['openEstate'] => state.openEstate;
export const selectCloseEstate = (state: AppState): AppState['closeEstate'] => state.closeEstate;
export const selectSelectedEntityId = (state: AppState): EntityId | undefined => state.selectedEntityId;
export const selectChosenSampleId = (state: AppState): string | undefined => state.chosenSampleId;
export const selectChooseSample = (state: AppState): AppState['chooseSample'] => state.chooseSample;

// One id lookup per estate object: estates are replaced, never mutated, so the estate itself is the cache key.
const lookups = new WeakMap<Estate, Map<EntityId, Entity>>();

function lookupFor(estate: Estate): Map<EntityId, Entity> {
  let byId = lookups.get(estate);
  if (!byId) {
    byId = entityMap(estate);
    lookups.set(estate, byId);
  }
  return byId;
}

export const selectSelectedEntity = (state: AppState): Entity | undefined =>
  state.estate && state.selectedEntityId !== undefined
    ? lookupFor(state.estate).get(state.selectedEntityId)
    : undefined;
