import { describe, expect, it } from 'vitest';
import type { Estate } from '../../engine';
import { contextCache } from './use-analysis-context';

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
    schedule: (run) => queue.push(run),
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
