import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { loadTours, loadedTourById, toursLoaded } from './catalog';

// Each test file gets fresh modules, so the tours start out not loaded here.
describe('tour catalog', () => {
  it('knows no tour before loading, every tour after, and starts a tour asked for early once loaded', async () => {
    expect(toursLoaded()).toBe(false);
    expect(loadedTourById('endpoint-image-pull')).toBeUndefined();

    const store = createAppStore();
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
