import { describe, expect, it } from 'vitest';
import type { AnalysisContext, Estate } from '../../engine';
import { contextBuilder, contextCache } from './use-analysis-context';

// Stand-ins: the cache only compares estates by identity and asks `isLarge` about them.
const estate = (name: string, large: boolean) => ({ name, large }) as unknown as Estate;

function setup() {
  const builds: string[] = [];
  const queue: (() => void)[] = [];
  let notified = 0;
  const contexts = contextCache({
    build: (e) => {
      const name = (e as unknown as { name: string }).name;
      builds.push(name);
      return { of: name };
    },
    isLarge: (e) => (e as unknown as { large: boolean }).large,
    schedule: (_estate, run) => queue.push(run),
    built: () => notified++,
  });
  return { contexts, builds, queue, notified: () => notified };
}

describe('the analysis context cache', () => {
  it('builds a large estate’s edit after the paint, showing the earlier version’s context until then', () => {
    const { contexts, builds, queue, notified } = setup();
    const v1 = estate('v1', true);
    const v2 = estate('v2', true);
    expect(contexts(v1, 1)).toEqual({ of: 'v1' });
    expect(contexts(v2, 1)).toEqual({ of: 'v1' });
    expect(contexts(v2, 1)).toEqual({ of: 'v1' });
    expect(builds).toEqual(['v1']);
    expect(queue).toHaveLength(1);

    queue.shift()!();
    expect(notified()).toBe(1);
    expect(contexts(v2, 1)).toEqual({ of: 'v2' });
    expect(builds).toEqual(['v1', 'v2']);
  });

  it('builds a small estate’s context on the spot, edit or not', () => {
    const { contexts, builds, queue } = setup();
    contexts(estate('v1', false), 1);
    expect(contexts(estate('v2', false), 1)).toEqual({ of: 'v2' });
    expect(builds).toEqual(['v1', 'v2']);
    expect(queue).toHaveLength(0);
  });

  it('never stands in another document’s context: a newly opened large estate is built on the spot', () => {
    const { contexts, queue } = setup();
    contexts(estate('first', true), 1);
    expect(contexts(estate('second', true), 2)).toEqual({ of: 'second' });
    expect(queue).toHaveLength(0);
  });

  it('builds each estate once, however often it is asked for', () => {
    const { contexts, builds } = setup();
    const v1 = estate('v1', true);
    expect(contexts(v1, 1)).toBe(contexts(v1, 1));
    expect(builds).toEqual(['v1']);
  });
});

describe('contextBuilder', () => {
  it('builds the first context new and derives each later one from the context built last', () => {
    const calls: string[] = [];
    const named = (e: Estate) => (e as unknown as { name: string }).name;
    const build = contextBuilder({
      createAnalysisContext: (e) => {
        calls.push(`create ${named(e)}`);
        return { estate: e } as unknown as AnalysisContext;
      },
      deriveAnalysisContext: (previous, e) => {
        calls.push(`derive ${named(e)} from ${named(previous.estate)}`);
        return { estate: e } as unknown as AnalysisContext;
      },
    });
    const [v1, v2, v3] = ['v1', 'v2', 'v3'].map((name) => estate(name, true)) as [Estate, Estate, Estate];
    build(v1);
    build(v2);
    // An estate built before (undo back to it) is the context already built, shared on this thread.
    expect(build(v1).estate).toBe(v1);
    build(v3);
    expect(calls).toEqual(['create v1', 'derive v2 from v1', 'derive v3 from v1']);
  });
});
