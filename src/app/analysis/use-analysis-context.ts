import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { loadAnalysisContext, type AnalysisContext, type Estate } from '../../engine';
import { useAppStore } from '../store/app-store';
import { selectEstate } from '../store/selectors';

// The context carries the RBAC index, and the index the complete built-in role catalog (hundreds of kB):
// it loads as its own chunk after the first paint, and the panels show nothing to ask about until it is in.
type ContextModule = Awaited<ReturnType<typeof loadAnalysisContext>>;
let loaded: ContextModule | undefined;
let loading: Promise<ContextModule> | undefined;
const listeners = new Set<() => void>();

/** Loads the analysis context module (and with it the role catalog) once; resolves when it is ready. */
function contextModule(): Promise<ContextModule> {
  loading ??= loadAnalysisContext().then((module) => {
    loaded = module;
    for (const listener of listeners) listener();
    return module;
  });
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => loaded;

// Same cache discipline as the analysis: one context per estate object. The panels need the RBAC index
// (with Azure ML's automatic grants in it) and the topology to look things up and to ask new questions.
const cache = new WeakMap<Estate, AnalysisContext>();

function contextWith(module: ContextModule, estate: Estate): AnalysisContext {
  let context = cache.get(estate);
  if (!context) {
    context = module.createAnalysisContext(estate);
    cache.set(estate, context);
  }
  return context;
}

/** The analysis context of the open estate, or undefined while its module loads; derived, never stored. */
export function useAnalysisContext(): AnalysisContext | undefined {
  const estate = useAppStore(selectEstate);
  const module = useSyncExternalStore(subscribe, snapshot, snapshot);
  useEffect(() => {
    // A failed load (a network blip) is retried on the next estate rather than left rejected for good.
    if (estate && !module) contextModule().catch(() => (loading = undefined));
  }, [estate, module]);
  return useMemo(() => (estate && module ? contextWith(module, estate) : undefined), [estate, module]);
}
