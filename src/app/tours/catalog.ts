import type { Tour } from './engine/types';

/*
 * The tours' definitions load on demand (when the list opens, a tour starts or a link names one): they
 * bring the tour engine and the what-if edits with them, which the first paint does not need. The store
 * looks tours up here synchronously once they are in.
 */

let tours: readonly Tour[] | undefined;
let pending: Promise<readonly Tour[]> | undefined;

/** Fetches the tours once; a failed fetch is forgotten so that the next call tries again. */
export function loadTours(): Promise<readonly Tour[]> {
  pending ??= import('./data').then(
    (module) => {
      tours = module.TOURS;
      return module.TOURS;
    },
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/** True once the tours are in and `loadedTourById` can answer. */
export function toursLoaded(): boolean {
  return tours !== undefined;
}

/** The tour with this id, if the tours have loaded and one has it. */
export function loadedTourById(id: string | undefined): Tour | undefined {
  return id === undefined ? undefined : tours?.find((tour) => tour.id === id);
}
