import type { AnalysisContext, Estate } from '../../engine';

/*
 * Analysis contexts of this thread, one per estate object, shared by the incremental analyzer (which builds
 * one for every estate it analyses) and the panels (which ask new questions of the open estate). A small
 * estate's edit is analysed in the change event's render: building its context twice there, once for each,
 * cost as much as the edit's analysis. Held weakly, like the analyses: a replaced estate takes its context with it.
 */
const contexts = new WeakMap<Estate, AnalysisContext>();

/** The context already built for this estate on this thread, if any. */
export function sharedContext(estate: Estate): AnalysisContext | undefined {
  return contexts.get(estate);
}

/** Records the context of an estate (it must be `context.estate`), for the other users of this thread. */
export function shareContext(context: AnalysisContext): AnalysisContext {
  if (!contexts.has(context.estate)) contexts.set(context.estate, context);
  return context;
}
