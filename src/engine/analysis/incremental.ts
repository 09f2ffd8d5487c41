import { createAnalysisContext, deriveAnalysisContext, type AnalysisContext } from '../context/analysis-context';
import type { Estate } from '../model/types';
import { endpointPaths, endpointPathsEach } from '../paths/resolve-endpoints';
import { jobDatastorePaths } from '../paths/resolve-jobs';
import { computePaths, otherWorkspacePaths, studioPaths, workspaceDependencyPaths } from '../paths/resolve-workspace';
import type { AccessPath } from '../paths/types';
import { RULES } from '../rules/all-rules';
import type { Finding, Rule, RuleContext, SubjectCheck } from '../rules/types';
import { createRuleContext, runRule, type Analysis } from './analyze';
import { estateChanges, noPathChanges, rbacChanges, readsChanged } from './incremental-changes';
import { trackedContext, type Reads } from './incremental-reads';

/*
 * Incremental analysis: the same result as analyze(), computed after an edit by re-running only the path
 * resolvers and rules whose reads (./incremental-reads.ts) the edit touched (./incremental-changes.ts), and
 * keeping the rest of the previous result. The context (topology, automatic grants, RBAC index) is built
 * again for every estate, as it is what the re-run parts read, but from the previous one
 * (deriveAnalysisContext): what the edit left as it was (scope chains, role catalog) is reused.
 * The endpoint resolver, the costliest (callers and operators of every endpoint), runs one workspace at a time:
 * what a workspace's endpoints read is mostly the grants at their own scopes, so a grant changed in one
 * subscription redoes the endpoints there and keeps the others. A rule written per subject (Rule.bySubject:
 * a workspace, a planned scope) keeps one part per subject the same way. Helpers that would read far more than
 * their answer depends on (every role holder of a subscription) read the raw context and note finer tokens
 * themselves (../context/read-tracking.ts).
 */

/**
 * The path resolvers, in the order resolvePaths() concatenates them; each is re-run or kept as a whole, but
 * for endpointPaths (see ENDPOINTS). The equivalence test (incremental.test.ts) compares the result with
 * analyze(), so a resolver added to resolvePaths and not here fails it.
 */
const PATH_RESOLVERS: readonly ((context: AnalysisContext) => AccessPath[])[] = [
  workspaceDependencyPaths,
  computePaths,
  jobDatastorePaths,
  studioPaths,
  endpointPaths,
  otherWorkspacePaths,
];

/** The place of endpointPaths in PATH_RESOLVERS: run as one part per workspace instead (see runEndpointPart). */
const ENDPOINTS = PATH_RESOLVERS.indexOf(endpointPaths);

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

interface Part<T> {
  output: T[];
  reads: Reads;
}

/**
 * A rule's part. A rule written per subject ({@link SubjectCheck}) also keeps one part per subject, and what
 * listing its subjects read; `output` and `reads` are then those of the subjects together.
 */
interface RulePart extends Part<Finding> {
  bySubject?: { listed: Reads; subjects: readonly string[]; parts: readonly Part<Finding>[] };
}

/** A path resolver's part, or (`workspace` set) the endpoints of one workspace, with their paths per endpoint. */
interface PathPart extends Part<AccessPath> {
  resolver: number;
  workspace?: string;
  perEndpoint?: AccessPath[][];
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
  readonly paths: readonly PathPart[];
  /** @internal The parts' paths in the analysis's order, unlinked to findings (`analysis.paths` are the linked copies). */
  readonly rawPaths: readonly AccessPath[];
  /** @internal */
  readonly rules: readonly RulePart[];
  /** @internal Rule set the analysis ran. */
  readonly ruleSet: readonly Rule[];
  /** How many path parts (resolvers, and workspaces' endpoints) and rules ran for this analysis (the rest were kept): for tests and the bench. */
  readonly rerun: { paths: number; rules: number };
}

function runPart<T>(run: (reads: Reads) => T[]): Part<T> {
  const reads: Reads = new Set();
  return { output: run(reads), reads };
}

function runWholeRule(rule: Rule, context: RuleContext): Part<Finding> {
  return runPart((reads) => runRule(rule, trackedContext(context, reads)));
}

/** One subject of a rule written per subject, run as the rule with that subject alone. */
function runSubject(rule: Rule, split: SubjectCheck, context: RuleContext, subject: string): Part<Finding> {
  return runWholeRule({ ...rule, check: (tracked) => split.check(tracked, subject) }, context);
}

function subjectsPart(listed: Reads, subjects: readonly string[], parts: readonly Part<Finding>[]): RulePart {
  const reads: Reads = new Set(listed);
  for (const part of parts) for (const token of part.reads) reads.add(token);
  return { output: parts.flatMap((part) => part.output), reads, bySubject: { listed, subjects, parts } };
}

/** A rule's part: the rule as a whole, or each of its subjects. */
function runRulePart(rule: Rule, context: RuleContext): RulePart {
  const split = rule.bySubject;
  if (split === undefined) return runWholeRule(rule, context);
  const listed: Reads = new Set();
  const subjects = split.subjects(trackedContext(context, listed));
  return subjectsPart(listed, subjects, subjects.map((subject) => runSubject(rule, split, context, subject)));
}

/**
 * A rule's part after an edit that dirtied some of its reads: a rule written per subject re-runs only the
 * subjects whose reads the edit touched (and lists its subjects again only if what listing them read changed).
 */
function rerunRulePart(rule: Rule, context: RuleContext, previous: RulePart, changed: (reads: Reads) => boolean): RulePart {
  const split = rule.bySubject;
  const before = previous.bySubject;
  if (split === undefined || before === undefined) return runWholeRule(rule, context);
  let listed = before.listed;
  let subjects = before.subjects;
  if (changed(listed)) {
    listed = new Set();
    subjects = split.subjects(trackedContext(context, listed));
  }
  const kept = new Map<string, Part<Finding>>();
  before.subjects.forEach((subject, i) => {
    if (!kept.has(subject)) kept.set(subject, before.parts[i] as Part<Finding>);
  });
  const parts = subjects.map((subject) => {
    const part = kept.get(subject);
    return part && !changed(part.reads) ? part : runSubject(rule, split, context, subject);
  });
  return subjectsPart(listed, subjects, parts);
}

function runResolver(context: AnalysisContext, resolver: number): PathPart {
  const resolve = PATH_RESOLVERS[resolver] as (c: AnalysisContext) => AccessPath[];
  return { ...runPart((reads) => resolve(trackedContext(context, reads))), resolver };
}

/** The workspaces of an estate's endpoints, in the order their first endpoint comes. */
function endpointWorkspaces(estate: Estate): string[] {
  return [...new Set(estate.onlineEndpoints.map((endpoint) => endpoint.workspace as string))];
}

/** The paths of the endpoints of one workspace; the endpoints are listed through the tracked estate, so a change to them re-runs it. */
function runEndpointPart(context: AnalysisContext, workspace: string): PathPart {
  const reads: Reads = new Set();
  const tracked = trackedContext(context, reads);
  const perEndpoint = endpointPathsEach(tracked, tracked.estate.onlineEndpoints.filter((endpoint) => endpoint.workspace === workspace));
  return { output: perEndpoint.flat(), reads, resolver: ENDPOINTS, workspace, perEndpoint };
}

/** Every path part of an estate, the endpoint resolver as one part per workspace. */
function runPathParts(context: AnalysisContext): PathPart[] {
  return PATH_RESOLVERS.flatMap((_, i) =>
    i === ENDPOINTS ? endpointWorkspaces(context.estate).map((workspace) => runEndpointPart(context, workspace)) : [runResolver(context, i)],
  );
}

/** The parts' paths in the order resolvePaths() gives them: endpoint paths by the estate's order of endpoints. */
function orderedPaths(estate: Estate, parts: readonly PathPart[]): AccessPath[] {
  const byWorkspace = new Map<string, { part: PathPart; next: number }>();
  for (const part of parts) if (part.workspace !== undefined) byWorkspace.set(part.workspace, { part, next: 0 });
  const paths: AccessPath[] = [];
  let endpointsDone = false;
  for (const part of parts) {
    if (part.workspace === undefined) {
      paths.push(...part.output);
      continue;
    }
    if (endpointsDone) continue;
    endpointsDone = true;
    for (const endpoint of estate.onlineEndpoints) {
      const cursor = byWorkspace.get(endpoint.workspace) as { part: PathPart; next: number };
      paths.push(...(cursor.part.perEndpoint?.[cursor.next++] ?? []));
    }
  }
  return paths;
}

/**
 * Links findings to the paths they explain, on copies: the resolvers' own path objects are kept unlinked for
 * the next run. A path whose links did not change stays the object the previous analysis had.
 */
function assemble(
  context: AnalysisContext,
  rawPaths: readonly AccessPath[],
  ruleParts: readonly RulePart[],
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
  if (previous) previous.rawPaths.forEach((raw, i) => before.set(raw, previous.analysis.paths[i] as AccessPath));
  const paths = rawPaths.map((raw) => {
    const findingIds = links.get(raw.id) ?? [];
    const old = before.get(raw);
    if (old && old.findingIds.length === findingIds.length && old.findingIds.every((id, i) => id === findingIds[i])) return old;
    return { ...raw, findingIds };
  });
  const summary: Analysis['summary'] = { findings: { error: 0, warning: 0, info: 0 }, paths: {} };
  for (const finding of findings) summary.findings[finding.severity]++;
  for (const path of paths) summary.paths[path.status] = (summary.paths[path.status] ?? 0) + 1;
  return { findings, paths, automaticAssignments: context.automaticGrants.map((g) => g.assignment), summary };
}

/** Whether two JSON-like values (paths) are equal in content. */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameContent(item, b[i]));
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameContent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * The paths a re-run path part dropped, gave or changed: a resolver re-runs as a whole (every compute's paths
 * for one compute's edit), but most of what it gives again is the same, and only the rest dirties `k:`, `kt:`,
 * `kf:` and `kg:` reads. Paths are matched by id; kept ones that changed places (or ids that repeat) count
 * every path as changed, since readers see paths in order.
 */
function changedPaths(before: readonly AccessPath[], after: readonly AccessPath[]): AccessPath[] {
  const all = () => [...before, ...after];
  const position = new Map<string, number>();
  before.forEach((path, i) => position.set(path.id, i));
  if (position.size !== before.length) return all();
  const seen = new Set<string>();
  const changed: AccessPath[] = [];
  let last = -1;
  for (const path of after) {
    if (seen.has(path.id)) return all();
    seen.add(path.id);
    const at = position.get(path.id);
    if (at === undefined) {
      changed.push(path);
      continue;
    }
    if (at < last) return all();
    last = at;
    const old = before[at] as AccessPath;
    if (!sameContent(old, path)) changed.push(old, path);
  }
  for (const path of before) if (!seen.has(path.id)) changed.push(path);
  return changed;
}

/** The context of `estate`: the one given when it was built for this very estate (a page's panels share it), or a new one. */
function contextFor(estate: Estate, given: AnalysisContext | undefined): AnalysisContext {
  return given?.estate === estate ? given : createAnalysisContext(estate);
}

/**
 * Analyses an estate as analyze() does, recording what every path resolver and rule reads, so that the
 * next edit can be analysed with {@link reanalyze}. `context`, when it is the estate's, is used rather than
 * built again.
 */
export function analyzeTracked(estate: Estate, options: { rules?: readonly Rule[]; context?: AnalysisContext } = {}): TrackedAnalysis {
  const ruleSet = options.rules ?? RULES;
  const context = contextFor(estate, options.context);
  const paths = runPathParts(context);
  const rawPaths = orderedPaths(estate, paths);
  const ruleContext = createRuleContext(context, rawPaths);
  const rules = ruleSet.map((rule) => runRulePart(rule, ruleContext));
  return {
    analysis: assemble(context, rawPaths, rules, undefined),
    estate,
    context,
    paths,
    rawPaths,
    rules,
    ruleSet,
    rerun: { paths: paths.length, rules: rules.length },
  };
}

/**
 * Analyses `estate`, an edit of `previous.estate`, re-running only the path resolvers and rules whose reads
 * the edit touched; the result equals analyze(estate). Path resolvers that re-ran mark their path kinds as
 * changed for the rules that read paths. `context`, when it is the estate's, is used rather than built again.
 */
export function reanalyze(previous: TrackedAnalysis, estate: Estate, context?: AnalysisContext): TrackedAnalysis {
  if (estate === previous.estate) return previous;
  context = context?.estate === estate ? context : deriveAnalysisContext(previous.context, estate);
  const changes = estateChanges(previous.estate, estate);
  const rbac = rbacChanges(previous.context, context, changes);
  const noPaths = noPathChanges();
  const pathChanges = noPathChanges();
  const pathChanged = (path: AccessPath) => {
    pathChanges.kinds.add(path.kind);
    pathChanges.targets.add(path.target);
    pathChanges.actors.add(path.actor);
    for (const requirement of path.requirements)
      for (const grant of requirement.decision?.grants ?? []) pathChanges.grants.add(grant.assignmentId);
  };
  let rerunPaths = 0;
  // Endpoint paths come in the estate's order of endpoints across workspaces: when that list changed, a
  // workspace's paths can move among the others' with none of them changed, so all of a re-run part's count.
  const endpointsMoved = changes.fields.has('onlineEndpoints');
  const rerun = (part: PathPart | undefined, run: () => PathPart): PathPart => {
    if (part && !readsChanged(part.reads, changes, rbac, noPaths)) return part;
    rerunPaths++;
    const next = run();
    const before = part?.output ?? [];
    const changed = next.workspace !== undefined && endpointsMoved ? [...before, ...next.output] : changedPaths(before, next.output);
    for (const path of changed) pathChanged(path);
    return next;
  };
  const endpointParts = new Map(previous.paths.filter((part) => part.workspace !== undefined).map((part) => [part.workspace as string, part]));
  const paths = PATH_RESOLVERS.flatMap((_, i) => {
    if (i !== ENDPOINTS) return [rerun(previous.paths.find((part) => part.resolver === i), () => runResolver(context, i))];
    const workspaces = endpointWorkspaces(estate);
    // A workspace whose endpoints are all gone takes its paths with it.
    for (const [workspace, part] of endpointParts)
      if (!workspaces.includes(workspace)) for (const path of part.output) pathChanged(path);
    return workspaces.map((workspace) => rerun(endpointParts.get(workspace), () => runEndpointPart(context, workspace)));
  });
  const rawPaths = orderedPaths(estate, paths);
  const ruleContext = createRuleContext(context, rawPaths);
  let rerunRules = 0;
  const changed = (reads: Reads) => readsChanged(reads, changes, rbac, pathChanges);
  const rules = previous.rules.map((part, i) => {
    if (!changed(part.reads)) return part;
    rerunRules++;
    return rerunRulePart(previous.ruleSet[i] as Rule, ruleContext, part, changed);
  });
  return {
    analysis: assemble(context, rawPaths, rules, previous),
    estate,
    context,
    paths,
    rawPaths,
    rules,
    ruleSet: previous.ruleSet,
    rerun: { paths: rerunPaths, rules: rerunRules },
  };
}
