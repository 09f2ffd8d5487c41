import { renderFix } from '../fixes/render';
import type { Estate, RoleAssignment } from '../model/types';
import { resolvePaths } from '../paths';
import type { AccessPath, PathKind, PathStatus } from '../paths/types';
import { RULES } from '../rules/all-rules';
import { findingSeverity, missingFactsFor } from '../rules/severity';
import { SOURCES } from '../context/sources';
import type { Finding, Rule, RuleContext, Severity } from '../rules/types';
import { createAnalysisContext, type AnalysisContext } from '../context/analysis-context';

/** The result of analysing an estate: what both shells show. */
export interface Analysis {
  findings: Finding[];
  paths: AccessPath[];
  /** Role assignments Azure ML makes by itself in this (planned) estate, shown apart from people's. */
  automaticAssignments: RoleAssignment[];
  summary: {
    findings: Record<Severity, number>;
    paths: Partial<Record<PathStatus, number>>;
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Builds the context rules see: the analysis context plus the resolved paths, grouped by kind. */
export function createRuleContext(context: AnalysisContext, paths: readonly AccessPath[]): RuleContext {
  const byKind = new Map<PathKind, AccessPath[]>();
  for (const path of paths) {
    const list = byKind.get(path.kind);
    if (list) list.push(path);
    else byKind.set(path.kind, [path]);
  }
  // By target and by actor, built on first use: a rule that scanned every path once per resource would
  // cost resources times paths on a large tenant.
  let byTarget: Map<string, AccessPath[]> | undefined;
  let byActor: Map<string, AccessPath[]> | undefined;
  const groupBy = (key: (path: AccessPath) => string): Map<string, AccessPath[]> => {
    const groups = new Map<string, AccessPath[]>();
    for (const path of paths) {
      const k = key(path);
      const list = groups.get(k);
      if (list) list.push(path);
      else groups.set(k, [path]);
    }
    return groups;
  };
  return Object.assign(Object.create(null) as object, context, {
    paths,
    pathsOfKind: (kind: PathKind) => byKind.get(kind) ?? [],
    pathsTo: (target: string) => (byTarget ??= groupBy((p) => p.target)).get(target) ?? [],
    pathsFrom: (actor: string) => (byActor ??= groupBy((p) => p.actor)).get(actor) ?? [],
  }) as RuleContext;
}

/** Runs one rule and turns its drafts into findings (ids, capped severity, rendered fixes, sources). */
export function runRule(rule: Rule, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  if (missingFactsFor(rule, context.estate).length > 0) return findings;
  for (const draft of rule.check(context)) {
    const severity = findingSeverity(rule, draft);
    const finding: Finding = {
      id: [rule.id, ...draft.subjects, draft.discriminator].filter((part) => part !== undefined).join('|'),
      ruleId: rule.id,
      title: rule.title,
      area: rule.area,
      severity,
      confidence: rule.confidence,
      subjects: draft.subjects,
      message: draft.message,
      consequence: draft.consequence,
      evidence: draft.evidence ?? [],
      pathIds: draft.pathIds ?? [],
      sources: rule.sources.map((id) => SOURCES[id].url),
    };
    if (draft.fix) finding.fix = renderFix(draft.fix.summary, draft.fix.actions, context.topology, context.rbac.catalog);
    findings.push(finding);
  }
  return findings;
}

/**
 * Analyses an estate: resolves every access path, runs every rule, and links findings to the paths they
 * explain. The one entry point both the browser app and the CLI call.
 */
export function analyze(estate: Estate, options: { rules?: readonly Rule[] } = {}): Analysis {
  const context = createAnalysisContext(estate);
  const paths = resolvePaths(context);
  const ruleContext = createRuleContext(context, paths);
  const findings = (options.rules ?? RULES).flatMap((rule) => runRule(rule, ruleContext));
  findings.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.id.localeCompare(b.id),
  );

  const pathById = new Map(paths.map((p) => [p.id, p]));
  for (const finding of findings) {
    for (const pathId of finding.pathIds) pathById.get(pathId)?.findingIds.push(finding.id);
  }

  const summary: Analysis['summary'] = { findings: { error: 0, warning: 0, info: 0 }, paths: {} };
  for (const finding of findings) summary.findings[finding.severity]++;
  for (const path of paths) summary.paths[path.status] = (summary.paths[path.status] ?? 0) + 1;
  return { findings, paths, automaticAssignments: context.automaticGrants.map((g) => g.assignment), summary };
}
