import { beforeAll, describe, expect, it } from 'vitest';
import { loadTours } from '../tours/catalog';
import { sampleEstate } from '../testing/tours';
import { createAppStore } from './app-store';


describe('tours slice', () => {
  // The tours load on demand in the app; these tests are about the slice once they are in.
  beforeAll(() => loadTours());

  it('opens the tour’s sample when something else is open, and sets up after it opened', () => {
    const store = createAppStore();
    store.getState().startTour('endpoint-image-pull', 'grant-acrpull');
    const state = store.getState();
    expect(state.chosenSampleId).toBe('endpoint-user-assigned');
    expect(state.sampleRequest).toBe(1);
    expect(state.activeTour).toEqual({
      tourId: 'endpoint-image-pull',
      stepIndex: 3,
      setup: { kind: 'after-open', afterDocument: 0 },
    });
    expect(state.tourProgress['endpoint-image-pull']).toMatchObject({
      stepId: 'grant-acrpull',
      completed: false,
    });
  });

  it('keeps the open estate when it is the tour’s sample already', () => {
    const store = createAppStore();
    store
      .getState()
      .openEstate(sampleEstate('endpoint-user-assigned'), {
        kind: 'sample',
        sampleId: 'endpoint-user-assigned',
        file: 'x.yaml',
      });
    store.getState().startTour('endpoint-image-pull');
    expect(store.getState().sampleRequest).toBe(0);
    expect(store.getState().activeTour?.setup).toEqual({ kind: 'now' });
    store.getState().completeTourSetup();
    expect(store.getState().activeTour?.setup).toBeUndefined();
  });

  it('moves between steps, records progress and marks the tour finished at its last step', () => {
    const store = createAppStore();
    store.getState().startTour('endpoint-image-pull');
    store.getState().goToTourStep(2);
    expect(store.getState().tourProgress['endpoint-image-pull']?.stepId).toBe('why');
    store.getState().goToTourStep(4);
    expect(store.getState().tourProgress['endpoint-image-pull']).toMatchObject({
      stepId: 'what-is-left',
      completed: true,
    });
    // Going back keeps "finished": the person has been through it once.
    store.getState().goToTourStep(1);
    expect(store.getState().tourProgress['endpoint-image-pull']).toMatchObject({
      stepId: 'open-path',
      completed: true,
    });
  });

  it('ignores unknown tours and steps out of range', () => {
    const store = createAppStore();
    store.getState().startTour('no-such-tour');
    expect(store.getState().activeTour).toBeUndefined();
    store.getState().startTour('endpoint-image-pull');
    const before = store.getState().activeTour;
    store.getState().goToTourStep(99);
    store.getState().goToTourStep(-1);
    expect(store.getState().activeTour).toBe(before);
  });

  it('leaving clears the tour and its highlight but keeps progress', () => {
    const store = createAppStore();
    store.getState().startTour('endpoint-image-pull', 'why');
    store.getState().setTourHighlight({ nodes: ['a'], paths: [] });
    store.getState().leaveTour();
    expect(store.getState().activeTour).toBeUndefined();
    expect(store.getState().tourHighlight).toBeUndefined();
    expect(store.getState().tourProgress['endpoint-image-pull']?.stepId).toBe('why');
  });
});
