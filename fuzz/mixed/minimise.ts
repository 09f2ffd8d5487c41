import type { InputFile } from '../../src/engine/io/inputs';
import { checkMixedCase, type Violation } from './pipeline';

/**
 * Shrinks a failing set to the fewest files that still fail the same way, for a regression fixture: files are
 * dropped one at a time (each order keeps its relative order) while a violation of the same invariant with the
 * same wording (ids and numbers aside) remains.
 */

/** A violation's wording without the names and numbers that change as files are dropped. */
export function violationShape(v: Violation): string {
  return `${v.invariant} ${v.detail
    .replace(/reading .* instead of .* changes /, 'reordering changes ')
    .replace(/\/(subscriptions|providers)\/[^\s,"`]*/g, '<id>')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<guid>')
    .replace(/\d+/g, '<n>')
    .slice(0, 160)}`;
}

/** The smallest subset of `files` (read in both orders) that still shows `target`. */
export function minimiseSet(
  files: readonly InputFile[],
  reordered: readonly InputFile[],
  target: Violation,
  check: (files: readonly InputFile[], reordered: readonly InputFile[]) => { violations: Violation[] } = checkMixedCase,
): { files: InputFile[]; reordered: InputFile[]; violation: Violation } {
  const shape = violationShape(target);
  const failing = (keep: readonly InputFile[]) => {
    const second = reordered.filter((f) => keep.includes(f));
    return check(keep, second).violations.find((v) => violationShape(v) === shape);
  };
  let current = [...files];
  let violation = target;
  for (let i = current.length - 1; i >= 0 && current.length > 1; i--) {
    const without = current.filter((_, j) => j !== i);
    const still = failing(without);
    if (still) {
      current = without;
      violation = still;
    }
  }
  return { files: current, reordered: reordered.filter((f) => current.includes(f)), violation };
}
