import type { AccessPath, Analysis, Decision, Finding } from '../../engine';

/**
 * An analysis told as what changed since one the page already holds: every path and finding whose print
 * (below) is unchanged stays the object the page has, and only the new or changed ones cross. After a
 * what-if edit that is a handful of items instead of a business unit's thousands.
 */
export interface AnalysisDelta {
  rest: Omit<Analysis, 'paths' | 'findings'>;
  /** Per position of the new list, the index of the same item in the old one, or -1 for the next of `items`. */
  paths: { order: Int32Array; items: AccessPath[] };
  findings: { order: Int32Array; items: Finding[] };
}

// Two 32-bit FNV-1a variants over the text: a changed item that kept its print would show stale, so the
// print is 64 bits (and the length) rather than one 32-bit hash.
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${text.length.toString(36)}`;
}

/**
 * What of a decision the page shows or reads: the outcome and the assignment, deny and group ids behind it
 * (the role names and scopes follow from the ids). The decisions of one analysis are shared objects (the
 * access check is memoised), so each is printed once.
 */
function decisionText(decision: Decision, seen: WeakMap<Decision, string>): string {
  let text = seen.get(decision);
  if (text === undefined) {
    const reasons = (
      list:
        | readonly {
            assignmentId: string;
            viaGroups: readonly string[];
            conditionVerdict?: { outcome: string };
          }[]
        | undefined,
    ) =>
      (list ?? [])
        .map(
          (g) =>
            `${g.assignmentId}<${g.viaGroups.join('<')}${g.conditionVerdict ? `?${g.conditionVerdict.outcome}` : ''}`,
        )
        .join(',');
    const q = decision.question;
    text = [
      q.principal,
      q.action,
      q.scope,
      decision.effect,
      reasons(decision.grants),
      reasons(decision.exclusions),
      reasons(decision.conditionsNotMet),
      decision.deniedBy?.denyAssignmentId ?? '',
      (decision.possibleDenies ?? []).map((d) => d.denyAssignmentId).join(','),
      (decision.unresolvedRoles ?? []).map((u) => u.assignmentId).join(','),
      decision.unknown ? JSON.stringify(decision.unknown) : '',
    ].join('\u0001');
    seen.set(decision, text);
  }
  return text;
}

/** The prints of a path: everything about it but the decisions' wording, which follows from their ids. */
function pathPrint(path: AccessPath, seen: WeakMap<Decision, string>): string {
  const { requirements, ...rest } = path;
  return hash(
    JSON.stringify(rest) +
      requirements
        .map((r) => {
          const { decision, ...plain } = r;
          return JSON.stringify(plain) + (decision ? decisionText(decision, seen) : '');
        })
        .join('\u0002'),
  );
}

function findingPrint(finding: Finding, seen: WeakMap<Decision, string>): string {
  const { evidence, ...rest } = finding;
  return hash(
    JSON.stringify(rest) +
      evidence
        .map((e) =>
          e.kind === 'decision' ? `${e.label}\u0001${decisionText(e.decision, seen)}` : JSON.stringify(e),
        )
        .join('\u0002'),
  );
}

/**
 * The print of each path and finding of an analysis by id, and where it sits: what the worker keeps of the
 * analysis it last sent, to tell the next one apart. Undefined when ids repeat (then only whole analyses go).
 */
export interface AnalysisPrints {
  paths: Map<string, { index: number; print: string }>;
  findings: Map<string, { index: number; print: string }>;
}

// Prints by object: after an incremental analysis most paths and findings are the objects of the analysis
// before, and printing a business unit's paths again would cost more than analysing the edit. Paths and
// findings are never mutated once an analysis is out, so an object's print stays its print.
const printed = new WeakMap<object, string>();
const seen = new WeakMap<Decision, string>();

function printOf<T extends object>(item: T, print: (item: T, seen: WeakMap<Decision, string>) => string): string {
  let text = printed.get(item);
  if (text === undefined) {
    text = print(item, seen);
    printed.set(item, text);
  }
  return text;
}

/** Prints every path and finding of an analysis (see {@link AnalysisPrints}). */
export function printAnalysis(analysis: Analysis): AnalysisPrints | undefined {
  const paths = new Map(analysis.paths.map((p, index) => [p.id, { index, print: printOf(p, pathPrint) }]));
  const findings = new Map(
    analysis.findings.map((f, index) => [f.id, { index, print: printOf(f, findingPrint) }]),
  );
  return paths.size === analysis.paths.length && findings.size === analysis.findings.length
    ? { paths, findings }
    : undefined;
}

function listDelta<T extends { id: string }>(
  items: readonly T[],
  before: AnalysisPrints['paths'],
  after: AnalysisPrints['paths'],
): { order: Int32Array; items: T[] } {
  const order = new Int32Array(items.length);
  const changed: T[] = [];
  items.forEach((item, index) => {
    const old = before.get(item.id);
    const now = after.get(item.id);
    if (old !== undefined && now !== undefined && old.print === now.print) order[index] = old.index;
    else {
      order[index] = -1;
      changed.push(item);
    }
  });
  return { order, items: changed };
}

/** What changed from an analysis the page holds (its prints `before`) to `after` (printed as `printed`). */
export function analysisDelta(
  before: AnalysisPrints,
  after: Analysis,
  printed: AnalysisPrints,
): AnalysisDelta {
  const { paths, findings, ...rest } = after;
  return {
    rest,
    paths: listDelta(paths, before.paths, printed.paths),
    findings: listDelta(findings, before.findings, printed.findings),
  };
}

function applyList<T>(
  before: readonly T[],
  { order, items }: { order: Int32Array; items: readonly T[] },
  what: string,
): T[] {
  let taken = 0;
  return Array.from(order, (at) => {
    const item = at >= 0 ? before[at] : items[taken++];
    if (item === undefined)
      throw new Error(
        `The analysis worker sent a change of ${what} that does not fit the analysis held here.`,
      );
    return item;
  });
}

/** The analysis a delta describes, built on the one it was made against; unchanged items stay the same objects. */
export function applyAnalysisDelta(before: Analysis, delta: AnalysisDelta): Analysis {
  return {
    ...delta.rest,
    paths: applyList(before.paths, delta.paths, 'paths'),
    findings: applyList(before.findings, delta.findings, 'findings'),
  } as Analysis;
}
