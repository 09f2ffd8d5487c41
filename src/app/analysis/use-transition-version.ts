import { startTransition, useEffect, useState } from 'react';

/**
 * Re-renders the calling component whenever `subscribe`'s source has news, as a transition, and returns the
 * version it rendered with. For results computed off the main path (a worker's analysis, a context built after
 * the paint): on a business unit they redraw the graph (its model over tens of thousands of paths, the lens,
 * routes and labels) and every panel, and as one urgent render that was a task of 300 ms or more in which the
 * page answered no input. As a transition React renders in slices, between which the page stays responsive,
 * and commits the whole at once, so the findings and the graph still change in the same paint.
 * Not useSyncExternalStore: its updates are always urgent.
 */
export function useTransitionVersion(subscribe: (listener: () => void) => () => void, getVersion: () => number): number {
  const [seen, setSeen] = useState(getVersion);
  useEffect(() => {
    const look = () => startTransition(() => setSeen(getVersion()));
    const unsubscribe = subscribe(look);
    // News that came between the render and the subscription.
    look();
    return unsubscribe;
  }, [subscribe, getVersion]);
  return seen;
}
