import { createAnalysisContext, type AnalysisContext } from '../context/analysis-context';
import type { Estate } from '../model/types';
import { endpointPaths } from '../paths/resolve-endpoints';
import { jobDatastorePaths } from '../paths/resolve-jobs';
import { computePaths, otherWorkspacePaths, studioPaths, workspaceDependencyPaths } from '../paths/resolve-workspace';
import type { AccessPath } from '../paths/types';
import { RULES } from '../rules/all-rules';
import type { Finding, Rule } from '../rules/types';
import { createRuleContext, runRule, type Analysis } from './analyze';
import { estateChanges, rbacChanges, readsChanged } from './incremental-changes';
import { trackedContext, type Reads } from './incremental-reads';

/*
 * Incremental analysis: the same result as analyze(), computed after an edit by re-running only the path
 * resolvers and rules whose reads (./incremental-reads.ts) the edit touched (./incremental-changes.ts), and
 * keeping the rest of the previous result. The context (topology, automatic grants, RBAC index) is built
 * again for every estate: it is what the re-run parts read, and its cost is a small share of a full analysis.
 */

/**
 * The path resolvers, in the order resolvePaths() concatenates them; each is re-run or kept as a whole.
 * The equivalence test (incremental.test.ts) compares the result with analyze(), so a resolver added to
 * resolvePaths and not here fails it.
 */
const PATH_RESOLVERS: readonly ((context: AnalysisContext) => AccessPath[])[] = [
  workspaceDependencyPaths,
  computePaths,
  jobDatastorePaths,
  studioPaths,
  endpointPaths,
  otherWorkspacePaths,
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

interface Part<T> {
  output: T[];
  reads: Reads;
}

/**
 * An analysis with what each of its parts read: what {@link reanalyze} needs to analyse the next edit of
 * the same estate. Opaque outside the engine; `analysis` is what analyze() would return.
 */
export interface TrackedAnalysis {
  readonly analysis: Analysis;
  readonly estate: Estate;
  /** @internal */
  readonly context: AnalysisContext;
  /** @internal */
  readonly paths: readonly Part<AccessPath>[];
  /** @internal */
  readonly rules: readonly Part<Finding>[];
  /** @internal Rule set the analysis ran. */
  readonly ruleSet: readonly Rule[];
  /** How many path resolvers and rules ran for this analysis (the rest were kept): for tests and the bench. */
  readonly rerun: { paths: number; rules: number };
}

function runPart<T>(run: (reads: Reads) => T[]): Part<T> {
  const reads: Reads = new Set();
  return { output: run(reads), reads };
}

/**
 * Links findings to the paths they explain, on copies: the resolvers' own path objects are kept unlinked for
 * the next run. A path whose links did not change stays the object the previous analysis had.
 */
function assemble(
  context: AnalysisContext,
  pathParts: readonly Part<AccessPath>[],
  ruleParts: readonly Part<Finding>[],
  previous: TrackedAnalysis | undefined,
): Analysis {
  const findings = ruleParts.flatMap((part) => part.output);
  findings.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.id.localeCompare(b.id),
  );
  const links = new Map<string, string[]>();
  for (const finding of findings)
    for (const pathId of finding.pathIds) {
      const list = links.get(pathId);
      if (list) list.push(finding.id);
      else links.set(pathId, [finding.id]);
    }
  const before = new Map<AccessPath, AccessPath>();
  if (previous)
    previous.paths.forEach((part, i) => part.output.forEach((raw, j) => before.set(raw, previous.analysis.paths[offset(previous.paths, i) + j] as AccessPath)));
  const paths = pathParts.flatMap((part) =>
    part.output.map((raw) => {
      const findingIds = links.get(raw.id) ?? [];
      const old = before.get(raw);
      if (old && old.findingIds.length === findingIds.length && old.findingIds.every((id, i) => id === findingIds[i])) return old;
      return { ...raw, findingIds };
    }),
  );
  const summary: Analysis['summary'] = { findings: { error: 0, warning: 0, info: 0 }, paths: {} };
  for (const finding of findings) summary.findings[finding.severity]++;
  for (const path of paths) summary.paths[path.status] = (summary.paths[path.status] ?? 0) + 1;
  return { findings, paths, automaticAssignments: context.automaticGrants.map((g) => g.assignment), summary };
}

function offset(parts: readonly Part<AccessPath>[], index: number): number {
  let at = 0;
  for (let i = 0; i < index; i++) at += (parts[i] as Part<AccessPath>).output.length;
  return at;
}

/**
 * Analyses an estate as analyze() does, recording what every path resolver and rule reads, so that the
 * next edit can be analysed with {@link reanalyze}.
 */
export function analyzeTracked(estate: Estate, options: { rules?: readonly Rule[] } = {}): TrackedAnalysis {
  const ruleSet = options.rules ?? RULES;
  const context = createAnalysisContext(estate);
  const paths = PATH_RESOLVERS.map((resolve) => runPart((reads) => resolve(trackedContext(context, reads))));
  const ruleContext = createRuleContext(context, paths.flatMap((part) => part.output));
  const rules = ruleSet.map((rule) => runPart((reads) => runRule(rule, trackedContext(ruleContext, reads))));
  return {
    analysis: assemble(context, paths, rules, undefined),
    estate,
    context,
    paths,
    rules,
    ruleSet,
    rerun: { paths: paths.length, rules: rules.length },
  };
}

/**
 * Analyses `estate`, an edit of `previous.estate`, re-running only the path resolvers and rules whose reads
 * the edit touched; the result equals analyze(estate). Path resolvers that re-ran mark their path kinds as
 * changed for the rules that read paths.
 */
export function reanalyze(previous: TrackedAnalysis, estate: Estate): TrackedAnalysis {
  if (estate === previous.estate) return previous;
  const context = createAnalysisContext(estate);
  const changes = estateChanges(previous.estate, estate);
  const rbac = rbacChanges(previous.context, context, changes);
  const noKinds = new Set<string>();
  const changedKinds = new Set<string>();
  let rerunPaths = 0;
  const paths = previous.paths.map((part, i) => {
    if (!readsChanged(part.reads, changes, rbac, noKinds)) return part;
    rerunPaths++;
    const next = runPart((reads) => (PATH_RESOLVERS[i] as (c: AnalysisContext) => AccessPath[])(trackedContext(context, reads)));
    for (const path of [...part.output, ...next.output]) changedKinds.add(path.kind);
    return next;
  });
  const ruleContext = createRuleContext(context, paths.flatMap((part) => part.output));
  let rerunRules = 0;
  const rules = previous.rules.map((part, i) => {
    if (!readsChanged(part.reads, changes, rbac, changedKinds)) return part;
    rerunRules++;
    return runPart((reads) => runRule(previous.ruleSet[i] as Rule, trackedContext(ruleContext, reads)));
  });
  return {
    analysis: assemble(context, paths, rules, previous),
    estate,
    context,
    paths,
    rules,
    ruleSet: previous.ruleSet,
    rerun: { paths: rerunPaths, rules: rerunRules },
  };
}
