import { describe, expect, it } from 'vitest';
import { starterEstate } from '../testing/estates';
import { createAppStore } from './app-store';
import { confirmReplace } from './replace-guard-slice';

function storeWithEdits(edits: number) {
  const store = createAppStore();
  store.getState().openEstate(starterEstate(), { kind: 'sample', sampleId: 'starter', file: 'starter.yaml' });
  for (let i = 0; i < edits; i++) store.getState().applyEdit({ label: `edit ${i}`, apply: (estate) => ({ ...estate, name: `${estate.name}!` }) });
  return store;
}

describe('replace guard', () => {
  it('goes ahead at once, without a question, when nothing would be lost', () => {
    const store = storeWithEdits(0);
    let went = false;
    store.getState().requestReplace('open x', () => (went = true));
    expect(went).toBe(true);
    expect(store.getState().replaceQuestion).toBeUndefined();
  });

  it('asks over edits, and goes ahead or cancels as answered', async () => {
    const store = storeWithEdits(2);
    const asked = confirmReplace(store.getState(), 'open x');
    expect(store.getState().replaceQuestion).toMatchObject({ what: 'open x', edits: 2 });
    store.getState().replaceQuestion!.answer(false);
    await expect(asked).resolves.toBe(false);
    expect(store.getState().replaceQuestion).toBeUndefined();

    const again = confirmReplace(store.getState(), 'open y');
    store.getState().replaceQuestion!.answer(true);
    await expect(again).resolves.toBe(true);
  });

  it('a newer request cancels the question still open', async () => {
    const store = storeWithEdits(1);
    const first = confirmReplace(store.getState(), 'open x');
    const second = confirmReplace(store.getState(), 'open y');
    await expect(first).resolves.toBe(false);
    expect(store.getState().replaceQuestion?.what).toBe('open y');
    store.getState().replaceQuestion!.answer(true);
    await expect(second).resolves.toBe(true);
  });

  it('choosing a sample over edits waits for the answer', () => {
    const store = storeWithEdits(1);
    const request = store.getState().sampleRequest;
    store.getState().chooseSample('other', 'Other sample');
    expect(store.getState().sampleRequest).toBe(request);
    expect(store.getState().replaceQuestion?.what).toBe('open the sample “Other sample”');
    store.getState().replaceQuestion!.answer(true);
    expect(store.getState()).toMatchObject({ sampleRequest: request + 1, chosenSampleId: 'other' });
  });
});

describe('replace guard and tours', () => {
  it('does not ask about steps a tour made, only about the user’s own', () => {
    const store = storeWithEdits(0);
    store.getState().applyEdit({ label: 'tour step', apply: (estate) => ({ ...estate, name: 't' }), kind: 'tour' });
    let went = false;
    store.getState().requestReplace('open x', () => (went = true));
    expect(went).toBe(true);
    store.getState().applyEdit({ label: 'mine', apply: (estate) => ({ ...estate, name: 'u' }) });
    store.getState().requestReplace('open y', () => undefined);
    expect(store.getState().replaceQuestion).toMatchObject({ what: 'open y', edits: 1 });
  });
});
