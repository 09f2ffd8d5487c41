import type { Estate } from '../model/types';

/**
 * The parts of an estate that no rule or path resolver reads: the design review records what people decided
 * about findings, it never changes what the findings are.
 */
const NOT_ANALYSED: ReadonlySet<string> = new Set<keyof Estate>(['review']);

/**
 * Whether `analyze(a)` and `analyze(b)` are bound to be equal because every part the analysis reads is the very
 * same object in both. Edits replace what they change and share the rest, so a review note leaves every
 * collection shared and the previous analysis can be reused instead of recomputed (on a large estate that
 * is seconds of work for a line of text). Compares references only: a false answer just means "analyse again".
 */
export function sameAnalysisInputs(a: Estate, b: Estate): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (NOT_ANALYSED.has(key)) continue;
    if ((a as unknown as Record<string, unknown>)[key] !== (b as unknown as Record<string, unknown>)[key]) return false;
  }
  return true;
}
