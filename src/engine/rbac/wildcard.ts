// Azure RBAC action patterns.
//
// Semantics (fact sheet section 4): a star stands for any run of characters, slashes included; matching
// ignores case; and a star standing alone between two slashes may vanish together with one of those
// slashes, so that "workspaces/" + "*" + "/read" also covers "workspaces/read". Microsoft's own roles rely
// on that last rule (AzureML Data Scientist reads its workspace and is kept from writing compute through it).
//
// Patterns come from user files, so matching must never backtrack and no RegExp is ever built from one: a
// pattern is compiled once into a small NFA (one state per pattern character; a star's state loops on any
// character and may be skipped; a slash followed by star-slash may also jump past that pair) and an action
// is run through it with a state set. That costs O(pattern length) per action character, whatever the
// pattern looks like.

/** A pattern compiled for repeated matching. */
export interface CompiledPattern {
  /** The pattern as written (casing kept, for explanations). */
  readonly source: string;
  /** True when `action` is covered by the pattern (case-insensitive). */
  matches(action: string): boolean;
}

const STAR = -1;
const SLASH = 47;

interface Nfa {
  // Per state: the code unit it consumes (lower-cased) or STAR for a self-looping wildcard state.
  readonly symbols: Int32Array;
  // Per slash state s: when the pattern continues with a star and another slash, the state of that second
  // slash (s + 2), else -1. Consuming slash s may then count as consuming the second slash too, because
  // the star between them may vanish along with one slash.
  readonly collapsesTo: Int32Array;
  // Number of pattern states; state `length` is the accepting state.
  readonly length: number;
}

function buildNfa(lowered: string): Nfa {
  const length = lowered.length;
  const symbols = new Int32Array(length);
  const collapsesTo = new Int32Array(length + 1).fill(-1);
  for (let i = 0; i < length; i++)
    symbols[i] = lowered.charCodeAt(i) === 42 /* '*' */ ? STAR : lowered.charCodeAt(i);
  for (let i = 0; i + 2 < length; i++) {
    if (symbols[i] === SLASH && symbols[i + 1] === STAR && symbols[i + 2] === SLASH) collapsesTo[i] = i + 2;
  }
  return { symbols, collapsesTo, length };
}

// Runs the NFA with two reusable state lists. `mark` records the step at which a state was last added and
// `slashMark` the step at which a slash state was last treated as consumed, so each state is handled at most
// once per action character: O(pattern length) per character, whatever the pattern.
// Matcher steps taken so far (states visited), for tests that check the work stays O(pattern x action)
// without timing anything.
let stepsTaken = 0;

/** How many matcher steps all matching so far has taken; tests compare differences of it against the bound. */
export function matcherSteps(): number {
  return stepsTaken;
}

function runNfa(nfa: Nfa, action: string): boolean {
  const { symbols, collapsesTo, length } = nfa;
  const size = length + 1;
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  const mark = new Int32Array(size).fill(-1);
  const slashMark = new Int32Array(size).fill(-1);
  let step = 0;

  // The only epsilon edge is a star's "match nothing" edge to the next state, so a closure is a run of
  // consecutive star states. A state already marked had its whole run added when it was marked.
  const addClosure = (start: number, list: Int32Array, count: number): number => {
    let state = start;
    while (mark[state] !== step) {
      mark[state] = step;
      stepsTaken++;
      list[count++] = state;
      if (state === length || symbols[state] !== STAR) break;
      state++;
    }
    return count;
  };

  // The decision to let a star vanish is taken when its leading slash is consumed: a star that has already
  // eaten characters may not then drop the slash after it.
  const consumeSlash = (slash: number, list: Int32Array, count: number): number => {
    let s = slash;
    while (s >= 0 && slashMark[s] !== step) {
      slashMark[s] = step;
      stepsTaken++;
      count = addClosure(s + 1, list, count);
      s = collapsesTo[s] as number;
    }
    return count;
  };

  let currentCount = addClosure(0, current, 0);
  for (let j = 0; j < action.length; j++) {
    if (currentCount === 0) return false;
    const code = action.charCodeAt(j);
    step++;
    let nextCount = 0;
    stepsTaken += currentCount;
    for (let k = 0; k < currentCount; k++) {
      const state = current[k] as number;
      if (state === length) continue;
      const symbol = symbols[state] as number;
      if (symbol === STAR) nextCount = addClosure(state, next, nextCount);
      else if (symbol === code)
        nextCount =
          code === SLASH ? consumeSlash(state, next, nextCount) : addClosure(state + 1, next, nextCount);
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
    return {
      source: pattern,
      matches: (action) => action.length === lowered.length && action.toLowerCase() === lowered,
    };
  }
  if (/^\*+$/.test(lowered)) return { source: pattern, matches: () => true };
  const nfa = buildNfa(lowered);
  // The characters before the first star are matched literally (the star-between-slashes rule drops a star
  // and a slash after them, never one of them), so an action that does not start with them cannot match: most
  // patterns a role holds name another provider, and are ruled out here without running the automaton.
  const prefix = lowered.slice(0, lowered.indexOf('*'));
  return {
    source: pattern,
    matches: (action) => {
      const lowerAction = action.toLowerCase();
      return lowerAction.startsWith(prefix) && runNfa(nfa, lowerAction);
    },
  };
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

/** True when the Azure RBAC pattern `pattern` covers `action`: wildcards, any case, and the star-between-slashes rule. */
export function matchesAction(pattern: string, action: string): boolean {
  return compiledPattern(pattern).matches(action);
}

/** The first of `patterns` that covers `action`, or undefined when none does. */
export function firstMatch(patterns: readonly CompiledPattern[], action: string): string | undefined {
  for (const pattern of patterns) if (pattern.matches(action)) return pattern.source;
  return undefined;
}
