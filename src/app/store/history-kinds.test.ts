import { describe, expect, it } from 'vitest';
import { starterEstate } from '../testing/estates';
import { createAppStore } from './app-store';
import { sessionFrom } from './persistence';

describe('review marks in the history', () => {
  it('keep their kind through undo and redo, and into the saved session', () => {
    const store = createAppStore();
    store.getState().openEstate(starterEstate(), { kind: 'sample', sampleId: 'starter', file: 'starter.yaml' });
    store.getState().applyEdit({ label: 'what-if', apply: (estate) => ({ ...estate, name: 'a' }) });
    store.getState().applyEdit({ label: 'review', apply: (estate) => ({ ...estate, name: 'b' }), kind: 'review' });
    const kinds = () => store.getState().past.map((step) => step.kind ?? 'what-if');
    expect(kinds()).toEqual(['what-if', 'review']);
    store.getState().undo();
    expect(store.getState().future.map((step) => step.kind)).toEqual(['review']);
    store.getState().redo();
    expect(kinds()).toEqual(['what-if', 'review']);

    const { estate, past, future } = store.getState();
    const session = sessionFrom({ estate: estate!, past, future, view: { focusMode: false } });
    expect(session.past.map((step) => [step.label, step.kind])).toEqual([
      ['what-if', undefined],
      ['review', 'review'],
    ]);
  });
});
