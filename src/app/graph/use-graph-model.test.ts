import { describe, expect, it } from 'vitest';
import type { Analysis, Estate } from '../../engine';
import { nextShownPair, type ShownPair } from './use-graph-model';

// Stand-ins: the function only compares objects by identity.
const estate = (name: string) => ({ name }) as unknown as Estate;
const analysis = (name: string) => ({ name }) as unknown as Analysis;

describe('which estate and analysis the graph shows', () => {
  const before: ShownPair = { estate: estate('v1'), analysis: analysis('a1') };

  it('keeps the pair it shows while an edit is analysed in the worker (the analysis at hand is stale)', () => {
    const during = { estate: estate('v2'), analysis: before.analysis };
    expect(nextShownPair(before, during, true)).toBe(before);
  });

  it('shows the edited estate with its own analysis once that arrives', () => {
    const after = { estate: estate('v2'), analysis: analysis('a2') };
    expect(nextShownPair(before, after, false)).toBe(after);
  });

  it('shows the new estate at once when the analysis is current (a small estate analysed in place)', () => {
    const current = { estate: estate('v2'), analysis: analysis('a2') };
    expect(nextShownPair(before, current, false)).toBe(current);
  });

  it('shows an estate without analysis while the engine loads, and keeps the same pair object when nothing changed', () => {
    const loading = { estate: estate('v1'), analysis: undefined };
    const shown = nextShownPair(undefined, loading, false);
    expect(shown).toBe(loading);
    expect(nextShownPair(shown, { ...loading }, false)).toBe(shown);
  });

  it('draws the current pair when it has shown nothing yet, stale or not', () => {
    const current = { estate: estate('v2'), analysis: analysis('a1') };
    expect(nextShownPair(undefined, current, true)).toBe(current);
  });
});
