/*
 * On-demand entries: what the surface's loaders (loadAnalysis, loadReaders, ... in ../index.ts) fetch with import()
 * when the app first needs them, each its own chunk, so that
 * the analysis, the readers, the writers and the diff stay out of the bundle of the first paint (at most
 * 200 kB: npm run size). A dynamic import of ../index.ts would instead pull everything it names into the
 * first bundle, because the app also imports that file statically. Each file names only what one chunk
 * holds; the same functions are on the public surface (../index.ts) for static use (the CLI, the workers).
 */
export { analyze } from '../analysis/analyze';
export { analyzeTracked, reanalyze, type TrackedAnalysis } from '../analysis/incremental';
