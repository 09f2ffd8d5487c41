// Azure RBAC action patterns.
//
// Semantics (fact sheet section 4): a star stands for any run of characters, slashes included; matching
// ignores case; and a star standing alone between two slashes may vanish together with one of those
// slashes, so that "workspaces/" + "*" + "/read" also covers "workspaces/read". Microsoft's own roles rely
// on that last rule (AzureML Data Scientist reads its workspace and is kept from writing compute through it).
//
// Patterns come from user files, so matching must never backtrack: a pattern is compiled once into a small
// NFA (one state per pattern character, plus epsilon edges) and an action is run through it with a state
// set. That costs O(pattern length) per action character, whatever the pattern looks like.

/** A pattern compiled for repeated matching. */
export interface CompiledPattern {
  /** The pattern as written (casing kept, for explanations). */
  readonly source: string;
  /** True when `action` is covered by the pattern (case-insensitive). */
  matches(action: string): boolean;
}

const STAR = -1;

interface Nfa {
  // Per state: the code unit it consumes (lower-cased) or STAR for a self-looping wildcard state.
  readonly symbols: Int32Array;
  // Per slash state: further states reachable when it consumes its slash, because each directly following
  // star-slash pair may vanish. Empty for every other state.
  readonly skips: Int32Array[];
  // Number of pattern states; state `length` is the accepting state.
  readonly length: number;
}

function buildNfa(lowered: string): Nfa {
  const length = lowered.length;
  const symbols = new Int32Array(length);
  const none = new Int32Array(0);
  const skips: Int32Array[] = new Array<Int32Array>(length + 1).fill(none);
  for (let i = 0; i < length; i++) symbols[i] = lowered.charCodeAt(i) === 42 /* '*' */ ? STAR : lowered.charCodeAt(i);
  for (let i = 0; i < length; i++) {
    if (symbols[i] !== 47 /* '/' */) continue;
    // The vanishing must be decided when the slash is consumed, not at the star: a star that has already
    // eaten characters may not then drop the slash after it.
    const targets: number[] = [];
    let j = i + 1;
    while (j + 1 < length && symbols[j] === STAR && symbols[j + 1] === 47) {
      j += 2;
      targets.push(j);
    }
    
  }
  return { symbols, skips, length };
}

// Runs the NFA with two reusable state lists; `mark` holds the step at which a state was last added so
// that each state enters a list at most once per step. The only epsilon edge is a star's "match nothing"
// edge to the next state, so a closure is a run of consecutive star states.
function runNfa(nfa: Nfa, action: string): boolean {
  const { symbols, skips, length } = nfa;
  const size = length + 1;
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  const mark = new Int32Array(size).fill(-1);
  let step = 0;

  const addClosure = (start: number, list: Int32Array, count: number): number => {
    let state = start;
    while (mark[state] !== step) {
      mark[state] = step;
      list[count++] = state;
      if (state === length || symbols[state] !== STAR) break;
      state++;
    }
    return count;
  };

  let currentCount = addClosure(0, current, 0);
  for (let j = 0; j < action.length; j++) {
    if (currentCount === 0) return false;
    const code = action.charCodeAt(j);
    step++;
    let nextCount = 0;
    for (let k = 0; k < currentCount; k++) {
      const state = current[k] as number;
      if (state === length) continue;
      const symbol = symbols[state] as number;
      if (symbol === STAR) {
        nextCount = addClosure(state, next, nextCount);
      } else if (symbol === code) {
        nextCount = addClosure(state + 1, next, nextCount);
        const extra = skips[state] as Int32Array;
        for (let t = 0; t < extra.length; t++) nextCount = addClosure(extra[t] as number, next, nextCount);
      }
    }
    const swap = current;
    current = next;
    next = swap;
    currentCount = nextCount;
  }
  for (let k = 0; k < currentCount; k++) if (current[k] === length) return true;
  return false;
}

/**
 * Compiles an Azure RBAC action pattern (from Actions, NotActions, DataActions or NotDataActions) so it can
 * be matched against many actions, each in time linear in the action's length.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const lowered = pattern.toLowerCase();
  if (!lowered.includes('*')) {
    return { source: pattern, matches: (action) => action.length === lowered.length && action.toLowerCase() === lowered };
  }
  if (/^\*+$/.test(lowered)) return { source: pattern, matches: () => true };
  const nfa = buildNfa(lowered);
  return { source: pattern, matches: (action) => runNfa(nfa, action.toLowerCase()) };
}

// Patterns repeat a lot across roles (`*/read`, `Microsoft.Support/*`), so one-off calls share compilations.
// The cache is dropped wholesale when it grows large rather than tracking recency.
const CACHE_LIMIT = 4096;
const cache = new Map<string, CompiledPattern>();

/** Compiles `pattern` once and keeps it for later calls (bounded cache). */
export function compiledPattern(pattern: string): CompiledPattern {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = compilePattern(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** True when the Azure RBAC pattern `pattern` covers `action` (wildcards, case-insensitive, `/*` + `/` rule). */
export function matchesAction(pattern: string, action: string): boolean {
  return compiledPattern(pattern).matches(action);
}

/** The first of `patterns` that covers `action`, or undefined when none does. */
export function firstMatch(patterns: readonly CompiledPattern[], action: string): string | undefined {
  for (const pattern of patterns) if (pattern.matches(action)) return pattern.source;
  return undefined;
}
