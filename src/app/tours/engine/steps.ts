import type { Tour } from './types';

// Apart from engine.ts so that the store can use it without loading the what-if edits the engine needs.

/** The index of the step with this id, or 0 when the tour has no such step (an old link, say). */
export function stepIndexOf(tour: Tour, stepId: string | undefined): number {
  if (stepId === undefined) return 0;
  const index = tour.steps.findIndex((step) => step.id === stepId);
  return index === -1 ? 0 : index;
}
