import { useEffect, useMemo } from 'react';
import { loadAnalysisContext, type AnalysisContext, type Estate } from '../../engine';
import type { RoleNames } from '../graph/graph-model';
import { useAppStore } from '../store/app-store';
import { selectDocumentVersion, selectEstate } from '../store/selectors';
import { needsWorker } from './analysis-runner';
import { afterAnalysisOf } from './use-analysis';
import { shareContext, sharedContext } from './shared-contexts';
import { useTransitionVersion } from './use-transition-version';

// The context carries the RBAC index, and the index the complete built-in role catalog (hundreds of kB):
// it loads as its own chunk after the first paint, and the panels show nothing to ask about until it is in.
type ContextModule = Awaited<ReturnType<typeof loadAnalysisContext>>;
let loaded: ContextModule | undefined;
let loading: Promise<ContextModule> | undefined;
/** Changes whenever the module arrives or a deferred context is built: what the hooks below return may change. */
let version = 0;
const listeners = new Set<() => void>();

function notify(): void {
  version++;
  for (const listener of [...listeners]) listener();
}

/** Loads the analysis context module (and with it the role catalog) once; resolves when it is ready. */
function contextModule(): Promise<ContextModule> {
  loading ??= loadAnalysisContext().then((module) => {
    loaded = module;
    notify();
    return module;
  });
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const getVersion = () => version;

/** The context module, once loaded (starting the load when an estate is open); re-renders when it arrives. */
function useContextModule(estate: Estate | undefined): { module: ContextModule | undefined; version: number } {
  // A context built after the paint re-renders the panels as a transition (see useTransitionVersion).
  const current = useTransitionVersion(subscribe, getVersion);
  useEffect(() => {
    // A failed load (a network blip) is retried on the next estate rather than left rejected for good.
    if (estate && !loaded) contextModule().catch(() => (loading = undefined));
  }, [estate]);
  return { module: loaded, version: current };
}

/**
 * One context per estate object (same cache discipline as the analysis); the panels need the RBAC index
 * (with Azure ML's automatic grants in it) and the topology to look things up and to ask new questions.
 * A small estate's context is built on the spot (a few milliseconds). A large estate's, when an earlier
 * version of the same document has one, is built through `schedule` (after the paint that shows the edit's
 * analysis): until then the earlier version's context stands in, as the earlier analysis does while the worker
 * analyses the edit. On a business unit the build takes over 100 ms: inside a what-if edit's change event it
 * held up the edit's first paint, and right after that paint it took a core from the worker analysing the edit.
 * `built` is called once a deferred context is ready.
 */
export function contextCache<Context>(options: {
  build: (estate: Estate) => Context;
  isLarge: (estate: Estate) => boolean;
  schedule: (estate: Estate, run: () => void) => void;
  built: () => void;
}): (estate: Estate, document: number) => Context {
  const cache = new WeakMap<Estate, Context>();
  const scheduled = new WeakSet<Estate>();
  let latest: { document: number; context: Context } | undefined;
  const contextOf = (estate: Estate): Context => {
    let context = cache.get(estate);
    if (context === undefined) {
      context = options.build(estate);
      cache.set(estate, context);
    }
    return context;
  };
  return (estate, document) => {
    const known = cache.get(estate);
    if (known === undefined && options.isLarge(estate) && latest?.document === document) {
      if (!scheduled.has(estate)) {
        scheduled.add(estate);
        options.schedule(estate, () => {
          contextOf(estate);
          options.built();
        });
      }
      return latest.context;
    }
    const context = known ?? contextOf(estate);
    latest = { document, context };
    return context;
  };
}

let contexts: ((estate: Estate, document: number) => AnalysisContext) | undefined;

/**
 * How this thread builds an estate's context: the one the analyzer of this thread already built (a small estate's
 * edit), else derived from the context built last (most often the version before an edit: the scope chains and the
 * role catalog are reused where the estate kept them, which roughly halves a large estate's build), else a new one.
 * Deriving from an unrelated context is safe: only what is the same object is reused.
 */
export function contextBuilder(module: Pick<ContextModule, 'createAnalysisContext' | 'deriveAnalysisContext'>): (estate: Estate) => AnalysisContext {
  let lastBuilt: AnalysisContext | undefined;
  return (estate) => {
    const context =
      sharedContext(estate) ??
      shareContext(lastBuilt === undefined ? module.createAnalysisContext(estate) : module.deriveAnalysisContext(lastBuilt, estate));
    lastBuilt = context;
    return context;
  };
}

function contextFor(module: ContextModule, estate: Estate, document: number): AnalysisContext {
  contexts ??= contextCache({ build: contextBuilder(module), isLarge: needsWorker, schedule: afterAnalysisOf, built: notify });
  return contexts(estate, document);
}

/**
 * The analysis context of the open estate, or undefined while its module loads; derived, never stored.
 * On a large estate, right after an edit, it may briefly be the context of the version before the edit
 * (see contextCache); `context.estate` says which.
 */
export function useAnalysisContext(): AnalysisContext | undefined {
  const estate = useAppStore(selectEstate);
  const document = useAppStore(selectDocumentVersion);
  const { module, version: current } = useContextModule(estate);
  return useMemo(
    () => (estate && module ? contextFor(module, estate, document) : undefined),
    // `current` changes when a deferred context has been built: look again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [estate, module, document, current],
  );
}

let builtInRoles: RoleNames | undefined;

/**
 * The names of the built-in roles, for the graph's labels, once the catalog's chunk is in (undefined until
 * then). The same object for every estate: the graph names an estate's custom roles itself, so it needs no
 * analysis context (whose RBAC index is the costly part) to draw.
 */
export function useBuiltInRoleNames(): RoleNames | undefined {
  const estate = useAppStore(selectEstate);
  const { module } = useContextModule(estate);
  if (module) builtInRoles ??= module.createRoleCatalog();
  return module ? builtInRoles : undefined;
}
