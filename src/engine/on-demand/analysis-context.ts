/*
 * An on-demand entry (see ./analysis.ts): the analysis context and the role catalog. The RBAC index carries the
 * complete built-in role catalog (hundreds of kB), so the app loads it after the first paint.
 */
export { createAnalysisContext, deriveAnalysisContext } from '../context/analysis-context';
export { createRoleCatalog } from '../rbac/catalog';
