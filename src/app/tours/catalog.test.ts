import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { AppState } from '../store/app-store';
import { createEstateSlice } from '../store/estate-slice';
import { createPanelsSlice } from '../store/panels-slice';
import { createSamplesSlice } from '../store/samples-slice';
import { createSelectionSlice } from '../store/selection-slice';
import { createToursSlice } from '../store/tours-slice';
import { loadTours, loadedTourById, toursLoaded } from './catalog';

// Each test file gets fresh modules, so the tours start out not loaded here.
function newStore() {
  return createStore<AppState>()(
    (...args) =>
      ({
        ...createEstateSlice(...args),
        ...createSelectionSlice(...args),
        ...createSamplesSlice(...args),
        ...createPanelsSlice(...args),
        ...createToursSlice(...args),
      }) as AppState,
  );
}

describe('tour catalog', () => {
  it('knows no tour before loading, every tour after, and starts a tour asked for early once loaded', async () => {
    expect(toursLoaded()).toBe(false);
    expect(loadedTourById('endpoint-image-pull')).toBeUndefined();

    const store = newStore();
    store.getState().startTour('endpoint-image-pull', 'grant-acrpull');
    // Nothing happens synchronously: the definitions are still on their way.
    expect(store.getState().activeTour).toBeUndefined();

    const tours = await loadTours();
    expect(toursLoaded()).toBe(true);
    expect(loadedTourById('endpoint-image-pull')?.id).toBe('endpoint-image-pull');
    expect(loadedTourById('no-such-tour')).toBeUndefined();
    expect(tours.map((tour) => tour.id)).toContain('endpoint-image-pull');
    await Promise.resolve();
    expect(store.getState().activeTour).toMatchObject({ tourId: 'endpoint-image-pull', stepIndex: 3 });
  });

  it('hands every caller the same load', async () => {
    await expect(loadTours()).resolves.toBe(await loadTours());
  });
});
