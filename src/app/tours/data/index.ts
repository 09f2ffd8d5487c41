import type { Tour } from '../engine/types';
import { endpointCallersTour } from './endpoint-callers';
import { endpointImagePullTour } from './endpoint-image-pull';
import { privateBaseImagesTour } from './private-base-images';
import { secretInjectionTour } from './secret-injection';
import { trainingJobIdentityTour } from './training-job-identity';
import { workspaceIdentityTour } from './workspace-identity';

/** Every tour, in the order the list shows them. */
export const TOURS: readonly Tour[] = [
  trainingJobIdentityTour,
  endpointImagePullTour,
  workspaceIdentityTour,
  privateBaseImagesTour,
  endpointCallersTour,
  secretInjectionTour,
];

export function tourById(id: string | undefined): Tour | undefined {
  return id === undefined ? undefined : TOURS.find((tour) => tour.id === id);
}
