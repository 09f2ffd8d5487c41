import type * as EstateGraphModule from '../graph/estate-graph';

// The graph (React Flow, its d3 helpers, the graph model, layout and routing) is about a third of the
// explorer's JavaScript, and none of it is drawn before an estate is open: the first view is the sample gallery,
// or a status line while a sample or the last visit's work is read. So it is a chunk of its own that the first
// paint does not wait for. Its fetch starts as soon as an estate is on its way (main.tsx: a linked sample, the
// last visit's work; main-area.tsx: a sample chosen, files being read), so that it downloads during the reading.
let pending: Promise<typeof EstateGraphModule> | undefined;
let loaded: typeof EstateGraphModule | undefined;

/** The graph's chunk: fetched on the first call, the same promise after; a failed fetch is not kept, the next call tries again. */
export function loadEstateGraph(): Promise<typeof EstateGraphModule> {
  pending ??= import('../graph/estate-graph').then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A network failure must not stick: a later call (the graph's next mount) fetches again.
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/**
 * The graph's module if its chunk is in. The graph renders it at once then, rather than through React.lazy, which
 * suspends on its first render even for a module already loaded, and React holds back what a Suspense boundary
 * reveals for 300 ms after its fallback showed: on a reload with the last visit's work, the graph came that late.
 */
export function loadedEstateGraph(): typeof EstateGraphModule | undefined {
  return loaded;
}
