import { describe, expect, it } from 'vitest';
import { starterEstate } from '../testing/estates';
import { useAppStore } from './app-store';

describe('compare slice', () => {
  it('holds the other estate beside the open one without touching the open estate or its history', () => {
    const open = starterEstate();
    useAppStore.getState().openEstate(open, { kind: 'sample', sampleId: 'starter', file: 'starter.yaml' });
    useAppStore
      .getState()
      .applyEdit({ label: 'rename', apply: (estate) => ({ ...estate, name: 'renamed' }) });
    const { estate, past } = useAppStore.getState();
    const other = { ...open, name: 'other' };

    useAppStore.getState().startComparison(other, 'other.yaml');
    expect(useAppStore.getState().comparison).toEqual({ other, label: 'other.yaml', openIsBefore: true });
    expect(useAppStore.getState().panelTab).toBe('changes');
    useAppStore.getState().swapComparison();
    expect(useAppStore.getState().comparison?.openIsBefore).toBe(false);
    expect(useAppStore.getState().estate).toBe(estate);
    expect(useAppStore.getState().past).toBe(past);

    useAppStore.getState().stopComparison();
    expect(useAppStore.getState().comparison).toBeUndefined();
    expect(useAppStore.getState().panelTab).toBe('findings');
    expect(useAppStore.getState().estate).toBe(estate);
    expect(useAppStore.getState().past).toBe(past);
  });

  it('counts reveal requests so that asking for the same node twice is heard twice', () => {
    useAppStore.getState().revealNode('n1');
    const first = useAppStore.getState().revealRequest;
    useAppStore.getState().revealNode('n1');
    expect(useAppStore.getState().revealRequest).toEqual({ id: 'n1', request: (first?.request ?? 0) + 1 });
  });
});
