import type * as EstateGraphModule from '../graph/estate-graph';

// The graph (React Flow, its d3 helpers, the graph model, layout and routing) is about a third of the
// explorer's JavaScript, and none of it is drawn before an estate is open: the first view is the sample gallery,
// or a status line while a sample or the last visit's work is read. So it is a chunk of its own, fetched as
// soon as an estate is on its way rather than when it arrives, so that the download overlaps the reading.
let pending: Promise<typeof EstateGraphModule> | undefined;

/** The graph's chunk: fetched on the first call, the same promise after; a failed fetch is not kept, the next call tries again. */
export function loadEstateGraph(): Promise<typeof EstateGraphModule> {
  pending ??= import('../graph/estate-graph').catch((error: unknown) => {
    // A network failure must not stick: a later call (the next estate on its way) fetches again.
    pending = undefined;
    throw error;
  });
  return pending;
}
